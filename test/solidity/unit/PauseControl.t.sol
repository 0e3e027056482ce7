// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The governance mixin, exercised through the StrategyManager (bits 0 and 1 valid): owner and pauser
/// roles, pause bits, two-step ownership and the disabled renounce.
contract PauseControlTest is DeployFixture {
    bytes32 internal constant PAUSE_CONTROL_STORAGE =
        keccak256(abi.encode(uint256(keccak256("palisade.storage.PauseControl")) - 1)) & ~bytes32(uint256(0xff));

    // ---------------------------------------------------------------- pause

    function test_pause_byPauser() public {
        vm.expectEmit(address(sm));
        emit IPauseControl.Paused(pauser, 1, 1);
        _pause(1);
        vm.assertTrue(sm.isPaused(0), "bit 0 paused");
        vm.assertFalse(sm.isPaused(1), "bit 1 not paused");
        vm.assertEq(sm.pausedFlags(), 1, "paused flags");
    }

    function test_pause_byOwner() public {
        vm.expectEmit(address(sm));
        emit IPauseControl.Paused(owner, 2, 2);
        vm.prank(owner);
        sm.pause(2);
        vm.assertTrue(sm.isPaused(1), "bit 1 paused by the owner");
    }

    function test_pause_accumulatesBits() public {
        _pause(1);
        vm.expectEmit(address(sm));
        emit IPauseControl.Paused(pauser, 2, 3);
        _pause(2);
        vm.assertEq(sm.pausedFlags(), 3, "both bits paused");
    }

    function test_pause_sameBitTwiceIsIdempotent() public {
        _pause(1);
        _pause(1);
        vm.assertEq(sm.pausedFlags(), 1, "still only bit 0");
    }

    function test_isPaused_ofUnusedBitIsFalse() public {
        _pause(3);
        vm.assertFalse(sm.isPaused(2), "bit 2 does not exist");
        vm.assertFalse(sm.isPaused(255), "highest bit does not exist");
    }

    function test_pause_revertsWhen_callerNeitherPauserNorOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, alice));
        vm.prank(alice);
        sm.pause(1);
    }

    function test_pause_revertsWhen_flagsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.EmptyPauseFlags.selector));
        vm.prank(pauser);
        sm.pause(0);
    }

    function test_pause_revertsWhen_unknownBit() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, 4, 3));
        vm.prank(pauser);
        sm.pause(4);
    }

    function test_pause_revertsWhen_knownAndUnknownBitsMixed() public {
        uint256 flags = 1 | (1 << 200);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, flags, 3));
        vm.prank(pauser);
        sm.pause(flags);
        vm.assertEq(sm.pausedFlags(), 0, "nothing paused by a refused call");
    }

    // ---------------------------------------------------------------- unpause

    function test_unpause_byOwner_leavesOtherBits() public {
        _pause(3);
        vm.expectEmit(address(sm));
        emit IPauseControl.Unpaused(owner, 1, 2);
        vm.prank(owner);
        sm.unpause(1);
        vm.assertFalse(sm.isPaused(0), "bit 0 resumed");
        vm.assertTrue(sm.isPaused(1), "bit 1 still paused");
    }

    function test_unpause_revertsWhen_callerIsPauser() public {
        // A compromised pauser key can delay, never resume: only the owner unpauses.
        _pause(1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        sm.unpause(1);
        vm.assertTrue(sm.isPaused(0), "still paused");
    }

    function test_unpause_revertsWhen_flagsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.EmptyPauseFlags.selector));
        vm.prank(owner);
        sm.unpause(0);
    }

    function test_unpause_revertsWhen_unknownBit() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, 8, 3));
        vm.prank(owner);
        sm.unpause(8);
    }

    // ---------------------------------------------------------------- pauser role

    function test_setPauser_movesTheRole() public {
        vm.expectEmit(address(sm));
        emit IPauseControl.PauserChanged(pauser, bob);
        vm.prank(owner);
        sm.setPauser(bob);
        vm.assertEq(sm.pauser(), bob, "new pauser");

        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, pauser));
        vm.prank(pauser);
        sm.pause(1);

        vm.prank(bob);
        sm.pause(1);
        vm.assertTrue(sm.isPaused(0), "new pauser can pause");
    }

    function test_setPauser_toZeroLeavesPausingToOwner() public {
        vm.prank(owner);
        sm.setPauser(address(0));
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, pauser));
        vm.prank(pauser);
        sm.pause(1);
        vm.prank(owner);
        sm.pause(1);
        vm.assertTrue(sm.isPaused(0), "owner still pauses");
    }

    function test_initialize_emitsPauserChangedFromZero() public {
        StrategyManager implementation = StrategyManager(
            _deploy("StrategyManager.sol:StrategyManager", abi.encode(queue, registry, allocations, coordinator))
        );
        // Both parameters are indexed: check the topics (the proxy's address is not known before it exists).
        vm.expectEmit(true, true, false, false);
        emit IPauseControl.PauserChanged(address(0), pauser);
        ERC1967Proxy(
            payable(
                _deploy(
                    "ERC1967Proxy.sol:ERC1967Proxy",
                    abi.encode(address(implementation), abi.encodeCall(StrategyManager.initialize, (owner, pauser)))
                )
            )
        );
    }

    function test_storageLayout_pauserAndFlagsShareOneSlot() public {
        _pause(2);
        uint256 word = uint256(vm.load(address(sm), PAUSE_CONTROL_STORAGE));
        vm.assertEq(address(uint160(word)), pauser, "pauser in the low 160 bits");
        vm.assertEq(word >> 160, 2, "paused flags in the high 96 bits");
    }

    // ---------------------------------------------------------------- ownership

    function test_renounceOwnership_revertsForOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.OwnershipRenounceDisabled.selector));
        vm.prank(owner);
        sm.renounceOwnership();
        vm.assertEq(sm.owner(), owner, "owner kept");
    }

    function test_transferOwnership_isTwoStep() public {
        vm.expectEmit(address(sm));
        emit Ownable2StepUpgradeable.OwnershipTransferStarted(owner, bob);
        vm.prank(owner);
        sm.transferOwnership(bob);
        vm.assertEq(sm.owner(), owner, "owner unchanged until accepted");
        vm.assertEq(sm.pendingOwner(), bob, "pending owner");

        // Nobody but the pending owner can accept.
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, carol));
        vm.prank(carol);
        sm.acceptOwnership();

        vm.expectEmit(address(sm));
        emit OwnableUpgradeable.OwnershipTransferred(owner, bob);
        vm.prank(bob);
        sm.acceptOwnership();
        vm.assertEq(sm.owner(), bob, "new owner");
        vm.assertEq(sm.pendingOwner(), address(0), "pending cleared");

        // The former owner lost its rights; the new one has them.
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, owner));
        vm.prank(owner);
        sm.unpause(1);
        vm.prank(bob);
        sm.setPauser(carol);
        vm.assertEq(sm.pauser(), carol, "new owner governs");
    }

    function test_transferOwnership_canBeRedirectedBeforeAcceptance() public {
        vm.prank(owner);
        sm.transferOwnership(bob);
        vm.prank(owner);
        sm.transferOwnership(carol);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, bob));
        vm.prank(bob);
        sm.acceptOwnership();
        vm.prank(carol);
        sm.acceptOwnership();
        vm.assertEq(sm.owner(), carol, "the last nominee accepted");
    }
}
