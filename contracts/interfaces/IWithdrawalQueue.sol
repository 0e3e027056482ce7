// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IWithdrawalQueue
/// @notice The only way stake leaves the StrategyManager: queued, then completed after an exact delay.
///
/// Queueing debits the staker's positions (and its operator's delegated stake) at once and records one withdrawal
/// per request. The queue stores only what completion and slashing need: per withdrawal one slot (the root's first
/// 26 bytes and the maturity time), per (operator, strategy) a cumulative history of queued scaled shares keyed by
/// maturity. Everything else is in the `WithdrawalQueued` event; the staker resupplies the `Withdrawal` at
/// completion and it is checked against the root.
///
/// Queued stake stays slashable: a withdrawal holds scaled shares of the operator it left, and is paid at that
/// operator's slashing factor as it was just before maturity, so every slash before maturity reaches it and none
/// after. Completion as tokens sends the tokens to a receiver the staker names; completion as shares credits them
/// back to the staker, delegated to its current operator.
///
/// The delay is a governance parameter within [`MIN_WITHDRAWAL_DELAY`, `MAX_WITHDRAWAL_DELAY`]; a withdrawal keeps
/// the maturity it was queued with. Windows only grow (guarantee 10): when governance shortens the delay, no
/// withdrawal queued afterwards matures before the latest maturity promised until then (`delayParameters`'
/// `maturityFloor`), so the delay in force (`withdrawalDelay`) glides down to the new value one second per second.
/// Maturities never decrease from one withdrawal to the next (`ExitWindow`).
/// @dev Pause bits: `PAUSE_QUEUE` (queueing, including undelegations; owner only, because queueing is how a staker
/// answers an announced increase of its exposure) and `PAUSE_COMPLETION` (pauser or owner).
interface IWithdrawalQueue is IPauseControl {
    /// @notice A queued withdrawal, as hashed into its root.
    /// @param staker Whose stake it is; only the staker completes it.
    /// @param operatorId The operator the stake was delegated to when queued (0: none), whose slashes reach it.
    /// @param maturity The first second at which it can be completed.
    /// @param nonce Its index among the staker's withdrawals.
    /// @param strategies The strategies withdrawn from.
    /// @param scaledShares The scaled shares withdrawn from each, at `operatorId`'s factors.
    struct Withdrawal {
        address staker;
        uint32 operatorId;
        uint48 maturity;
        uint64 nonce;
        IStrategy[] strategies;
        uint256[] scaledShares;
    }

    /// @notice A staker's request: withdraw `shares` withdrawable shares from each of `strategies`.
    struct QueueRequest {
        IStrategy[] strategies;
        uint256[] shares;
    }

    /// @notice A withdrawal that has not been completed, as `pendingWithdrawals` lists it.
    struct PendingWithdrawal {
        uint64 nonce;
        uint48 maturity;
        bytes26 rootPrefix;
    }

