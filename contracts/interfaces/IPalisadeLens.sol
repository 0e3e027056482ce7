// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {IAVSRegistry} from "./IAVSRegistry.sol";
import {IAllocationManager} from "./IAllocationManager.sol";
import {IOperatorRegistry} from "./IOperatorRegistry.sol";
import {ISlashingCoordinator} from "./ISlashingCoordinator.sol";
import {IStrategy} from "./IStrategy.sol";
import {IStrategyManager} from "./IStrategyManager.sol";
import {IWithdrawalQueue} from "./IWithdrawalQueue.sol";

/// @title IPalisadeLens
/// @notice Read-only views that gather, in one `eth_call`, what tools would otherwise read with dozens of getters:
/// an operator's whole state, an AVS's sets with their members and stake, a staker's positions and withdrawals, and
/// what a slash would take before it is sent.
///
/// The lens holds no state and changes none: it reads the six core contracts through their proxies, named at
/// deployment, so a new lens can be deployed at any time (after an upgrade that changes a view it relies on, say)
/// without migrating anything.
/// @dev Warning:
/// - Meant for `eth_call`. The views loop over every operator, set, strategy and member they are given, and their
///   gas grows with the product, and a little faster than linearly with the size of the result (memory); see
///   `docs/ARCHITECTURE.md` (Lens) for what `operatorViews` costs. Callers split large requests to stay under their
///   node's gas cap.
/// - Some figures are computed here from the core's documented rules rather than read, to save calls: allocatable
///   magnitude (max minus encumbered), the slashable stake of `operatorViews` and `setViews`
///   (`AllocationManager.slashableStake`'s formula over the stake and queue read once per operator and strategy: the
///   registration slashable then, `AVSRegistry.isSlashable` / `isSlashableAt`, the strategy in the set and past its
///   `slashableFrom`, the magnitude in force then), and every figure of `previewSlash`, which replicates
///   `AllocationManager.slash` and `SlashingCoordinator.slash`. The tests pin each of them to the core's own views
///   and to real slashes; an upgrade of the core that changes these rules needs a new lens.
interface IPalisadeLens {
    // ------------------------------------------------------------------ operators

    /// @notice An operator's stake and magnitudes in one strategy.
    /// @param delegatedShares The operator's delegated stake, in strategy shares at today's slashing factor
    /// (`StrategyManager.operatorStake(operatorId, strategy).shares`).
    /// @param slashingFactor `StrategyManager.slashingFactor(operatorId, strategy)` (WAD: never slashed).
    /// @param maxMagnitude `AllocationManager.maxMagnitude`: the same number as the slashing factor, kept by the
    /// AllocationManager.
    /// @param encumberedMagnitude `AllocationManager.encumberedMagnitude`: allocated, or held by pending changes.
    /// @param allocatableMagnitude What the operator can still allocate: max minus encumbered, as
    /// `AllocationManager.allocatableMagnitude` defines it.
    struct StrategyStake {
        IStrategy strategy;
        uint256 delegatedShares;
        uint256 slashingFactor;
        uint64 maxMagnitude;
        uint64 encumberedMagnitude;
        uint64 allocatableMagnitude;
    }

    /// @notice An operator's allocation of one strategy in one set.
    /// @param inSet Whether the set holds the strategy now (`AVSRegistry.isStrategyInSet`); an allocation of a
    /// strategy the set dropped is still reported, and is not slashable.
    /// @param strategySlashableFrom From when the set can slash the strategy (`AVSRegistry.strategyMembership`): 0 or
    /// a past time for a strategy in the set since it was first added, a future time for one added back after a
    /// removal (the notice of guarantee 9).
    /// @param current The magnitude in force now, `pending` the one taking over at `effectAt` (0, 0 when no change is
    /// pending): `AllocationManager.allocation` as it reports it.
    /// @param slashableShares `AllocationManager.slashableStake(operator, set, [strategy], now)`.
    /// @param slashableSharesAtEffect The same at `effectAt` when a change is pending, else `slashableShares`. An
    /// operator that is not slashable now may be at `effectAt` (a registration whose notice runs until then).
    struct AllocationView {
        IStrategy strategy;
        bool inSet;
        uint48 strategySlashableFrom;
        uint64 current;
        uint64 pending;
        uint48 effectAt;
        uint256 slashableShares;
        uint256 slashableSharesAtEffect;
    }

