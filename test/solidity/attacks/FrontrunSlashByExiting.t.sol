// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: a slash is coming (a slasher's transaction in the mempool, a veto window running), and the
/// operator or its stakers run first, in the same block or the second before: a staker queues a withdrawal or
/// undelegates, the operator deallocates or deregisters, or all of it at once. Through the real slashing
/// coordinator, each escape still loses exactly what staying would have lost: queued stake is reached through
/// the queue's history, a decrease stays slashable for the withdrawal delay, and a deregistered operator for as
/// long. Bob, with the same stake at the same operator, stays put and is the yardstick.
contract FrontrunSlashByExitingTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;
    /// @dev The slash every scenario runs from: half of the set's allocation, a quarter of every stake.
    uint256 internal constant SLASH = 0.5e18;
    uint256 internal constant DEPOSIT = 100e18;
    uint256 internal constant SHARES = DEPOSIT * SHARES_PER_TOKEN;

    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _registerOperator(operator2);
        _deposit(alice, strategyA, DEPOSIT);
        _deposit(bob, strategyA, DEPOSIT);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        _slashableIn(operator1, set1, strategyA, HALF);
    }

    // ---------------------------------------------------------------- stakers run

    function test_attack_queueingRightBeforeTheSlash_losesWhatStayingLoses() public {
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        uint256 taken = _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(taken, (2 * SHARES) / 4, "the bucket reached alice's queued stake too");

        vm.warp(escape.maturity);
        _assertAliceLostWhatBobLost(_complete(escape, true)[0]);
    }

    function test_attack_undelegatingRightBeforeTheSlash_losesWhatStayingLoses() public {
        IWithdrawalQueue.Withdrawal memory escape = _undelegate(alice, alice);
        _slash(set1, operator1, strategyA, SLASH);
        vm.warp(escape.maturity);
        _assertAliceLostWhatBobLost(_complete(escape, true)[0]);
    }

    function test_attack_redelegatingRightBeforeTheSlash_arrivesSlashed() public {
        IOperatorRegistry.ApproverSignature memory none;
        vm.recordLogs();
        vm.prank(alice);
        registry.redelegate(operator2, none, bytes32(0));
        IWithdrawalQueue.Withdrawal memory escape = _lastQueued();
        _slash(set1, operator1, strategyA, SLASH);
        vm.warp(escape.maturity);
        _complete(escape, false);
        _assertAliceLostWhatBobLost(sm.withdrawableShares(alice, strategyA));
    }

    // ---------------------------------------------------------------- the operator runs

    function test_attack_deallocatingRightBeforeTheSlash_stillSlashedInFull() public {
        _allocate(operator1, set1, strategyA, 0);
        uint256 taken = _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(taken, (2 * SHARES) / 4, "the old allocation is still in force");
        _assertAliceLostWhatBobLost(sm.withdrawableShares(alice, strategyA));
    }

    function test_attack_deregisteringRightBeforeTheSlash_stillSlashedInFull() public {
        _deregisterFromSet(operator1, set1);
        uint256 taken = _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(taken, (2 * SHARES) / 4, "slashable for the withdrawal delay after leaving");
        _assertAliceLostWhatBobLost(sm.withdrawableShares(alice, strategyA));
    }

    function test_attack_deregisteringAndDeallocating_thenSlashedAtTheLastSecond() public {
        _deregisterFromSet(operator1, set1);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        uint256 taken = _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(taken, (2 * SHARES) / 4, "the whole allocation, up to the last second");
    }

    function test_attack_everyoneRunsAtOnce_stillSlashedInFull() public {
        // Alice queues, the operator deallocates and deregisters, all ahead of the slash in the same block.
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        _allocate(operator1, set1, strategyA, 0);
        _deregisterFromSet(operator1, set1);
        uint256 taken = _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(taken, (2 * SHARES) / 4, "everything still in reach");

        vm.warp(escape.maturity);
        _assertAliceLostWhatBobLost(_complete(escape, true)[0]);
    }

    function test_attack_deallocatingThenReallocatingElsewhere_cannotDoubleUseTheStake() public {
        // The freed magnitude is not free until the decrease takes effect: it cannot be moved to another set
        // to escape the slash while staying allocated.
        OperatorSet memory set2 = _createSet(2, _strategies(strategyA));
        _registerInSet(operator1, set2);
        _allocate(operator1, set1, strategyA, 0);
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), WAD - HALF, "still encumbered");
        _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.75e18, "slashed in full");
    }

    // ---------------------------------------------------------------- controls

    function test_control_withdrawalMaturedBeforeTheSlash_escapes() public {
        IWithdrawalQueue.Withdrawal memory exit = _queue(alice, strategyA, SHARES);
        vm.warp(exit.maturity);
        _slash(set1, operator1, strategyA, SLASH);
        vm.assertEq(_complete(exit, true)[0], SHARES, "paid in full");
    }

    function test_control_decreaseThatTookEffectBeforeTheSlash_escapes() public {
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.assertEq(_slash(set1, operator1, strategyA, SLASH), 0, "nothing left to take");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), SHARES, "alice whole");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Alice, who ran, ends with `aliceShares`: exactly what bob, who stayed, can still withdraw.
    function _assertAliceLostWhatBobLost(uint256 aliceShares) internal view {
        uint256 bobShares = sm.withdrawableShares(bob, strategyA);
        vm.assertEq(bobShares, (SHARES * 3) / 4, "the slash took a quarter of bob's stake");
        vm.assertEq(aliceShares, bobShares, "running did not save alice anything");
    }
}
