// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {AllocationManager} from "../../../contracts/avs/AllocationManager.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The AllocationManager's governance doors: initialised once behind its proxy and never on its implementation,
/// upgraded by the owner only (state kept), paused by the pauser or the owner and unpaused by the owner only.
contract AllocationManagerGovernanceTest is AVSHelpers {
    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
    }

    function test_initialize_revertsWhen_calledAgain() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        AllocationManager(address(allocationManager)).initialize(stranger, stranger);
        vm.assertEq(allocationManager.owner(), owner, "owner unchanged");
    }

    function test_initialize_revertsWhen_calledOnTheImplementation() public {
        AllocationManager implementation = AllocationManager(_newImplementation());
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(stranger, stranger);
    }

    function test_upgradeToAndCall_byTheOwner_keepsTheState() public {
        _registerAVS(avs);
        _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _allocate(operator1, _set(avs, SET_ID), strategyA, 0.5e18);
        address implementation = _newImplementation();
        vm.prank(owner);
        UUPSUpgradeable(address(allocationManager)).upgradeToAndCall(implementation, "");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.5e18, "the allocation survived");
    }

    function test_upgradeToAndCall_revertsWhen_callerIsNotTheOwner() public {
        address implementation = _newImplementation();
        address[2] memory callers = [pauser, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            UUPSUpgradeable(address(allocationManager)).upgradeToAndCall(implementation, "");
        }
    }

    function test_pause_revertsWhen_callerIsNeitherPauserNorOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, stranger));
        vm.prank(stranger);
        allocationManager.pause(1);
    }

    function test_unpause_revertsWhen_callerIsThePauser() public {
        _pause(address(allocationManager), 1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        allocationManager.unpause(1);
        vm.assertTrue(allocationManager.isPaused(0), "still paused");
        _unpause(address(allocationManager), 1);
        vm.assertFalse(allocationManager.isPaused(0), "the owner unpaused");
    }

    function test_pause_revertsWhen_unknownFlag() public {
        uint256 valid = allocationManager.validPauseFlags();
        uint256 unknown = valid + 1;
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, unknown, valid));
        vm.prank(pauser);
        allocationManager.pause(unknown);
    }

    function _newImplementation() internal returns (address) {
        return
            _deploy(
                "AllocationManager.sol:AllocationManager",
                abi.encode(address(sm), address(registry), address(avsRegistry), address(wq), address(coordinator))
            );
    }
}
