// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 8): the magnitude a matured decrease frees stayed encumbered until someone
/// called `settleAllocations`, which neither the SDK nor the CLI could send: on `main` an operator moving stake from
/// one set to another after the deallocation delay was refused (`InsufficientAllocatableMagnitude`), a liveness trap.
///
/// The defence: each decrease goes into a per-(operator, strategy) deallocation queue in order of effect, and an
/// increase first settles the matured head of that queue, in the same call. The queue must cope with entries that
/// others settled meanwhile (stale) and with sets whose allocation changed since (superseded): never freeing a
/// decrease before it takes effect, never freeing one twice. `allocatableMagnitude`, `encumberedMagnitude` and the
/// allocations in force are checked against each other after every step.
contract FreedMagnitudeStuckUntilSettledTest is StakerProtectionHelpers {
    OperatorSet internal set1;
    OperatorSet internal set2;
    OperatorSet internal set3;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        set2 = _createSet(2, _strategies(strategyA));
        set3 = _createSet(3, _strategies(strategyA));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _registerInSetAndWait(operator1, set2);
        _registerInSetAndWait(operator1, set3);
    }

    function test_attack_maturedDecrease_usableInTheSameCall() public {
        _allocateAndWait(operator1, set1, strategyA, 0.6e18);
        _allocateAndWait(operator1, set2, strategyA, 0.4e18);
        _allocate(operator1, set1, strategyA, 0);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 1, "one decrease queued");

        vm.warp(effectAt);
        // No settleAllocations: the increase settles the matured decrease itself.
        _allocate(operator1, set2, strategyA, uint64(WAD));
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 0, "the queue was settled");
        vm.assertEq(_current(operator1, set1, strategyA), 0, "set 1 written down");
        _assertBooks(0, 1e18, 0, 1e18);
    }

    function test_attack_aPendingDecreaseIsNotFree_evenInTheSameCall() public {
        _allocateAndWait(operator1, set1, strategyA, 0.6e18);
        _allocateAndWait(operator1, set2, strategyA, 0.4e18);
        // Lowering set 1 and raising set 2 together: set 1 stays slashable at 0.6 for the withdrawal delay, so its
        // magnitude is not free yet.
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](2);
        params[0] = IAllocationManager.AllocateParams(set1, _strategies(strategyA), _magnitudes(0));
        params[1] = IAllocationManager.AllocateParams(set2, _strategies(strategyA), _magnitudes(uint64(WAD)));
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.InsufficientAllocatableMagnitude.selector, strategyA, 0, 0.6e18)
        );
        vm.prank(operator1);
        allocationManager.modifyAllocations(params);

        // One second before the decrease takes effect, still not free.
        _allocate(operator1, set1, strategyA, 0);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.warp(effectAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.InsufficientAllocatableMagnitude.selector, strategyA, 0, 0.6e18)
        );
        _allocate(operator1, set2, strategyA, uint64(WAD));
    }

    function test_attack_staleAndSupersededEntries_neverFreeEarlyNorTwice() public {
        _allocateAndWait(operator1, set1, strategyA, 0.5e18);
        _allocateAndWait(operator1, set2, strategyA, 0.3e18);
        _allocateAndWait(operator1, set3, strategyA, 0.2e18);

        // e1: set 1 from 0.5 to 0.2; e2, a day later: set 2 from 0.3 to 0.1.
        _allocate(operator1, set1, strategyA, 0.2e18);
        (, , uint48 t1) = allocationManager.allocation(operator1, set1, strategyA);
        vm.warp(block.timestamp + 1 days);
        _allocate(operator1, set2, strategyA, 0.1e18);
        (, , uint48 t2) = allocationManager.allocation(operator1, set2, strategyA);

        // At t1 a stranger settles set 1 (e1 goes stale in the queue), and the operator lowers set 1 again (e3).
        vm.warp(t1);
        vm.prank(stranger);
        allocationManager.settleAllocations(operator1, set1, _strategies(strategyA));
        _allocate(operator1, set1, strategyA, 0.1e18);
        (, , uint48 t3) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 3, "e1 (stale), e2, e3 queued");
        _assertBooks(0.2e18, 0.3e18, 0.2e18, 0.7e18);

        // At t2 (before t3): raising set 3 frees e2 only. The stale e1 must not settle set 1's pending e3.
        vm.warp(t2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.InsufficientAllocatableMagnitude.selector,
                strategyA,
                0.5e18,
                0.6e18
            )
        );
        _allocate(operator1, set3, strategyA, 0.8e18);
        _allocate(operator1, set3, strategyA, 0.7e18);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 1, "e3 waits at the head");
        (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(current, 0.2e18, "set 1 still slashable at 0.2 until t3");
        vm.assertEq(pending, 0.1e18, "its decrease still pending");
        vm.assertEq(effectAt, t3, "at t3");

        // At t3, the last decrease frees its 0.1 to the next increase, once.
        vm.warp(t3);
        (, , uint48 set3EffectAt) = allocationManager.allocation(operator1, set3, strategyA);
        if (set3EffectAt > block.timestamp) vm.warp(set3EffectAt);
        _allocate(operator1, set2, strategyA, 0.2e18);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 0, "queue empty");
        _assertBooks(0.1e18, 0.2e18, 0.7e18, 1e18);
    }

    function test_attack_decreaseInTheSameSet_thenRaiseIt_usesItsOwnFreedMagnitude() public {
        _allocateAndWait(operator1, set1, strategyA, 0.6e18);
        _allocateAndWait(operator1, set2, strategyA, 0.4e18);
        _allocate(operator1, set1, strategyA, 0.2e18);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.warp(effectAt);
        _allocate(operator1, set1, strategyA, 0.6e18);
        vm.assertEq(allocationManager.pendingDeallocations(operator1, strategyA), 0, "its own entry popped");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), WAD, "everything encumbered again");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0, "nothing freed twice");
    }

    function test_attack_slashedPendingDecrease_freesWhatTheSlashLeftOfIt() public {
        _allocateAndWait(operator1, set1, strategyA, 0.6e18);
        _allocateAndWait(operator1, set2, strategyA, 0.4e18);
        _allocate(operator1, set1, strategyA, 0.2e18);
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        // Half of set 1 slashed while the decrease pends: 0.6 -> 0.3 in force, the target 0.2 -> 0.1.
        _slash(set1, operator1, strategyA, 0.5e18);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.7e18, "0.3 of magnitude gone");

        vm.warp(effectAt);
        // Free now: 0.7 - (0.1 + 0.4) = 0.2, all usable at once by set 2.
        _allocate(operator1, set2, strategyA, 0.6e18);
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0, "exactly the freed magnitude");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.7e18, "encumbered == max");
    }

    /// @dev The allocations of sets 1, 2 and 3 counted in `encumbered` (a pending decrease at its old value, a
    /// pending increase at its new one) and the encumbered magnitude itself.
    function _assertBooks(uint64 a1, uint64 a2, uint64 a3, uint64 encumbered) internal view {
        OperatorSet[3] memory sets = [set1, set2, set3];
        uint64[3] memory expected = [a1, a2, a3];
        for (uint256 i; i < 3; ++i) {
            (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(
                operator1,
                sets[i],
                strategyA
            );
            uint64 held = effectAt != 0 && pending > current ? pending : current;
            vm.assertEq(held, expected[i], "allocation held by the set");
        }
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), encumbered, "encumbered");
        vm.assertEq(
            allocationManager.allocatableMagnitude(operator1, strategyA),
            allocationManager.maxMagnitude(operator1, strategyA) - encumbered,
            "allocatable == max - encumbered"
        );
    }
}
