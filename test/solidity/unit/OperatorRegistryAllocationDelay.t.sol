// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice An operator's allocation delay: a change is scheduled and takes effect after the delay in force, so
/// that an operator cannot shorten the notice its stakers and AVSs were given; a later call replaces a change not
/// yet in force. The AllocationManager reads the delay in force at each allocation.
contract OperatorRegistryAllocationDelayTest is AVSHelpers {
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        operator1Id = _registerOperator(operator1);
    }

    function test_setAllocationDelay_takesEffectAfterTheDelayInForce() public {
        uint48 expected = uint48(block.timestamp + MIN_ALLOCATION_DELAY);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.AllocationDelayScheduled(operator1, 1 days, expected);
        uint48 effectAt = _setDelay(operator1, 1 days);
        vm.assertEq(effectAt, expected, "after the old delay");

        (uint32 pendingDelay, uint48 pendingAt) = registry.pendingAllocationDelay(operator1Id);
        vm.assertEq(pendingDelay, 1 days, "pending delay");
        vm.assertEq(pendingAt, effectAt, "pending until");
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "old delay in force");

        vm.warp(effectAt - 1);
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "old delay in its last second");
        vm.warp(effectAt);
        vm.assertEq(registry.allocationDelayOf(operator1Id), 1 days, "new delay, with no transaction");
        vm.assertEq(
            registry.operatorRecord(operator1Id).allocationDelay,
            MIN_ALLOCATION_DELAY,
            "the record is written down by the next change only"
        );
    }

    function test_setAllocationDelay_shorteningWaitsOutTheLongDelay() public {
        vm.prank(operator2);
        uint32 id = registry.registerAsOperator(address(0), MAX_ALLOCATION_DELAY, "ipfs://operator");
        uint48 effectAt = _setDelay(operator2, MIN_ALLOCATION_DELAY);
        vm.assertEq(effectAt, block.timestamp + MAX_ALLOCATION_DELAY, "the long notice is kept");
        vm.warp(effectAt - 1);
        vm.assertEq(registry.allocationDelayOf(id), MAX_ALLOCATION_DELAY, "still the long delay");
        vm.warp(effectAt);
        vm.assertEq(registry.allocationDelayOf(id), MIN_ALLOCATION_DELAY, "short from then on");
    }

    function test_setAllocationDelay_secondCallReplacesAPendingChange() public {
        uint48 firstEffectAt = _setDelay(operator1, 1 days);
        vm.warp(block.timestamp + 30);
        uint48 secondEffectAt = _setDelay(operator1, 2 days);
        vm.assertEq(secondEffectAt, block.timestamp + MIN_ALLOCATION_DELAY, "still the old delay's notice");

        (uint32 pendingDelay, uint48 pendingAt) = registry.pendingAllocationDelay(operator1Id);
        vm.assertEq(pendingDelay, 2 days, "the later change");
        vm.assertEq(pendingAt, secondEffectAt, "at the later time");

        vm.warp(firstEffectAt);
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "the first change never applies");
        vm.warp(secondEffectAt);
        vm.assertEq(registry.allocationDelayOf(operator1Id), 2 days, "the second does");
    }

    function test_setAllocationDelay_afterAChangeTookEffect_writesItDownAndUsesItsNotice() public {
        vm.warp(_setDelay(operator1, 1 days));
        uint48 effectAt = _setDelay(operator1, 2 days);
        vm.assertEq(registry.operatorRecord(operator1Id).allocationDelay, 1 days, "written down");
        vm.assertEq(effectAt, block.timestamp + 1 days, "the new delay's notice");
        vm.assertEq(registry.allocationDelayOf(operator1Id), 1 days, "in force meanwhile");
    }

    function test_setAllocationDelay_sameDelayIsAccepted() public {
        uint48 effectAt = _setDelay(operator1, MIN_ALLOCATION_DELAY);
        vm.warp(effectAt);
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "unchanged");
    }

    function test_setAllocationDelay_atTheBounds() public {
        vm.warp(_setDelay(operator1, MAX_ALLOCATION_DELAY));
        vm.assertEq(registry.allocationDelayOf(operator1Id), MAX_ALLOCATION_DELAY, "max accepted");
        vm.warp(_setDelay(operator1, MIN_ALLOCATION_DELAY));
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "min accepted");
    }

    function test_setAllocationDelay_followsTheBoundsInForce() public {
        vm.prank(owner);
        registry.setAllocationDelayBounds(1 hours, 2 days);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.AllocationDelayOutOfBounds.selector, 30 minutes, 1 hours, 2 days)
        );
        _setDelay(operator1, 30 minutes);
        // An operator registered under the old bounds keeps its delay until it changes it.
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "kept");
        _setDelay(operator1, 1 hours);
    }

    function test_setAllocationDelay_revertsWhen_belowTheMinimum() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.AllocationDelayOutOfBounds.selector,
                MIN_ALLOCATION_DELAY - 1,
                MIN_ALLOCATION_DELAY,
                MAX_ALLOCATION_DELAY
            )
        );
        _setDelay(operator1, MIN_ALLOCATION_DELAY - 1);
    }

    function test_setAllocationDelay_revertsWhen_aboveTheMaximum() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.AllocationDelayOutOfBounds.selector,
                MAX_ALLOCATION_DELAY + 1,
                MIN_ALLOCATION_DELAY,
                MAX_ALLOCATION_DELAY
            )
        );
        _setDelay(operator1, MAX_ALLOCATION_DELAY + 1);
    }

    function test_setAllocationDelay_revertsWhen_notAnOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        _setDelay(stranger, 1 days);
    }

    function test_setAllocationDelay_revertsWhen_delegatedStaker() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator1);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, alice));
        _setDelay(alice, 1 days);
    }

    function test_pendingAllocationDelay_noneScheduled() public view {
        (uint32 delay, uint48 effectAt) = registry.pendingAllocationDelay(operator1Id);
        vm.assertEq(delay, 0, "no delay");
        vm.assertEq(effectAt, 0, "no time");
        vm.assertEq(registry.allocationDelayOf(operator1Id), MIN_ALLOCATION_DELAY, "the registered delay");
        vm.assertEq(registry.allocationDelayOf(12345), 0, "unknown id");
    }

    /// @dev The view keeps reporting a change after it took effect, with its (past) time: "pending" means "last
    /// scheduled" here, and a reader tells the two apart by comparing the time with the clock.
    function test_pendingAllocationDelay_clearsOnceTheChangeIsInForce() public {
        uint48 effectAt = _setDelay(operator1, 1 days);
        (uint32 delay, uint48 at) = registry.pendingAllocationDelay(operator1Id);
        vm.assertEq(delay, 1 days, "pending change");
        vm.assertEq(at, effectAt, "its time");
        vm.warp(effectAt);
        (delay, at) = registry.pendingAllocationDelay(operator1Id);
        vm.assertEq(delay, 0, "no longer pending");
        vm.assertEq(at, 0, "no time");
        vm.assertEq(registry.allocationDelayOf(operator1Id), 1 days, "in force");
    }

    function test_allocationDelay_changeDoesNotMoveAnAllocationAlreadyPending() public {
        _registerAVS(avs);
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        _registerInSet(operator1, set);
        _allocate(operator1, set, strategyA, 0.5e18);
        // The notice (withdrawal delay + 1 s) is longer than both allocation delays here.
        uint48 allocationEffectAt = uint48(block.timestamp + NOTICE);
        vm.warp(_setDelay(operator1, 10 days));
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set, strategyA);
        vm.assertEq(effectAt, allocationEffectAt, "the allocation keeps its own time");
        vm.warp(allocationEffectAt);
        vm.assertEq(_current(operator1, set, strategyA), 0.5e18, "in force then");
    }

    function test_youngChain_setAllocationDelay() public {
        vm.warp(1);
        uint48 effectAt = _setDelay(operator1, 1 days);
        vm.assertEq(effectAt, 1 + MIN_ALLOCATION_DELAY, "1 + delay in force");
        vm.warp(effectAt);
        vm.assertEq(registry.allocationDelayOf(operator1Id), 1 days, "in force");
    }

    // ---------------------------------------------------------------- helpers

    function _setDelay(address operator, uint32 delay) internal returns (uint48) {
        vm.prank(operator);
        return registry.setAllocationDelay(delay);
    }
}
