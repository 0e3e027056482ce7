// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice Time in the withdrawal queue: maturity on a young chain, what governance changing the delay does to
/// withdrawals queued before and after, the floor a shortened delay leaves so that no withdrawal queued later matures
/// earlier (guarantee 10), and the history views a slash will read.
contract WithdrawalQueueTimeTest is QueueHelpers {
    uint32 internal constant SHORT_DELAY = 1 days;

    address internal dave;
    uint32 internal operator1Id;
    uint32 internal operator2Id;

    function setUp() public override {
        super.setUp();
        dave = makeAddr("dave");
        operator1Id = _registerOperator(operator1);
        operator2Id = _registerOperator(operator2);
    }

    // ---------------------------------------------------------------- a young chain

    function test_youngChain_queuesAndCompletesWhileTheClockIsBelowTheDelay() public {
        // A fresh devnet: one second old, far below the 7-day delay. Maturity is an addition, so nothing underflows.
        vm.warp(1);
        _deposit(alice, strategyA, 10e18);
        _delegate(alice, operator1);

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 4e21);
        vm.assertEq(withdrawal.maturity, 1 + WITHDRAWAL_DELAY, "maturity = 1 + delay");

        vm.warp(withdrawal.maturity - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(withdrawal),
                withdrawal.maturity,
                withdrawal.maturity - 1
            )
        );
        _complete(withdrawal, true);

        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), 4e18, "paid");
    }

    function test_youngChain_undelegationAtTimeOneMaturesAfterTheDelay() public {
        vm.warp(1);
        _deposit(alice, strategyA, 10e18);
        _delegate(alice, operator1);

        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);
        vm.assertEq(withdrawal.maturity, 1 + WITHDRAWAL_DELAY, "maturity = 1 + delay");
        vm.assertEq(
            wq.cumulativeQueuedScaledShares(operator1Id, strategyA, uint48(withdrawal.maturity)),
            10e21,
            "recorded at its maturity"
        );
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, false);
        vm.assertEq(sm.scaledShares(alice, strategyA), 10e21, "credited back");
    }

    // ---------------------------------------------------------------- changing the delay

    function test_setWithdrawalDelay_doesNotMoveMaturitiesAlreadyQueued() public {
        _deposit(alice, strategyA, 10e18);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 4e21);
        IWithdrawalQueue.Withdrawal[] memory pending = new IWithdrawalQueue.Withdrawal[](1);
        pending[0] = withdrawal;

        // Longer: the withdrawal still matures when it was promised to.
        _setDelay(30 days);
        _assertPending(alice, pending, "maturity kept after lengthening");
        // Shorter: it does not mature any earlier either.
        _setDelay(1 minutes);
        _assertPending(alice, pending, "maturity kept after shortening");
        vm.warp(withdrawal.maturity - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(withdrawal),
                withdrawal.maturity,
                withdrawal.maturity - 1
            )
        );
        _complete(withdrawal, true);

        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), 4e18, "paid at the original maturity");
    }

    function test_setWithdrawalDelay_appliesToWithdrawalsQueuedAfterwards() public {
        _deposit(alice, strategyA, 10e18);
        _setDelay(30 days);
        vm.assertEq(_queue(alice, strategyA, 1e21).maturity, block.timestamp + 30 days, "the longer delay");
        uint256 promised = block.timestamp + 30 days;
        _setDelay(1 minutes);
        vm.assertEq(_queue(alice, strategyA, 1e21).maturity, promised, "no earlier than the windows promised");
        vm.assertEq(wq.withdrawalDelay(), 30 days, "the delay in force glides down");
        vm.warp(promised - 1 minutes + 1);
        vm.assertEq(_queue(alice, strategyA, 1e21).maturity, block.timestamp + 1 minutes, "the shorter delay");
        vm.assertEq(wq.withdrawalDelay(), 1 minutes, "in force in full");
    }

    function test_shortenedDelay_raisesMaturityToTheLatestOfTheSameOperatorAndStrategy() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);

        _setDelay(SHORT_DELAY);
        vm.warp(block.timestamp + 1 hours);
        IWithdrawalQueue.Withdrawal memory later = _queue(bob, strategyA, 3e21);

        // Not now + 1 day, which is 6 days 23 hours before alice's: raised to hers.
        vm.assertEq(later.maturity, first.maturity, "matures no earlier than the previous withdrawal");
        vm.assertLe(
            later.maturity - (block.timestamp + SHORT_DELAY),
            WITHDRAWAL_DELAY - SHORT_DELAY,
            "raised by at most the reduction of the delay"
        );
        vm.warp(block.timestamp + SHORT_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(later),
                first.maturity,
                block.timestamp
            )
        );
        _complete(later, true);

        // Both sit at one key of the history, which a slash before that key reaches in full.
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, first.maturity - 1),
            7e21,
            "both reachable by a slash before their maturity"
        );
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, first.maturity),
            0,
            "neither reachable at their maturity"
        );
    }

    function test_shortenedDelay_raisesAMultiStrategyWithdrawalIfAnyLegHasALaterOne() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyA, 10e18);
        _deposit(bob, strategyB, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);

        _setDelay(SHORT_DELAY);
        vm.warp(block.timestamp + 1 hours);
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            bob,
            _requests(_list(strategyB, strategyA), _amounts(1e21, 1e21))
        );

        vm.assertEq(queued[0].maturity, first.maturity, "raised by the A leg");
        // Both histories now end at that key, B's included.
        vm.assertEq(
            wq.cumulativeQueuedScaledShares(operator1Id, strategyB, uint48(first.maturity)),
            1e21,
            "B recorded at the raised maturity"
        );
        vm.assertEq(
            wq.cumulativeQueuedScaledShares(operator1Id, strategyB, uint48(first.maturity - 1)),
            0,
            "not before it"
        );
    }

    /// @dev The floor is the protocol's, not one history's: every window promised is kept, so an undelegated
    /// staker's withdrawal waits for it too (a slash cannot reach it, but the registry's windows and the notice of
    /// every exposure increase read the same clock).
    function test_shortenedDelay_raisesAnUndelegatedStakersWithdrawalToo() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(carol, strategyA, 10e18);
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);

        _setDelay(SHORT_DELAY);
        vm.warp(block.timestamp + 1 hours);
        IWithdrawalQueue.Withdrawal memory undelegated = _queue(carol, strategyA, 3e21);

        vm.assertEq(undelegated.operatorId, 0, "undelegated");
        vm.assertEq(undelegated.maturity, first.maturity, "no earlier than alice's");
        vm.warp(undelegated.maturity);
        _complete(undelegated, true);
        vm.assertEq(tokenA.balanceOf(carol), 3e18, "paid then");
    }

    function test_shortenedDelay_raisesWithdrawalsOfEveryStrategyAndOperator() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyB, 10e18);
        _deposit(dave, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        _delegate(dave, operator2);
        uint48 promised = _queue(alice, strategyA, 4e21).maturity;

        _setDelay(SHORT_DELAY);
        vm.warp(block.timestamp + 1 hours);

        vm.assertEq(_queue(bob, strategyB, 1e21).maturity, promised, "same operator, another strategy: raised");
        vm.assertEq(_queue(dave, strategyA, 1e21).maturity, promised, "same strategy, another operator: raised");
    }

    function test_shortenedDelay_raisesAForcedUndelegationToo() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);

        _setDelay(SHORT_DELAY);
        vm.warp(block.timestamp + 1 hours);
        IWithdrawalQueue.Withdrawal memory forced = _undelegate(operator1, bob);

        vm.assertEq(forced.operatorId, operator1Id, "held as stake of the operator left");
        vm.assertEq(forced.maturity, first.maturity, "raised like any withdrawal of that stake");
    }

    function test_shortenedDelay_raiseStopsOnceThePreviousWithdrawalsAreDue() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);
        _setDelay(SHORT_DELAY);

        // Exactly one short delay before alice's maturity: the two coincide, nothing to raise.
        vm.warp(first.maturity - SHORT_DELAY);
        vm.assertEq(_queue(bob, strategyA, 1e21).maturity, first.maturity, "now + delay == previous maturity");
        // One second later the new delay alone decides.
        vm.warp(first.maturity - SHORT_DELAY + 1);
        vm.assertEq(_queue(bob, strategyA, 1e21).maturity, first.maturity + 1, "now + delay, past the previous");
    }

    // ---------------------------------------------------------------- history views

    function test_queueHistory_cumulatesQueuedScaledSharesInOrderOfMaturity() public {
        _deposit(alice, strategyA, 10e18);
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 4e21);
        vm.warp(block.timestamp + 1 days);
        IWithdrawalQueue.Withdrawal memory second = _queue(alice, strategyA, 3e21);
        uint48 m1 = first.maturity;
        uint48 m2 = second.maturity;
        vm.assertEq(m2, m1 + 1 days, "one day apart");

        _assertHistory(operator1Id, m1, m2, 4e21, 3e21, "while both are pending");

        // Completion does not rewrite the history: it records what was queued, by maturity.
        vm.warp(m2);
        _complete(first, true);
        _complete(second, false);
        _assertHistory(operator1Id, m1, m2, 4e21, 3e21, "after both completed");
    }

    function test_queueHistory_withdrawalsMaturingInTheSameSecondShareOneKey() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(bob, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
        IWithdrawalQueue.Withdrawal memory fromAlice = _queue(alice, strategyA, 4e21);
        _queue(bob, strategyA, 3e21);
        uint48 maturity = fromAlice.maturity;

        vm.assertEq(wq.cumulativeQueuedScaledShares(operator1Id, strategyA, maturity - 1), 0, "nothing before");
        vm.assertEq(wq.cumulativeQueuedScaledShares(operator1Id, strategyA, maturity), 7e21, "both at the key");
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, maturity - 1),
            7e21,
            "both still reachable"
        );
    }

    function test_queueHistory_isPerOperatorAndStrategyAndSkipsUndelegatedStakers() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(dave, strategyA, 10e18);
        _deposit(carol, strategyA, 10e18);
        _delegate(alice, operator1);
        _delegate(dave, operator2);
        IWithdrawalQueue.Withdrawal memory fromAlice = _queue(alice, strategyA, 4e21);
        _queue(dave, strategyA, 2e21);
        _queue(carol, strategyA, 1e21);
        uint48 maturity = fromAlice.maturity;

        vm.assertEq(wq.cumulativeQueuedScaledShares(operator1Id, strategyA, maturity), 4e21, "operator 1: alice's");
        vm.assertEq(wq.cumulativeQueuedScaledShares(operator2Id, strategyA, maturity), 2e21, "operator 2: dave's");
        vm.assertEq(wq.cumulativeQueuedScaledShares(operator1Id, strategyB, maturity), 0, "operator 1 in B: none");
        vm.assertEq(
            wq.cumulativeQueuedScaledShares(0, strategyA, type(uint48).max),
            0,
            "carol's undelegated withdrawal is in no history"
        );
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(0, strategyA, 0), 0, "nor reachable by any slash");
    }

    function test_queueHistory_recordsUndelegationsAtTheOperatorLeft() public {
        _deposit(alice, strategyA, 10e18);
        _deposit(alice, strategyB, 5e18);
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory withdrawal = _redelegate(alice, operator2);

        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, withdrawal.maturity - 1),
            10e21,
            "A queued out of operator 1"
        );
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyB, withdrawal.maturity - 1),
            5e21,
            "B queued out of operator 1"
        );
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator2Id, strategyA, 0),
            0,
            "nothing queued out of operator 2"
        );
    }

    // ---------------------------------------------------------------- helpers

    function _setDelay(uint32 delay) internal {
        vm.prank(owner);
        wq.setWithdrawalDelay(delay);
    }

    /// @dev The history of `operatorId` in strategy A holds `first` scaled shares maturing at `m1` and `second` at
    /// `m2`, nothing else.
    function _assertHistory(
        uint32 operatorId,
        uint48 m1,
        uint48 m2,
        uint256 first,
        uint256 second,
        string memory when
    ) internal view {
        vm.assertEq(wq.cumulativeQueuedScaledShares(operatorId, strategyA, m1 - 1), 0, when);
        vm.assertEq(wq.cumulativeQueuedScaledShares(operatorId, strategyA, m1), first, when);
        vm.assertEq(wq.cumulativeQueuedScaledShares(operatorId, strategyA, m2 - 1), first, when);
        vm.assertEq(wq.cumulativeQueuedScaledShares(operatorId, strategyA, m2), first + second, when);
        vm.assertEq(wq.cumulativeQueuedScaledShares(operatorId, strategyA, type(uint48).max), first + second, when);

        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operatorId, strategyA, 0), first + second, when);
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operatorId, strategyA, m1 - 1), first + second, when);
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operatorId, strategyA, m1), second, when);
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operatorId, strategyA, m2 - 1), second, when);
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operatorId, strategyA, m2), 0, when);
    }
}
