// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {AVSRegistry} from "../../../contracts/avs/AVSRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The AVSRegistry's governance doors: initialised once behind its proxy and never on its implementation,
/// upgraded by the owner only (state kept), paused by the pauser or the owner and unpaused by the owner only.
contract AVSRegistryGovernanceTest is AVSHelpers {
    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
    }

    function test_initialize_revertsWhen_calledAgain() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        AVSRegistry(address(avsRegistry)).initialize(stranger, stranger);
        vm.assertEq(avsRegistry.owner(), owner, "owner unchanged");
    }

    function test_initialize_revertsWhen_calledOnTheImplementation() public {
        AVSRegistry implementation = AVSRegistry(_newImplementation());
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(stranger, stranger);
    }

    function test_upgradeToAndCall_byTheOwner_keepsTheState() public {
        _registerAVS(avs);
        _createSet(SET_ID, _strategies(strategyA));
        address implementation = _newImplementation();
        vm.prank(owner);
        UUPSUpgradeable(address(avsRegistry)).upgradeToAndCall(implementation, "");
        vm.assertTrue(avsRegistry.isAVS(avs), "the AVS survived the upgrade");
        vm.assertEq(avsRegistry.operatorSetInfo(_set(avs, SET_ID)).slasher, slasher, "and its set");
    }

    function test_upgradeToAndCall_revertsWhen_callerIsNotTheOwner() public {
        address implementation = _newImplementation();
        address[2] memory callers = [pauser, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            UUPSUpgradeable(address(avsRegistry)).upgradeToAndCall(implementation, "");
        }
    }

    function test_pause_revertsWhen_callerIsNeitherPauserNorOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, stranger));
        vm.prank(stranger);
        avsRegistry.pause(1);
    }

    function test_unpause_revertsWhen_callerIsThePauser() public {
        _pause(address(avsRegistry), 1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        avsRegistry.unpause(1);
        vm.assertTrue(avsRegistry.isPaused(0), "still paused");
        _unpause(address(avsRegistry), 1);
        vm.assertFalse(avsRegistry.isPaused(0), "the owner unpaused");
    }

    function test_pause_revertsWhen_unknownFlag() public {
        uint256 valid = avsRegistry.validPauseFlags();
        uint256 unknown = valid + 1;
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, unknown, valid));
        vm.prank(pauser);
        avsRegistry.pause(unknown);
    }

    function _newImplementation() internal returns (address) {
        return _deploy("AVSRegistry.sol:AVSRegistry", abi.encode(address(registry), address(wq), address(coordinator)));
    }
}
