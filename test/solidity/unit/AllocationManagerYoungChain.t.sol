// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice Allocations on a young chain (a fresh devnet): the clock reads 1 and every delay is larger than it, so
/// each time the contracts compute must be an addition, never a subtraction from the current time.
contract AllocationManagerYoungChainTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;

    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        vm.warp(1);
        vm.roll(1);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _registerInSet(operator1, set1);
    }

    function test_youngChain_increaseTakesEffectAfterTheNotice() public {
        _allocate(operator1, set1, strategyA, HALF);
        (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(current, 0, "nothing in force yet");
        vm.assertEq(pending, HALF, "pending");
        vm.assertEq(effectAt, 1 + NOTICE, "1 + withdrawal delay + 1");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt), 50e21, "slashable from then");
        vm.warp(effectAt);
        vm.assertEq(_current(operator1, set1, strategyA), HALF, "in force");
    }

    function test_youngChain_decreaseTakesEffectAfterTheWithdrawalDelay() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint256 decreasedAt = block.timestamp;
        _allocate(operator1, set1, strategyA, 0);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(effectAt, decreasedAt + WITHDRAWAL_DELAY, "now + withdrawal delay");
        vm.warp(effectAt);
        allocationManager.settleAllocations(operator1, set1, _strategies(strategyA));
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "freed");
    }

    function test_youngChain_deregistrationWindowAndImmediateDecrease() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertEq(until, block.timestamp + WITHDRAWAL_DELAY, "window");
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "slashable in the window");
        vm.warp(until);
        _allocate(operator1, set1, strategyA, 0);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "freed at once after it");
    }

    function test_youngChain_slashableStakeWithQueuedWithdrawals() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _queue(alice, strategyA, 40e21);
        vm.assertEq(_slashableStake(operator1, set1, strategyA, block.timestamp), 50e21, "queued stake counts");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, 0), 50e21, "time zero reads as now");
    }
}
