// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IPalisadeLens} from "../interfaces/IPalisadeLens.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {ScaledShares} from "../libraries/ScaledShares.sol";

/// @title PalisadeLens
/// @notice Batched read-only views of the core, for off-chain tools. See `IPalisadeLens`.
/// @dev No storage, no state change, not upgradeable: redeploy it to change it. The result structs are allocated
/// before any call and filled in place, so that the memory a view touches (whose cost grows with its square) is the
/// result plus what the calls return.
contract PalisadeLens is IPalisadeLens {
    uint256 private constant WAD = 1e18;

    /// @dev What an operator's slashable stake in every set is computed from, per requested strategy: its delegated
    /// scaled shares, and those plus its queued scaled shares unmatured now, plus one (zero: the queue not read
    /// yet).
    struct Reach {
        uint32 operatorId;
        uint256[] delegatedScaled;
        uint256[] reachableNowPlusOne;
    }

    /// @dev What a set says whatever the operator, read once per `operatorViews` call: its configuration (zero when
    /// it does not exist), and per requested strategy whether it holds it and from when it can slash it.
    struct SetFacts {
        IAVSRegistry.OperatorSetInfo info;
        bool[] inSet;
        uint48[] strategySlashableFrom;
    }

    /// @dev An operator's registration in a set, as `AVSRegistry.registration` and `isSlashable` report it.
    struct Standing {
        bool registered;
        bool slashable;
        uint48 slashableFrom;
        uint48 slashableUntil;
    }

    // ------------------------------------------------------------------ immutables

    /// @inheritdoc IPalisadeLens
    IStrategyManager public immutable strategyManager;
    /// @inheritdoc IPalisadeLens
    IWithdrawalQueue public immutable withdrawalQueue;
    /// @inheritdoc IPalisadeLens
    IOperatorRegistry public immutable operatorRegistry;
    /// @inheritdoc IPalisadeLens
    IAVSRegistry public immutable avsRegistry;
    /// @inheritdoc IPalisadeLens
    IAllocationManager public immutable allocationManager;
    /// @inheritdoc IPalisadeLens
    ISlashingCoordinator public immutable slashingCoordinator;

    /// @notice Reads the core behind these six proxies, which must be installed and wired to one another.
    /// @dev Reverts with `CoreAddressMismatch` unless the AllocationManager names the other five and the
    /// StrategyManager names the AllocationManager: a lens over contracts of two deployments would mix their figures.
    constructor(
        IStrategyManager strategyManager_,
        IWithdrawalQueue withdrawalQueue_,
        IOperatorRegistry operatorRegistry_,
        IAVSRegistry avsRegistry_,
        IAllocationManager allocationManager_,
        ISlashingCoordinator slashingCoordinator_
    ) {
        _requireWired(address(strategyManager_), allocationManager_.strategyManager());
        _requireWired(address(withdrawalQueue_), allocationManager_.withdrawalQueue());
        _requireWired(address(operatorRegistry_), allocationManager_.operatorRegistry());
        _requireWired(address(avsRegistry_), allocationManager_.avsRegistry());
        _requireWired(address(slashingCoordinator_), allocationManager_.slashingCoordinator());
        _requireWired(address(allocationManager_), strategyManager_.allocationManager());
        strategyManager = strategyManager_;
        withdrawalQueue = withdrawalQueue_;
        operatorRegistry = operatorRegistry_;
        avsRegistry = avsRegistry_;
        allocationManager = allocationManager_;
        slashingCoordinator = slashingCoordinator_;
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IPalisadeLens
    function operatorViews(
        address[] calldata operators,
        OperatorSet[] calldata sets,
        IStrategy[] calldata strategies
    ) external view returns (OperatorView[] memory views) {
        // What a set holds and who slashes it does not depend on the operator: read once for all of them.
        SetFacts[] memory facts = new SetFacts[](sets.length);
        for (uint256 j; j < sets.length; ++j) {
            facts[j] = _setFacts(sets[j], strategies);
        }
        views = new OperatorView[](operators.length);
        for (uint256 i; i < operators.length; ++i) {
            OperatorView memory view_ = views[i];
            view_.operator = operators[i];
            view_.stakes = new StrategyStake[](strategies.length);
            view_.sets = new OperatorSetMembership[](sets.length);
            for (uint256 j; j < sets.length; ++j) {
                view_.sets[j].allocations = new AllocationView[](strategies.length);
            }
            uint256 scratch = _freeMemoryPointer();
            _fillOperator(view_, sets, strategies, facts);
            // Everything `_fillOperator` allocated is scratch: the calls' return data and its decoded copies. The
            // view, allocated above, holds only values. The next operator reuses that memory, so the memory this call
            // touches, whose cost grows with its square, is the result plus one operator's scratch.
            _releaseMemory(scratch);
        }
    }

    // ------------------------------------------------------------------ sets

    /// @inheritdoc IPalisadeLens
    function setViews(
        OperatorSet[] calldata sets,
        IStrategy[][] calldata strategies,
        address[][] calldata members
    ) external view returns (SetView[] memory views) {
        if (strategies.length != sets.length || members.length != sets.length) {
            revert SetListsLengthMismatch(sets.length, strategies.length, members.length);
        }
        views = new SetView[](sets.length);
        for (uint256 i; i < sets.length; ++i) {
            _fillSet(views[i], sets[i], strategies[i], members[i]);
        }
    }

    // ------------------------------------------------------------------ stakers

    /// @inheritdoc IPalisadeLens
    function stakerView(address staker) external view returns (StakerView memory view_) {
        view_.staker = staker;
        view_.delegatedTo = operatorRegistry.delegatedTo(staker);
        view_.operatorId = strategyManager.delegatedOperatorId(staker);
        view_.depositNonce = strategyManager.nonces(staker);
        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = strategyManager
            .stakerPositions(staker);
        view_.positions = new PositionView[](strategies.length);
        for (uint256 i; i < strategies.length; ++i) {
            PositionView memory position = view_.positions[i];
            position.strategy = strategies[i];
            position.token = strategies[i].token();
            position.scaledShares = scaled[i];
            position.withdrawableShares = withdrawable[i];
            position.underlying = strategies[i].sharesToUnderlying(withdrawable[i]);
        }
        view_.pending = withdrawalQueue.pendingWithdrawals(staker);
    }

    // ------------------------------------------------------------------ slash preview

    /// @inheritdoc IPalisadeLens
    function previewSlash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        OperatorSet[] calldata otherSets
    ) external view returns (SlashPreview memory preview) {
        uint256 count = strategies.length;
        // The coordinator's checks, in its order, with its errors.
        if (count == 0) revert ISlashingCoordinator.NoStrategies();
        if (wads.length != count) revert ISlashingCoordinator.LengthMismatch(count, wads.length);
        for (uint256 i; i < count; ++i) {
            if (wads[i] == 0 || wads[i] > WAD) revert ISlashingCoordinator.InvalidWad(strategies[i], wads[i]);
        }
        // Then the registry's, in one call: the set exists and holds every strategy (reverting with the registry's
        // errors, as the slash would), and whether the operator is slashable there (`isSlashable`).
        (preview.slashable, ) = avsRegistry.checkAllocation(operator, operatorSet, strategies);
        // A slashable operator is registered, or was: it has an id. Nothing is read for one that is not slashable.
        uint32 operatorId;
        if (preview.slashable) {
            operatorId = operatorRegistry.operatorId(operator);
            // The registry's last check, as the slash makes it after the operator's: a strategy added back to the
            // set is slashable only once its notice has passed.
            for (uint256 i; i < count; ++i) {
                (, uint48 from) = avsRegistry.strategyMembership(operatorSet, strategies[i]);
                if (block.timestamp < from) {
                    revert IAVSRegistry.StrategyNotSlashableYet(operatorSet.avs, operatorSet.id, strategies[i], from);
                }
            }
        }

        preview.strategies = new StrategySlashPreview[](count);
        // Per slashed strategy: the operator's scaled shares the slash reaches (delegated plus queued), which the
        // other sets' figures after the slash are computed from.
        uint256[] memory reachableScaled = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            reachableScaled[i] = _previewStrategy(
                preview.strategies,
                i,
                operator,
                operatorSet,
                operatorId,
                preview.slashable,
                strategies[i],
                wads[i]
            );
        }
        preview.otherSets = _otherSetImpacts(
            operator,
            operatorSet,
            strategies,
            otherSets,
            preview.strategies,
            reachableScaled,
            preview.slashable
        );
    }

    // ------------------------------------------------------------------ internal: operators

    /// @dev Fills `view_`, whose arrays are sized, for `view_.operator`. A non-operator keeps every zero.
    function _fillOperator(
        OperatorView memory view_,
        OperatorSet[] calldata sets,
        IStrategy[] calldata strategies,
        SetFacts[] memory facts
    ) private view {
        address operator = view_.operator;
        if (!operatorRegistry.isOperator(operator)) return;
        uint32 operatorId = operatorRegistry.operatorId(operator);
        IOperatorRegistry.OperatorRecord memory record = operatorRegistry.operatorRecord(operatorId);
        view_.isOperator = true;
        view_.operatorId = operatorId;
        view_.registeredAt = record.registeredAt;
        // The record says whether there is an approver: most operators have none, and skip this read.
        if (record.hasApprover) view_.delegationApprover = operatorRegistry.delegationApprover(operator);
        // The record's delay is the one last written down; the one in force may be a scheduled one.
        view_.allocationDelay = operatorRegistry.allocationDelayOf(operatorId);
        (view_.pendingAllocationDelay, view_.pendingAllocationDelayEffectAt) = operatorRegistry.pendingAllocationDelay(
            operatorId
        );

        Reach memory reach = Reach({
            operatorId: operatorId,
            delegatedScaled: new uint256[](strategies.length),
            reachableNowPlusOne: new uint256[](strategies.length)
        });
        for (uint256 k; k < strategies.length; ++k) {
            StrategyStake memory stake = view_.stakes[k];
            IStrategy strategy = strategies[k];
            stake.strategy = strategy;
            (reach.delegatedScaled[k], stake.delegatedShares) = strategyManager.operatorStake(operatorId, strategy);
            stake.slashingFactor = strategyManager.slashingFactor(operatorId, strategy);
            stake.maxMagnitude = allocationManager.maxMagnitude(operator, strategy);
            stake.encumberedMagnitude = allocationManager.encumberedMagnitude(operator, strategy);
            // `allocatableMagnitude` is defined as exactly this difference: computing it saves a call.
            stake.allocatableMagnitude = stake.maxMagnitude - stake.encumberedMagnitude;
        }
        for (uint256 j; j < sets.length; ++j) {
            _fillMembership(view_.sets[j], operator, sets[j], strategies, facts[j], reach);
        }
    }

    /// @dev Fills `membership` (allocations sized) with `operator`'s standing and allocations in `set`.
    ///
    /// The slashable stake is `AllocationManager.slashableStake`'s formula, computed here: asking the
    /// AllocationManager would cost it three calls per strategy and set (membership, stake, queue) on top of the
    /// lens's own, where the lens reads the stake once per strategy for all sets and the queue only where a set
    /// can slash. Zero where the set does not hold the strategy or cannot slash it yet (added back, notice running),
    /// cannot slash the operator then, or nothing is allocated then; otherwise the magnitude in force then times the
    /// operator's delegated scaled shares plus its queued scaled shares still unmatured then, over WAD, rounded down.
    /// Slashability now and at the effect time are read separately: a registration can become slashable later.
    function _fillMembership(
        OperatorSetMembership memory membership,
        address operator,
        OperatorSet calldata set,
        IStrategy[] calldata strategies,
        SetFacts memory facts,
        Reach memory reach
    ) private view {
        membership.operatorSet.avs = set.avs;
        membership.operatorSet.id = set.id;
        // A reference to the one copy read for all operators: the view only holds values, so sharing is safe.
        membership.info = facts.info;
        Standing memory standing = _standing(operator, set);
        membership.registered = standing.registered;
        membership.slashable = standing.slashable;
        membership.slashableFrom = standing.slashableFrom;
        membership.slashableUntil = standing.slashableUntil;
        for (uint256 k; k < strategies.length; ++k) {
            AllocationView memory allocation = membership.allocations[k];
            IStrategy strategy = strategies[k];
            allocation.strategy = strategy;
            allocation.inSet = facts.inSet[k];
            uint48 strategyFrom = facts.strategySlashableFrom[k];
            allocation.strategySlashableFrom = strategyFrom;
            (allocation.current, allocation.pending, allocation.effectAt) = allocationManager.allocation(
                operator,
                set,
                strategy
            );
            // Not in the set: zero, now and at the effect time.
            if (!allocation.inSet) continue;
            if (membership.slashable && allocation.current != 0 && block.timestamp >= strategyFrom) {
                allocation.slashableShares = Math.mulDiv(_reachableNow(reach, k, strategy), allocation.current, WAD);
            }
            // `allocation` reports a change as pending only while its effect time is ahead.
            if (allocation.effectAt == 0) {
                allocation.slashableSharesAtEffect = allocation.slashableShares;
            } else if (
                allocation.pending != 0 &&
                allocation.effectAt >= strategyFrom &&
                avsRegistry.isSlashableAt(operator, set, allocation.effectAt)
            ) {
                uint256 queuedThen = withdrawalQueue.queuedScaledSharesMaturingAfter(
                    reach.operatorId,
                    strategy,
                    allocation.effectAt
                );
                allocation.slashableSharesAtEffect = Math.mulDiv(
                    reach.delegatedScaled[k] + queuedThen,
                    allocation.pending,
                    WAD
                );
            }
        }
    }

    /// @dev The operator's scaled shares of `strategies[k]` a slash now reaches: delegated plus queued and unmatured.
    /// The queue is read once per strategy, the first time a set needs it.
    function _reachableNow(Reach memory reach, uint256 k, IStrategy strategy) private view returns (uint256) {
        if (reach.reachableNowPlusOne[k] == 0) {
            uint256 queued = withdrawalQueue.queuedScaledSharesMaturingAfter(
                reach.operatorId,
                strategy,
                uint48(block.timestamp)
            );
            reach.reachableNowPlusOne[k] = reach.delegatedScaled[k] + queued + 1;
        }
        return reach.reachableNowPlusOne[k] - 1;
    }

    // ------------------------------------------------------------------ internal: sets

    /// @dev Fills `view_` for `set`, `strategies` and `members`.
    function _fillSet(
        SetView memory view_,
        OperatorSet calldata set,
        IStrategy[] calldata strategies,
        address[] calldata members
    ) private view {
        uint256 count = strategies.length;
        view_.operatorSet.avs = set.avs;
        view_.operatorSet.id = set.id;
        view_.strategies = strategies;
        view_.inSet = new bool[](count);
        view_.strategySlashableFrom = new uint48[](count);
        view_.totalSlashableShares = new uint256[](count);
        view_.slashedSharesPending = new uint256[](count);
        view_.slashedSharesReleasableAt = new uint48[](count);
        view_.members = new MemberView[](members.length);
        for (uint256 m; m < members.length; ++m) {
            MemberView memory member = view_.members[m];
            member.operator = members[m];
            member.slashableShares = new uint256[](count);
            member.delegatedShares = new uint256[](count);
            member.allocated = new uint64[](count);
            member.maxMagnitude = new uint64[](count);
            member.encumberedMagnitude = new uint64[](count);
        }
        view_.exists = avsRegistry.operatorSetExists(set);
        // A set that does not exist holds nothing and nobody: every other figure stays zero.
        if (!view_.exists) return;
        view_.info = avsRegistry.operatorSetInfo(set);
        for (uint256 k; k < count; ++k) {
            (view_.inSet[k], view_.strategySlashableFrom[k]) = avsRegistry.strategyMembership(set, strategies[k]);
            // The bucket a slash fills now: the recipient in force's (escrowed), or the burning bucket.
            (view_.slashedSharesPending[k], view_.slashedSharesReleasableAt[k]) = slashingCoordinator.bucket(
                set,
                strategies[k],
                view_.info.redistributionRecipient
            );
        }
        for (uint256 m; m < members.length; ++m) {
            MemberView memory member = view_.members[m];
            uint256 scratch = _freeMemoryPointer();
            _fillMember(member, set, strategies, view_);
            // As in `operatorViews`: the member, allocated above, holds only values; the rest is scratch.
            _releaseMemory(scratch);
            for (uint256 k; k < count; ++k) {
                view_.totalSlashableShares[k] += member.slashableShares[k];
            }
        }
    }

    /// @dev Fills `member` (arrays sized) with its standing and stake in `set`. A non-operator keeps every zero. The
    /// slashable stake is computed as `_fillMembership` computes it.
    function _fillMember(
        MemberView memory member,
        OperatorSet calldata set,
        IStrategy[] calldata strategies,
        SetView memory setView
    ) private view {
        address operator = member.operator;
        if (!operatorRegistry.isOperator(operator)) return;
        uint32 operatorId = operatorRegistry.operatorId(operator);
        Standing memory standing = _standing(operator, set);
        member.registered = standing.registered;
        member.slashable = standing.slashable;
        member.slashableFrom = standing.slashableFrom;
        member.slashableUntil = standing.slashableUntil;
        for (uint256 k; k < strategies.length; ++k) {
            IStrategy strategy = strategies[k];
            uint256 delegatedScaled;
            (delegatedScaled, member.delegatedShares[k]) = strategyManager.operatorStake(operatorId, strategy);
            (member.allocated[k], , ) = allocationManager.allocation(operator, set, strategy);
            member.maxMagnitude[k] = allocationManager.maxMagnitude(operator, strategy);
            member.encumberedMagnitude[k] = allocationManager.encumberedMagnitude(operator, strategy);
            if (
                member.slashable &&
                setView.inSet[k] &&
                block.timestamp >= setView.strategySlashableFrom[k] &&
                member.allocated[k] != 0
            ) {
                uint256 queued = withdrawalQueue.queuedScaledSharesMaturingAfter(
                    operatorId,
                    strategy,
                    uint48(block.timestamp)
                );
                member.slashableShares[k] = Math.mulDiv(delegatedScaled + queued, member.allocated[k], WAD);
            }
        }
    }

    // ------------------------------------------------------------------ internal: slash preview

    /// @dev Fills `previews[index]`, the slash of fraction `wad` of `strategy`, the way `AllocationManager.slash`
    /// and `SlashingCoordinator.slash` compute it, and returns the operator's scaled shares the slash reaches in that
    /// strategy (0 when it takes nothing). `previews` before `index` are filled already.
    function _previewStrategy(
        StrategySlashPreview[] memory previews,
        uint256 index,
        address operator,
        OperatorSet calldata set,
        uint32 operatorId,
        bool slashable,
        IStrategy strategy,
        uint256 wad
    ) private view returns (uint256 reachableScaled) {
        StrategySlashPreview memory preview = previews[index];
        preview.strategy = strategy;
        preview.wad = wad;
        // The AllocationManager applies the strategies in order: a strategy named before starts where it left.
        uint256 earlier = _lastIndexOf(previews, index, strategy);
        if (earlier < index) {
            StrategySlashPreview memory previous = previews[earlier];
            preview.allocationBefore = previous.allocationBefore - previous.magnitudeTaken;
            preview.maxMagnitudeBefore = previous.maxMagnitudeAfter;
        } else {
            // The allocation in force now: what the slash settles a change that took effect to, before taking.
            (preview.allocationBefore, , ) = allocationManager.allocation(operator, set, strategy);
            preview.maxMagnitudeBefore = allocationManager.maxMagnitude(operator, strategy);
        }
        preview.maxMagnitudeAfter = preview.maxMagnitudeBefore;
        if (!slashable || preview.allocationBefore == 0) return 0;

        // Rounded up, against the operator, as the AllocationManager takes it; at most the allocation (wad <= WAD).
        // Safe cast: at most the allocation, a uint64.
        preview.magnitudeTaken = uint64(Math.mulDiv(preview.allocationBefore, wad, WAD, Math.Rounding.Ceil));
        preview.maxMagnitudeAfter = preview.maxMagnitudeBefore - preview.magnitudeTaken;

        (uint256 delegatedScaled, ) = strategyManager.operatorStake(operatorId, strategy);
        // What the coordinator's `advanceQueuedHistory` returns during the slash: the same search, from a cursor.
        uint256 queuedScaled = withdrawalQueue.queuedScaledSharesMaturingAfter(
            operatorId,
            strategy,
            uint48(block.timestamp)
        );
        reachableScaled = delegatedScaled + queuedScaled;
        // The bucket: rounded down once over the sum, as the coordinator rounds it.
        preview.totalSharesSlashed = Math.mulDiv(reachableScaled, preview.magnitudeTaken, WAD);
        preview.delegatedSharesSlashed = _valueLost(delegatedScaled, preview);
        preview.queuedSharesSlashed = _valueLost(queuedScaled, preview);
        preview.operatorOwnSharesSlashed = _valueLost(strategyManager.scaledShares(operator, strategy), preview);
        if (preview.totalSharesSlashed != 0) {
            preview.tokensSlashed = strategy.sharesToUnderlying(preview.totalSharesSlashed);
        }
    }

    /// @dev For each of `otherSets` and each slashed strategy, the operator's slashable stake now and after the
    /// slash `previews` describes.
    function _otherSetImpacts(
        address operator,
        OperatorSet calldata slashedSet,
        IStrategy[] calldata strategies,
        OperatorSet[] calldata otherSets,
        StrategySlashPreview[] memory previews,
        uint256[] memory reachableScaled,
        bool slashable
    ) private view returns (OtherSetImpact[] memory impacts) {
        uint256 count = strategies.length;
        impacts = new OtherSetImpact[](otherSets.length * count);
        for (uint256 o; o < otherSets.length; ++o) {
            OperatorSet calldata other = otherSets[o];
            bool isSlashedSet = other.avs == slashedSet.avs && other.id == slashedSet.id;
            uint256[] memory before = allocationManager.slashableStake(
                operator,
                other,
                strategies,
                uint48(block.timestamp)
            );
            for (uint256 i; i < count; ++i) {
                OtherSetImpact memory impact = impacts[o * count + i];
                impact.operatorSet.avs = other.avs;
                impact.operatorSet.id = other.id;
                impact.strategy = strategies[i];
                impact.slashableSharesBefore = before[i];
                StrategySlashPreview memory preview = previews[i];
                // Nothing to slash there before, nothing after: a slash never adds stake, registrations or
                // strategies. And a slash that takes nothing from the strategy leaves it as it was.
                if (before[i] == 0 || !slashable || (!isSlashedSet && preview.magnitudeTaken == 0)) {
                    impact.slashableSharesAfter = before[i];
                    continue;
                }
                uint64 magnitudeAfter;
                if (isSlashedSet) {
                    magnitudeAfter = preview.allocationBefore - preview.magnitudeTaken;
                } else {
                    (magnitudeAfter, , ) = allocationManager.allocation(operator, other, strategies[i]);
                }
                impact.slashableSharesAfter = _slashableAfter(
                    reachableScaled[i],
                    magnitudeAfter,
                    preview.maxMagnitudeAfter
                );
            }
        }
    }

    // ------------------------------------------------------------------ internal: helpers

    /// @dev `operator`'s registration in `set`, in two calls: the registration (with its window), and whether it is
    /// slashable now as `AVSRegistry.isSlashable` says. `slashableUntil` is 0 while registered, as
    /// `AVSRegistry.slashableUntil` reports it.
    function _standing(address operator, OperatorSet calldata set) private view returns (Standing memory standing) {
        IAVSRegistry.RegistrationInfo memory registration = avsRegistry.registration(operator, set);
        standing.registered = registration.registered;
        standing.slashableFrom = registration.slashableFrom;
        if (!registration.registered) standing.slashableUntil = registration.slashableUntil;
        standing.slashable = avsRegistry.isSlashable(operator, set);
    }

    /// @dev `set`'s configuration (zero when it does not exist), and whether it holds each of `strategies` and from
    /// when it can slash it.
    function _setFacts(
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) private view returns (SetFacts memory facts) {
        facts.inSet = new bool[](strategies.length);
        facts.strategySlashableFrom = new uint48[](strategies.length);
        // `operatorSetInfo` reverts for a set that does not exist, which the view reports as zeros.
        if (!avsRegistry.operatorSetExists(set)) return facts;
        facts.info = avsRegistry.operatorSetInfo(set);
        for (uint256 k; k < strategies.length; ++k) {
            (facts.inSet[k], facts.strategySlashableFrom[k]) = avsRegistry.strategyMembership(set, strategies[k]);
        }
    }

    /// @dev The latest index before `index` where `previews` names `strategy`; `index` if none.
    function _lastIndexOf(
        StrategySlashPreview[] memory previews,
        uint256 index,
        IStrategy strategy
    ) private pure returns (uint256) {
        for (uint256 i = index; i != 0; --i) {
            if (address(previews[i - 1].strategy) == address(strategy)) return i - 1;
        }
        return index;
    }

    /// @dev What `scaled` scaled shares lose in value, in strategy shares, when the factor falls from
    /// `preview.maxMagnitudeBefore` to `preview.maxMagnitudeAfter`: each value rounded down, as every reader of a
    /// position or a stake rounds it.
    function _valueLost(uint256 scaled, StrategySlashPreview memory preview) private pure returns (uint256) {
        return
            ScaledShares.toSharesDown(scaled, preview.maxMagnitudeBefore) -
            ScaledShares.toSharesDown(scaled, preview.maxMagnitudeAfter);
    }

    /// @dev A set's slashable stake after a slash, computed the way the design states unique stake: its
    /// `magnitude` over the operator's `maxMagnitude` after the slash, times the operator's stake after the slash
    /// in whole strategy shares (`reachableScaled` at the new factor, rounded down).
    function _slashableAfter(
        uint256 reachableScaled,
        uint64 magnitude,
        uint64 maxMagnitude
    ) private pure returns (uint256) {
        // A max magnitude of zero leaves nothing to allocate: every allocation is zero then.
        if (maxMagnitude == 0) return 0;
        return Math.mulDiv(ScaledShares.toSharesDown(reachableScaled, maxMagnitude), magnitude, maxMagnitude);
    }

    /// @dev The free memory pointer: where the next allocation will start.
    function _freeMemoryPointer() private pure returns (uint256 pointer) {
        assembly ("memory-safe") {
            pointer := mload(0x40)
        }
    }

    /// @dev Moves the free memory pointer back to `pointer`, read by `_freeMemoryPointer` earlier in the same
    /// function: whatever was allocated since is scratch that nothing refers to any more, and later allocations
    /// overwrite it. Memory-safe: the pointer only returns to a value it had, above everything still in use.
    function _releaseMemory(uint256 pointer) private pure {
        assembly ("memory-safe") {
            mstore(0x40, pointer)
        }
    }

    function _requireWired(address given, address wired) private pure {
        if (given != wired) revert CoreAddressMismatch(given, wired);
    }
}
