// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 8): `modifyAllocations` asks the AVS registry to check set membership only for
/// strategies whose new magnitude is above the one stored, and decides that before applying any entry. A strategy
/// named twice, first lowered then raised (`[B -> 0.1, B -> 0.4]` from 0.5), passes as two decreases and ends up an
/// increase: on `main` an operator raised its allocation of a strategy its set no longer holds, stake that AVSs and
/// stakers were told the set could not slash, and that "first-time" strategy additions would never revive.
///
/// The defence: a strategy named twice for one set in one call reverts `DuplicateStrategy`; entries for the same set
/// in separate `AllocateParams` are checked each against what the previous ones left.
contract DuplicateStrategyInAllocationTest is StakerProtectionHelpers {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA, strategyB));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyB, STAKE);
        // Allocated to B while the set held it, not registered (so decreases take effect at once); then the AVS
        // drops B from the set.
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(0.5e18, 0.5e18));
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(1, _strategies(strategyB));
    }

    function test_attack_strategyNamedTwice_lowerThenRaise_refused() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DuplicateStrategy.selector, avs, 1, strategyB));
        _allocate(operator1, set1, _strategies(strategyB, strategyB), _magnitudes(0.1e18, 0.4e18));
        (uint64 current, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyB);
        vm.assertEq(current, 0.5e18, "the allocation of B did not move");
        vm.assertEq(effectAt, 0, "and no increase of it is pending");
    }

    function test_attack_aSingleRaiseOfADroppedStrategy_refusedByTheMembershipCheck() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, 1, strategyB));
        _allocate(operator1, set1, strategyB, 0.6e18);
    }

    function test_attack_theSameStrategyInTwoParamsForTheSet_secondCheckedAfterTheFirst() public {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](2);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set1,
            strategies: _strategies(strategyB),
            magnitudes: _magnitudes(0.1e18)
        });
        params[1] = IAllocationManager.AllocateParams({
            operatorSet: set1,
            strategies: _strategies(strategyB),
            magnitudes: _magnitudes(0.4e18)
        });
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, 1, strategyB));
        vm.prank(operator1);
        allocationManager.modifyAllocations(params);
    }

    function test_attack_duplicatesRefusedForMembersToo() public {
        IStrategy[] memory twice = _strategies(strategyA, strategyA);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DuplicateStrategy.selector, avs, 1, strategyA));
        _allocate(operator1, set1, twice, _magnitudes(0.6e18, 0.7e18));
    }

    function test_control_loweringADroppedStrategyStillWorks() public {
        // What the membership exemption is for: stake can always be taken out of a strategy the set dropped.
        _allocate(operator1, set1, strategyB, 0.1e18);
        vm.assertEq(_current(operator1, set1, strategyB), 0.1e18, "lowered at once: the operator is not slashable");
    }
}
