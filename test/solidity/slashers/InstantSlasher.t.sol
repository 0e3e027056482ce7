// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IInstantSlasher} from "../../../contracts/interfaces/IInstantSlasher.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {SlasherFixture} from "./SlasherFixture.sol";

/// @notice The instant slasher: its owner, and only its owner, slashes operators of its set through the coordinator,
/// at once; the right operator, the right strategies, the right amounts, and nothing else.
contract InstantSlasherTest is SlasherFixture {
    string internal constant INSTANT = "InstantSlasher.sol:InstantSlasher";
    uint64 internal constant ALLOCATION = 0.5e18;
    uint256 internal constant HALF = 0.5e18;

    IInstantSlasher internal slasher;
    address internal slasherOwner;

    function setUp() public override {
        super.setUp();
        slasherOwner = makeAddr("slasherOwner");
        slasher = IInstantSlasher(_deploy(INSTANT, abi.encode(coordinator, _set(), slasherOwner)));
        _createSet(SET_ID, _list(strategyA, strategyB), address(slasher), address(0));

        _registerOperator(operator1);
        _registerOperator(operator2);
        _stake(alice, operator1, _list(strategyA, strategyB));
        _stake(bob, operator2, _list(strategyA, strategyB));
        _joinSet(operator1, SET_ID);
        _joinSet(operator2, SET_ID);
        _allocate(operator1, SET_ID, _list(strategyA, strategyB), ALLOCATION);
        _allocate(operator2, SET_ID, _list(strategyA, strategyB), ALLOCATION);
        // Allocations and registrations take effect after the notice.
        vm.warp(block.timestamp + NOTICE);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_setsCoordinatorSetAndOwner() public view {
        vm.assertEq(address(slasher.coordinator()), address(coordinator), "coordinator");
        OperatorSet memory set = slasher.operatorSet();
        vm.assertEq(set.avs, avs, "avs");
        vm.assertEq(uint256(set.id), SET_ID, "set id");
        vm.assertEq(Ownable(address(slasher)).owner(), slasherOwner, "owner");
        vm.assertEq(Ownable2Step(address(slasher)).pendingOwner(), address(0), "no pending owner");
    }

    function test_constructor_revertsWhen_coordinatorIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IInstantSlasher.ZeroAddress.selector));
        _deploy(INSTANT, abi.encode(address(0), _set(), slasherOwner));
    }

    function test_constructor_revertsWhen_avsIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IInstantSlasher.ZeroAddress.selector));
        _deploy(INSTANT, abi.encode(coordinator, OperatorSet({avs: address(0), id: SET_ID}), slasherOwner));
    }

    function test_constructor_revertsWhen_ownerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        _deploy(INSTANT, abi.encode(coordinator, _set(), address(0)));
    }

    // ---------------------------------------------------------------- slash

    function test_slash_takesTheFractionOfTheOperatorsAllocation() public {
        // A quarter of the operator's stake: half of the half it allocated.
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.OperatorSlashed(1, operator1, avs, SET_ID, "double signing");
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.StrategySlashed(
            1,
            strategyA,
            HALF,
            ALLOCATION,
            ALLOCATION / 2,
            uint64(WAD),
            SHARES / 4
        );
        vm.prank(slasherOwner);
        uint256 slashId = slasher.slash(operator1, _list(strategyA), _wads(HALF), "double signing");

        vm.assertEq(slashId, 1, "first slash");
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), ALLOCATION / 2, "allocation halved");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.75e18, "max magnitude");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), (SHARES * 3) / 4, "staker lost a quarter");
        vm.assertEq(_slashedShares(_set(), strategyA), SHARES / 4, "bucket");
    }

    /// @dev The slash that would catch "slashed the wrong operator" and "slashed too much": only the named operator,
    /// only the named strategy.
    function test_slash_touchesNothingButTheNamedOperatorAndStrategy() public {
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "downtime");

        vm.assertEq(_allocation(operator1, SET_ID, strategyB), ALLOCATION, "other strategy untouched");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyB), WAD, "other max magnitude untouched");
        vm.assertEq(sm.withdrawableShares(alice, strategyB), SHARES, "staker's other strategy untouched");
        vm.assertEq(_allocation(operator2, SET_ID, strategyA), ALLOCATION, "other operator untouched");
        vm.assertEq(allocationManager.maxMagnitude(operator2, strategyA), WAD, "other operator's max magnitude");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), SHARES, "other operator's staker untouched");
    }

    function test_slash_severalStrategiesAtOnce() public {
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA, strategyB), _wads(HALF, WAD), "misbehaviour");

        vm.assertEq(_allocation(operator1, SET_ID, strategyA), ALLOCATION / 2, "A halved");
        vm.assertEq(_allocation(operator1, SET_ID, strategyB), 0, "B taken whole");
        vm.assertEq(sm.withdrawableShares(alice, strategyB), SHARES / 2, "staker lost the allocated half of B");
    }

    function test_slash_idsFollowTheCoordinator() public {
        vm.startPrank(slasherOwner);
        uint256 first = slasher.slash(operator1, _list(strategyA), _wads(HALF), "one");
        uint256 second = slasher.slash(operator2, _list(strategyA), _wads(HALF), "two");
        vm.stopPrank();
        vm.assertEq(first, 1, "first");
        vm.assertEq(second, 2, "second");
        vm.assertEq(coordinator.nextSlashId(), 3, "coordinator's next id");
    }

    function test_slash_revertsWhen_callerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "grief");
    }

    /// @dev The AVS itself is not the owner unless it was named: the instance answers to its owner only.
    function test_slash_revertsWhen_callerIsTheAVS() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, avs));
        vm.prank(avs);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "grief");
    }

    function test_slash_revertsWhen_callerIsPendingOwner() public {
        address next = makeAddr("next");
        vm.prank(slasherOwner);
        Ownable2Step(address(slasher)).transferOwnership(next);

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, next));
        vm.prank(next);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "too early");
    }

    function test_slash_afterOwnershipAccepted_newOwnerSlashesAndOldCannot() public {
        address next = makeAddr("next");
        vm.prank(slasherOwner);
        Ownable2Step(address(slasher)).transferOwnership(next);
        vm.prank(next);
        Ownable2Step(address(slasher)).acceptOwnership();

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, slasherOwner));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "old owner");

        vm.prank(next);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "new owner");
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), ALLOCATION / 2, "slashed by the new owner");
    }

    function test_slash_revertsWhen_operatorNotInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, stranger, avs, SET_ID));
        vm.prank(slasherOwner);
        slasher.slash(stranger, _list(strategyA), _wads(HALF), "not an operator of the set");
    }

    function test_slash_revertsWhen_operatorLeftMoreThanTheDelayAgo() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "too late");
    }

    function test_slash_reachesAnOperatorWithinTheDelayOfLeaving() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "caught on the way out");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.75e18, "slashed");
    }

    function test_slash_revertsWhen_strategyNotInSet() public {
        (, IStrategy strategyC) = _newStrategy("TokenC");
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyC));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyC), _wads(HALF), "wrong strategy");
    }

    function test_slash_revertsWhen_wadIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyA, 0));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(0), "nothing");
    }

    function test_slash_revertsWhen_wadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyA, WAD + 1));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(WAD + 1), "more than all");
    }

    function test_slash_revertsWhen_lengthsDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.LengthMismatch.selector, 2, 1));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA, strategyB), _wads(HALF), "unpaired");
    }

    function test_slash_revertsWhen_noStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.NoStrategies.selector));
        vm.prank(slasherOwner);
        slasher.slash(operator1, new IStrategy[](0), new uint256[](0), "empty");
    }

    function test_slash_revertsWhen_slashingPaused() public {
        uint8 flag = coordinator.PAUSE_SLASHING();
        vm.prank(owner);
        coordinator.pause(1 << flag);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, flag));
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "paused");
    }

    /// @dev An instance that is not its set's slasher cannot slash in it, whoever owns it.
    function test_slash_revertsWhen_instanceIsNotTheSetsSlasher() public {
        IInstantSlasher impostor = IInstantSlasher(_deploy(INSTANT, abi.encode(coordinator, _set(), stranger)));
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(impostor), avs, SET_ID, address(slasher))
        );
        vm.prank(stranger);
        impostor.slash(operator1, _list(strategyA), _wads(HALF), "impostor");
    }

    /// @dev An instance bound to another set cannot reach this one, even when the operator is registered in both.
    function test_slash_onlyReachesItsOwnSet() public {
        uint32 otherSetId = SET_ID + 1;
        IInstantSlasher other = IInstantSlasher(
            _deploy(INSTANT, abi.encode(coordinator, _set(otherSetId), slasherOwner))
        );
        _createSet(otherSetId, _list(strategyA), address(other), address(0));
        _joinAndAllocate(operator1, otherSetId, _list(strategyA), ALLOCATION);

        vm.prank(slasherOwner);
        other.slash(operator1, _list(strategyA), _wads(WAD), "other set");

        vm.assertEq(_allocation(operator1, otherSetId, strategyA), 0, "other set's allocation taken");
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), ALLOCATION, "this set's allocation untouched");
    }

    /// @dev Once the AVS's scheduled replacement takes over, the old instance is powerless.
    function test_slash_revertsWhen_slasherReplaced() public {
        address replacement = makeAddr("replacement");
        address setRecipient = _recipientOf(_set(SET_ID));
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, replacement, setRecipient);

        // Until the change takes effect, the old instance still slashes.
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "before the change");

        vm.warp(block.timestamp + NOTICE);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(slasher), avs, SET_ID, replacement)
        );
        vm.prank(slasherOwner);
        slasher.slash(operator1, _list(strategyA), _wads(HALF), "after the change");
    }

    // ---------------------------------------------------------------- ownership

    function test_renounceOwnership_revertsWhen_owner() public {
        vm.expectRevert(abi.encodeWithSelector(IInstantSlasher.OwnershipRenounceDisabled.selector));
        vm.prank(slasherOwner);
        Ownable(address(slasher)).renounceOwnership();
        vm.assertEq(Ownable(address(slasher)).owner(), slasherOwner, "still owned");
    }

    function test_renounceOwnership_revertsWhen_callerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        Ownable(address(slasher)).renounceOwnership();
    }
}
