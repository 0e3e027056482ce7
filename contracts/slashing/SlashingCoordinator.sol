// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
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
        /// @dev Strategy shares slashed and not released yet, per (set, strategy). They are part of the strategy's
        /// total shares, backed by its tokens, and owned by no position.
        mapping(bytes32 setKey => mapping(IStrategy strategy => uint256)) buckets;
        /// @dev Redistributing sets' recipients, fixed at the set's creation; none means burn.
        mapping(bytes32 setKey => address) recipients;
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

    /// @notice Sets the owner and the pauser behind the proxy.
    function initialize(address initialOwner, address initialPauser) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
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
        IAVSRegistry(avsRegistry).checkSlash(operator, operatorSet, msg.sender, strategies);

        (uint32 operatorId, IAllocationManager.SlashedMagnitude[] memory slashed) = IAllocationManager(
            allocationManager
        ).slash(operator, operatorSet, strategies, wads);

        SlashingCoordinatorStorage storage $ = _storage();
        // Cannot overflow: one slash per transaction at most 2^256 times.
        unchecked {
            slashId = ++$.slashCount;
        }
        emit OperatorSlashed(slashId, operator, operatorSet.avs, operatorSet.id, description);

        mapping(IStrategy => uint256) storage buckets = $.buckets[operatorSet.key()];
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
                buckets[strategies[i]] += shares;
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
        IStrategy strategy
    ) external nonReentrant whenNotPaused(PAUSE_RELEASE) returns (address recipient, uint256 amount) {
        SlashingCoordinatorStorage storage $ = _storage();
        bytes32 setKey = operatorSet.key();
        mapping(IStrategy => uint256) storage buckets = $.buckets[setKey];
        uint256 shares = buckets[strategy];
        if (shares == 0) revert NothingToRelease(operatorSet.avs, operatorSet.id, strategy);
        delete buckets[strategy];

        recipient = $.recipients[setKey];
        if (recipient == address(0)) recipient = BURN_ADDRESS;
        amount = IStrategyManager(strategyManager).withdrawSharesAsTokens(strategy, recipient, shares);
        emit SlashedFundsReleased(operatorSet.avs, operatorSet.id, strategy, recipient, shares, amount);
    }

    // ------------------------------------------------------------------ AVS registry

    /// @inheritdoc ISlashingCoordinator
    function setRedistributionRecipient(OperatorSet calldata operatorSet, address recipient) external {
        if (msg.sender != avsRegistry) revert OnlyAVSRegistry(msg.sender);
        _storage().recipients[operatorSet.key()] = recipient;
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISlashingCoordinator
    function redistributionRecipient(OperatorSet calldata operatorSet) external view returns (address) {
        return _storage().recipients[operatorSet.key()];
    }

    /// @inheritdoc ISlashingCoordinator
    function nextSlashId() external view returns (uint256) {
        return _storage().slashCount + 1;
    }

    /// @inheritdoc ISlashingCoordinator
    function slashedShares(OperatorSet calldata operatorSet, IStrategy strategy) external view returns (uint256) {
        return _storage().buckets[operatorSet.key()][strategy];
    }

    // ------------------------------------------------------------------ internal

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_SLASHING) | (1 << PAUSE_RELEASE);
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (SlashingCoordinatorStorage storage $) {
        assembly ("memory-safe") {
            $.slot := SLASHING_COORDINATOR_STORAGE
        }
    }
}
