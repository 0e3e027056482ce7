// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 7, Low): the pauser (a quick key, not the timelock) pauses slashing; the
/// operator deregisters and its stakers queue their withdrawals; after the withdrawal delay the owner unpauses and the
/// slash reverts: the operator and its stakers escaped a slash that was possible before the pause.
///
/// The defence (guarantee 8): clocks keep running while slashing is paused, so pausing it is reserved to the owner
/// (`PauseReservedForOwner`), who could as well upgrade the contract; the pauser can only delay, never open an
/// escape. The pauser still pauses every other action of the coordinator.
contract SlashingPauseLetsOperatorsEscapeTest is StakerProtectionHelpers {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
    }

    function test_attack_pauserPausesSlashing_refused_andTheSlashReachesWhoLeft() public {
        uint256 slashingFlag = uint256(1) << coordinator.PAUSE_SLASHING();
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseReservedForOwner.selector, pauser, slashingFlag));
        vm.prank(pauser);
        coordinator.pause(slashingFlag);

        // The escape the pause was meant to cover: the operator leaves the set and alice queues everything.
        _deregisterFromSet(operator1, set1);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);

        // The slash comes at the last second of the window, and reaches both.
        vm.warp(escape.maturity - 1);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE_SHARES / 2, "half of alice's queued stake");
        vm.assertEq(_completeAsTokens(escape), STAKE / 2, "running during the attempted pause saved nothing");
    }

    function test_attack_pauserCannotSlipTheSlashingBitAmongOthers() public {
        uint256 all = coordinator.validPauseFlags();
        uint256 slashingFlag = uint256(1) << coordinator.PAUSE_SLASHING();
        vm.assertEq(coordinator.ownerOnlyPauseFlags(), slashingFlag, "slashing is the coordinator's owner-only bit");
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseReservedForOwner.selector, pauser, slashingFlag));
        vm.prank(pauser);
        coordinator.pause(all);

        // Every other bit is the pauser's to set, and none of them stops a slash.
        _pause(address(coordinator), all & ~slashingFlag);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE_SHARES / 2, "slashing still works");
    }

    function test_attack_onlyTheOwnerPausesSlashing_asDocumented() public {
        // Governance keeps the power (it could upgrade the contract anyway); it is a trust assumption, not a key the
        // pauser holds.
        uint256 slashingFlag = uint256(1) << coordinator.PAUSE_SLASHING();
        vm.prank(owner);
        coordinator.pause(slashingFlag);
        vm.assertTrue(coordinator.isPaused(coordinator.PAUSE_SLASHING()), "the owner paused slashing");
        _unpause(address(coordinator), slashingFlag);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE_SHARES / 2, "and slashing resumes");
    }
}
