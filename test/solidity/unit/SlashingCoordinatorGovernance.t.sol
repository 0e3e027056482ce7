// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {SlashingCoordinator} from "../../../contracts/slashing/SlashingCoordinator.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The SlashingCoordinator's governance doors: initialised once behind its proxy and never on its implementation,
/// upgraded by the owner only (state kept), paused by the pauser or the owner (slashing by the owner only) and unpaused
/// by the owner only.
contract SlashingCoordinatorGovernanceTest is AVSHelpers {
    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
    }

    function test_initialize_revertsWhen_calledAgain() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        SlashingCoordinator(address(coordinator)).initialize(stranger, stranger, 1 days);
        vm.assertEq(coordinator.owner(), owner, "owner unchanged");
    }

    function test_initialize_revertsWhen_calledOnTheImplementation() public {
        SlashingCoordinator implementation = SlashingCoordinator(_newImplementation());
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(stranger, stranger, 1 days);
    }

    function test_upgradeToAndCall_byTheOwner_keepsTheState() public {
        _registerAVS(avs);
        _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _slashableIn(operator1, _set(avs, SET_ID), strategyA, 0.5e18);
        uint256 shares = _slash(_set(avs, SET_ID), operator1, strategyA, 0.5e18);
        address implementation = _newImplementation();
        vm.prank(owner);
        UUPSUpgradeable(address(coordinator)).upgradeToAndCall(implementation, "");
        vm.assertEq(_slashedShares(_set(avs, SET_ID), strategyA), shares, "the bucket survived");
        vm.assertEq(coordinator.nextSlashId(), 2, "and the slash count");
    }

    function test_upgradeToAndCall_revertsWhen_callerIsNotTheOwner() public {
        address implementation = _newImplementation();
        address[2] memory callers = [pauser, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            UUPSUpgradeable(address(coordinator)).upgradeToAndCall(implementation, "");
        }
    }

    function test_pause_revertsWhen_callerIsNeitherPauserNorOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, stranger));
        vm.prank(stranger);
        coordinator.pause(1);
    }

    function test_unpause_revertsWhen_callerIsThePauser() public {
        _pause(address(coordinator), 1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        coordinator.unpause(1);
        vm.assertTrue(coordinator.isPaused(0), "still paused");
        _unpause(address(coordinator), 1);
        vm.assertFalse(coordinator.isPaused(0), "the owner unpaused");
    }

    function test_pause_revertsWhen_unknownFlag() public {
        uint256 valid = coordinator.validPauseFlags();
        uint256 unknown = valid + 1;
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, unknown, valid));
        vm.prank(pauser);
        coordinator.pause(unknown);
    }

    function _newImplementation() internal returns (address) {
        return
            _deploy(
                "SlashingCoordinator.sol:SlashingCoordinator",
                abi.encode(address(avsRegistry), address(allocationManager), address(sm), address(wq))
            );
    }
}
