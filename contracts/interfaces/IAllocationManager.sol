// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IAllocationManager
/// @notice How much of its stake an operator makes slashable by each operator set: allocations, as magnitudes.
///
/// Per (operator, strategy) the operator has a max magnitude, WAD (1e18) until it is first slashed; it is the
/// operator's slashing factor in the StrategyManager, by which every delegated staker's shares are read. Per
/// (operator, set, strategy) the operator allocates a part of it; the allocations of a strategy never sum to more
/// than the max magnitude. A set can slash `allocation / WAD` of the operator's delegated and queued stake: a slash
/// of fraction `w` removes `w * allocation` from both the allocation and the max magnitude, which takes the same
/// fraction of that allocation from every staker at once and leaves every other set's slashable stake as it was.
///
/// Timing:
/// - an increase takes effect after the operator's allocation delay, and never before a staker who reacts in the
///   same block has fully withdrawn: at `ExitWindow.noticeEndAt(now)` at the earliest, one second after a
///   withdrawal queued now matures (guarantee 9). Operators may choose a longer allocation delay, never a shorter
///   one. No further transaction is needed;
/// - a decrease stays slashable until stake that starts leaving now is gone (`ExitWindow.endAt(now)`, the
///   deallocation delay) and then takes effect on its own. The magnitude it frees is allocatable again as soon as
///   it took effect: the operator's next increase of the strategy settles its decreases that took effect first, in
///   the same call, and anyone may settle them earlier (`settleAllocations`);
/// - a decrease in a set where the operator is not slashable now takes effect at once.
/// One change per allocation may be pending at a time, and a strategy may appear once per set in a call.
/// @dev Pause bit: `PAUSE_ALLOCATION`. Slashes go through the SlashingCoordinator, the only caller of `slash`.
interface IAllocationManager is IPauseControl {
    /// @notice An allocation as stored, in one slot.
    /// @param current The magnitude in force (and slashable) before `effectAt`.
    /// @param pending The magnitude in force from `effectAt` on.
    /// @param effectAt When `pending` takes over (0: no change pending).
    struct Allocation {
        uint64 current;
        uint64 pending;
        uint48 effectAt;
    }

    /// @notice New magnitudes for `strategies` in `operatorSet`, one per strategy.
    struct AllocateParams {
        OperatorSet operatorSet;
        IStrategy[] strategies;
        uint64[] magnitudes;
    }

    /// @notice What a slash did to one strategy's magnitudes.
    /// @param allocationBefore The set's slashable magnitude before the slash.
    /// @param slashedMagnitude The magnitude taken, from the allocation and the max magnitude alike.
    /// @param maxMagnitudeBefore The operator's max magnitude before the slash.
    /// @param delegatedScaledShares The operator's delegated stake in scaled shares, which the slash reached.
    struct SlashedMagnitude {
        uint64 allocationBefore;
        uint64 slashedMagnitude;
        uint64 maxMagnitudeBefore;
        uint256 delegatedScaledShares;
    }

    /// @notice Lists that go in pairs differ in length: {strategies} strategies (or withdrawals) but {magnitudes}
    /// amounts, magnitudes, fractions or flags.
    /// @custom:title Paired lists differ in length
    /// @custom:hint Pass one entry per strategy: shares when withdrawing, magnitudes when allocating, wads when
    /// slashing, and one `asTokens` flag per withdrawal completed.
    /// @custom:argument strategies
    error LengthMismatch(uint256 strategies, uint256 magnitudes);
    /// @notice Strategy {strategy} is named more than once for set {setId:id} of AVS {avs} in one allocation change.
    /// @custom:title A strategy is named twice for one set
    /// @custom:hint Name each strategy once per set, with the one magnitude it should have.
    /// @custom:argument strategies
    error DuplicateStrategy(address avs, uint32 setId, IStrategy strategy);
    /// @notice The allocation of strategy {strategy} in set {setId:id} of AVS {avs} is {magnitude:wad} already.
    /// @custom:title The allocation is that magnitude already
    /// @custom:hint Leave that strategy out of the change, or give it a different magnitude.
    /// @custom:argument magnitudes
    error MagnitudeUnchanged(address avs, uint32 setId, IStrategy strategy, uint64 magnitude);
    /// @notice The allocation of strategy {strategy} in set {setId:id} of AVS {avs} has a change pending until
    /// {effectAt:time}.
    /// @custom:title A change of the allocation is pending
    /// @custom:hint Wait until {effectAt:date|it takes effect}, then change the allocation again.
    /// @custom:argument strategy
    error AllocationChangePending(address avs, uint32 setId, IStrategy strategy, uint48 effectAt);
    /// @notice Only {available:wad} of the operator's stake in strategy {strategy} is free to allocate, but the
    /// increase asks for {requested:wad} more.
    /// @custom:title Not enough free magnitude to allocate
    /// @custom:hint Allocate less, or free magnitude by lowering another set's allocation: a decrease frees it after
    /// the withdrawal delay (an increase of the strategy settles it; settling the operator's allocations does it at
    /// once).
    /// @custom:argument magnitudes
    error InsufficientAllocatableMagnitude(IStrategy strategy, uint256 available, uint256 requested);
    /// @notice Only the SlashingCoordinator may slash allocations; {caller} is not it.
    /// @custom:title Only the SlashingCoordinator may call this
    /// @custom:hint Slash through the set's slasher, which calls the SlashingCoordinator.
    error OnlySlashingCoordinator(address caller);

