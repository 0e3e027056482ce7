// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPalisadeLens} from "../../../contracts/interfaces/IPalisadeLens.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice What the lens suites share on top of `AVSHelpers`: the lens, deployed over the fixture's core, array
/// builders, and two oracles:
/// - `_assertOperatorView` checks every field of an `OperatorView` against the core's own getters, one by one;
/// - `_slashAndCompare` previews a slash, sends it through the set's slasher and checks every figure of the preview
///   against what the slash did: its `StrategySlashed` events, the bucket, the magnitudes and factors after, and the
///   fall of the operator's delegated stake, its own position and its queued stake.
abstract contract LensFixture is AVSHelpers {
    IPalisadeLens internal lens;

    function setUp() public virtual override {
        super.setUp();
        lens = IPalisadeLens(
            _deploy(
                "PalisadeLens.sol:PalisadeLens",
                abi.encode(sm, wq, registry, avsRegistry, allocationManager, coordinator)
            )
        );
        vm.label(address(lens), "PalisadeLens");
    }

    // ---------------------------------------------------------------- arrays

    function _sets(OperatorSet memory a) internal pure returns (OperatorSet[] memory list) {
        list = new OperatorSet[](1);
        list[0] = a;
    }

    function _sets(OperatorSet memory a, OperatorSet memory b) internal pure returns (OperatorSet[] memory list) {
        list = new OperatorSet[](2);
        list[0] = a;
        list[1] = b;
    }

    function _noSets() internal pure returns (OperatorSet[] memory list) {}

    function _addresses(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    function _addresses(address a, address b, address c) internal pure returns (address[] memory list) {
        list = new address[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }

    // ---------------------------------------------------------------- operator views

    /// @dev Every field of `view_` against the core's getters for `operator`, `sets` and `strategies`.
    function _assertOperatorView(
        IPalisadeLens.OperatorView memory view_,
        address operator,
        OperatorSet[] memory sets,
        IStrategy[] memory strategies
    ) internal view {
        vm.assertEq(view_.operator, operator, "operator");
        vm.assertEq(view_.stakes.length, strategies.length, "one stake per strategy");
        vm.assertEq(view_.sets.length, sets.length, "one membership per set");
        if (!registry.isOperator(operator)) {
            _assertZeroOperatorView(view_, strategies.length);
            return;
        }
        uint32 id = registry.operatorId(operator);
        vm.assertTrue(view_.isOperator, "is an operator");
        vm.assertEq(view_.operatorId, id, "id");
        vm.assertEq(view_.registeredAt, registry.operatorRecord(id).registeredAt, "registered at");
        vm.assertEq(view_.delegationApprover, registry.delegationApprover(operator), "approver");
        vm.assertEq(view_.allocationDelay, registry.allocationDelayOf(id), "allocation delay in force");
        (uint32 pendingDelay, uint48 pendingAt) = registry.pendingAllocationDelay(id);
        vm.assertEq(view_.pendingAllocationDelay, pendingDelay, "pending delay");
        vm.assertEq(view_.pendingAllocationDelayEffectAt, pendingAt, "pending delay's effect time");
        for (uint256 k; k < strategies.length; ++k) {
            IPalisadeLens.StrategyStake memory stake = view_.stakes[k];
            (, uint256 delegated) = sm.operatorStake(id, strategies[k]);
            vm.assertEq(address(stake.strategy), address(strategies[k]), "stake: strategy");
            vm.assertEq(stake.delegatedShares, delegated, "stake: delegated shares");
            vm.assertEq(stake.slashingFactor, sm.slashingFactor(id, strategies[k]), "stake: slashing factor");
            vm.assertEq(stake.maxMagnitude, allocationManager.maxMagnitude(operator, strategies[k]), "stake: max");
            vm.assertEq(
                stake.encumberedMagnitude,
                allocationManager.encumberedMagnitude(operator, strategies[k]),
                "stake: encumbered"
            );
            vm.assertEq(
                stake.allocatableMagnitude,
                allocationManager.allocatableMagnitude(operator, strategies[k]),
                "stake: allocatable"
            );
        }
        for (uint256 j; j < sets.length; ++j) {
            _assertMembership(view_.sets[j], operator, sets[j], strategies);
        }
    }

    function _assertMembership(
        IPalisadeLens.OperatorSetMembership memory membership,
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies
    ) internal view {
        vm.assertEq(membership.operatorSet.avs, set.avs, "membership: avs");
        vm.assertEq(membership.operatorSet.id, set.id, "membership: set id");
        if (avsRegistry.operatorSetExists(set)) {
            _assertInfo(membership.info, _info(set));
        } else {
            _assertInfo(membership.info, _zeroInfo());
        }
        vm.assertEq(membership.registered, avsRegistry.isRegistered(operator, set), "membership: registered");
        vm.assertEq(membership.slashable, avsRegistry.isSlashable(operator, set), "membership: slashable");
        vm.assertEq(
            membership.slashableFrom,
            avsRegistry.registration(operator, set).slashableFrom,
            "membership: slashable from"
        );
        vm.assertEq(membership.slashableUntil, avsRegistry.slashableUntil(operator, set), "membership: until");
        vm.assertEq(membership.allocations.length, strategies.length, "one allocation per strategy");
        for (uint256 k; k < strategies.length; ++k) {
            IPalisadeLens.AllocationView memory allocation = membership.allocations[k];
            (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(
                operator,
                set,
                strategies[k]
            );
            vm.assertEq(address(allocation.strategy), address(strategies[k]), "allocation: strategy");
            vm.assertEq(allocation.inSet, avsRegistry.isStrategyInSet(set, strategies[k]), "allocation: in set");
            (, uint48 strategyFrom) = avsRegistry.strategyMembership(set, strategies[k]);
            vm.assertEq(allocation.strategySlashableFrom, strategyFrom, "allocation: strategy slashable from");
            vm.assertEq(allocation.current, current, "allocation: current");
            vm.assertEq(allocation.pending, pending, "allocation: pending");
            vm.assertEq(allocation.effectAt, effectAt, "allocation: effect time");
            uint256 now_ = block.timestamp;
            vm.assertEq(
                allocation.slashableShares,
                _slashableStake(operator, set, strategies[k], now_),
                "allocation: slashable now"
            );
            vm.assertEq(
                allocation.slashableSharesAtEffect,
                _slashableStake(operator, set, strategies[k], effectAt > now_ ? effectAt : now_),
                "allocation: slashable at the effect time"
            );
        }
    }

    function _assertZeroOperatorView(IPalisadeLens.OperatorView memory view_, uint256 strategyCount) internal pure {
        vm.assertFalse(view_.isOperator, "not an operator");
        vm.assertEq(view_.operatorId, 0, "no id");
        vm.assertEq(view_.registeredAt, 0, "no registration time");
        vm.assertEq(view_.delegationApprover, address(0), "no approver");
        vm.assertEq(view_.allocationDelay, 0, "no delay");
        vm.assertEq(view_.pendingAllocationDelay, 0, "no pending delay");
        vm.assertEq(view_.pendingAllocationDelayEffectAt, 0, "no pending delay time");
        for (uint256 k; k < view_.stakes.length; ++k) {
            IPalisadeLens.StrategyStake memory stake = view_.stakes[k];
            vm.assertEq(address(stake.strategy), address(0), "stake: zero strategy");
            vm.assertEq(stake.delegatedShares + stake.slashingFactor, 0, "stake: zero shares and factor");
            vm.assertEq(
                uint256(stake.maxMagnitude) + stake.encumberedMagnitude + stake.allocatableMagnitude,
                0,
                "stake: zero magnitudes"
            );
        }
        for (uint256 j; j < view_.sets.length; ++j) {
            IPalisadeLens.OperatorSetMembership memory membership = view_.sets[j];
            vm.assertEq(membership.operatorSet.avs, address(0), "membership: zero avs");
            vm.assertEq(membership.operatorSet.id, 0, "membership: zero set id");
            vm.assertFalse(membership.registered || membership.slashable, "membership: not registered");
            vm.assertEq(uint256(membership.slashableFrom) + membership.slashableUntil, 0, "membership: zero window");
            _assertInfo(membership.info, _zeroInfo());
            vm.assertEq(membership.allocations.length, strategyCount, "membership: allocations sized");
            for (uint256 k; k < strategyCount; ++k) {
                IPalisadeLens.AllocationView memory allocation = membership.allocations[k];
                vm.assertEq(address(allocation.strategy), address(0), "allocation: zero strategy");
                vm.assertFalse(allocation.inSet, "allocation: not in set");
                vm.assertEq(allocation.strategySlashableFrom, 0, "allocation: zero strategy window");
                vm.assertEq(
                    uint256(allocation.current) +
                        allocation.pending +
                        allocation.effectAt +
                        allocation.slashableShares +
                        allocation.slashableSharesAtEffect,
                    0,
                    "allocation: zero"
                );
            }
        }
    }

    // ---------------------------------------------------------------- slash preview against the slash

    /// @dev What the oracle reads of one slashed strategy before and after the slash.
    struct Observed {
        uint256 delegatedShares;
        uint256 ownShares;
        uint256 queuedValue;
        uint256 bucket;
        uint256 factor;
    }

    /// @dev Previews the slash of `wads` of `strategies` of `operator` in `set`, sends it as the set's slasher, and
    /// checks every figure of the preview against the slash. Returns the preview.
    function _slashAndCompare(
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies,
        uint256[] memory wads
    ) internal returns (IPalisadeLens.SlashPreview memory preview) {
        preview = lens.previewSlash(operator, set, strategies, wads, _noSets());
        vm.assertTrue(preview.slashable, "the operator is slashable");
        vm.assertEq(preview.strategies.length, strategies.length, "one preview per strategy");
        Observed[] memory before = _observe(operator, set, strategies);

        vm.recordLogs();
        _slash(set, operator, strategies, wads);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        Observed[] memory afterSlash = _observe(operator, set, strategies);

        uint256 found;
        for (uint256 n; n < logs.length; ++n) {
            if (logs[n].emitter != address(coordinator)) continue;
            if (logs[n].topics[0] != ISlashingCoordinator.StrategySlashed.selector) continue;
            _assertEvent(preview.strategies[found], logs[n]);
            ++found;
        }
        vm.assertEq(found, strategies.length, "one StrategySlashed per strategy");

        for (uint256 i; i < strategies.length; ++i) {
            IPalisadeLens.StrategySlashPreview memory p = preview.strategies[i];
            vm.assertEq(address(p.strategy), address(strategies[i]), "preview: strategy");
            vm.assertEq(p.wad, wads[i], "preview: wad");
            vm.assertEq(p.maxMagnitudeAfter, p.maxMagnitudeBefore - p.magnitudeTaken, "preview: max after");
            vm.assertEq(
                p.tokensSlashed,
                p.totalSharesSlashed == 0 ? 0 : strategies[i].sharesToUnderlying(p.totalSharesSlashed),
                "preview: tokens"
            );
            // A strategy named twice is slashed twice: compare the observations once, with the sum of its entries
            // (each entry's fall starts where the previous one's ended, so the falls add up exactly).
            if (_isRepeat(strategies, i)) continue;
            _assertStrategyFigures(preview.strategies, strategies, i, before[i], afterSlash[i]);
            uint256 last = _lastEntry(strategies, i);
            vm.assertEq(afterSlash[i].factor, preview.strategies[last].maxMagnitudeAfter, "factor after");
            vm.assertEq(
                allocationManager.maxMagnitude(operator, strategies[i]),
                preview.strategies[last].maxMagnitudeAfter,
                "max magnitude after"
            );
            vm.assertEq(
                _current(operator, set, strategies[i]),
                preview.strategies[last].allocationBefore - preview.strategies[last].magnitudeTaken,
                "allocation after"
            );
        }
    }

    function _assertStrategyFigures(
        IPalisadeLens.StrategySlashPreview[] memory previews,
        IStrategy[] memory strategies,
        uint256 first,
        Observed memory before,
        Observed memory afterSlash
    ) internal pure {
        uint256 delegated;
        uint256 own;
        uint256 queued;
        uint256 total;
        for (uint256 i = first; i < strategies.length; ++i) {
            if (address(strategies[i]) != address(strategies[first])) continue;
            delegated += previews[i].delegatedSharesSlashed;
            own += previews[i].operatorOwnSharesSlashed;
            queued += previews[i].queuedSharesSlashed;
            total += previews[i].totalSharesSlashed;
        }
        vm.assertEq(delegated, before.delegatedShares - afterSlash.delegatedShares, "delegated stake's fall");
        vm.assertEq(own, before.ownShares - afterSlash.ownShares, "operator's own position's fall");
        vm.assertEq(queued, before.queuedValue - afterSlash.queuedValue, "queued stake's fall");
        vm.assertEq(total, afterSlash.bucket - before.bucket, "bucket");
        vm.assertEq(previews[first].maxMagnitudeBefore, before.factor, "factor before");
    }

    function _assertEvent(IPalisadeLens.StrategySlashPreview memory p, Vm.Log memory log) internal pure {
        vm.assertEq(log.topics[2], bytes32(uint256(uint160(address(p.strategy)))), "event: strategy");
        (uint256 wad, uint64 allocationBefore, uint64 slashedMagnitude, uint64 maxBefore, uint256 shares) = abi.decode(
            log.data,
            (uint256, uint64, uint64, uint64, uint256)
        );
        vm.assertEq(p.wad, wad, "event: wad");
        vm.assertEq(p.allocationBefore, allocationBefore, "event: allocation before");
        vm.assertEq(p.magnitudeTaken, slashedMagnitude, "event: magnitude taken");
        vm.assertEq(p.maxMagnitudeBefore, maxBefore, "event: max magnitude before");
        vm.assertEq(p.totalSharesSlashed, shares, "event: shares slashed");
    }

    /// @dev The figures of `operator` a slash of `strategies` in `set` changes. The queued stake is valued as the
    /// queue values it at completion: each unmatured withdrawal's scaled shares at the factor of today, which with
    /// one withdrawal per strategy is the value of the queued scaled shares maturing after now.
    function _observe(
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies
    ) internal view returns (Observed[] memory observed) {
        uint32 id = registry.operatorId(operator);
        observed = new Observed[](strategies.length);
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            uint256 factor = sm.slashingFactor(id, strategy);
            (, observed[i].delegatedShares) = sm.operatorStake(id, strategy);
            observed[i].ownShares = sm.withdrawableShares(operator, strategy);
            uint256 queued = wq.queuedScaledSharesMaturingAfter(id, strategy, uint48(block.timestamp));
            observed[i].queuedValue = (queued * factor) / WAD;
            observed[i].bucket = _slashedShares(set, strategy);
            observed[i].factor = factor;
        }
    }

    function _isRepeat(IStrategy[] memory strategies, uint256 index) internal pure returns (bool) {
        for (uint256 i; i < index; ++i) {
            if (address(strategies[i]) == address(strategies[index])) return true;
        }
        return false;
    }

    function _lastEntry(IStrategy[] memory strategies, uint256 index) internal pure returns (uint256 last) {
        last = index;
        for (uint256 i = index + 1; i < strategies.length; ++i) {
            if (address(strategies[i]) == address(strategies[index])) last = i;
        }
    }

    // ---------------------------------------------------------------- sets

    /// @dev The configuration of `set`, as the registry reports it.
    function _info(OperatorSet memory set) internal view returns (IAVSRegistry.OperatorSetInfo memory) {
        return avsRegistry.operatorSetInfo(set);
    }

    /// @dev The configuration the lens reports for a set that does not exist, or for a non-operator.
    function _zeroInfo() internal pure returns (IAVSRegistry.OperatorSetInfo memory info) {}

    function _assertInfo(
        IAVSRegistry.OperatorSetInfo memory got,
        IAVSRegistry.OperatorSetInfo memory want
    ) internal pure {
        vm.assertEq(got.slasher, want.slasher, "info: slasher");
        vm.assertEq(got.pendingSlasher, want.pendingSlasher, "info: pending slasher");
        vm.assertEq(got.slasherEffectAt, want.slasherEffectAt, "info: slasher effect time");
        vm.assertEq(got.registrar, want.registrar, "info: registrar");
        vm.assertEq(got.redistributionRecipient, want.redistributionRecipient, "info: recipient");
        vm.assertEq(got.pendingRedistributionRecipient, want.pendingRedistributionRecipient, "info: pending recipient");
        vm.assertEq(got.strategyCount, want.strategyCount, "info: strategy count");
    }
}