    /// @notice An operator's standing in one set, and the set's configuration.
    /// @param info `AVSRegistry.operatorSetInfo`: the slasher and the redistribution recipient in force and
    /// scheduled, with the time the scheduled ones take over; zero when the set does not exist. What a staker reads
    /// to see who can slash its stake and where the slashed funds go.
    /// @param registered `AVSRegistry.registration(...).registered`.
    /// @param slashable Whether the set can slash the operator now (`AVSRegistry.isSlashable`: registered for at
    /// least the notice, or deregistered less than the withdrawal delay ago).
    /// @param slashableFrom `AVSRegistry.registration(...).slashableFrom`: when the last registration made the
    /// operator slashable (0: never registered).
    /// @param slashableUntil `AVSRegistry.slashableUntil` (0 while registered or if never registered).
    /// @param allocations One per requested strategy, in the order requested.
    struct OperatorSetMembership {
        OperatorSet operatorSet;
        IAVSRegistry.OperatorSetInfo info;
        bool registered;
        bool slashable;
        uint48 slashableFrom;
        uint48 slashableUntil;
        AllocationView[] allocations;
    }

    /// @notice An operator's whole state.
    /// @param isOperator False for an address that is not a registered operator: then every other field is zero,
    /// identifiers included, and the arrays are sized as requested with zero entries.
    /// @param registeredAt When the operator registered.
    /// @param delegationApprover Who must approve delegations (zero: nobody).
    /// @param allocationDelay The allocation delay in force now (`OperatorRegistry.allocationDelayOf`).
    /// @param pendingAllocationDelay The delay scheduled to take over at `pendingAllocationDelayEffectAt`; (0, 0) when
    /// none is pending.
    /// @param stakes One per requested strategy, in the order requested.
    /// @param sets One per requested set, in the order requested.
    struct OperatorView {
        address operator;
        bool isOperator;
        uint32 operatorId;
        uint48 registeredAt;
        address delegationApprover;
        uint32 allocationDelay;
        uint32 pendingAllocationDelay;
        uint48 pendingAllocationDelayEffectAt;
        StrategyStake[] stakes;
        OperatorSetMembership[] sets;
    }

    // ------------------------------------------------------------------ sets

    /// @notice A set member's standing and stake, per requested strategy of the set.
    /// @param slashableShares `AllocationManager.slashableStake(operator, set, strategies, now)`.
    /// @param delegatedShares The member's delegated stake (`StrategyManager.operatorStake(...).shares`).
    /// @param allocated The member's allocation in force now (`AllocationManager.allocation(...).current`).
    /// @param maxMagnitude `AllocationManager.maxMagnitude`.
    /// @param encumberedMagnitude `AllocationManager.encumberedMagnitude`: the member's magnitude allocated in any set.
    /// @param slashableFrom When its last registration made it slashable (`AVSRegistry.registration`).
    /// @dev A member that is not an operator has every figure zero (arrays sized).
    struct MemberView {
        address operator;
        bool registered;
        bool slashable;
        uint48 slashableFrom;
        uint48 slashableUntil;
        uint256[] slashableShares;
        uint256[] delegatedShares;
        uint64[] allocated;
        uint64[] maxMagnitude;
        uint64[] encumberedMagnitude;
    }

    /// @notice An operator set, the requested strategies and members.
    /// @param exists `AVSRegistry.operatorSetExists`. When false, only `operatorSet`, `strategies` and the members'
    /// addresses are filled: every other figure is zero, with arrays sized as requested.
    /// @param info `AVSRegistry.operatorSetInfo`; zero when the set does not exist.
    /// @param strategies The requested strategies, in the order requested.
    /// @param inSet Per strategy: whether the set holds it.
    /// @param strategySlashableFrom Per strategy: from when the set can slash it (`AVSRegistry.strategyMembership`;
    /// a future time for a strategy added back after a removal).
    /// @param totalSlashableShares Per strategy: the sum of the requested members' `slashableShares`.
    /// @param slashedSharesPending Per strategy: the set's bucket for the recipient in force (`info`'s
    /// `redistributionRecipient`, `address(0)` for a burning set) not yet released
    /// (`SlashingCoordinator.bucket(set, strategy, recipient).shares`). Funds escrowed for a former recipient wait in
    /// buckets of their own, read with `SlashingCoordinator.bucket`.
    /// @param slashedSharesReleasableAt Per strategy: when that bucket can be released (`bucket(...).releasableAt`;
    /// 0 or a past time: now).
    /// @param members One per requested member, in the order requested.
    struct SetView {
        OperatorSet operatorSet;
        bool exists;
        IAVSRegistry.OperatorSetInfo info;
        IStrategy[] strategies;
        bool[] inSet;
        uint48[] strategySlashableFrom;
        uint256[] totalSlashableShares;
        uint256[] slashedSharesPending;
        uint48[] slashedSharesReleasableAt;
        MemberView[] members;
    }

