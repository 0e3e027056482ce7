// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The AllocationManager's allocations: increases after the operator's allocation delay, decreases after
/// the withdrawal delay (at once where the operator is not slashable), settling, the magnitude bookkeeping, and
/// every revert path of `modifyAllocations` and `slash`.
contract AllocationManagerTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;
    uint64 internal constant HALF = 0.5e18;
    uint64 internal constant FIFTH = 0.2e18;

    OperatorSet internal set1;
    OperatorSet internal set2;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(SET_2, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
    }

    // ---------------------------------------------------------------- wiring and fresh state

    function test_constantsAndWiring() public view {
        vm.assertEq(allocationManager.PAUSE_ALLOCATION(), 0, "pause bit");
        vm.assertEq(allocationManager.validPauseFlags(), 1, "one pause bit");
        vm.assertEq(allocationManager.strategyManager(), address(sm), "strategy manager");
        vm.assertEq(allocationManager.operatorRegistry(), address(registry), "operator registry");
        vm.assertEq(allocationManager.avsRegistry(), address(avsRegistry), "avs registry");
        vm.assertEq(allocationManager.withdrawalQueue(), address(wq), "withdrawal queue");
        vm.assertEq(allocationManager.slashingCoordinator(), address(coordinator), "coordinator");
    }

    function test_freshOperator_hasTheWholeMagnitudeFree() public view {
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "max magnitude WAD");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "nothing encumbered");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD, "everything allocatable");
        _assertAllocation(set1, strategyA, 0, 0, 0, "no allocation");
    }

    // ---------------------------------------------------------------- increases

    function test_modifyAllocations_increase_takesEffectAfterTheAllocationDelay() public {
        uint48 effectAt = uint48(block.timestamp + NOTICE);
        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(operator1, avs, SET_ID, strategyA, HALF, effectAt, HALF);
        _allocate(operator1, set1, strategyA, HALF);

        _assertAllocation(set1, strategyA, 0, HALF, effectAt, "pending");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "encumbered at once");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - HALF, "the rest free");

        vm.warp(effectAt - 1);
        _assertAllocation(set1, strategyA, 0, HALF, effectAt, "still pending in the last second");
        vm.warp(effectAt);
        _assertAllocation(set1, strategyA, HALF, 0, 0, "in force, with no transaction");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "encumbered unchanged");
    }

    function test_modifyAllocations_manySetsAndStrategiesInOneCall() public {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](2);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set1,
            strategies: _strategies(strategyA, strategyB),
            magnitudes: _magnitudes(HALF, FIFTH)
        });
        params[1] = IAllocationManager.AllocateParams({
            operatorSet: set2,
            strategies: _strategies(strategyA),
            magnitudes: _magnitudes(FIFTH)
        });
        vm.prank(operator1);
        allocationManager.modifyAllocations(params);
        vm.warp(block.timestamp + NOTICE);

        _assertAllocation(set1, strategyA, HALF, 0, 0, "set 1, A");
        _assertAllocation(set1, strategyB, FIFTH, 0, 0, "set 1, B");
        _assertAllocation(set2, strategyA, FIFTH, 0, 0, "set 2, A");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF + FIFTH, "A across sets");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyB), FIFTH, "B");
    }

    function test_modifyAllocations_increaseOfAnIncreaseInForce() public {
        _allocateAndWait(operator1, set1, strategyA, FIFTH);
        _allocate(operator1, set1, strategyA, HALF);
        _assertAllocation(set1, strategyA, FIFTH, HALF, uint48(block.timestamp + NOTICE), "raised");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "counted at the new value");
    }

    function test_modifyAllocations_increaseWholeMagnitude() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        vm.assertEq(_current(operator1, set1, strategyA), WAD, "everything allocated");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0, "nothing left");
    }

    function test_modifyAllocations_increaseInASetNotRegisteredIn_isAllowed() public {
        _registerOperator(operator2);
        _allocateAndWait(operator2, set1, strategyA, HALF);
        vm.assertEq(_current(operator2, set1, strategyA), HALF, "allocated");
        vm.assertEq(_slashableStake(operator2, set1, strategyA, block.timestamp), 0, "but not slashable");
    }

    // ---------------------------------------------------------------- decreases

    function test_modifyAllocations_decrease_staysInForceForTheWithdrawalDelay() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 effectAt = uint48(block.timestamp + WITHDRAWAL_DELAY);

        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(operator1, avs, SET_ID, strategyA, FIFTH, effectAt, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);

        _assertAllocation(set1, strategyA, HALF, FIFTH, effectAt, "decrease pending");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "still encumbered");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - HALF, "nothing freed yet");

        vm.warp(effectAt - 1);
        _assertAllocation(set1, strategyA, HALF, FIFTH, effectAt, "in force until the last second");
        vm.warp(effectAt);
        _assertAllocation(set1, strategyA, FIFTH, 0, 0, "decreased, with no transaction");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "encumbered until settled");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - HALF, "not free until settled");
    }

    function test_modifyAllocations_decreaseToZero() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _settle(operator1, set1, strategyA);
        _assertAllocation(set1, strategyA, 0, 0, 0, "nothing left");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "nothing encumbered");
    }

    function test_modifyAllocations_decreaseOfAPendingIncreaseInForce_isADecrease() public {
        // The increase took effect without a transaction; the decrease starts from it.
        _allocate(operator1, set1, strategyA, HALF);
        vm.warp(block.timestamp + NOTICE);
        _allocate(operator1, set1, strategyA, FIFTH);
        _assertAllocation(set1, strategyA, HALF, FIFTH, uint48(block.timestamp + WITHDRAWAL_DELAY), "decrease");
    }

    function test_modifyAllocations_decrease_whereNotSlashable_freesAtOnce() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until);

        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(
            operator1,
            avs,
            SET_ID,
            strategyA,
            FIFTH,
            uint48(block.timestamp),
            FIFTH
        );
        _allocate(operator1, set1, strategyA, FIFTH);

        _assertAllocation(set1, strategyA, FIFTH, 0, 0, "decreased at once");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), FIFTH, "freed at once");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - FIFTH, "allocatable");
    }

    function test_modifyAllocations_decrease_inASetNeverRegisteredIn_freesAtOnce() public {
        _registerOperator(operator2);
        _allocateAndWait(operator2, set1, strategyA, HALF);
        _allocate(operator2, set1, strategyA, 0);
        _assertAllocation2(set1, strategyA, 0, 0, 0, "decreased at once");
        vm.assertEq(allocationManager.encumberedMagnitude(operator2, strategyA), 0, "freed at once");
    }

    function test_modifyAllocations_decrease_inTheDeregistrationWindow_isDelayed() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _deregisterFromSet(operator1, set1);
        vm.warp(block.timestamp + 1 days);
        _allocate(operator1, set1, strategyA, 0);
        _assertAllocation(set1, strategyA, HALF, 0, uint48(block.timestamp + WITHDRAWAL_DELAY), "still slashable");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "still encumbered");
    }

    function test_modifyAllocations_decrease_inAStrategyTheSetRemoved() public {
        _allocateAndWait(operator1, set1, strategyB, HALF);
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyB));

        _allocate(operator1, set1, strategyB, 0);
        _assertAllocation(set1, strategyB, HALF, 0, uint48(block.timestamp + WITHDRAWAL_DELAY), "decrease works");
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _settle(operator1, set1, strategyB);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyB), 0, "and frees its magnitude");
    }

    function test_modifyAllocations_decreaseUsesTheWithdrawalDelayInForce() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        vm.prank(owner);
        wq.setWithdrawalDelay(10 days);
        _allocate(operator1, set1, strategyA, FIFTH);
        _assertAllocation(set1, strategyA, HALF, FIFTH, uint48(block.timestamp + 10 days), "a longer delay at once");

        // A shorter delay glides in: a decrease stays slashable as long as the windows promised before.
        vm.warp(block.timestamp + 10 days);
        uint48 promised = uint48(block.timestamp + 10 days);
        vm.prank(owner);
        wq.setWithdrawalDelay(1 days);
        _allocate(operator1, set1, strategyA, 0);
        _assertAllocation(set1, strategyA, FIFTH, 0, promised, "not before the promised windows close");
    }

    // ---------------------------------------------------------------- settleAllocations

    function test_settleAllocations_freesAMaturedDecrease() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);

        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.EncumberedMagnitudeUpdated(operator1, strategyA, FIFTH);
        vm.prank(stranger);
        allocationManager.settleAllocations(operator1, set1, _strategies(strategyA));

        _assertAllocation(set1, strategyA, FIFTH, 0, 0, "written down");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), FIFTH, "freed");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - FIFTH, "allocatable again");
    }

    function test_settleAllocations_beforeMaturity_changesNothing() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);

        vm.recordLogs();
        _settle(operator1, set1, strategyA);
        vm.assertEq(vm.getRecordedLogs().length, 0, "no event");
        _assertAllocation(set1, strategyA, HALF, FIFTH, uint48(block.timestamp + 1), "still pending");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "still encumbered");
    }

    function test_settleAllocations_withoutChange_isANoOp() public {
        vm.recordLogs();
        _settle(operator1, set1, strategyA);
        _settle(operator2, _set(stranger, 7), strategyB);
        vm.assertEq(vm.getRecordedLogs().length, 0, "no event");
    }

    function test_settleAllocations_maturedIncrease_keepsItEncumbered() public {
        _allocate(operator1, set1, strategyA, HALF);
        vm.warp(block.timestamp + NOTICE);
        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.EncumberedMagnitudeUpdated(operator1, strategyA, HALF);
        _settle(operator1, set1, strategyA);
        _assertAllocation(set1, strategyA, HALF, 0, 0, "written down");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "still encumbered");
    }

    function test_settleAllocations_worksWhileAllocationsArePaused() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _pause(address(allocationManager), 1);
        _settle(operator1, set1, strategyA);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "freed during a pause");
    }

    function test_modifyAllocations_settlesAMaturedDecreaseFirst() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        // No settle: the operator's next change of this allocation writes the decrease down first.
        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(
            operator1,
            avs,
            SET_ID,
            strategyA,
            FIFTH + 0.1e18,
            uint48(block.timestamp + NOTICE),
            FIFTH + 0.1e18
        );
        _allocate(operator1, set1, strategyA, FIFTH + 0.1e18);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), FIFTH + 0.1e18, "0.2 + 0.1");
    }

    function test_modifyAllocations_magnitudeFreedBySettlingCanBeAllocatedElsewhere() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _settle(operator1, set1, strategyA);
        _allocateAndWait(operator1, set2, strategyA, uint64(WAD));
        vm.assertEq(_current(operator1, set2, strategyA), WAD, "moved to set 2 after the deallocation delay");
    }

    // ---------------------------------------------------------------- reverts

    function test_modifyAllocations_revertsWhen_lengthsDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.LengthMismatch.selector, 2, 1));
        _allocate(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF));
    }

    function test_modifyAllocations_revertsWhen_magnitudeUnchanged_fromNothing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.MagnitudeUnchanged.selector, avs, SET_ID, strategyA, 0)
        );
        _allocate(operator1, set1, strategyA, 0);
    }

    function test_modifyAllocations_revertsWhen_magnitudeUnchanged() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.MagnitudeUnchanged.selector, avs, SET_ID, strategyA, HALF)
        );
        _allocate(operator1, set1, strategyA, HALF);
    }

    function test_modifyAllocations_revertsWhen_increasePending() public {
        _allocate(operator1, set1, strategyA, FIFTH);
        uint48 effectAt = uint48(block.timestamp + NOTICE);
        vm.warp(effectAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.AllocationChangePending.selector,
                avs,
                SET_ID,
                strategyA,
                effectAt
            )
        );
        _allocate(operator1, set1, strategyA, HALF);
    }

    function test_modifyAllocations_revertsWhen_decreasePending() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);
        uint48 effectAt = uint48(block.timestamp + WITHDRAWAL_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.AllocationChangePending.selector,
                avs,
                SET_ID,
                strategyA,
                effectAt
            )
        );
        _allocate(operator1, set1, strategyA, 0);
        // Raising it back is a change too, and waits as well.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.AllocationChangePending.selector,
                avs,
                SET_ID,
                strategyA,
                effectAt
            )
        );
        _allocate(operator1, set1, strategyA, uint64(WAD));
    }

    function test_modifyAllocations_revertsWhen_sameStrategyTwiceInOneCall() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DuplicateStrategy.selector, avs, SET_ID, strategyA));
        _allocate(operator1, set1, _strategies(strategyA, strategyA), _magnitudes(FIFTH, HALF));
    }

    function test_modifyAllocations_revertsWhen_sumOfSetsExceedsTheMaxMagnitude() public {
        _allocate(operator1, set1, strategyA, 0.6e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.InsufficientAllocatableMagnitude.selector,
                strategyA,
                0.4e18,
                HALF
            )
        );
        _allocate(operator1, set2, strategyA, HALF);
        // Exactly what is left works.
        _allocate(operator1, set2, strategyA, 0.4e18);
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0, "all allocated");
    }

    function test_modifyAllocations_revertsWhen_aboveWAD() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.InsufficientAllocatableMagnitude.selector,
                strategyA,
                WAD,
                WAD + 1
            )
        );
        _allocate(operator1, set1, strategyA, uint64(WAD + 1));
    }

    function test_modifyAllocations_revertsWhen_aPendingDecreaseStillHoldsTheMagnitude() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        _allocate(operator1, set1, strategyA, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.InsufficientAllocatableMagnitude.selector, strategyA, 0, HALF)
        );
        _allocate(operator1, set2, strategyA, HALF);
        // In its last second too.
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.InsufficientAllocatableMagnitude.selector, strategyA, 0, HALF)
        );
        _allocate(operator1, set2, strategyA, HALF);
    }

    /// @dev A decrease that took effect frees its magnitude for an increase in another set in the same call: the
    /// increase settles the strategy's matured decreases first, with no `settleAllocations` by anyone.
    function test_modifyAllocations_increaseSettlesMaturedDecreasesOfOtherSets() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 1, "queued");
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0, "not settled yet");

        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(
            operator1,
            avs,
            SET_2,
            strategyA,
            uint64(WAD - FIFTH),
            uint48(block.timestamp + NOTICE),
            uint64(WAD)
        );
        _allocate(operator1, set2, strategyA, uint64(WAD - FIFTH));
        _assertAllocation(set1, strategyA, FIFTH, 0, 0, "set 1's decrease written down");
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 0, "queue emptied");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), WAD, "0.2 + 0.8");
    }

    /// @dev The queue holds decreases in order of effect; an increase settles those in force and stops at the first
    /// still pending. Entries whose decrease was settled elsewhere, or replaced, are dropped without effect.
    function test_modifyAllocations_deallocationQueue_settlesOnlyWhatTookEffect() public {
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF, HALF));
        _allocateAndWait(operator1, set2, strategyA, HALF);
        _allocate(operator1, set1, strategyA, 0);
        // Settled by anyone before the operator's next change: its queue entry becomes stale.
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _settle(operator1, set1, strategyA);
        _allocate(operator1, set2, strategyA, FIFTH);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 2, "a stale entry and a pending one");

        // Set 1's stale entry is dropped; set 2's decrease is not in force yet and stays.
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 1, "the pending one stays");
        _assertAllocation(set2, strategyA, HALF, FIFTH, uint48(block.timestamp + WITHDRAWAL_DELAY), "still pending");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF + FIFTH, "0.5 held + 0.2");

        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _allocate(operator1, set1, strategyB, uint64(WAD));
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 1, "another strategy's queue");
    }

    function test_modifyAllocations_revertsWhen_slashShrankTheMaxMagnitude() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _slash(set1, operator1, strategyA, HALF);
        // 0.25 lost, 0.25 still allocated to set 1: 0.5 left.
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.75e18, "max after the slash");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.InsufficientAllocatableMagnitude.selector,
                strategyA,
                0.5e18,
                0.5e18 + 1
            )
        );
        _allocate(operator1, set2, strategyA, 0.5e18 + 1);
    }

    function test_modifyAllocations_revertsWhen_callerIsNotAnOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, alice));
        _allocate(alice, set1, strategyA, HALF);
    }

    function test_modifyAllocations_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        _allocate(operator1, _set(avs, 9), strategyA, HALF);
    }

    function test_modifyAllocations_revertsWhen_increaseInAStrategyNotInTheSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_2, strategyB));
        _allocate(operator1, set2, strategyB, HALF);
    }

    function test_modifyAllocations_revertsWhen_increaseInAStrategyTheSetRemoved() public {
        _allocateAndWait(operator1, set1, strategyB, FIFTH);
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyB));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyB));
        _allocate(operator1, set1, strategyB, HALF);
    }

    function test_modifyAllocations_revertsWhen_paused() public {
        _pause(address(allocationManager), 1);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 0));
        _allocate(operator1, set1, strategyA, HALF);
        _unpause(address(allocationManager), 1);
        _allocate(operator1, set1, strategyA, HALF);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), HALF, "works once unpaused");
    }

    function test_modifyAllocations_isAllOrNothing() public {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](2);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set1,
            strategies: _strategies(strategyA),
            magnitudes: _magnitudes(HALF)
        });
        params[1] = IAllocationManager.AllocateParams({
            operatorSet: set2,
            strategies: _strategies(strategyA),
            magnitudes: _magnitudes(0.6e18)
        });
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.InsufficientAllocatableMagnitude.selector,
                strategyA,
                HALF,
                0.6e18
            )
        );
        vm.prank(operator1);
        allocationManager.modifyAllocations(params);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "the first change undone too");
    }

    function test_slash_revertsWhen_callerIsNotTheCoordinator() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        address[3] memory callers = [slasher, avs, operator1];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OnlySlashingCoordinator.selector, callers[i]));
            vm.prank(callers[i]);
            allocationManager.slash(operator1, set1, _strategies(strategyA), _wads(WAD));
        }
        vm.assertEq(_current(operator1, set1, strategyA), HALF, "untouched");
    }

    // ---------------------------------------------------------------- the operator's allocation delay

    function test_modifyAllocations_usesTheAllocationDelayInForce() public {
        vm.prank(operator1);
        uint48 delayEffectAt = registry.setAllocationDelay(10 days);

        _allocate(operator1, set1, strategyA, FIFTH);
        _assertAllocation(
            set1,
            strategyA,
            0,
            FIFTH,
            uint48(block.timestamp + NOTICE),
            "old delay, raised to the notice"
        );

        vm.warp(delayEffectAt);
        _allocate(operator1, set1, strategyB, FIFTH);
        _assertAllocation(set1, strategyB, 0, FIFTH, uint48(block.timestamp + 10 days), "new delay once in force");
        vm.assertEq(allocationManager.increaseEffectAt(operator1), block.timestamp + 10 days, "the view agrees");
    }

    function test_modifyAllocations_operatorWithALongDelay() public {
        vm.prank(operator2);
        registry.registerAsOperator(address(0), 10 days, "ipfs://operator");
        _allocate(operator2, set1, strategyA, HALF);
        (, , uint48 effectAt) = allocationManager.allocation(operator2, set1, strategyA);
        vm.assertEq(effectAt, block.timestamp + 10 days, "its own delay");
    }

    /// @dev Guarantee 9: an operator may choose a longer allocation delay than the withdrawal delay, never a
    /// shorter one; a governance increase of the withdrawal delay raises every shorter choice with it.
    function test_modifyAllocations_increaseNeverBeforeTheNotice() public {
        _allocate(operator1, set1, strategyA, FIFTH);
        _assertAllocation(set1, strategyA, 0, FIFTH, uint48(block.timestamp + WITHDRAWAL_DELAY + 1), "the notice");
        vm.prank(owner);
        wq.setWithdrawalDelay(20 days);
        vm.assertEq(allocationManager.increaseEffectAt(operator1), block.timestamp + 20 days + 1, "follows the delay");
        _allocate(operator1, set1, strategyB, FIFTH);
        _assertAllocation(set1, strategyB, 0, FIFTH, uint48(block.timestamp + 20 days + 1), "a longer delay too");
    }

    function test_modifyAllocations_zeroAllocationDelay_stillWaitsForTheNotice() public {
        vm.prank(owner);
        registry.setAllocationDelayBounds(0, MAX_ALLOCATION_DELAY);
        vm.prank(operator1);
        uint48 delayEffectAt = registry.setAllocationDelay(0);
        vm.warp(delayEffectAt);

        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AllocationUpdated(
            operator1,
            avs,
            SET_ID,
            strategyA,
            HALF,
            uint48(block.timestamp + NOTICE),
            HALF
        );
        _allocate(operator1, set1, strategyA, HALF);
        _assertAllocation(set1, strategyA, 0, HALF, uint48(block.timestamp + NOTICE), "after the notice");
    }

    // ---------------------------------------------------------------- helpers

    function _settle(address operator, OperatorSet memory set, IStrategy strategy) internal {
        allocationManager.settleAllocations(operator, set, _strategies(strategy));
    }

    function _assertAllocation(
        OperatorSet memory set,
        IStrategy strategy,
        uint256 current,
        uint256 pending,
        uint256 effectAt,
        string memory what
    ) internal view {
        _assertAllocationOf(operator1, set, strategy, current, pending, effectAt, what);
    }

    function _assertAllocation2(
        OperatorSet memory set,
        IStrategy strategy,
        uint256 current,
        uint256 pending,
        uint256 effectAt,
        string memory what
    ) internal view {
        _assertAllocationOf(operator2, set, strategy, current, pending, effectAt, what);
    }

    function _assertAllocationOf(
        address operator,
        OperatorSet memory set,
        IStrategy strategy,
        uint256 current,
        uint256 pending,
        uint256 effectAt,
        string memory what
    ) internal view {
        (uint64 c, uint64 p, uint48 e) = allocationManager.allocation(operator, set, strategy);
        vm.assertEq(c, current, string.concat(what, ": current"));
        vm.assertEq(p, pending, string.concat(what, ": pending"));
        vm.assertEq(e, effectAt, string.concat(what, ": effectAt"));
    }
}