    /// @notice `operator`'s allocation of `strategy` in `avs`'s set `setId` becomes `magnitude` at `effectAt`;
    /// `encumbered` is then the operator's magnitude of `strategy` allocated or held by pending changes. A slash
    /// changes allocations too, announced by the SlashingCoordinator's `OperatorSlashed` (see `slash` for how it
    /// treats a pending change).
    event AllocationUpdated(
        address indexed operator,
        address indexed avs,
        uint32 indexed setId,
        IStrategy strategy,
        uint64 magnitude,
        uint48 effectAt,
        uint64 encumbered
    );
    /// @notice A settlement left `operator` with `encumbered` magnitude of `strategy` allocated or held by pending
    /// changes.
    event EncumberedMagnitudeUpdated(address indexed operator, IStrategy indexed strategy, uint64 encumbered);

    /// @notice Changes the caller's allocations. Increases take effect after the caller's allocation delay and the
    /// notice (`increaseEffectAt`), decreases after the withdrawal delay (at once where the caller is not
    /// slashable now). An increase first settles the caller's decreases of the strategy that took effect.
    function modifyAllocations(AllocateParams[] calldata params) external;

    /// @notice Settles `operator`'s allocations of `strategies` in `operatorSet`: a change that took effect is
    /// written down, and a decrease frees its magnitude for new allocations. Anyone may call it.
    function settleAllocations(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies
    ) external;

    /// @notice Takes fraction `wads[i]` (of WAD) of `operator`'s allocation of `strategies[i]` in `operatorSet`:
    /// `ceil(allocation * wad / WAD)` magnitude, from the allocation and the max magnitude alike. A pending increase
    /// keeps its size (its target falls by the same magnitude); a pending decrease keeps its proportion (its target
    /// falls by the same fraction, rounded down).
    /// @dev Only the SlashingCoordinator calls this, after checking the slasher and the slashability. Returns the
    /// operator's id (0 if it has nothing allocated in these strategies) and what happened to each strategy.
    function slash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads
    ) external returns (uint32 operatorId, SlashedMagnitude[] memory slashed);

    /// @notice The pause bit of allocation changes.
    function PAUSE_ALLOCATION() external view returns (uint8);

    /// @notice The StrategyManager, whose slashing factors the max magnitudes are.
    function strategyManager() external view returns (address);

    /// @notice The operator registry, which gives operators' ids and allocation delays.
    function operatorRegistry() external view returns (address);

    /// @notice The AVS registry, which says which strategies a set holds and who is slashable in it.
    function avsRegistry() external view returns (address);

    /// @notice The withdrawal queue, whose delay is the deallocation delay and whose history holds queued stake.
    function withdrawalQueue() external view returns (address);

    /// @notice The SlashingCoordinator, the only caller of `slash`.
    function slashingCoordinator() external view returns (address);

    /// @notice `operator`'s allocation of `strategy` in `operatorSet`: `current` is the magnitude in force now,
    /// and `pending`, when `effectAt` is not 0, the one that takes over at `effectAt`.
    function allocation(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy strategy
    ) external view returns (uint64 current, uint64 pending, uint48 effectAt);

    /// @notice `operator`'s max magnitude of `strategy` (WAD until first slashed).
    function maxMagnitude(address operator, IStrategy strategy) external view returns (uint64);

    /// @notice `operator`'s magnitude of `strategy` allocated or held by pending changes.
    function encumberedMagnitude(address operator, IStrategy strategy) external view returns (uint64);

    /// @notice How much more magnitude of `strategy` `operator` can allocate now (max minus encumbered).
    /// Decreases that took effect but were not settled yet still count as encumbered here; the operator's next
    /// increase settles them before it checks.
    function allocatableMagnitude(address operator, IStrategy strategy) external view returns (uint64);

    /// @notice When an allocation increase `operator` made now would take effect: after its allocation delay, and
    /// no earlier than `ExitWindow.noticeEndAt(now)`. Reverts with `NotOperator` for an account that is not one.
    function increaseEffectAt(address operator) external view returns (uint48);

    /// @notice How many of `operator`'s decreases of `strategy` wait in its deallocation queue, settled or not.
    function pendingDeallocations(address operator, IStrategy strategy) external view returns (uint256);

    /// @notice The strategy shares of `operator` that `operatorSet` could slash at `timestamp` (now or later) for
    /// each of `strategies`, given the stake and the pending changes known now: the allocation in force at that
    /// time times the operator's delegated stake plus its queued withdrawals still unmatured at that time. Zero
    /// where the operator will not be slashable in the set then.
    function slashableStake(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint48 timestamp
    ) external view returns (uint256[] memory shares);
}