    // ------------------------------------------------------------------ stakers

    /// @notice One position of a staker.
    /// @param scaledShares The position as stored.
    /// @param withdrawableShares What it is worth today, in strategy shares.
    /// @param underlying What those shares are worth in tokens today (`strategy.sharesToUnderlying`).
    struct PositionView {
        IStrategy strategy;
        IERC20 token;
        uint256 scaledShares;
        uint256 withdrawableShares;
        uint256 underlying;
    }

    /// @notice A staker's state.
    /// @param delegatedTo The operator the staker is delegated to (`OperatorRegistry.delegatedTo`; zero: none).
    /// @param operatorId That operator's id (0: none); an operator is delegated to itself.
    /// @param depositNonce The nonce its next signed deposit must carry (`StrategyManager.nonces`).
    /// @param positions Every position (`StrategyManager.stakerPositions`), in its order.
    /// @param pending Its withdrawals not yet completed (`WithdrawalQueue.pendingWithdrawals`), oldest first.
    struct StakerView {
        address staker;
        address delegatedTo;
        uint32 operatorId;
        uint256 depositNonce;
        PositionView[] positions;
        IWithdrawalQueue.PendingWithdrawal[] pending;
    }

    // ------------------------------------------------------------------ slash preview

    /// @notice What a slash would do to one strategy: every figure is the one the slash itself would produce now.
    /// @param allocationBefore The allocation the slash applies to (`StrategySlashed.allocationBefore`).
    /// @param magnitudeTaken `ceil(allocationBefore * wad / WAD)`, taken from the allocation and the max magnitude
    /// (`StrategySlashed.slashedMagnitude`).
    /// @param maxMagnitudeBefore The max magnitude (and slashing factor) before; `maxMagnitudeAfter` after.
    /// @param delegatedSharesSlashed How much the operator's delegated stake falls, in strategy shares at the
    /// slashing factor before and after (`operatorStake(...).shares` before minus after).
    /// @param queuedSharesSlashed How much the operator's queued stake that matures after now falls, valued the same
    /// way.
    /// @param totalSharesSlashed What goes to the set's bucket: `floor((delegated + queued scaled shares) *
    /// magnitudeTaken / WAD)` (`StrategySlashed.sharesSlashed`). Rounding once over the sum, it can differ from
    /// `delegatedSharesSlashed + queuedSharesSlashed`, each rounded on its own, by a share or two; the difference
    /// is dust that stays in the strategy.
    /// @param operatorOwnSharesSlashed How much the operator's own position, part of its delegated stake, falls
    /// (`StrategyManager.withdrawableShares` before minus after).
    /// @param tokensSlashed What `totalSharesSlashed` is worth in tokens today (`strategy.sharesToUnderlying`).
    struct StrategySlashPreview {
        IStrategy strategy;
        uint256 wad;
        uint64 allocationBefore;
        uint64 magnitudeTaken;
        uint64 maxMagnitudeBefore;
        uint64 maxMagnitudeAfter;
        uint256 delegatedSharesSlashed;
        uint256 queuedSharesSlashed;
        uint256 totalSharesSlashed;
        uint256 operatorOwnSharesSlashed;
        uint256 tokensSlashed;
    }

    /// @notice Another set's slashable stake of the operator in one slashed strategy, before and after the slash.
    /// @param slashableSharesBefore `AllocationManager.slashableStake(operator, operatorSet, [strategy], now)`.
    /// @param slashableSharesAfter The same computed for the state after the slash, the way the design states unique
    /// stake: the set's magnitude over the max magnitude after, times the operator's stake after (delegated plus
    /// queued, rounded down to whole shares). It equals `slashableSharesBefore` or falls one share short of it: the
    /// rounding of the stake to whole shares loses less than a share, of which the set's part is less than one. The
    /// slashed set itself, if listed, shows the slash.
    struct OtherSetImpact {
        OperatorSet operatorSet;
        IStrategy strategy;
        uint256 slashableSharesBefore;
        uint256 slashableSharesAfter;
    }

