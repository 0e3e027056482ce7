// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {WithdrawalQueue} from "../../../contracts/core/WithdrawalQueue.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {ExitWindowSink} from "../utils/ExitWindowSink.sol";
import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice Every way a call to the withdrawal queue can be refused, each with its exact error and arguments, and
/// the boundary on the other side of each refusal (maturity, delay bounds, pause bits).
contract WithdrawalQueueRevertsTest is QueueHelpers {
    /// @dev Alice's positions: 100 tokens in A, 50 in B, at 1,000 shares per token.
    uint256 internal constant ALICE_A = 100e21;
    uint256 internal constant ALICE_B = 50e21;

    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _deposit(alice, strategyB, 50e18);
    }

    // ---------------------------------------------------------------- WithdrawalNotMature

    function test_completeWithdrawal_revertsWhen_oneSecondBeforeMaturity() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
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
    }

    function test_completeWithdrawal_revertsWhen_queuedInTheSameSecond() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);

        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(withdrawal),
                block.timestamp + WITHDRAWAL_DELAY,
                block.timestamp
            )
        );
        _complete(withdrawal, false);
    }

    function test_completeWithdrawal_succeedsAtExactlyMaturity() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        uint256[] memory paid = _complete(withdrawal, true);

        _assertShares(paid, _amounts(40e21), "paid in full at maturity");
        vm.assertEq(tokenA.balanceOf(alice), 40e18, "40 tokens back");
    }

    function test_completeWithdrawals_revertsWhen_oneOfTheBatchIsNotMature() public {
        IWithdrawalQueue.Withdrawal memory early = _queue(alice, strategyA, 10e21);
        vm.warp(block.timestamp + 1 days);
        IWithdrawalQueue.Withdrawal memory late = _queue(alice, strategyA, 10e21);
        vm.warp(early.maturity);

        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](2);
        batch[0] = early;
        batch[1] = late;
        bool[] memory asTokens = new bool[](2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(late),
                late.maturity,
                early.maturity
            )
        );
        vm.prank(alice);
        wq.completeWithdrawals(batch, asTokens, alice);

        // The whole batch reverted: the mature one is still pending.
        vm.assertTrue(wq.isPending(early), "the mature withdrawal was not completed either");
    }

    // ---------------------------------------------------------------- WithdrawalNotPending

    function test_completeWithdrawal_revertsWhen_neverQueued() public {
        // Alice's own, well-formed, mature, but the queue never recorded it.
        IWithdrawalQueue.Withdrawal memory forged = _withdrawal(
            alice,
            0,
            block.timestamp,
            0,
            _list(strategyA),
            _amounts(40e21)
        );

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(forged)));
        _complete(forged, true);
        vm.assertFalse(wq.isPending(forged), "not pending");
    }

    function test_completeWithdrawal_revertsWhen_nonceTamperedToAnotherPendingWithdrawal() public {
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 40e21);
        IWithdrawalQueue.Withdrawal memory second = _queue(alice, strategyA, 1e21);
        vm.warp(first.maturity);
        vm.assertEq(second.nonce, 1, "alice's second withdrawal holds nonce 1");

        // Nonce 1 has an entry, but its root prefix is the second withdrawal's.
        IWithdrawalQueue.Withdrawal memory tampered = _copy(first);
        tampered.nonce = 1;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_nonceTamperedToUnusedNonce() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.nonce = 7;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_operatorIdTampered() public {
        // Undelegated: claiming an operator would make the payout read that operator's factor instead of WAD.
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.operatorId = operator1Id;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_operatorIdTamperedToZero() public {
        // Delegated: claiming no operator would escape that operator's slashes.
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.operatorId = 0;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_maturityTamperedEarlier() public {
        // The obvious shortcut through the delay: claim the withdrawal matured already.
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.maturity = uint48(block.timestamp);
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_maturityTamperedLater() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity + 1);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.maturity = withdrawal.maturity + 1;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_strategyTampered() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.strategies[0] = strategyB;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_strategyAppended() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.strategies = _list(strategyA, strategyB);
        tampered.scaledShares = _amounts(40e21, 40e21);
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_scaledSharesTampered() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.scaledShares[0] = 40e21 + 1;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_resuppliedWithTruncatedShares() public {
        // Differing arrays in a resupplied withdrawal change its root: refused as not pending, before any array is
        // read against another.
        IWithdrawalQueue.Withdrawal[] memory queued = _queueAB(10e21, 10e21);
        vm.warp(queued[0].maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(queued[0]);
        tampered.scaledShares = _amounts(10e21);
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_stakerTamperedByAnotherStaker() public {
        // Bob relabels alice's withdrawal as his own: his (staker, nonce) slot is empty.
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal memory tampered = _copy(withdrawal);
        tampered.staker = bob;
        _expectNotPending(tampered);
    }

    function test_completeWithdrawal_revertsWhen_alreadyCompleted() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(withdrawal)));
        _complete(withdrawal, true);
        // Nor as shares: the entry is gone, whatever the form of payment.
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(withdrawal)));
        _complete(withdrawal, false);

        vm.assertEq(tokenA.balanceOf(alice), 40e18, "paid once");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 40e21, "nothing credited back");
    }

    function test_completeWithdrawals_revertsWhen_sameWithdrawalTwiceInBatch() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](2);
        batch[0] = withdrawal;
        batch[1] = withdrawal;
        bool[] memory asTokens = new bool[](2);
        asTokens[0] = true;
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(withdrawal)));
        vm.prank(alice);
        wq.completeWithdrawals(batch, asTokens, alice);

        vm.assertTrue(wq.isPending(withdrawal), "still pending: the batch reverted as a whole");
        vm.assertEq(tokenA.balanceOf(alice), 0, "nothing paid");
    }

    function test_previewCompletion_revertsWhen_notPending() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, false);

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(withdrawal)));
        wq.previewCompletion(withdrawal);
    }

    // ---------------------------------------------------------------- LengthMismatch

    function test_queueWithdrawals_revertsWhen_moreStrategiesThanAmounts() public {
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.LengthMismatch.selector, 2, 1));
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA, strategyB), _amounts(1e21)));
    }

    function test_queueWithdrawals_revertsWhen_moreAmountsThanStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.LengthMismatch.selector, 1, 2));
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(1e21, 1e21)));
    }

    function test_completeWithdrawals_revertsWhen_fewerFlagsThanWithdrawals() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](2);
        batch[0] = withdrawal;
        batch[1] = withdrawal;

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.LengthMismatch.selector, 2, 1));
        vm.prank(alice);
        wq.completeWithdrawals(batch, new bool[](1), alice);
    }

    function test_queueUndelegation_revertsWhen_arraysDifferInLength() public {
        // Even from the registry: a withdrawal recorded with arrays of two lengths could never be paid correctly.
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.LengthMismatch.selector, 2, 1));
        vm.prank(address(registry));
        wq.queueUndelegation(alice, 0, _list(strategyA, strategyB), _amounts(1e21));
    }

    // ---------------------------------------------------------------- other refusals of queueing

    function test_queueWithdrawals_revertsWhen_requestNamesNoStrategy() public {
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.EmptyWithdrawal.selector));
        vm.prank(alice);
        wq.queueWithdrawals(_requests(new IStrategy[](0), new uint256[](0)));
    }

    function test_queueWithdrawals_revertsWhen_laterRequestIsEmpty() public {
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](2);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: _list(strategyA), shares: _amounts(1e21)});
        requests[1] = IWithdrawalQueue.QueueRequest({strategies: new IStrategy[](0), shares: new uint256[](0)});

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.EmptyWithdrawal.selector));
        vm.prank(alice);
        wq.queueWithdrawals(requests);
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "the first request was undone too");
    }

    function test_queueWithdrawals_revertsWhen_moreThanWithdrawable() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategyA, ALICE_A + 1, ALICE_A)
        );
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(ALICE_A + 1)));
    }

    function test_queueWithdrawals_revertsWhen_moreThanWithdrawableAfterSlash() public {
        // Withdrawable shares are read at today's factor: 100e21 scaled at 0.75 are worth 75e21.
        _delegate(alice, operator1);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.25e18);

        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategyA, 75e21 + 1, 75e21)
        );
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(75e21 + 1)));
    }

    function test_queueWithdrawals_revertsWhen_secondLegInsufficient() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategyB, ALICE_B + 1, ALICE_B)
        );
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA, strategyB), _amounts(1e21, ALICE_B + 1)));
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "first leg undone");
    }

    function test_queueWithdrawals_revertsWhen_noPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, bob, strategyA, 1, 0));
        vm.prank(bob);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(1)));
    }

    function test_queueWithdrawals_revertsWhen_zeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(0)));
    }

    function test_queueUndelegation_revertsWhen_callerNotOperatorRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.OnlyOperatorRegistry.selector, alice));
        vm.prank(alice);
        wq.queueUndelegation(alice, operator1Id, _list(strategyA), _amounts(1e21));
    }

    function test_queueUndelegation_revertsWhen_callerIsStrategyManager() public {
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.OnlyOperatorRegistry.selector, address(sm)));
        vm.prank(address(sm));
        wq.queueUndelegation(alice, operator1Id, _list(strategyA), _amounts(1e21));
    }

    // ---------------------------------------------------------------- refusals of completion

    function test_completeWithdrawal_revertsWhen_callerNotStaker() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.NotWithdrawalStaker.selector, bob, alice));
        vm.prank(bob);
        wq.completeWithdrawal(withdrawal, true, bob);
    }

    function test_completeWithdrawal_revertsWhen_callerIsStakersOperator() public {
        _delegate(alice, operator1);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.NotWithdrawalStaker.selector, operator1, alice));
        vm.prank(operator1);
        wq.completeWithdrawal(withdrawal, false, operator1);
    }

    function test_completeWithdrawals_revertsWhen_batchHoldsAnotherStakersWithdrawal() public {
        _deposit(bob, strategyA, 10e18);
        IWithdrawalQueue.Withdrawal memory own = _queue(alice, strategyA, 1e21);
        IWithdrawalQueue.Withdrawal memory bobs = _queue(bob, strategyA, 1e21);
        vm.warp(own.maturity);
        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](2);
        batch[0] = own;
        batch[1] = bobs;

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.NotWithdrawalStaker.selector, alice, bob));
        vm.prank(alice);
        wq.completeWithdrawals(batch, new bool[](2), alice);
    }

    function test_completeWithdrawal_revertsWhen_tokensToZeroAddress() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.InvalidReceiver.selector));
        _completeTo(withdrawal, true, address(0));
    }

    function test_completeWithdrawal_asSharesIgnoresZeroReceiver() public {
        // The receiver only matters for tokens; shares always go back to the staker.
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);

        _completeTo(withdrawal, false, address(0));
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "credited back to alice");
    }

    function test_completeWithdrawal_checksCallerBeforeReceiverAndPendingAndMaturity() public {
        // Bob, with a zero receiver, an immature and a never-queued withdrawal: the caller check answers first.
        IWithdrawalQueue.Withdrawal memory forged = _withdrawal(
            alice,
            0,
            block.timestamp + 1 days,
            3,
            _list(strategyA),
            _amounts(1)
        );
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.NotWithdrawalStaker.selector, bob, alice));
        vm.prank(bob);
        wq.completeWithdrawal(forged, true, address(0));

        // The staker herself: the receiver, then whether it is pending, then maturity.
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.InvalidReceiver.selector));
        _completeTo(forged, true, address(0));
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(forged)));
        _completeTo(forged, true, alice);
    }

    // ---------------------------------------------------------------- withdrawal delay

    function test_initialize_revertsWhen_delayBelowMinimum() public {
        _expectInitializeReverts(1 minutes - 1);
    }

    function test_initialize_revertsWhen_delayAboveMaximum() public {
        _expectInitializeReverts(30 days + 1);
    }

    function test_initialize_acceptsBothBoundsAndAnnouncesTheDelay() public {
        vm.assertEq(wq.MIN_WITHDRAWAL_DELAY(), 1 minutes, "minimum");
        vm.assertEq(wq.MAX_WITHDRAWAL_DELAY(), 30 days, "maximum");
        address implementation = address(
            WithdrawalQueue(
                _deploy(
                    "WithdrawalQueue.sol:WithdrawalQueue",
                    abi.encode(address(sm), address(registry), address(new ExitWindowSink()))
                )
            )
        );

        vm.expectEmit();
        emit IWithdrawalQueue.WithdrawalDelaySet(0, 1 minutes, 0);
        WithdrawalQueue atMin = _newQueue(implementation, 1 minutes);
        vm.expectEmit();
        emit IWithdrawalQueue.WithdrawalDelaySet(0, 30 days, 0);
        WithdrawalQueue atMax = _newQueue(implementation, 30 days);

        vm.assertEq(atMin.withdrawalDelay(), 1 minutes, "minimum accepted");
        vm.assertEq(atMax.withdrawalDelay(), 30 days, "maximum accepted");
    }

    function test_initialize_revertsWhen_calledAgain() public {
        // Re-initialising would hand the queue a new owner and delay.
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        wq.initialize(alice, alice, 1 minutes);
        vm.assertEq(wq.owner(), owner, "owner unchanged");
    }

    function test_initialize_revertsWhen_calledOnTheImplementation() public {
        WithdrawalQueue implementation = WithdrawalQueue(
            _deploy(
                "WithdrawalQueue.sol:WithdrawalQueue",
                abi.encode(address(sm), address(registry), address(new ExitWindowSink()))
            )
        );
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice, 1 days);
    }

    function test_setWithdrawalDelay_revertsWhen_belowMinimum() public {
        vm.expectRevert(
            abi.encodeWithSelector(IWithdrawalQueue.WithdrawalDelayOutOfBounds.selector, 59, 1 minutes, 30 days)
        );
        vm.prank(owner);
        wq.setWithdrawalDelay(59);
    }

    function test_setWithdrawalDelay_revertsWhen_zero() public {
        vm.expectRevert(
            abi.encodeWithSelector(IWithdrawalQueue.WithdrawalDelayOutOfBounds.selector, 0, 1 minutes, 30 days)
        );
        vm.prank(owner);
        wq.setWithdrawalDelay(0);
    }

    function test_setWithdrawalDelay_revertsWhen_aboveMaximum() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalDelayOutOfBounds.selector,
                30 days + 1,
                1 minutes,
                30 days
            )
        );
        vm.prank(owner);
        wq.setWithdrawalDelay(30 days + 1);
        vm.assertEq(wq.withdrawalDelay(), WITHDRAWAL_DELAY, "unchanged");
    }

    function test_setWithdrawalDelay_acceptsBothBoundsAndEmits() public {
        // Shortening leaves the longer window promised so far as a floor (see the guarantee-10 tests).
        uint48 promised = uint48(block.timestamp + WITHDRAWAL_DELAY);
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalDelaySet(WITHDRAWAL_DELAY, 1 minutes, promised);
        vm.prank(owner);
        wq.setWithdrawalDelay(1 minutes);
        (uint32 delay, uint48 floor) = wq.delayParameters();
        vm.assertEq(delay, 1 minutes, "minimum set");
        vm.assertEq(floor, promised, "the old window's end kept");

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalDelaySet(1 minutes, 30 days, promised);
        vm.prank(owner);
        wq.setWithdrawalDelay(30 days);
        vm.assertEq(wq.withdrawalDelay(), 30 days, "maximum set");
    }

    function test_setWithdrawalDelay_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        wq.setWithdrawalDelay(1 days);
    }

    function test_setWithdrawalDelay_revertsWhen_callerIsPauser() public {
        // The pauser can delay, never shorten the delay stakers rely on.
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        wq.setWithdrawalDelay(1 minutes);
        vm.assertEq(wq.withdrawalDelay(), WITHDRAWAL_DELAY, "unchanged");
    }

    // ---------------------------------------------------------------- pause bits

    function test_pauseFlags_areQueueAndCompletion() public view {
        vm.assertEq(wq.PAUSE_QUEUE(), 0, "queue bit");
        vm.assertEq(wq.PAUSE_COMPLETION(), 1, "completion bit");
        vm.assertEq(wq.validPauseFlags(), QUEUE_FLAG | COMPLETION_FLAG, "no other bit");
    }

    function test_queueWithdrawals_revertsWhen_queuePaused() public {
        _pauseQueue(QUEUE_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 0));
        vm.prank(alice);
        wq.queueWithdrawals(_requests(_list(strategyA), _amounts(1e21)));
    }

    function test_undelegate_revertsWhen_queuePaused() public {
        // An undelegation queues a withdrawal: it stops with queueing, and the staker stays delegated.
        _delegate(alice, operator1);
        _pauseQueue(QUEUE_FLAG);

        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 0));
        vm.prank(alice);
        registry.undelegate(alice);
        vm.assertEq(sm.delegatedOperatorId(alice), operator1Id, "still delegated");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A, "position untouched");
    }

    function test_queuePaused_stillLetsWithdrawalsComplete() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        _pauseQueue(QUEUE_FLAG);
        vm.warp(withdrawal.maturity);

        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), 40e18, "paid while queueing is paused");
    }

    function test_completeWithdrawal_revertsWhen_completionPaused() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        _pauseQueue(COMPLETION_FLAG);

        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 1));
        _complete(withdrawal, true);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 1));
        _complete(withdrawal, false);
    }

    function test_completeWithdrawals_revertsWhen_completionPaused() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        _pauseQueue(COMPLETION_FLAG);
        IWithdrawalQueue.Withdrawal[] memory batch = new IWithdrawalQueue.Withdrawal[](1);
        batch[0] = withdrawal;

        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 1));
        vm.prank(alice);
        wq.completeWithdrawals(batch, new bool[](1), alice);
    }

    function test_completionPaused_stillLetsStakersQueue() public {
        _pauseQueue(COMPLETION_FLAG);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.assertTrue(wq.isPending(withdrawal), "queued while completion is paused");
    }

    function test_unpausedCompletion_paysWhatWasBlocked() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        _pauseQueue(COMPLETION_FLAG);
        vm.warp(withdrawal.maturity + 10 days);
        vm.prank(owner);
        wq.unpause(COMPLETION_FLAG);

        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), 40e18, "paid in full after the pause");
    }

    function test_managerDepositPause_neverBlocksQueueingOrCompletion() public {
        _delegate(alice, operator1);
        // The flags are read first: a prank applies to the very next call.
        uint256 depositFlags = (1 << sm.PAUSE_DEPOSITS()) | (1 << sm.PAUSE_SIGNED_DEPOSITS());
        vm.prank(pauser);
        sm.pause(depositFlags);

        IWithdrawalQueue.Withdrawal memory asTokens = _queue(alice, strategyA, 40e21);
        IWithdrawalQueue.Withdrawal memory asShares = _queue(alice, strategyA, 10e21);
        IWithdrawalQueue.Withdrawal memory undelegation = _undelegate(alice, alice);
        vm.warp(undelegation.maturity);
        _complete(asTokens, true);
        _complete(asShares, false);
        _complete(undelegation, false);

        vm.assertEq(tokenA.balanceOf(alice), 40e18, "paid as tokens");
        vm.assertEq(sm.scaledShares(alice, strategyA), ALICE_A - 40e21, "the rest credited back as shares");
        vm.assertEq(sm.scaledShares(alice, strategyB), ALICE_B, "strategy B credited back too");
        vm.assertEq(sm.pausedFlags(), 3, "deposits stayed paused throughout");
    }

    // ---------------------------------------------------------------- helpers

    function _expectNotPending(IWithdrawalQueue.Withdrawal memory tampered) internal {
        vm.assertFalse(wq.isPending(tampered), "a tampered withdrawal is not pending");
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(tampered)));
        _complete(tampered, true);
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.WithdrawalNotPending.selector, _root(tampered)));
        wq.previewCompletion(tampered);
        vm.assertEq(tokenA.balanceOf(alice), 0, "nothing paid");
    }

    function _queueAB(uint256 sharesA, uint256 sharesB) internal returns (IWithdrawalQueue.Withdrawal[] memory) {
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(sharesA, sharesB))
        );
        return queued;
    }

    /// @dev Queueing is paused by the owner only (a pauser could hold stakers in place before an exposure increase).
    function _pauseQueue(uint256 flags) internal {
        vm.prank(flags & wq.ownerOnlyPauseFlags() != 0 ? owner : pauser);
        wq.pause(flags);
    }

    function _newQueue(address implementation, uint32 delay) internal returns (WithdrawalQueue) {
        return
            WithdrawalQueue(
                address(
                    ERC1967Proxy(
                        payable(
                            _deploy(
                                "ERC1967Proxy.sol:ERC1967Proxy",
                                abi.encode(
                                    implementation,
                                    abi.encodeCall(WithdrawalQueue.initialize, (owner, pauser, delay))
                                )
                            )
                        )
                    )
                )
            );
    }

    function _expectInitializeReverts(uint32 delay) internal {
        address implementation = address(
            WithdrawalQueue(
                _deploy(
                    "WithdrawalQueue.sol:WithdrawalQueue",
                    abi.encode(address(sm), address(registry), address(new ExitWindowSink()))
                )
            )
        );
        vm.expectRevert(
            abi.encodeWithSelector(IWithdrawalQueue.WithdrawalDelayOutOfBounds.selector, delay, 1 minutes, 30 days)
        );
        _newQueue(implementation, delay);
    }
}
