// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeLens} from "../../../contracts/interfaces/IPalisadeLens.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {LensFixture} from "./LensFixture.sol";

/// @notice `previewSlash` predicts a slash exactly, whatever the stake, the allocations, an earlier slash, a queued
/// withdrawal (matured or not), a pending change of allocation and the fractions: every figure of the preview
/// equals what the slash then does (`LensFixture._slashAndCompare`), the queued figure equals the fall of the
/// withdrawal's own `previewCompletion`, and the other sets' figures keep their stake:
/// - another set's slashable stake is untouched by the slash (the core's own view after the slash equals the one
///   before, exactly), and the preview's figure after, computed from the max magnitude after the slash, equals it
///   or is one share short: it values the operator's stake in whole shares first, which loses less than a share,
///   and the set's part of that loss is less than one share since its magnitude is at most the max magnitude;
/// - the slashed set's own figure after is the core's view after the slash, up to the same share.
contract PalisadeLensSlashFuzzTest is LensFixture {
    uint32 internal constant SET_2 = 2;
    uint256 internal constant MAX_TOKENS = 1e24;

    /// @dev Both sets hold A and B; operator 1 is registered in both.
    OperatorSet internal set1;
    OperatorSet internal set2;

    /// @dev The fuzzed state before the slash.
    struct Scenario {
        uint256 aliceA;
        uint256 aliceB;
        uint256 ownA;
        uint256 magnitudeA1;
        uint256 magnitudeB1;
        uint256 magnitudeA2;
        uint256 earlierWad;
        uint256 queued;
        uint256 change;
        uint256 elapsed;
    }

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(SET_2, _strategies(strategyA, strategyB));
        _registerOperator(operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
    }

    function testFuzz_previewSlash_equalsTheSlash(Scenario memory scenario, uint256 wadA, uint256 wadB) public {
        (bool queued, IWithdrawalQueue.Withdrawal memory withdrawal) = _arrange(scenario);
        uint256[] memory wads = _wads(bound(wadA, 1, WAD), bound(wadB, 1, WAD));
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);

        IPalisadeLens.SlashPreview memory withOthers = lens.previewSlash(
            operator1,
            set1,
            strategies,
            wads,
            _sets(set2, set1)
        );
        uint256 completionBefore = queued ? _completion(withdrawal) : 0;
        uint256[] memory set2Before = allocationManager.slashableStake(
            operator1,
            set2,
            strategies,
            uint48(block.timestamp)
        );

        IPalisadeLens.SlashPreview memory preview = _slashAndCompare(operator1, set1, strategies, wads);

        for (uint256 i; i < 2; ++i) {
            vm.assertEq(
                withOthers.strategies[i].totalSharesSlashed,
                preview.strategies[i].totalSharesSlashed,
                "asking for other sets changes no figure"
            );
        }
        if (queued) {
            uint256 completionAfter = _completion(withdrawal);
            vm.assertEq(
                preview.strategies[0].queuedSharesSlashed,
                completionBefore - completionAfter,
                "the queued figure is the withdrawal's own fall"
            );
        }
        _assertOtherSets(withOthers, set2Before, strategies);
    }

    /// @dev Other sets: set 2 (entries 0 and 1) and the slashed set 1 itself (entries 2 and 3), after the slash.
    function _assertOtherSets(
        IPalisadeLens.SlashPreview memory preview,
        uint256[] memory set2Before,
        IStrategy[] memory strategies
    ) internal view {
        vm.assertEq(preview.otherSets.length, 4, "two sets, two strategies");
        uint256[] memory set2After = allocationManager.slashableStake(
            operator1,
            set2,
            strategies,
            uint48(block.timestamp)
        );
        uint256[] memory set1After = allocationManager.slashableStake(
            operator1,
            set1,
            strategies,
            uint48(block.timestamp)
        );
        for (uint256 i; i < 2; ++i) {
            IPalisadeLens.OtherSetImpact memory other = preview.otherSets[i];
            vm.assertEq(other.operatorSet.id, SET_2, "set 2 first");
            vm.assertEq(address(other.strategy), address(strategies[i]), "per strategy");
            vm.assertEq(other.slashableSharesBefore, set2Before[i], "set 2 before: the core's view");
            vm.assertEq(set2After[i], set2Before[i], "unique stake: the slash leaves set 2's stake untouched");
            vm.assertLe(other.slashableSharesAfter, other.slashableSharesBefore, "computed: never above");
            vm.assertLe(other.slashableSharesBefore - other.slashableSharesAfter, 1, "computed: within a share");

            IPalisadeLens.OtherSetImpact memory slashed = preview.otherSets[2 + i];
            vm.assertEq(slashed.operatorSet.id, SET_ID, "then the slashed set");
            vm.assertLe(slashed.slashableSharesAfter, set1After[i], "slashed set after: never above the core's");
            vm.assertLe(set1After[i] - slashed.slashableSharesAfter, 1, "slashed set after: within a share");
        }
    }

    /// @dev Builds the scenario: deposits and delegation, allocations in force, maybe an earlier slash in set 2,
    /// maybe a withdrawal of alice's A, maybe a change of set 1's A pending, then some time.
    function _arrange(
        Scenario memory scenario
    ) internal returns (bool queued, IWithdrawalQueue.Withdrawal memory withdrawal) {
        _deposit(alice, strategyA, bound(scenario.aliceA, 1, MAX_TOKENS));
        _deposit(alice, strategyB, bound(scenario.aliceB, 1, MAX_TOKENS));
        uint256 ownA = bound(scenario.ownA, 0, MAX_TOKENS);
        if (ownA != 0) _deposit(operator1, strategyA, ownA);
        _delegate(alice, operator1);

        uint64 magnitudeA1 = uint64(bound(scenario.magnitudeA1, 1, WAD));
        uint64 magnitudeA2 = uint64(bound(scenario.magnitudeA2, 0, WAD - magnitudeA1));
        _allocate(
            operator1,
            set1,
            _strategies(strategyA, strategyB),
            _magnitudes(magnitudeA1, uint64(bound(scenario.magnitudeB1, 1, WAD)))
        );
        if (magnitudeA2 != 0) _allocate(operator1, set2, strategyA, magnitudeA2);
        // The increases and the registration (made in `setUp`, at the same time) are slashable after the notice.
        vm.warp(block.timestamp + NOTICE);

        if (magnitudeA2 != 0 && scenario.earlierWad % 2 == 1) {
            _slash(set2, operator1, strategyA, bound(scenario.earlierWad, 1, WAD));
        }
        uint256 shares = bound(scenario.queued, 0, sm.withdrawableShares(alice, strategyA));
        if (shares != 0) {
            withdrawal = _queue(alice, strategyA, shares);
            queued = true;
        }
        _pendingChange(scenario.change);
        vm.warp(block.timestamp + bound(scenario.elapsed, 0, WITHDRAWAL_DELAY + 1 days));
    }

    /// @dev `change % 3`: none, a decrease of set 1's A to half, or an increase by half of what is allocatable.
    function _pendingChange(uint256 change) internal {
        uint64 current = _current(operator1, set1, strategyA);
        uint256 kind = change % 3;
        if (kind == 1) {
            _allocate(operator1, set1, strategyA, current / 2);
        } else if (kind == 2) {
            uint64 more = allocationManager.allocatableMagnitude(operator1, strategyA) / 2;
            if (more != 0) _allocate(operator1, set1, strategyA, current + more);
        }
    }

    /// @dev The strategy shares completing `withdrawal` would pay (it holds A only).
    function _completion(IWithdrawalQueue.Withdrawal memory withdrawal) internal view returns (uint256) {
        (uint256[] memory shares, ) = wq.previewCompletion(withdrawal);
        return shares[0];
    }
}