    /// @notice Withdrawal {root} can be completed from {maturesAt:time}.
    /// @custom:title The withdrawal is not mature yet
    /// @custom:hint Wait until {maturesAt:date|it matures} and complete it again.
    /// @custom:argument withdrawal
    error WithdrawalNotMature(bytes32 root, uint256 maturesAt, uint256 currentTime);
    /// @notice No pending withdrawal has root {root}: it was never queued, it was completed already, or the withdrawal
    /// given differs from the one queued.
    /// @dev No pending withdrawal has root `root`: it was never queued, or it was completed already.
    /// @custom:title The withdrawal is not pending
    /// @custom:hint Check the staker's pending withdrawals and pass the withdrawal exactly as its `WithdrawalQueued`
    /// event recorded it.
    /// @custom:argument withdrawal
    error WithdrawalNotPending(bytes32 root);
    /// @notice {caller} may not complete a withdrawal of {staker}: only the staker can.
    /// @custom:title Only the staker can complete its withdrawal
    /// @custom:hint Complete it from the staker's account.
    /// @custom:argument withdrawal
    error NotWithdrawalStaker(address caller, address staker);
    /// @notice A withdrawal request names no strategy.
    /// @custom:title The withdrawal request names no strategy
    /// @custom:hint Name at least one strategy, with the shares to withdraw from it.
    /// @custom:argument strategies
    error EmptyWithdrawal();
    /// @notice Lists that go in pairs differ in length: {strategies} strategies (or withdrawals) but {amounts} amounts,
    /// magnitudes, fractions or flags.
    /// @dev Arrays that go in pairs differ in length: `strategies` strategies but `amounts` amounts (in a request or
    /// `queueUndelegation`), or `strategies` withdrawals but `amounts` flags (in `completeWithdrawals`).
    /// @custom:title Paired lists differ in length
    /// @custom:hint Pass one entry per strategy: shares when withdrawing, magnitudes when allocating, wads when
    /// slashing, and one `asTokens` flag per withdrawal completed.
    /// @custom:argument strategies
    error LengthMismatch(uint256 strategies, uint256 amounts);
    /// @notice A withdrawal completed as tokens needs a receiver, and the zero address is not one.
    /// @custom:title Tokens cannot be sent to the zero address
    /// @custom:hint Pass the address that should receive the tokens, or complete the withdrawal as shares.
    /// @custom:argument receiver
    error InvalidReceiver();
    /// @notice A withdrawal delay of {delay:duration} lies outside the allowed range of {min:duration} to
    /// {max:duration}.
    /// @custom:title The withdrawal delay is out of bounds
    /// @custom:hint Only the contract's owner (governance) can do this; check the value and send it from the owner.
    /// @custom:argument delay
    error WithdrawalDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    /// @notice Only the OperatorRegistry may call this function (delegation and undelegation go through it); {caller}
    /// is not it.
    /// @custom:title Only the OperatorRegistry may call this
    /// @custom:hint Delegate and undelegate through the OperatorRegistry.
    error OnlyOperatorRegistry(address caller);

    /// @notice `staker` queued the withdrawal `withdrawal`, whose root is `root`. Keep `withdrawal`: completing
    /// needs it.
    event WithdrawalQueued(bytes32 indexed root, address indexed staker, Withdrawal withdrawal);
    /// @notice Withdrawal `root` of `staker` completed, as tokens to `receiver` or, if `asTokens` is false, as shares
    /// to the staker. The amounts paid per strategy are in the StrategyManager's `SharesWithdrawnAsTokens` or
    /// `SharesAdded` events of the same transaction.
    event WithdrawalCompleted(bytes32 indexed root, address indexed staker, bool asTokens, address receiver);
    /// @notice Governance changed the withdrawal delay from `previousDelay` to `delay` seconds; no withdrawal queued
    /// from now on matures before `maturityFloor` (the latest maturity promised under the previous delay).
    event WithdrawalDelaySet(uint32 previousDelay, uint32 delay, uint48 maturityFloor);

    // ------------------------------------------------------------------ stakers

    /// @notice Queues one withdrawal per request, debiting the caller's positions now.
    /// @dev Amounts are withdrawable shares (`StrategyManager.withdrawableShares`); asking for a position's whole
    /// value takes the whole position, as does any amount that would leave a remainder worth no share. Reverts if
    /// queueing is paused (`ActionPaused`), a request is empty (`EmptyWithdrawal`) or its arrays differ in length
    /// (`LengthMismatch`), an amount is zero (`ZeroShares`) or a position holds less than asked
    /// (`InsufficientShares`).
    /// @return roots The withdrawals' roots, in the order of `requests`.
    function queueWithdrawals(QueueRequest[] calldata requests) external returns (bytes32[] memory roots);

    /// @notice Completes `withdrawal`, which must be the caller's, pending and mature.
    /// @param asTokens True: burn the shares and send the tokens to `receiver`. False: credit the shares back to the
    /// caller, delegated to its current operator (`receiver` is ignored).
    /// @return shares The strategy shares paid per strategy, at the operator's slashing factor at maturity.
    function completeWithdrawal(
        Withdrawal calldata withdrawal,
        bool asTokens,
        address receiver
    ) external returns (uint256[] memory shares);

    /// @notice Completes several withdrawals of the caller; `asTokens[i]` applies to `withdrawals[i]`.
    function completeWithdrawals(
        Withdrawal[] calldata withdrawals,
        bool[] calldata asTokens,
        address receiver
    ) external;

