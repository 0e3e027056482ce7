// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 8): an AVS removes a strategy from its set ("stake in it can no longer be
/// slashed by the set", says the removal event) while operators keep their allocations to it; stakers who only
/// stayed because of that promise are still there when the AVS adds the strategy back. On `main` the old allocation
/// was slashable again at once.
///
/// The defence (guarantee 9): a strategy added back is slashable only from `slashableFrom`, one second after a
/// withdrawal queued in the block of the re-add matures. A staker who reacts at once escapes, and an operator that
/// does not want the exposure back can deallocate in that block. A strategy added for the first time needs no notice:
/// nobody can hold an allocation to it, and allocating gives its own.
contract ReaddedStrategyRevivesOldAllocationTest is StakerProtectionHelpers {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _stakeWith(bob, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(1, _strategies(strategyA));
        vm.warp(block.timestamp + 60 days);
    }

    function test_attack_readdedStrategy_slashableOnlyAfterTheNotice() public {
        vm.assertEq(_slashableStake(operator1, set1, strategyA, block.timestamp), 0, "not slashable while removed");

        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(1, _strategies(strategyA));
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        (, uint48 slashableFrom) = avsRegistry.strategyMembership(set1, strategyA);
        vm.assertEq(slashableFrom, block.timestamp + NOTICE, "slashable after the notice");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, block.timestamp), 0, "not at the re-add");
        vm.assertEq(
            _slashableStake(operator1, set1, strategyA, slashableFrom),
            STAKE_SHARES,
            "from slashableFrom, bob's stake (alice's withdrawal has matured by then)"
        );

        vm.warp(slashableFrom - 1);
        _expectSlashRevert(
            slasher,
            set1,
            operator1,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.StrategyNotSlashableYet.selector, avs, 1, strategyA, slashableFrom)
        );

        vm.warp(slashableFrom);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE_SHARES, "bob's stake only");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice, who reacted to the re-add, keeps everything");
    }

    function test_attack_operatorDeallocatingInTheReaddBlock_isNeverExposedAgain() public {
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(1, _strategies(strategyA));
        (, uint48 slashableFrom) = avsRegistry.strategyMembership(set1, strategyA);
        _allocate(operator1, set1, strategyA, 0);
        (, , uint48 decreaseAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertLt(decreaseAt, slashableFrom, "the decrease takes effect before the strategy is slashable");

        vm.warp(slashableFrom);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), 0, "nothing left to slash");
        vm.assertEq(_worth(alice, strategyA), STAKE, "alice untouched");
        vm.assertEq(_worth(bob, strategyA), STAKE, "bob untouched");
    }

    function test_control_aStrategyAddedForTheFirstTimeIsSlashableAtOnce() public {
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(1, _strategies(strategyB));
        (bool member, uint48 slashableFrom) = avsRegistry.strategyMembership(set1, strategyB);
        vm.assertTrue(member, "B joined");
        vm.assertEq(slashableFrom, 0, "no notice: no allocation to it can exist");
        // Allocating to it gives its own notice.
        _allocate(operator1, set1, strategyB, 0.5e18);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyB);
        vm.assertEq(effectAt, block.timestamp + NOTICE, "the allocation waits for the notice");
    }
}
