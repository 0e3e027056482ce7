// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 7's twin): guarantee 9 gives a staker one way out of an announced increase of
/// its exposure, queueing a withdrawal before the increase takes effect. A pauser colluding with an operator (or a
/// stolen pauser key) pauses queueing when the operator announces an allocation to a set that will slash its
/// stakers, and holds them in place until the increase lands.
///
/// The defence: queueing (withdrawals and undelegations) can be paused by the owner only. Whatever else the pauser
/// pauses, on every contract, a staker can still queue a full withdrawal in the block of the announcement; a paused
/// completion delays the payout but cannot expose the withdrawal to the increase.
contract PauserTrapsStakersBeforeExposureIncreaseTest is StakerProtectionHelpers {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _stakeWith(bob, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
    }

    function test_attack_pauserPausesQueueingAtTheAnnouncement_refused() public {
        // The operator announces a 100% allocation to a set that will slash.
        _allocate(operator1, set1, strategyA, uint64(WAD));

        uint256 queueFlag = uint256(1) << wq.PAUSE_QUEUE();
        vm.assertEq(wq.ownerOnlyPauseFlags(), queueFlag, "queueing is the queue's owner-only bit");
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseReservedForOwner.selector, pauser, queueFlag));
        vm.prank(pauser);
        wq.pause(queueFlag);

        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        _slashOnceInForce();
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice reacted in the announcement's block and keeps it all");
    }

    function test_attack_everyPauseThePauserHolds_leavesTheWayOutOpen() public {
        _allocate(operator1, set1, strategyA, uint64(WAD));

        // The pauser pauses everything it may, everywhere: deposits, delegations, undelegations, registrations,
        // allocations, completions, releases.
        address[6] memory contracts = [
            address(sm),
            address(registry),
            address(avsRegistry),
            address(allocationManager),
            address(coordinator),
            address(wq)
        ];
        for (uint256 i; i < contracts.length; ++i) {
            IPauseControl target = IPauseControl(contracts[i]);
            uint256 allowed = target.validPauseFlags() & ~target.ownerOnlyPauseFlags();
            if (allowed != 0) _pause(contracts[i], allowed);
        }
        vm.assertTrue(wq.isPaused(wq.PAUSE_COMPLETION()), "completions paused");
        vm.assertFalse(wq.isPaused(wq.PAUSE_QUEUE()), "queueing is not");

        // Alice still gets out in the announcement's block: the increase can no longer reach her withdrawal.
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        _slashOnceInForce();

        // Completion waits for the owner, which costs her time, not stake.
        vm.warp(escape.maturity + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, wq.PAUSE_COMPLETION()));
        vm.prank(alice);
        wq.completeWithdrawal(escape, true, alice);
        _unpause(address(wq), uint256(1) << wq.PAUSE_COMPLETION());
        vm.assertEq(_completeAsTokens(escape), STAKE, "paid in full once the owner unpaused");
    }

    /// @dev The allocation comes into force and the set slashes all of it: bob, who stayed, loses his stake.
    function _slashOnceInForce() internal {
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.warp(effectAt);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE_SHARES, "the slash takes bob's stake only");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 0, "bob stayed and lost it");
    }
}