    // ------------------------------------------------------------------ operator registry

    /// @notice Queues the positions an undelegation took from `staker` as one withdrawal. Operator registry only.
    /// @return root The withdrawal's root.
    function queueUndelegation(
        address staker,
        uint32 operatorId,
        IStrategy[] calldata strategies,
        uint256[] calldata scaledShares
    ) external returns (bytes32 root);

    // ------------------------------------------------------------------ governance

    /// @notice Sets the delay of withdrawals queued from now on. Owner only. A shorter delay applies in full once
    /// the withdrawals and windows promised under the longer one have closed (see above); the AVS registry learns
    /// the new figures in the same call (`IAVSRegistry.syncExitWindow`).
    function setWithdrawalDelay(uint32 delay) external;

    // ------------------------------------------------------------------ views

    /// @notice The shortest withdrawal delay governance may set: one minute (local devnets).
    function MIN_WITHDRAWAL_DELAY() external view returns (uint32);

    /// @notice The longest withdrawal delay governance may set: 30 days.
    function MAX_WITHDRAWAL_DELAY() external view returns (uint32);

    /// @notice The pause bit of queueing (withdrawals and undelegations).
    function PAUSE_QUEUE() external view returns (uint8);

    /// @notice The pause bit of completion.
    function PAUSE_COMPLETION() external view returns (uint8);

    /// @notice The StrategyManager, whose positions the queue debits and credits.
    function strategyManager() external view returns (address);

    /// @notice The operator registry, which queues undelegations.
    function operatorRegistry() external view returns (address);

    /// @notice The AVS registry, told of every change of the delay.
    function avsRegistry() external view returns (address);

    /// @notice Seconds between queueing a withdrawal now and its maturity: the delay in force, at least the
    /// governance delay and more while a shortened delay glides down (`ExitWindow.delayAt`).
    function withdrawalDelay() external view returns (uint32);

    /// @notice The delay governance set, and the floor under maturities it left when it last shortened the delay.
    function delayParameters() external view returns (uint32 delay, uint48 maturityFloor);

    /// @notice The root of `withdrawal`.
    function withdrawalRoot(Withdrawal calldata withdrawal) external pure returns (bytes32);

    /// @notice Whether `withdrawal` is queued and not yet completed.
    function isPending(Withdrawal calldata withdrawal) external view returns (bool);

    /// @notice `staker`'s withdrawals not yet completed, oldest first, with their maturities.
    /// @dev Walks every withdrawal the staker ever queued; meant for off-chain calls.
    function pendingWithdrawals(address staker) external view returns (PendingWithdrawal[] memory);

    /// @notice What completing `withdrawal` would pay, per strategy: strategy shares, and what they are worth in
    /// tokens today. Reverts like `completeWithdrawal` would if it is not pending.
    /// @dev Before maturity, slashes still to come can lower the amounts.
    function previewCompletion(
        Withdrawal calldata withdrawal
    ) external view returns (uint256[] memory shares, uint256[] memory tokens);

    /// @notice Scaled shares of `strategy` queued out of operator `operatorId`'s stake by withdrawals maturing at
    /// or before `timestamp`, cumulated since the first one.
    function cumulativeQueuedScaledShares(
        uint32 operatorId,
        IStrategy strategy,
        uint48 timestamp
    ) external view returns (uint256);

    /// @notice Scaled shares of `strategy` queued out of operator `operatorId`'s stake by withdrawals maturing after
    /// `timestamp`: the queued stake a slash at `timestamp` still reaches.
    function queuedScaledSharesMaturingAfter(
        uint32 operatorId,
        IStrategy strategy,
        uint48 timestamp
    ) external view returns (uint256);

    /// @notice `queuedScaledSharesMaturingAfter(operatorId, strategy, now)`, in constant gas whatever the number of
    /// withdrawals: it moves a cursor past the withdrawals that matured since the last call (which only time can do,
    /// so anyone may call it). The SlashingCoordinator calls it in every slash.
    function advanceQueuedHistory(uint32 operatorId, IStrategy strategy) external returns (uint256);
}
