// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice Queued stake stays slashable: a withdrawal pays its scaled shares at its operator's slashing factor as
/// it was one second before maturity, rounded down. The factor is moved through the harness's
/// `setMagnitudeLost` (factor = 1e18 - lost), as the slashing coordinator will.
contract WithdrawalQueueSlashingTest is QueueHelpers {
    /// @dev Alice's positions: 100 tokens in A, 50 in B, at 1,000 shares per token.
    uint256 internal constant ALICE_A = 100e21;
    uint256 internal constant ALICE_B = 50e21;

    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _deposit(alice, strategyB, 50e18);
        _delegate(alice, operator1);
    }

    function test_slashBeforeMaturity_reducesThePayout() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        // The last second in which the withdrawal is still in flight.
        vm.warp(withdrawal.maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.25e18);
        vm.warp(withdrawal.maturity);

        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(withdrawal), alice, true, alice);
        uint256[] memory paid = _complete(withdrawal, true);

        _assertShares(paid, _amounts(30e21), "40e21 x 0.75");
        vm.assertEq(tokenA.balanceOf(alice), 30e18, "30 tokens, not 40");
        // The slashed quarter is not paid: those shares stay in the vault for the slashing coordinator.
        vm.assertEq(strategyA.totalShares(), ALICE_A - 30e21, "only the paid shares burned");
    }

    function test_slashInTheSecondOfMaturity_doesNotReachTheWithdrawal() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.25e18);

        // The withdrawal could have completed in this very second, before the slash.
        uint256[] memory paid = _complete(withdrawal, true);
        _assertShares(paid, _amounts(40e21), "paid in full");
        vm.assertEq(tokenA.balanceOf(alice), 40e18, "40 tokens");
        // The position left behind is slashed, though.
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 45e21, "60e21 x 0.75");
    }

    function test_slashAfterMaturity_doesNotReachALateCompletion() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity + 30 days);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.9e18);

        uint256[] memory paid = _complete(withdrawal, false);
        _assertShares(paid, _amounts(40e21), "credited in full");
        // Credited back at today's factor (0.1): 40e21 shares become 400e21 scaled, worth 40e21 again.
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 60e21 / 10 + 40e21, "old position slashed, new not");
    }

    function test_onlyTheLastSlashBeforeMaturityCounts() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(block.timestamp + 1 days);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.1e18);
        vm.warp(withdrawal.maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        vm.warp(withdrawal.maturity);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.8e18);

        _assertShares(_complete(withdrawal, true), _amounts(20e21), "at the factor of maturity - 1: 0.5");
    }

    function test_slashBeforeQueueing_isNotChargedTwice() public {
        // Queued after a slash: withdrawable shares already carry it, and the withdrawal is debited at that factor.
        sm.setMagnitudeLost(operator1Id, strategyA, 0.2e18);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 80e21, "100e21 x 0.8");

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        _assertShares(withdrawal.scaledShares, _amounts(50e21), "40e21 / 0.8 scaled shares");
        vm.warp(withdrawal.maturity);

        _assertShares(_complete(withdrawal, true), _amounts(40e21), "what was asked, no second cut");
    }

    function test_slashOfAnotherStrategy_doesNotReachTheWithdrawal() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyB, 0.5e18);
        vm.warp(withdrawal.maturity);

        _assertShares(_complete(withdrawal, true), _amounts(40e21), "A is not slashed");
    }

    function test_multiStrategyWithdrawal_eachLegAtItsOwnFactor() public {
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(40e21, 20e21))
        );
        vm.warp(block.timestamp + 1 days);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.25e18);
        sm.setMagnitudeLost(operator1Id, strategyB, 0.5e18);
        vm.warp(queued[0].maturity);

        _assertShares(_complete(queued[0], true), _amounts(30e21, 10e21), "A at 0.75, B at 0.5");
        vm.assertEq(tokenA.balanceOf(alice), 30e18, "A tokens");
        vm.assertEq(tokenB.balanceOf(alice), 10e18, "B tokens");
    }

    function test_payout_roundsDown() public {
        // 333 scaled shares at a factor of 1/3 (333333333333333333) are worth 110.99..., paid as 110.
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 333);
        vm.warp(withdrawal.maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 666666666666666667);
        vm.warp(withdrawal.maturity);

        (uint256[] memory previewed, ) = wq.previewCompletion(withdrawal);
        _assertShares(previewed, _amounts(110), "preview rounds down");
        _assertShares(_complete(withdrawal, false), _amounts(110), "payout rounds down");
    }

    function test_previewCompletion_followsSlashesUntilMaturity() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        (uint256[] memory shares, uint256[] memory tokens) = wq.previewCompletion(withdrawal);
        _assertShares(shares, _amounts(40e21), "before any slash");

        vm.warp(block.timestamp + 1 days);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        (shares, tokens) = wq.previewCompletion(withdrawal);
        _assertShares(shares, _amounts(20e21), "after a slash in flight");
        _assertShares(tokens, _amounts(20e18), "their token value");

        vm.warp(withdrawal.maturity);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.75e18);
        (shares, ) = wq.previewCompletion(withdrawal);
        _assertShares(shares, _amounts(20e21), "a slash at maturity changes nothing");
    }

    function test_undelegatedStakersWithdrawal_isNeverSlashed() public {
        _deposit(bob, strategyA, 10e18);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(bob, strategyA, 10e21);
        vm.assertEq(withdrawal.operatorId, 0, "no operator");
        vm.warp(withdrawal.maturity - 1);
        // Every operator that could be meant, including the "no operator" id itself, which no factor should key.
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        sm.setMagnitudeLost(0, strategyA, 0.5e18);
        vm.warp(withdrawal.maturity);

        (uint256[] memory previewed, ) = wq.previewCompletion(withdrawal);
        _assertShares(previewed, _amounts(10e21), "preview in full");
        _assertShares(_complete(withdrawal, true), _amounts(10e21), "paid in full");
        vm.assertEq(tokenA.balanceOf(bob), 10e18, "all ten tokens");
    }

    function test_undelegationWithdrawal_isSlashedByTheOperatorLeft() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);
        vm.warp(withdrawal.maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 0.5e18);
        vm.warp(withdrawal.maturity);

        _assertShares(_complete(withdrawal, true), _amounts(50e21, ALICE_B), "A halved, B untouched");
    }

    function test_legSlashedToZero_isSkippedWithoutBlockingTheOthers_asTokens() public {
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(40e21, 20e21))
        );
        vm.warp(queued[0].maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 1e18);
        vm.warp(queued[0].maturity);

        // Paying a zero leg would revert in the manager (ZeroShares); it is skipped instead.
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalCompleted(_root(queued[0]), alice, true, alice);
        _complete(queued[0], true);

        vm.assertEq(tokenA.balanceOf(alice), 0, "A worthless");
        vm.assertEq(tokenB.balanceOf(alice), 20e18, "B paid");
        vm.assertEq(strategyA.totalShares(), ALICE_A, "no A share burned");
        vm.assertFalse(wq.isPending(queued[0]), "completed");
    }

    function test_legSlashedToZero_isSkippedWithoutBlockingTheOthers_asShares() public {
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(40e21, 20e21))
        );
        vm.warp(queued[0].maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 1e18);
        vm.warp(queued[0].maturity);

        // Alice is still delegated to the operator now at factor 0 in A: crediting A would revert
        // (OperatorFullySlashed), so the zero leg must not be credited at all.
        _assertShares(_complete(queued[0], false), _amounts(0, 20e21), "A worthless, B credited");
        vm.assertEq(sm.scaledShares(alice, strategyB), ALICE_B, "B back in full");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0, "A's remaining position is worthless too");
    }

    function test_dustLeg_roundsToZeroAndIsSkipped() public {
        // One scaled share at a factor just below WAD is worth 0.99..., rounded to nothing.
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(strategyA, strategyB), _amounts(1, 20e21))
        );
        vm.warp(queued[0].maturity - 1);
        sm.setMagnitudeLost(operator1Id, strategyA, 1);
        vm.warp(queued[0].maturity);

        _assertShares(_complete(queued[0], true), _amounts(0, 20e21), "dust leg skipped, B paid");
        vm.assertEq(tokenB.balanceOf(alice), 20e18, "B tokens");
    }

    function test_partialWithdrawalAtFractionalFactor_leavingWorthlessDust_takesTheWholePosition() public {
        // Bob's 3,000 shares join operator 1 at a factor of 0.3 as 10,000 scaled shares. Withdrawing all but one
        // share debits ceil(2,999 / 0.3) = 9,997 scaled shares and would leave 3, worth floor(0.9) = 0: dust no later
        // request could take out (1 share is too many, 0 is refused) holding a place in bob's list. The manager takes
        // the whole position instead; the dust rides in the withdrawal and, worth nothing, pays nothing.
        sm.setMagnitudeLost(operator1Id, strategyB, 0.7e18);
        _deposit(bob, strategyB, 3);
        _delegate(bob, operator1);
        vm.assertEq(sm.scaledShares(bob, strategyB), 10000, "3,000 shares / 0.3");

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(bob, strategyB, 2999);

        _assertShares(withdrawal.scaledShares, _amounts(10000), "the dust went with the withdrawal");
        vm.assertEq(sm.scaledShares(bob, strategyB), 0, "nothing left");
        vm.assertEq(sm.stakerStrategyCount(bob), 0, "delisted");
        vm.warp(withdrawal.maturity);
        _assertShares(_complete(withdrawal, true), _amounts(3000), "floor(10,000 x 0.3): the dust paid nothing more");
    }

    function test_partialWithdrawalAtFractionalFactor_leavingDustWorthAShare_keepsIt() public {
        // One share fewer taken: ceil(2,998 / 0.3) = 9,994 scaled shares debited, 6 left, worth floor(1.8) = 1 share,
        // which a later request can take. The position stays.
        sm.setMagnitudeLost(operator1Id, strategyB, 0.7e18);
        _deposit(bob, strategyB, 3);
        _delegate(bob, operator1);

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(bob, strategyB, 2998);

        _assertShares(withdrawal.scaledShares, _amounts(9994), "rounded up");
        vm.assertEq(sm.scaledShares(bob, strategyB), 6, "6 scaled shares left");
        vm.assertEq(sm.withdrawableShares(bob, strategyB), 1, "worth one share");
        vm.assertEq(sm.stakerStrategyCount(bob), 1, "still listed");
    }
}
