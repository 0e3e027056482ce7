// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {OperatorSet, OperatorSetLib} from "../libraries/OperatorSetLib.sol";
import {PauseControl} from "../mixins/PauseControl.sol";

/// @title SlashingCoordinator
/// @notice The single entry point for slashes, and the buckets of slashed funds. See `ISlashingCoordinator`.
contract SlashingCoordinator is ISlashingCoordinator, UUPSUpgradeable, PauseControl, ReentrancyGuardTransient {
    using OperatorSetLib for OperatorSet;

    // ------------------------------------------------------------------ storage

    /// @custom:storage-location erc7201:palisade.storage.SlashingCoordinator
    struct SlashingCoordinatorStorage {
        /// @dev The id of the next slash, minus one: 0 in a fresh slot means the next slash is slash 1.
        uint256 slashCount;
        /// @dev Burning sets' strategy shares slashed and not burned yet, per (set, strategy). They are part of the
        /// strategy's total shares, backed by its tokens, and owned by no position.
        mapping(bytes32 setKey => mapping(IStrategy strategy => uint256)) buckets;
        /// @dev Retired: redistribution recipients now live in the AVS registry, with the slasher they change with.
        /// Never written by this version; kept so that the members after it keep their slots.
        mapping(bytes32 setKey => address) retiredRecipients;
        /// @dev Seconds a redistributed slash stays in escrow.
        uint32 escrowDelay;
        /// @dev Redistributing sets' slashed shares, per (set, strategy, recipient in force at the slash), with the
        /// end of their escrow.
        mapping(bytes32 setKey => mapping(IStrategy strategy => mapping(address recipient => EscrowedBucket))) escrows;
    }

    /// @dev A redistributing set's bucket, in one slot: the shares, and the first second they can be released. The
    /// shares fit 208 bits: each slash adds less than an operator's delegated and queued stake, itself within the
    /// StrategyManager's 168-bit scaled shares, so filling 208 bits would take 2^39 slashes at the largest stake.
    struct EscrowedBucket {
        uint208 shares;
        uint48 releasableAt;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.SlashingCoordinator")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SLASHING_COORDINATOR_STORAGE =
        0x2933831ee7da938eaa99c45881e868b10dadd3adcb418adea233ee7b7b51be00;

    uint256 private constant WAD = 1e18;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc ISlashingCoordinator
    uint8 public constant PAUSE_SLASHING = 0;
    /// @inheritdoc ISlashingCoordinator
    uint8 public constant PAUSE_RELEASE = 1;
    /// @inheritdoc ISlashingCoordinator
    uint8 public constant PAUSE_REDISTRIBUTION = 2;
    /// @inheritdoc ISlashingCoordinator
    uint32 public constant MIN_ESCROW_DELAY = 1 minutes;
    /// @inheritdoc ISlashingCoordinator
    uint32 public constant MAX_ESCROW_DELAY = 30 days;
    /// @inheritdoc ISlashingCoordinator
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    /// @inheritdoc ISlashingCoordinator
    address public immutable avsRegistry;
    /// @inheritdoc ISlashingCoordinator
    address public immutable allocationManager;
    /// @inheritdoc ISlashingCoordinator
    address public immutable strategyManager;
    /// @inheritdoc ISlashingCoordinator
    address public immutable withdrawalQueue;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address avsRegistry_, address allocationManager_, address strategyManager_, address withdrawalQueue_) {
        avsRegistry = avsRegistry_;
        allocationManager = allocationManager_;
        strategyManager = strategyManager_;
        withdrawalQueue = withdrawalQueue_;
        _disableInitializers();
    }

    /// @notice Sets the owner, the pauser and the escrow of redistributed funds behind the proxy.
    function initialize(address initialOwner, address initialPauser, uint32 escrowDelay_) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
        _setEscrowDelay(escrowDelay_);
    }

    // ------------------------------------------------------------------ slashers

    /// @inheritdoc ISlashingCoordinator
    function slash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external nonReentrant whenNotPaused(PAUSE_SLASHING) returns (uint256 slashId, uint256[] memory sharesSlashed) {
        uint256 count = strategies.length;
        if (count == 0) revert NoStrategies();
        if (wads.length != count) revert LengthMismatch(count, wads.length);
        for (uint256 i; i < count; ++i) {
            if (wads[i] == 0 || wads[i] > WAD) revert InvalidWad(strategies[i], wads[i]);
        }
        address recipient = IAVSRegistry(avsRegistry).checkSlash(operator, operatorSet, msg.sender, strategies);

        (uint32 operatorId, IAllocationManager.SlashedMagnitude[] memory slashed) = IAllocationManager(
            allocationManager
        ).slash(operator, operatorSet, strategies, wads);

        SlashingCoordinatorStorage storage $ = _storage();
        // Cannot overflow: one slash per transaction at most 2^256 times.
        unchecked {
            slashId = ++$.slashCount;
        }
        emit OperatorSlashed(slashId, operator, operatorSet.avs, operatorSet.id, description);

        bytes32 setKey = operatorSet.key();
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years. Read only for a
        // redistributing set.
        uint48 escrowEnd = recipient == address(0) ? 0 : uint48(block.timestamp + $.escrowDelay);
        sharesSlashed = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            IAllocationManager.SlashedMagnitude memory s = slashed[i];
            if (s.slashedMagnitude != 0) {
                // Every scaled share of the operator, delegated or in a withdrawal maturing after now, was worth
                // `scaled * max / WAD` and is now worth `scaled * (max - slashed) / WAD`: the difference goes to the
                // bucket. Rounded down, so that the bucket and what the stakers' rounded-down shares are worth
                // never add up to more than the strategy holds.
                uint256 queued = IWithdrawalQueue(withdrawalQueue).advanceQueuedHistory(operatorId, strategies[i]);
                uint256 shares = Math.mulDiv(s.delegatedScaledShares + queued, s.slashedMagnitude, WAD);
                sharesSlashed[i] = shares;
                if (recipient == address(0)) {
                    $.buckets[setKey][strategies[i]] += shares;
                } else {
                    _escrow($, setKey, strategies[i], recipient, shares, escrowEnd, slashId);
                }
            }
            emit StrategySlashed(
                slashId,
                strategies[i],
                wads[i],
                s.allocationBefore,
                s.slashedMagnitude,
                s.maxMagnitudeBefore,
                sharesSlashed[i]
            );
        }
    }

    // ------------------------------------------------------------------ anyone

    /// @inheritdoc ISlashingCoordinator
    function releaseSlashedFunds(
        OperatorSet calldata operatorSet,
        IStrategy strategy,
        address recipient
    ) external nonReentrant returns (address paidTo, uint256 amount) {
        SlashingCoordinatorStorage storage $ = _storage();
        bytes32 setKey = operatorSet.key();
        uint256 shares;
        if (recipient == address(0)) {
            _requireNotPaused(PAUSE_RELEASE);
            mapping(IStrategy => uint256) storage buckets = $.buckets[setKey];
            shares = buckets[strategy];
            if (shares == 0) revert NothingToRelease(operatorSet.avs, operatorSet.id, strategy, recipient);
            delete buckets[strategy];
            paidTo = BURN_ADDRESS;
        } else {
            _requireNotPaused(PAUSE_REDISTRIBUTION);
            mapping(address => EscrowedBucket) storage escrows = $.escrows[setKey][strategy];
            EscrowedBucket memory escrowed = escrows[recipient];
            if (escrowed.shares == 0) revert NothingToRelease(operatorSet.avs, operatorSet.id, strategy, recipient);
            if (block.timestamp < escrowed.releasableAt) {
                revert EscrowNotOver(
                    operatorSet.avs,
                    operatorSet.id,
                    strategy,
                    recipient,
                    escrowed.releasableAt,
                    block.timestamp
                );
            }
            shares = escrowed.shares;
            delete escrows[recipient];
            paidTo = recipient;
        }
        amount = IStrategyManager(strategyManager).withdrawSharesAsTokens(strategy, paidTo, shares);
        emit SlashedFundsReleased(operatorSet.avs, operatorSet.id, strategy, paidTo, shares, amount);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc ISlashingCoordinator
    function setEscrowDelay(uint32 delay) external onlyOwner {
        _setEscrowDelay(delay);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISlashingCoordinator
    function nextSlashId() external view returns (uint256) {
        return _storage().slashCount + 1;
    }

    /// @inheritdoc ISlashingCoordinator
    function escrowDelay() external view returns (uint32) {
        return _storage().escrowDelay;
    }

    /// @inheritdoc ISlashingCoordinator
    function bucket(
        OperatorSet calldata operatorSet,
        IStrategy strategy,
        address recipient
    ) external view returns (uint256 shares, uint48 releasableAt) {
        SlashingCoordinatorStorage storage $ = _storage();
        bytes32 setKey = operatorSet.key();
        if (recipient == address(0)) return ($.buckets[setKey][strategy], 0);
        EscrowedBucket memory escrowed = $.escrows[setKey][strategy][recipient];
        return (escrowed.shares, escrowed.releasableAt);
    }

    // ------------------------------------------------------------------ internal

    /// @dev Adds `shares` to `recipient`'s escrowed bucket of `strategy` in the set, held until `escrowEnd` at the
    /// earliest: a later slash holds the whole bucket longer, never shorter.
    function _escrow(
        SlashingCoordinatorStorage storage $,
        bytes32 setKey,
        IStrategy strategy,
        address recipient,
        uint256 shares,
        uint48 escrowEnd,
        uint256 slashId
    ) private {
        EscrowedBucket storage stored = $.escrows[setKey][strategy][recipient];
        EscrowedBucket memory escrowed = stored;
        uint48 releasableAt = escrowed.releasableAt > escrowEnd ? escrowed.releasableAt : escrowEnd;
        stored.shares = SafeCast.toUint208(escrowed.shares + shares);
        stored.releasableAt = releasableAt;
        emit SlashedFundsEscrowed(slashId, strategy, recipient, shares, releasableAt);
    }

    function _setEscrowDelay(uint32 delay) private {
        if (delay < MIN_ESCROW_DELAY || delay > MAX_ESCROW_DELAY) {
            revert EscrowDelayOutOfBounds(delay, MIN_ESCROW_DELAY, MAX_ESCROW_DELAY);
        }
        SlashingCoordinatorStorage storage $ = _storage();
        emit EscrowDelaySet($.escrowDelay, delay);
        $.escrowDelay = delay;
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_SLASHING) | (1 << PAUSE_RELEASE) | (1 << PAUSE_REDISTRIBUTION);
    }

    /// @dev See `ISlashingCoordinator`: a pause of slashing lets windows run out, so only governance may order it.
    function _ownerOnlyPauseFlags() internal pure override returns (uint256) {
        return 1 << PAUSE_SLASHING;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (SlashingCoordinatorStorage storage $) {
        assembly ("memory-safe") {
            $.slot := SLASHING_COORDINATOR_STORAGE
        }
    }
}