    /// @notice What a slash would do.
    /// @param slashable Whether the operator is slashable in the set now (`AVSRegistry.isSlashable`). When false,
    /// the slash would revert with `OperatorNotSlashable`, and the preview takes nothing: every taking is zero and
    /// every "after" equals its "before".
    /// @param strategies One per slashed strategy, in the order given. A strategy named twice is slashed twice, the
    /// second time from what the first left, as the coordinator does.
    /// @param otherSets For each set in `otherSets`, one entry per slashed strategy (set-major order).
    struct SlashPreview {
        bool slashable;
        StrategySlashPreview[] strategies;
        OtherSetImpact[] otherSets;
    }

    // ------------------------------------------------------------------ errors

    /// @notice The lens was given {given}, but the core it reads is wired to {wired}.
    /// @custom:title The lens was built with an address the core does not use
    /// @custom:hint Deploy the lens with the addresses of the deployed core (the deploy module does this).
    error CoreAddressMismatch(address given, address wired);
    /// @notice A set read needs one strategy list and one member list per set: it got {sets} sets, {strategyLists}
    /// strategy lists and {memberLists} member lists.
    /// @custom:title The lists for a set read differ in length
    /// @custom:hint Pass one strategy list and one member list per set, in the same order (the SDK's read.avsState
    /// does).
    /// @custom:argument sets
    error SetListsLengthMismatch(uint256 sets, uint256 strategyLists, uint256 memberLists);

    // ------------------------------------------------------------------ views

    /// @notice The state of each of `operators`: its record, its stake and magnitudes in each of `strategies`, and
    /// its registration and allocations in each of `sets`. Never reverts for an address that is not an operator
    /// (`isOperator` false) or a set that does not exist (everything zero).
    function operatorViews(
        address[] calldata operators,
        OperatorSet[] calldata sets,
        IStrategy[] calldata strategies
    ) external view returns (OperatorView[] memory);

    /// @notice Each of `sets` with its strategies `strategies[i]` and its members `members[i]`: configuration, bucket,
    /// and each member's standing, stake and slashable stake, with the members' total per strategy.
    /// @dev Reverts with `SetListsLengthMismatch` unless the three lists have the same length. The members are the
    /// caller's list (from `OperatorRegisteredInSet` events, say): the registry does not enumerate them.
    function setViews(
        OperatorSet[] calldata sets,
        IStrategy[][] calldata strategies,
        address[][] calldata members
    ) external view returns (SetView[] memory);

    /// @notice `staker`'s delegation, nonce, positions (with their tokens and value) and pending withdrawals.
    function stakerView(address staker) external view returns (StakerView memory);

    /// @notice What `SlashingCoordinator.slash(operator, operatorSet, strategies, wads, ...)` would do if the set's
    /// slasher sent it now, and what it would leave of the operator's slashable stake in each of `otherSets`.
    /// @dev Reverts as the slash would for bad arguments: the coordinator's `NoStrategies`, `LengthMismatch` and
    /// `InvalidWad`, the AVS registry's `OperatorSetNotFound` and `StrategyNotInSet` (checked whether or not the
    /// operator is slashable), and, for a slashable operator, `StrategyNotSlashableYet` for a strategy added back to
    /// the set whose notice has not passed. Does not check who the slasher is or whether slashing is paused, and reports an
    /// operator that is not slashable (`slashable` false) rather than reverting.
    function previewSlash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        OperatorSet[] calldata otherSets
    ) external view returns (SlashPreview memory);

    /// @notice The StrategyManager (proxy) the lens reads.
    function strategyManager() external view returns (IStrategyManager);

    /// @notice The WithdrawalQueue (proxy) the lens reads.
    function withdrawalQueue() external view returns (IWithdrawalQueue);

    /// @notice The OperatorRegistry (proxy) the lens reads.
    function operatorRegistry() external view returns (IOperatorRegistry);

    /// @notice The AVSRegistry (proxy) the lens reads.
    function avsRegistry() external view returns (IAVSRegistry);

    /// @notice The AllocationManager (proxy) the lens reads.
    function allocationManager() external view returns (IAllocationManager);

    /// @notice The SlashingCoordinator (proxy) the lens reads.
    function slashingCoordinator() external view returns (ISlashingCoordinator);
}
