// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {ExitWindow} from "../libraries/ExitWindow.sol";
import {QueueHistory} from "../libraries/QueueHistory.sol";
import {ScaledShares} from "../libraries/ScaledShares.sol";
import {PauseControl} from "../mixins/PauseControl.sol";

/// @title WithdrawalQueue
/// @notice Queued withdrawals and their completion. See `IWithdrawalQueue`.
contract WithdrawalQueue is IWithdrawalQueue, UUPSUpgradeable, PauseControl, ReentrancyGuardTransient {
    using QueueHistory for QueueHistory.History;

    // ------------------------------------------------------------------ storage

    /// @dev A pending withdrawal, in one slot: its root's first 26 bytes and its maturity. A zero maturity means
    /// none (never queued, or completed). 208 bits of a keccak hash leave finding another withdrawal with the same
    /// prefix for the same (staker, nonce) far beyond reach.
    struct Entry {
        bytes26 rootPrefix;
        uint48 maturity;
    }

    /// @custom:storage-location erc7201:palisade.storage.WithdrawalQueue
    struct WithdrawalQueueStorage {
        uint32 withdrawalDelay;
        /// @dev The nonce of each staker's next withdrawal. No pointer to the oldest pending one is kept: keeping it
        /// would cost every completion a storage write, for the benefit of an off-chain view only.
        mapping(address staker => uint256) nextNonces;
        mapping(address staker => mapping(uint256 nonce => Entry)) entries;
        /// @dev Per (operator, strategy): scaled shares queued out of the operator's stake, cumulated over
        /// withdrawals in order of maturity. Maturities never decrease (see `_record`), so a slash finds the queued
        /// stake it still reaches in constant gas (`QueueHistory.advance`).
        mapping(uint32 operatorId => mapping(IStrategy strategy => QueueHistory.History)) queuedHistory;
        /// @dev No withdrawal queued from now on matures before this time: the latest maturity promised under a
        /// longer delay, kept when governance shortens the delay (see `_setWithdrawalDelay`).
        uint48 maturityFloor;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.WithdrawalQueue")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant WITHDRAWAL_QUEUE_STORAGE =
        0x87cb300d75f9fe585c13bc55d73a4397527caf8eaefaae92680fdc912b18b200;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IWithdrawalQueue
    uint32 public constant MIN_WITHDRAWAL_DELAY = 1 minutes;
    /// @inheritdoc IWithdrawalQueue
    uint32 public constant MAX_WITHDRAWAL_DELAY = 30 days;
    /// @inheritdoc IWithdrawalQueue
    uint8 public constant PAUSE_QUEUE = 0;
    /// @inheritdoc IWithdrawalQueue
    uint8 public constant PAUSE_COMPLETION = 1;

    /// @inheritdoc IWithdrawalQueue
    address public immutable strategyManager;
    /// @inheritdoc IWithdrawalQueue
    address public immutable operatorRegistry;
    /// @inheritdoc IWithdrawalQueue
    address public immutable avsRegistry;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address strategyManager_, address operatorRegistry_, address avsRegistry_) {
        strategyManager = strategyManager_;
        operatorRegistry = operatorRegistry_;
        avsRegistry = avsRegistry_;
        _disableInitializers();
    }

    /// @notice Sets the owner, the pauser and the withdrawal delay behind the proxy.
    function initialize(address initialOwner, address initialPauser, uint32 delay) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
        _setWithdrawalDelay(delay);
    }

    // ------------------------------------------------------------------ stakers

    /// @inheritdoc IWithdrawalQueue
    function queueWithdrawals(
        QueueRequest[] calldata requests
    ) external nonReentrant whenNotPaused(PAUSE_QUEUE) returns (bytes32[] memory roots) {
        WithdrawalQueueStorage storage $ = _storage();
        IStrategyManager manager = IStrategyManager(strategyManager);
        roots = new bytes32[](requests.length);
        for (uint256 i; i < requests.length; ++i) {
            QueueRequest calldata request = requests[i];
            uint256 count = request.strategies.length;
            if (count == 0) revert EmptyWithdrawal();
            if (request.shares.length != count) revert LengthMismatch(count, request.shares.length);

            uint256[] memory scaled = new uint256[](count);
            // Every position of a staker carries the staker's operator id, so all calls answer the same id.
            uint32 operatorId;
            for (uint256 j; j < count; ++j) {
                (scaled[j], operatorId) = manager.removeShares(msg.sender, request.strategies[j], request.shares[j]);
            }
            roots[i] = _record($, msg.sender, operatorId, request.strategies, scaled);
        }
    }

    /// @inheritdoc IWithdrawalQueue
    function completeWithdrawal(
        Withdrawal calldata withdrawal,
        bool asTokens,
        address receiver
    ) external nonReentrant whenNotPaused(PAUSE_COMPLETION) returns (uint256[] memory shares) {
        return _complete(_storage(), withdrawal, asTokens, receiver);
    }

    /// @inheritdoc IWithdrawalQueue
    function completeWithdrawals(
        Withdrawal[] calldata withdrawals,
        bool[] calldata asTokens,
        address receiver
    ) external nonReentrant whenNotPaused(PAUSE_COMPLETION) {
        if (withdrawals.length != asTokens.length) revert LengthMismatch(withdrawals.length, asTokens.length);
        WithdrawalQueueStorage storage $ = _storage();
        for (uint256 i; i < withdrawals.length; ++i) {
            _complete($, withdrawals[i], asTokens[i], receiver);
        }
    }

    // ------------------------------------------------------------------ operator registry

    /// @inheritdoc IWithdrawalQueue
    function queueUndelegation(
        address staker,
        uint32 operatorId,
        IStrategy[] calldata strategies,
        uint256[] calldata scaledShares
    ) external nonReentrant whenNotPaused(PAUSE_QUEUE) returns (bytes32 root) {
        if (msg.sender != operatorRegistry) revert OnlyOperatorRegistry(msg.sender);
        if (scaledShares.length != strategies.length) revert LengthMismatch(strategies.length, scaledShares.length);
        return _record(_storage(), staker, operatorId, strategies, scaledShares);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IWithdrawalQueue
    function setWithdrawalDelay(uint32 delay) external onlyOwner {
        _setWithdrawalDelay(delay);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IWithdrawalQueue
    function withdrawalDelay() external view returns (uint32) {
        WithdrawalQueueStorage storage $ = _storage();
        return ExitWindow.delayAt($.withdrawalDelay, $.maturityFloor, block.timestamp);
    }

    /// @inheritdoc IWithdrawalQueue
    function delayParameters() external view returns (uint32 delay, uint48 maturityFloor) {
        WithdrawalQueueStorage storage $ = _storage();
        return ($.withdrawalDelay, $.maturityFloor);
    }

    /// @inheritdoc IWithdrawalQueue
    function withdrawalRoot(Withdrawal calldata withdrawal) public pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    /// @inheritdoc IWithdrawalQueue
    function isPending(Withdrawal calldata withdrawal) external view returns (bool) {
        Entry memory entry = _storage().entries[withdrawal.staker][withdrawal.nonce];
        return entry.maturity != 0 && entry.rootPrefix == bytes26(withdrawalRoot(withdrawal));
    }

    /// @inheritdoc IWithdrawalQueue
    function pendingWithdrawals(address staker) external view returns (PendingWithdrawal[] memory pending) {
        WithdrawalQueueStorage storage $ = _storage();
        uint256 count = $.nextNonces[staker];
        mapping(uint256 => Entry) storage entries = $.entries[staker];
        pending = new PendingWithdrawal[](count);
        uint256 found;
        for (uint256 nonce; nonce < count; ++nonce) {
            Entry memory entry = entries[nonce];
            if (entry.maturity == 0) continue;
            pending[found++] = PendingWithdrawal({
                // Safe cast: nonces are below `nextNonces`, which `_record` keeps within 64 bits.
                nonce: uint64(nonce),
                maturity: entry.maturity,
                rootPrefix: entry.rootPrefix
            });
        }
        // Trim the array to the entries found.
        assembly ("memory-safe") {
            mstore(pending, found)
        }
    }

    /// @inheritdoc IWithdrawalQueue
    function previewCompletion(
        Withdrawal calldata withdrawal
    ) external view returns (uint256[] memory shares, uint256[] memory tokens) {
        _requirePending(_storage(), withdrawal);
        shares = _sharesAtMaturity(withdrawal);
        tokens = new uint256[](shares.length);
        for (uint256 i; i < shares.length; ++i) {
            tokens[i] = withdrawal.strategies[i].sharesToUnderlying(shares[i]);
        }
    }

    /// @inheritdoc IWithdrawalQueue
    function cumulativeQueuedScaledShares(
        uint32 operatorId,
        IStrategy strategy,
        uint48 timestamp
    ) external view returns (uint256) {
        return _storage().queuedHistory[operatorId][strategy].cumulativeAt(timestamp);
    }

    /// @inheritdoc IWithdrawalQueue
    function queuedScaledSharesMaturingAfter(
        uint32 operatorId,
        IStrategy strategy,
        uint48 timestamp
    ) external view returns (uint256) {
        return _storage().queuedHistory[operatorId][strategy].queuedAfter(timestamp);
    }

    // ------------------------------------------------------------------ slashing

    /// @inheritdoc IWithdrawalQueue
    function advanceQueuedHistory(uint32 operatorId, IStrategy strategy) external returns (uint256) {
        // Anyone may call it: it only moves a search hint forward to where time already is.
        return _storage().queuedHistory[operatorId][strategy].advance();
    }

    // ------------------------------------------------------------------ internal

    /// @dev Records a withdrawal of `scaled` shares of `strategies`, already debited from `staker` (and from
    /// `operatorId`'s stake), and returns its root.
    ///
    /// Maturity is `ExitWindow.endAt`: now plus the delay, and never before the floor a shortened delay left. It
    /// never decreases from one withdrawal to the next, whatever governance does, so each history's keys never
    /// decrease and every window promised before a change of the delay stays as promised.
    function _record(
        WithdrawalQueueStorage storage $,
        address staker,
        uint32 operatorId,
        IStrategy[] calldata strategies,
        uint256[] memory scaled
    ) private returns (bytes32 root) {
        uint48 maturity = ExitWindow.endAt($.withdrawalDelay, $.maturityFloor, block.timestamp);
        if (operatorId != 0) {
            mapping(IStrategy => QueueHistory.History) storage histories = $.queuedHistory[operatorId];
            for (uint256 i; i < strategies.length; ++i) {
                histories[strategies[i]].push(maturity, scaled[i]);
            }
        }

        uint256 nonce = $.nextNonces[staker];
        // Cannot overflow, and stays within 64 bits: 2^64 withdrawals by one staker would cost more gas than any
        // chain will ever burn.
        unchecked {
            $.nextNonces[staker] = nonce + 1;
        }
        Withdrawal memory withdrawal = Withdrawal({
            staker: staker,
            operatorId: operatorId,
            maturity: maturity,
            nonce: uint64(nonce),
            strategies: strategies,
            scaledShares: scaled
        });
        root = keccak256(abi.encode(withdrawal));
        $.entries[staker][nonce] = Entry({rootPrefix: bytes26(root), maturity: maturity});
        emit WithdrawalQueued(root, staker, withdrawal);
    }

    /// @dev Checks, then forgets the withdrawal, then pays it: a token callback during payment finds it completed.
    function _complete(
        WithdrawalQueueStorage storage $,
        Withdrawal calldata withdrawal,
        bool asTokens,
        address receiver
    ) private returns (uint256[] memory shares) {
        address staker = withdrawal.staker;
        if (msg.sender != staker) revert NotWithdrawalStaker(msg.sender, staker);
        if (asTokens && receiver == address(0)) revert InvalidReceiver();
        bytes32 root = _requirePending($, withdrawal);
        if (block.timestamp < withdrawal.maturity) {
            revert WithdrawalNotMature(root, withdrawal.maturity, block.timestamp);
        }

        delete $.entries[staker][withdrawal.nonce];

        shares = _sharesAtMaturity(withdrawal);
        IStrategyManager manager = IStrategyManager(strategyManager);
        for (uint256 i; i < shares.length; ++i) {
            // Shares slashed to nothing pay nothing; skipping them keeps a worthless leg from blocking the rest.
            if (shares[i] == 0) continue;
            if (asTokens) manager.withdrawSharesAsTokens(withdrawal.strategies[i], receiver, shares[i]);
            else manager.addShares(staker, withdrawal.strategies[i], shares[i]);
        }
        emit WithdrawalCompleted(root, staker, asTokens, asTokens ? receiver : staker);
    }

    /// @dev The root of `withdrawal`, which must be pending.
    function _requirePending(
        WithdrawalQueueStorage storage $,
        Withdrawal calldata withdrawal
    ) private view returns (bytes32 root) {
        root = withdrawalRoot(withdrawal);
        Entry memory entry = $.entries[withdrawal.staker][withdrawal.nonce];
        if (entry.maturity == 0 || entry.rootPrefix != bytes26(root)) revert WithdrawalNotPending(root);
    }

    /// @dev Strategy shares `withdrawal` pays: its scaled shares at its operator's factor just before maturity,
    /// rounded down. A slash in the second of maturity does not reach it, as the withdrawal can complete then.
    function _sharesAtMaturity(Withdrawal calldata withdrawal) private view returns (uint256[] memory shares) {
        // The arrays have one length: the withdrawal matches a root, and only withdrawals with paired arrays are
        // ever recorded (`queueWithdrawals` and `queueUndelegation` check).
        uint256 count = withdrawal.strategies.length;
        shares = new uint256[](count);
        uint32 operatorId = withdrawal.operatorId;
        IStrategyManager manager = IStrategyManager(strategyManager);
        for (uint256 i; i < count; ++i) {
            uint256 factor =
                operatorId == 0
                    ? ScaledShares.WAD
                    : manager.slashingFactorAt(operatorId, withdrawal.strategies[i], withdrawal.maturity - 1);
            shares[i] = ScaledShares.toSharesDown(withdrawal.scaledShares[i], factor);
        }
    }

    /// @dev Sets the delay of withdrawals queued from now on. A shorter delay would let a withdrawal queued now mature
    /// before one queued a moment ago, and before windows promised under the old delay close (an operator's
    /// slashable-until time, a pending veto request): the latest maturity promised so far becomes a floor under every
    /// later one, so the exit window in force glides down to the new delay as time passes rather than dropping. The
    /// AVS registry, which dates slashable windows and exposure increases, receives both numbers in the same call.
    function _setWithdrawalDelay(uint32 delay) private {
        if (delay < MIN_WITHDRAWAL_DELAY || delay > MAX_WITHDRAWAL_DELAY) {
            revert WithdrawalDelayOutOfBounds(delay, MIN_WITHDRAWAL_DELAY, MAX_WITHDRAWAL_DELAY);
        }
        WithdrawalQueueStorage storage $ = _storage();
        uint32 previous = $.withdrawalDelay;
        uint48 floor = ExitWindow.endAt(previous, $.maturityFloor, block.timestamp);
        // A fresh queue (no delay yet) has promised nothing.
        if (previous == 0) floor = 0;
        $.withdrawalDelay = delay;
        $.maturityFloor = floor;
        emit WithdrawalDelaySet(previous, delay, floor);
        IAVSRegistry(avsRegistry).syncExitWindow(delay, floor);
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_QUEUE) | (1 << PAUSE_COMPLETION);
    }

    /// @dev Queueing is how a staker answers an increase of its exposure (an allocation, a new slasher) before it
    /// takes effect; a pauser able to stop it could hold stakers in place until the increase lands.
    function _ownerOnlyPauseFlags() internal pure override returns (uint256) {
        return 1 << PAUSE_QUEUE;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (WithdrawalQueueStorage storage $) {
        assembly ("memory-safe") {
            $.slot := WITHDRAWAL_QUEUE_STORAGE
        }
    }
}
