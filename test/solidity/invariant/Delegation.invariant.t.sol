// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {CoreFixture} from "../utils/CoreFixture.sol";
import {DelegationHandler} from "./handlers/DelegationHandler.sol";

/// @notice Invariants of delegation and the withdrawal queue (ARCHITECTURE.md, 6 to 9) under random sequences of
/// deposits, delegations, undelegations (some forced), redelegations, withdrawals, completions, attempts to
/// complete early or twice, time passing and delay changes, by four stakers and three operators over two
/// strategies. Only the handler is targeted; nobody is slashed (factor 1e18). Each invariant runs its own
/// campaign of 64 runs of 64 calls (hardhat.config.ts; shorter in the coverage run).
contract DelegationInvariantTest is CoreFixture {
    DelegationHandler internal handler;

    function setUp() public override {
        super.setUp();
        IStrategy[] memory strategies = new IStrategy[](2);
        strategies[0] = strategyA;
        strategies[1] = strategyB;
        address[] memory stakers = new address[](4);
        string[4] memory stakerNames = ["staker0", "staker1", "staker2", "staker3"];
        for (uint256 i; i < stakers.length; ++i) stakers[i] = makeAddr(stakerNames[i]);
        address[] memory operators = new address[](3);
        string[3] memory operatorNames = ["operator0", "operator1", "operator2"];
        for (uint256 i; i < operators.length; ++i) {
            operators[i] = makeAddr(operatorNames[i]);
            _registerOperator(operators[i]);
        }

        handler = new DelegationHandler(sm, wq, registry, owner, strategies, stakers, operators);

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = DelegationHandler.deposit.selector;
        selectors[1] = DelegationHandler.delegate.selector;
        selectors[2] = DelegationHandler.undelegate.selector;
        selectors[3] = DelegationHandler.redelegate.selector;
        selectors[4] = DelegationHandler.queueWithdrawal.selector;
        selectors[5] = DelegationHandler.completeAsTokens.selector;
        selectors[6] = DelegationHandler.completeAsShares.selector;
        selectors[7] = DelegationHandler.completeAgain.selector;
        selectors[8] = DelegationHandler.warp.selector;
        selectors[9] = DelegationHandler.setWithdrawalDelay.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice The handler is not vacuous: one scripted pass through every action, each taking effect.
    function test_handler_everyActionTakesEffect() public {
        address staker0 = handler.stakerAt(0);
        uint32 operator0Id = registry.operatorId(handler.operatorAt(0));
        uint32 operator1Id = registry.operatorId(handler.operatorAt(1));

        handler.deposit(0, 0, 10e18);
        handler.deposit(0, 1, 5e18);
        // Actor 4 is the first operator, depositing into its own stake.
        handler.deposit(4, 0, 3e18);
        handler.delegate(0, 0);
        vm.assertEq(sm.delegatedOperatorId(staker0), operator0Id, "delegated to operator 0");
        // Mode 1: a part of one position. Mode 3: a part of each strategy, in one withdrawal (1 share of B).
        handler.queueWithdrawal(0, 0, 2e21, 1);
        handler.queueWithdrawal(0, 0, 1e21, 3);
        vm.assertEq(handler.pendingCount(), 2, "two withdrawals queued");
        // Each first tries (and fails) to complete early, waits for maturity, completes, then fails to repeat.
        handler.completeAsTokens(0, true);
        handler.completeAsShares(0, true);
        handler.completeAgain(0, true);
        vm.assertEq(tokenA.balanceOf(staker0), 2e18, "2e21 shares paid as 2 tokens");
        vm.assertEq(sm.scaledShares(staker0, strategyA), 8e21, "the multi-strategy withdrawal credited A back");
        vm.assertEq(sm.scaledShares(staker0, strategyB), 5e21, "and B");

        handler.redelegate(0, 1);
        vm.assertEq(sm.delegatedOperatorId(staker0), operator1Id, "redelegated to operator 1");
        handler.completeAsShares(0, true);
        (uint256 stake1, ) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(stake1, 8e21, "the stake arrived at operator 1 through the queue");
        handler.undelegate(0, true);
        handler.warp(1 hours);
        handler.setWithdrawalDelay(1 days);

        bytes4[10] memory actions = [
            DelegationHandler.deposit.selector,
            DelegationHandler.delegate.selector,
            DelegationHandler.undelegate.selector,
            DelegationHandler.redelegate.selector,
            DelegationHandler.queueWithdrawal.selector,
            DelegationHandler.completeAsTokens.selector,
            DelegationHandler.completeAsShares.selector,
            DelegationHandler.completeAgain.selector,
            DelegationHandler.warp.selector,
            DelegationHandler.setWithdrawalDelay.selector
        ];
        uint8[10] memory expectedCalls = [3, 1, 1, 1, 2, 1, 2, 1, 1, 1];
        for (uint256 i; i < actions.length; ++i) {
            vm.assertEq(handler.ghostCalls(actions[i]), expectedCalls[i], "action took effect");
        }
        vm.assertEq(handler.ghostForcedUndelegations(), 1, "the undelegation was forced by the operator");
        vm.assertEq(handler.ghostMultiStrategyWithdrawals(), 1, "one multi-strategy withdrawal");
        // The first completion and the redelegation's were tried early; the multi-strategy withdrawal, queued in
        // the same second as the first, was mature by then.
        vm.assertEq(handler.ghostEarlyRefusals(), 2, "immature completions were refused");
        // Each completion retried once at once (3), plus the explicit retry (1).
        vm.assertEq(handler.ghostRepeatRefusals(), 4, "every repeat was refused");
        vm.assertEq(handler.completedCount(), 3, "three completed");
        vm.assertEq(handler.pendingCount(), 1, "the forced undelegation is pending");
        IWithdrawalQueue.Withdrawal memory forced = handler.pendingWithdrawal(0);
        vm.assertEq(forced.operatorId, operator1Id, "held as operator 1's stake");
        vm.assertEq(forced.scaledShares[0] + forced.scaledShares[1], 13e21, "all of staker 0's stake");
        vm.assertEq(sm.delegatedOperatorId(staker0), 0, "staker 0 undelegated");
        (uint32 delay, ) = wq.delayParameters();
        vm.assertEq(delay, 1 days, "delay changed");
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, _hex(handler.ghostLastRevert()));
        invariant_sharesAreConserved();
        invariant_operatorStakeIsTheSumOfItsDelegatedPositions();
        invariant_noWithdrawalCompletesBeforeMaturity();
        invariant_noWithdrawalCompletesTwice();
        invariant_queueAgreesWithTheHandlersRecords();
    }

    /// @notice Every call the handler makes is valid by construction, and every refusal it provokes comes with
    /// the exact error expected, so nothing else may revert.
    function invariant_noUnexpectedRevert() public view {
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, _hex(handler.ghostLastRevert()));
    }

    /// @notice (a) For each strategy, its total shares are the stakers' positions plus the scaled shares of the
    /// pending withdrawals (scaled = strategy shares at factor 1e18), and its tokens, exactly what came in minus
    /// what went out, back every share.
    function invariant_sharesAreConserved() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy strategy = handler.strategyAt(i);
            uint256 sum;
            for (uint256 j; j < handler.actorCount(); ++j) sum += sm.scaledShares(handler.actorAt(j), strategy);
            for (uint256 k; k < handler.pendingCount(); ++k) {
                IWithdrawalQueue.Withdrawal memory withdrawal = handler.pendingWithdrawal(k);
                for (uint256 leg; leg < withdrawal.strategies.length; ++leg) {
                    if (address(withdrawal.strategies[leg]) == address(strategy)) sum += withdrawal.scaledShares[leg];
                }
            }
            vm.assertEq(sum, strategy.totalShares(), "positions + pending withdrawals == total shares");

            uint256 balance = strategy.token().balanceOf(address(strategy));
            vm.assertEq(
                balance,
                handler.ghostDeposited(strategy) - handler.ghostWithdrawn(strategy),
                "balance == in - out"
            );
            vm.assertGe(balance, strategy.sharesToUnderlying(strategy.totalShares()), "tokens back every share");
        }
    }

    /// @notice (b) Each operator's scaled stake in each strategy is the sum of the positions of the stakers
    /// delegated to it, its own included; no position of an undelegated staker counts anywhere.
    function invariant_operatorStakeIsTheSumOfItsDelegatedPositions() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy strategy = handler.strategyAt(i);
            uint256 allStakes;
            uint256 allDelegated;
            for (uint256 o; o < handler.operatorCount(); ++o) {
                uint32 id = registry.operatorId(handler.operatorAt(o));
                uint256 sum;
                for (uint256 j; j < handler.actorCount(); ++j) {
                    address actor = handler.actorAt(j);
                    if (sm.delegatedOperatorId(actor) == id) sum += sm.scaledShares(actor, strategy);
                }
                (uint256 stake, ) = sm.operatorStake(id, strategy);
                vm.assertEq(stake, sum, "operator stake == sum of its delegated positions");
                allStakes += stake;
            }
            for (uint256 j; j < handler.actorCount(); ++j) {
                address actor = handler.actorAt(j);
                if (sm.delegatedOperatorId(actor) != 0) allDelegated += sm.scaledShares(actor, strategy);
            }
            vm.assertEq(allStakes, allDelegated, "every delegated position is in exactly one stake");
        }
    }

    /// @notice (c) No completion ever succeeded before maturity, though the handler tries; and maturities keep
    /// each (operator, strategy) history ordered, so its cumulative value is every share ever queued from it.
    function invariant_noWithdrawalCompletesBeforeMaturity() public view {
        vm.assertEq(handler.ghostEarlyCompletions(), 0, "completed before maturity");
        vm.assertEq(handler.ghostMaturityViolations(), 0, "maturity below now + delay or out of order");
        for (uint256 o; o < handler.operatorCount(); ++o) {
            uint32 id = registry.operatorId(handler.operatorAt(o));
            for (uint256 i; i < handler.strategyCount(); ++i) {
                IStrategy strategy = handler.strategyAt(i);
                vm.assertEq(
                    wq.cumulativeQueuedScaledShares(id, strategy, type(uint48).max),
                    handler.ghostQueuedFromOperator(id, strategy),
                    "history == everything queued from the operator"
                );
            }
        }
    }

    /// @notice (d) No withdrawal completed twice, though the handler tries after every completion and again
    /// later; completed ones are not pending.
    function invariant_noWithdrawalCompletesTwice() public view {
        vm.assertEq(handler.ghostDoubleCompletions(), 0, "completed twice");
        for (uint256 k; k < handler.completedCount(); ++k) {
            vm.assertFalse(wq.isPending(handler.completedWithdrawal(k)), "a completed withdrawal is not pending");
        }
    }

    /// @notice The queue holds exactly the withdrawals the handler saw queued and not completed, each paid in
    /// full when completed.
    function invariant_queueAgreesWithTheHandlersRecords() public view {
        vm.assertEq(handler.ghostPayoutMismatches(), 0, "a completion paid other than the queued shares");
        uint256 total;
        for (uint256 k; k < handler.pendingCount(); ++k) {
            vm.assertTrue(wq.isPending(handler.pendingWithdrawal(k)), "recorded as pending, pending in the queue");
        }
        for (uint256 j; j < handler.actorCount(); ++j) total += wq.pendingWithdrawals(handler.actorAt(j)).length;
        vm.assertEq(total, handler.pendingCount(), "no other pending withdrawal");
    }

    /// @dev `data` as 0x-prefixed hex, so that an unexpected revert reason can be read in the failure message.
    function _hex(bytes memory data) internal pure returns (string memory) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(2 + data.length * 2);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i; i < data.length; ++i) {
            out[2 + 2 * i] = digits[uint8(data[i]) >> 4];
            out[3 + 2 * i] = digits[uint8(data[i]) & 0x0f];
        }
        return string(out);
    }
}
