// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The withdrawal queue doing its job: what queueing debits and records, what each form of completion
/// pays and to whom, the events, and the views. Revert paths are in `WithdrawalQueueReverts.t.sol`, time in
/// `WithdrawalQueueTime.t.sol`, slashing in `WithdrawalQueueSlashing.t.sol`.
contract WithdrawalQueueTest is QueueHelpers {
    /// @dev Alice's positions: 100 tokens in A, 50 in B, at 1,000 shares per token.
    uint256 internal constant ALICE_A = 100e21;
    uint256 internal constant ALICE_B = 50e21;

    uint32 internal operator1Id;
    uint32 internal operator2Id;

    function setUp() public override {
        super.setUp();
        operator1Id = _registerOperator(operator1);
        operator2Id = _registerOperator(operator2);
        _deposit(alice, strategyA, 100e18);
        _deposit(alice, strategyB, 50e18);
    }

    // ---------------------------------------------------------------- queueing

    function test_queueWithdrawals_emitsWithdrawalQueuedWithTheWholeWithdrawal() public {
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory expected = _withdrawal(
            alice,
            operator1Id,
            block.timestamp + WITHDRAWAL_DELAY,
            0,
            _list(strategyA),
            _amounts(40e21)
        );

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalQueued(_root(expected), alice, expected);
        vm.prank(alice);
        bytes32[] memory roots = wq.queueWithdrawals(_requests(_list(strategyA), _amounts(40e21)));

        vm.assertEq(roots.length, 1, "one root");
        vm.assertEq(roots[0], _root(expected), "the root returned is the event's");
        vm.assertTrue(wq.isPending(expected), "the announced withdrawal is pending");
    }

    function test_queueWithdrawals_debitsPositionAndOperatorStakeButNotTheVault() public {
        _delegate(alice, operator1);
        _queue(alice, strategyA, 40e21);

        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 40e21, "position debited");
        (uint256 stakeScaled, uint256 stakeShares) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(stakeScaled, ALICE_A - 40e21, "operator's scaled stake debited");
        vm.assertEq(stakeShares, ALICE_A - 40e21, "operator's stake in shares debited");
        // The shares still exist until completion burns them or credits them back.
        vm.assertEq(strategyA.totalShares(), ALICE_A, "vault shares unchanged");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), 100e18, "vault tokens unchanged");
        vm.assertEq(sm.stakerStrategyCount(alice), 2, "partial withdrawal keeps the strategy listed");
    }

    function test_queueWithdrawals_fullPositionRemovesStrategyFromList() public {
        _queue(alice, strategyA, ALICE_A);

        IStrategy[] memory listed = sm.stakerStrategies(alice);
        vm.assertEq(listed.length, 1, "one strategy left");
        vm.assertEq(address(listed[0]), address(strategyB), "B is what is left");
        vm.assertEq(sm.scaledShares(alice, strategyA), 0, "position A cleared");

        _queue(alice, strategyB, ALICE_B);
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "nothing listed");
    }

    function test_queueWithdrawals_fullPositionAtSlashedFactorTakesTheDustToo() public {
        // At a factor of 1/3, 100e21 scaled shares are worth 33,333.33...e18 shares, rounded down: asking for that
        // value takes all 100e21 scaled shares, dust included, so that the strategy leaves the list.
        _delegate(alice, operator1);
        sm.setMagnitudeLost(operator1Id, strategyA, 666666666666666667);
        uint256 withdrawable = sm.withdrawableShares(alice, strategyA);
        vm.assertEq(withdrawable, 33333333333333333300000, "100e21 x 0.333333333333333333");

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, withdrawable);

        _assertShares(withdrawal.scaledShares, _amounts(ALICE_A), "the whole scaled position");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "A delisted");
        (uint256 stakeScaled, ) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(stakeScaled, 0, "operator's stake in A emptied");
    }

    function test_queueWithdrawals_multiStrategyRequestIsOneWithdrawal() public {
        _delegate(alice, operator1);
        (bytes32[] memory roots, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(30e21, 20e21))
        );

        vm.assertEq(roots.length, 1, "one root");
        vm.assertEq(queued.length, 1, "one withdrawal announced");
        _assertWithdrawal(
            queued[0],
            _withdrawal(
                alice,
                operator1Id,
                block.timestamp + WITHDRAWAL_DELAY,
                0,
                _list(strategyA, strategyB),
                _amounts(30e21, 20e21)
            ),
            "both legs in one withdrawal"
        );
        vm.assertEq(roots[0], _root(queued[0]), "root");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 30e21, "A debited");
        vm.assertEq(sm.scaledShares(alice, strategyB), ALICE_B - 20e21, "B debited");
    }

    function test_queueWithdrawals_eachRequestGetsItsOwnRootAndNonce() public {
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](2);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: _list(strategyA), shares: _amounts(10e21)});
        requests[1] = IWithdrawalQueue.QueueRequest({
            strategies: _list(strategyA, strategyB),
            shares: _amounts(5e21, 5e21)
        });
        (bytes32[] memory roots, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(alice, requests);

        uint256 maturity = block.timestamp + WITHDRAWAL_DELAY;
        vm.assertEq(roots.length, 2, "two roots");
        vm.assertEq(queued.length, 2, "two withdrawals announced");
        _assertWithdrawal(queued[0], _withdrawal(alice, 0, maturity, 0, _list(strategyA), _amounts(10e21)), "first");
        _assertWithdrawal(
            queued[1],
            _withdrawal(alice, 0, maturity, 1, _list(strategyA, strategyB), _amounts(5e21, 5e21)),
            "second"
        );
        vm.assertEq(roots[0], _root(queued[0]), "first root");
        vm.assertEq(roots[1], _root(queued[1]), "second root");
        vm.assertNotEq(uint256(roots[0]), uint256(roots[1]), "distinct roots");

        // Nonces go on across calls.
        IWithdrawalQueue.Withdrawal memory third = _queue(alice, strategyB, 1e21);
        vm.assertEq(third.nonce, 2, "third withdrawal, nonce 2");
        // And are per staker.
        _deposit(bob, strategyA, 1e18);
        vm.assertEq(_queue(bob, strategyA, 1e21).nonce, 0, "bob's first withdrawal, nonce 0");
    }

    function test_queueWithdrawals_emptyRequestListQueuesNothing() public {
        vm.recordLogs();
        vm.prank(alice);
        bytes32[] memory roots = wq.queueWithdrawals(new IWithdrawalQueue.QueueRequest[](0));

        vm.assertEq(roots.length, 0, "no root");
        vm.assertEq(vm.getRecordedLogs().length, 0, "no event");
        vm.assertEq(_queue(alice, strategyA, 1e21).nonce, 0, "no nonce consumed");
    }

    function test_undelegate_queuesEveryPositionAsOneWithdrawalOfTheOperatorLeft() public {
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory expected = _withdrawal(
            alice,
            operator1Id,
            block.timestamp + WITHDRAWAL_DELAY,
            0,
            _list(strategyA, strategyB),
            _amounts(ALICE_A, ALICE_B)
        );

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalQueued(_root(expected), alice, expected);
        vm.prank(operator1);
        bytes32 root = registry.undelegate(alice);

        vm.assertEq(root, _root(expected), "the registry returns the queue's root");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "no position left");
        (uint256 stakeA, ) = sm.operatorStake(operator1Id, strategyA);
        (uint256 stakeB, ) = sm.operatorStake(operator1Id, strategyB);
        vm.assertEq(stakeA + stakeB, 0, "the operator's stake left with her");
    }

    // ---------------------------------------------------------------- completion

    function test_completeWithdrawal_asTokensPaysAnotherReceiverAndBurnsTheShares() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(withdrawal), alice, true, carol);
        uint256[] memory paid = _completeTo(withdrawal, true, carol);

        _assertShares(paid, _amounts(40e21), "shares paid");
        vm.assertEq(tokenA.balanceOf(carol), 40e18, "carol received the tokens");
        vm.assertEq(tokenA.balanceOf(alice), 0, "alice received nothing");
        vm.assertEq(strategyA.totalShares(), ALICE_A - 40e21, "shares burned");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), 60e18, "vault paid out 40 tokens");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 40e21, "no credit back");
        vm.assertFalse(wq.isPending(withdrawal), "completed");
    }

    function test_completeWithdrawal_asSharesCreditsTheStakerWhateverTheReceiver() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        // The event names the staker as receiver: `receiver` is ignored for shares.
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(withdrawal), alice, false, alice);
        _completeTo(withdrawal, false, carol);

        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "credited back to alice");
        vm.assertEq(sm.scaledShares(carol, strategyA), 0, "carol credited nothing");
        vm.assertEq(strategyA.totalShares(), ALICE_A, "no share burned or minted");
        vm.assertEq(tokenA.balanceOf(carol) + tokenA.balanceOf(alice), 0, "no token moved");
    }

    function test_completeWithdrawal_asSharesGoesToTheCurrentOperatorAfterRedelegation() public {
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory queued = _queue(alice, strategyA, 40e21);
        IWithdrawalQueue.Withdrawal memory redelegation = _redelegate(alice, operator2);
        vm.assertEq(queued.operatorId, operator1Id, "queued out of operator 1");
        vm.assertEq(redelegation.operatorId, operator1Id, "redelegation leaves operator 1");
        vm.assertEq(sm.delegatedOperatorId(alice), operator2Id, "now delegated to operator 2");
        vm.warp(redelegation.maturity);

        _complete(queued, false);

        (uint256 stake1, ) = sm.operatorStake(operator1Id, strategyA);
        (uint256 stake2, ) = sm.operatorStake(operator2Id, strategyA);
        vm.assertEq(stake1, 0, "operator 1 gets nothing back");
        vm.assertEq(stake2, 40e21, "operator 2 receives the stake");
        vm.assertEq(sm.scaledShares(alice, strategyA), 40e21, "alice's position");

        _complete(redelegation, false);
        (stake2, ) = sm.operatorStake(operator2Id, strategyA);
        (uint256 stake2B, ) = sm.operatorStake(operator2Id, strategyB);
        vm.assertEq(stake2, ALICE_A, "all of A now with operator 2");
        vm.assertEq(stake2B, ALICE_B, "all of B now with operator 2");
        // A slash of the operator she left no longer reaches her.
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), ALICE_A, "out of operator 1's reach");
    }

    function test_completeWithdrawal_asSharesAfterUndelegationLeavesSharesUndelegated() public {
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);
        vm.warp(withdrawal.maturity);

        _complete(withdrawal, false);

        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "A back");
        vm.assertEq(sm.scaledShares(alice, strategyB), ALICE_B, "B back");
        (uint256 stake1, ) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(stake1, 0, "not back with operator 1");
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), ALICE_A, "undelegated: no operator's factor applies");
    }

    function test_completeWithdrawals_batchMixesTokensAndShares() public {
        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](3);
        batch[0] = _queue(alice, strategyA, 30e21);
        batch[1] = _queue(alice, strategyB, 20e21);
        batch[2] = _queue(alice, strategyA, 10e21);
        bool[] memory asTokens = new bool[](3);
        asTokens[0] = true;
        asTokens[2] = true;
        vm.warp(batch[2].maturity);

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(batch[0]), alice, true, carol);
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(batch[1]), alice, false, alice);
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(batch[2]), alice, true, carol);
        vm.prank(alice);
        wq.completeWithdrawals(batch, asTokens, carol);

        vm.assertEq(tokenA.balanceOf(carol), 40e18, "both A withdrawals paid to carol as tokens");
        vm.assertEq(tokenB.balanceOf(carol), 0, "B was not paid as tokens");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 40e21, "A stays debited");
        vm.assertEq(sm.scaledShares(alice, strategyB), ALICE_B, "B credited back as shares");
        vm.assertEq(wq.pendingWithdrawals(alice).length, 0, "nothing pending");
    }

    function test_completeWithdrawals_emptyBatchDoesNothing() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.recordLogs();
        vm.prank(alice);
        wq.completeWithdrawals(new IWithdrawalQueue.Withdrawal[](0), new bool[](0), alice);
        vm.assertEq(vm.getRecordedLogs().length, 0, "no event");
        vm.assertTrue(wq.isPending(withdrawal), "still pending");
    }

    // ---------------------------------------------------------------- views

    function test_pendingWithdrawals_listsNoncesAndMaturitiesAndDropsCompletedOnesInAnyOrder() public {
        IWithdrawalQueue.Withdrawal[] memory queued = new IWithdrawalQueue.Withdrawal[](3);
        queued[0] = _queue(alice, strategyA, 10e21);
        vm.warp(block.timestamp + 1 hours);
        queued[1] = _queue(alice, strategyB, 10e21);
        vm.warp(block.timestamp + 1 hours);
        queued[2] = _queue(alice, strategyA, 10e21);
        vm.assertEq(queued[1].maturity, queued[0].maturity + 1 hours, "maturities follow the queueing times");
        _assertPending(alice, queued, "all three");
        vm.warp(queued[2].maturity);

        // The middle one first.
        _complete(queued[1], true);
        IWithdrawalQueue.Withdrawal[] memory left = new IWithdrawalQueue.Withdrawal[](2);
        left[0] = queued[0];
        left[1] = queued[2];
        _assertPending(alice, left, "first and last");

        _complete(queued[2], false);
        IWithdrawalQueue.Withdrawal[] memory first = new IWithdrawalQueue.Withdrawal[](1);
        first[0] = queued[0];
        _assertPending(alice, first, "the first only");

        _complete(queued[0], true);
        _assertPending(alice, new IWithdrawalQueue.Withdrawal[](0), "none");
    }

    function test_pendingWithdrawals_isPerStaker() public {
        _deposit(bob, strategyA, 1e18);
        IWithdrawalQueue.Withdrawal[] memory bobs = new IWithdrawalQueue.Withdrawal[](1);
        _queue(alice, strategyA, 10e21);
        bobs[0] = _queue(bob, strategyA, 1e21);

        _assertPending(bob, bobs, "bob's own withdrawal only");
        _assertPending(carol, new IWithdrawalQueue.Withdrawal[](0), "a staker who never queued");
    }

    function test_previewCompletion_returnsSharesAndTheirTokenValue() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        // A donation of 100 tokens doubles what each share is worth, minus the virtual share's cut:
        // 40e21 x (200e18 + 1) / (100e21 + 1000) = 80e18 - 0.39..., rounded down.
        tokenA.mint(address(strategyA), 100e18);
        uint256 expectedTokens = 80e18 - 1;

        (uint256[] memory shares, uint256[] memory tokens) = wq.previewCompletion(withdrawal);
        _assertShares(shares, _amounts(40e21), "shares, before maturity");
        _assertShares(tokens, _amounts(expectedTokens), "tokens, before maturity");

        vm.warp(withdrawal.maturity);
        (shares, tokens) = wq.previewCompletion(withdrawal);
        _assertShares(shares, _amounts(40e21), "shares, at maturity");
        _assertShares(tokens, _amounts(expectedTokens), "tokens, at maturity");

        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), expectedTokens, "completion pays what the preview said");
    }

    function test_previewCompletion_coversEveryLeg() public {
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(30e21, 20e21))
        );

        (uint256[] memory shares, uint256[] memory tokens) = wq.previewCompletion(queued[0]);
        _assertShares(shares, _amounts(30e21, 20e21), "shares per leg");
        _assertShares(tokens, _amounts(30e18, 20e18), "tokens per leg");
    }

    function test_isPending_followsTheWithdrawalsLife() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.assertTrue(wq.isPending(withdrawal), "pending once queued");
        vm.warp(withdrawal.maturity);
        vm.assertTrue(wq.isPending(withdrawal), "pending at maturity");

        _complete(withdrawal, true);
        vm.assertFalse(wq.isPending(withdrawal), "not pending once completed");
    }

    function test_withdrawalRoot_isTheHashOfTheAbiEncodedWithdrawal() public {
        vm.recordLogs();
        vm.prank(alice);
        bytes32[] memory roots = wq.queueWithdrawals(_requests(_list(strategyA, strategyB), _amounts(1e21, 2e21)));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        Vm.Log memory queuedLog = logs[logs.length - 1];
        IWithdrawalQueue.Withdrawal memory withdrawal = abi.decode(queuedLog.data, (IWithdrawalQueue.Withdrawal));

        bytes32 expected = keccak256(abi.encode(withdrawal));
        vm.assertEq(wq.withdrawalRoot(withdrawal), expected, "withdrawalRoot == keccak256(abi.encode(withdrawal))");
        vm.assertEq(roots[0], expected, "the returned root");
        vm.assertEq(queuedLog.topics[1], expected, "the event's indexed root");
        vm.assertEq(queuedLog.topics[2], bytes32(uint256(uint160(alice))), "the event's indexed staker");

        IWithdrawalQueue.Withdrawal memory other = _copy(withdrawal);
        other.nonce = 1;
        vm.assertNotEq(uint256(wq.withdrawalRoot(other)), uint256(expected), "every field is hashed");
    }
}
