// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";

import {IMintableToken} from "../utils/DeployFixture.sol";
import {QueueHelpers} from "../utils/QueueHelpers.sol";
import {ForwardingStaker} from "./mocks/ForwardingStaker.sol";

/// @notice Reentrancy into the withdrawal queue from a token's transfer hook, during the payment of a completion
/// as tokens. The staker is a contract (`ForwardingStaker`) and the hook calls it, so the nested call comes from
/// the staker itself and passes the caller check: only the queue's guard can refuse it. The token records the
/// nested call's outcome instead of propagating it, so each test sees why it was refused while the outer
/// completion pays, once.
contract QueueReentrancyTest is QueueHelpers {
    bytes internal constant REENTRANT_CALL = abi.encodeWithSelector(
        ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector
    );

    uint256 internal constant DEPOSIT = 100e18;
    uint256 internal constant SHARES = DEPOSIT * SHARES_PER_TOKEN;
    uint256 internal constant WITHDRAWN = 40e21;

    CallbackToken internal hookToken;
    IStrategy internal hookStrategy;
    ForwardingStaker internal attacker;
    uint32 internal operator1Id;

    /// @dev The withdrawal being paid when the hook fires.
    IWithdrawalQueue.Withdrawal internal paying;

    function setUp() public override {
        super.setUp();
        hookToken = new CallbackToken(18);
        hookStrategy = factory.deployStrategy(IERC20(address(hookToken)));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(hookStrategy));
        vm.label(address(hookToken), "CallbackToken");

        attacker = new ForwardingStaker();
        vm.label(address(attacker), "attacker");
        operator1Id = _registerOperator(operator1);
        _attackerDeposit(hookStrategy, DEPOSIT);
        // A second position, in a well-behaved vault, for the nested queueing to aim at.
        _attackerDeposit(strategyA, DEPOSIT);

        paying = _attackerQueue(hookStrategy, WITHDRAWN);
        vm.warp(paying.maturity);
    }

    function test_reentrancy_hookCompletingTheSameWithdrawalAgain_isRefusedByTheGuard() public {
        _armHook(abi.encodeCall(IWithdrawalQueue.completeWithdrawal, (paying, true, address(attacker))));

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
        // And afterwards it is gone for good.
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(paying)));
        _attackerComplete(paying);
    }

    function test_reentrancy_hookCompletingTheSameWithdrawalAsShares_isRefusedByTheGuard() public {
        // Paid as tokens and credited back as shares would be the double spend.
        _armHook(abi.encodeCall(IWithdrawalQueue.completeWithdrawal, (paying, false, address(attacker))));

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
        vm.assertEq(sm.scaledShares(address(attacker), hookStrategy), SHARES - WITHDRAWN, "no credit back");
    }

    function test_reentrancy_hookCompletingInABatch_isRefusedByTheGuard() public {
        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](1);
        batch[0] = paying;
        bool[] memory asTokens = new bool[](1);
        asTokens[0] = true;
        _armHook(abi.encodeCall(IWithdrawalQueue.completeWithdrawals, (batch, asTokens, address(attacker))));

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
    }

    function test_reentrancy_hookCompletingAnotherMatureWithdrawal_isRefusedAndLeavesItPending() public {
        // Not a double spend, but still a nested payment through a half-finished one: refused all the same.
        vm.warp(paying.maturity - WITHDRAWAL_DELAY);
        IWithdrawalQueue.Withdrawal memory other = _attackerQueue(strategyA, 10e21);
        vm.warp(paying.maturity);
        _armHook(abi.encodeCall(IWithdrawalQueue.completeWithdrawal, (other, true, address(attacker))));

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
        vm.assertTrue(wq.isPending(other), "the other withdrawal is still pending");
        vm.assertEq(tokenA.balanceOf(address(attacker)), 0, "and unpaid");
    }

    function test_reentrancy_hookQueueingDuringCompletion_isRefusedByTheGuard() public {
        _armHook(abi.encodeCall(IWithdrawalQueue.queueWithdrawals, (_requests(_list(strategyA), _amounts(1e21)))));

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
        vm.assertEq(sm.scaledShares(address(attacker), strategyA), SHARES, "no share debited");
        vm.assertEq(wq.pendingWithdrawals(address(attacker)).length, 0, "no withdrawal recorded");
    }

    function test_reentrancy_hookUndelegatingDuringCompletion_isRefusedByTheManagersGuard() public {
        // The registry has no guard of its own; its call into the manager, which is paying, meets the manager's.
        IOperatorRegistry.ApproverSignature memory none;
        vm.prank(address(attacker));
        registry.delegate(operator1, none, bytes32(0));
        hookToken.armCallback(
            address(attacker),
            abi.encodeCall(
                ForwardingStaker.execute,
                (address(registry), abi.encodeCall(IOperatorRegistry.undelegate, (address(attacker))))
            )
        );
        // The nested undelegation reaches the manager (whose guard refuses it) and never the queue.
        vm.expectCall(address(sm), abi.encodeWithSelector(IStrategyManager.undelegate.selector), 1);
        vm.expectCall(address(wq), abi.encodeWithSelector(IWithdrawalQueue.queueUndelegation.selector), 0);

        _attackerComplete(paying);

        _assertHookRefused();
        _assertPaidOnce();
        vm.assertEq(sm.delegatedOperatorId(address(attacker)), operator1Id, "still delegated");
        vm.assertEq(wq.pendingWithdrawals(address(attacker)).length, 0, "no undelegation queued");
    }

    function test_reentrancy_depositHookCompletingAWithdrawal_isRefusedByTheManagersGuard() public {
        // The other way round: the queue's guard is free during a deposit, so the nested completion enters the
        // queue, and its payment meets the manager's guard; the whole nested call is undone.
        _armHook(abi.encodeCall(IWithdrawalQueue.completeWithdrawal, (paying, true, address(attacker))));
        vm.expectCall(address(sm), abi.encodeWithSelector(IStrategyManager.withdrawSharesAsTokens.selector), 1);

        _attackerDeposit(hookStrategy, 1e18);

        _assertHookRefused();
        vm.assertTrue(wq.isPending(paying), "still pending: the nested completion was undone");
        vm.assertEq(hookToken.balanceOf(address(attacker)), 0, "nothing paid");
        vm.assertEq(hookStrategy.totalShares(), SHARES + 1e21, "only the deposit's shares minted, none burned");
        vm.assertEq(sm.scaledShares(address(attacker), hookStrategy), SHARES - WITHDRAWN + 1e21, "deposit credited");
    }

    function test_control_hookReadingTheQueue_findsTheWithdrawalAlreadyCompleted() public {
        // The hook does fire and may read the queue: what it sees is the entry deleted before payment, so even
        // without the guard a nested completion would find nothing to complete.
        _armHook(abi.encodeCall(IWithdrawalQueue.isPending, (paying)));

        _attackerComplete(paying);

        vm.assertTrue(hookToken.callbackMade(), "the hook fired");
        vm.assertTrue(hookToken.callbackSucceeded(), "a view is allowed");
        bytes memory forwarded = abi.decode(hookToken.callbackReturnData(), (bytes));
        vm.assertFalse(abi.decode(forwarded, (bool)), "no longer pending while being paid");
        _assertPaidOnce();
    }

    // ---------------------------------------------------------------- helpers

    function _attackerDeposit(IStrategy strategy, uint256 amount) internal {
        address token = address(strategy.token());
        IMintableToken(token).mint(address(attacker), amount);
        attacker.execute(token, abi.encodeCall(IERC20.approve, (address(strategy), amount)));
        attacker.execute(address(sm), abi.encodeCall(IStrategyManager.deposit, (strategy, amount)));
    }

    function _attackerQueue(IStrategy strategy, uint256 shares) internal returns (IWithdrawalQueue.Withdrawal memory) {
        vm.recordLogs();
        attacker.execute(
            address(wq),
            abi.encodeCall(IWithdrawalQueue.queueWithdrawals, (_requests(_list(strategy), _amounts(shares))))
        );
        return _lastQueued();
    }

    function _attackerComplete(IWithdrawalQueue.Withdrawal memory withdrawal) internal {
        attacker.execute(
            address(wq),
            abi.encodeCall(IWithdrawalQueue.completeWithdrawal, (withdrawal, true, address(attacker)))
        );
    }

    /// @dev Arms the token to make the attacker call the queue with `queueCall` during the next transfer.
    function _armHook(bytes memory queueCall) internal {
        hookToken.armCallback(address(attacker), abi.encodeCall(ForwardingStaker.execute, (address(wq), queueCall)));
    }

    function _assertHookRefused() internal view {
        vm.assertTrue(hookToken.callbackMade(), "the hook fired");
        vm.assertFalse(hookToken.callbackSucceeded(), "the nested call was refused");
        vm.assertEq(hookToken.callbackReturnData(), REENTRANT_CALL, "by a reentrancy guard");
    }

    /// @dev The withdrawal paid exactly once: 40 tokens out, 40e21 shares burned, nothing pending.
    function _assertPaidOnce() internal view {
        vm.assertEq(hookToken.balanceOf(address(attacker)), WITHDRAWN / SHARES_PER_TOKEN, "40 tokens, once");
        vm.assertEq(hookToken.balanceOf(address(hookStrategy)), DEPOSIT - WITHDRAWN / SHARES_PER_TOKEN, "vault");
        vm.assertEq(hookStrategy.totalShares(), SHARES - WITHDRAWN, "40e21 shares burned, once");
        vm.assertFalse(wq.isPending(paying), "completed");
    }
}
