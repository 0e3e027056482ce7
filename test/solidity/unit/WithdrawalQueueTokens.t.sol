// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice Withdrawals of tokens that stop moving and of strategies governance stops accepting: queued stake is
/// never lost, and completion as shares stays open whatever the token does.
contract WithdrawalQueueTokensTest is QueueHelpers {
    RevertingToken internal frozenToken;
    IStrategy internal frozenStrategy;

    function setUp() public override {
        super.setUp();
        frozenToken = new RevertingToken(18);
        frozenStrategy = factory.deployStrategy(IERC20(address(frozenToken)));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(frozenStrategy));
        vm.label(address(frozenToken), "RevertingToken");

        frozenToken.mint(alice, 10e18);
        vm.startPrank(alice);
        frozenToken.approve(address(frozenStrategy), 10e18);
        sm.deposit(frozenStrategy, 10e18);
        vm.stopPrank();
        _deposit(alice, strategyA, 10e18);
    }

    function test_frozenToken_blocksCompletionAsTokensButNotAsShares() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, frozenStrategy, 4e21);
        frozenToken.setFrozen(true);
        vm.warp(withdrawal.maturity);

        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        _complete(withdrawal, true);
        vm.assertTrue(wq.isPending(withdrawal), "still pending: the failed payment undid the completion");

        _complete(withdrawal, false);
        vm.assertEq(sm.scaledShares(alice, frozenStrategy), 10e21, "the shares are back, not lost");
    }

    function test_frozenToken_paysOnceUnfrozen() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, frozenStrategy, 4e21);
        frozenToken.setFrozen(true);
        vm.warp(withdrawal.maturity);
        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        _complete(withdrawal, true);

        frozenToken.setFrozen(false);
        vm.warp(withdrawal.maturity + 30 days);
        _complete(withdrawal, true);
        vm.assertEq(frozenToken.balanceOf(alice), 4e18, "paid in full after the thaw");
    }

    function test_frozenTokenInAMultiStrategyWithdrawal_blocksTheOtherLegsTokensToo() public {
        // A limitation, not a loss: one frozen leg makes the whole withdrawal unpayable as tokens (an undelegation
        // always bundles every position, so it is exposed too). The way out is completion as shares, after which
        // the healthy leg must be queued again and wait a second full delay.
        (, IWithdrawalQueue.Withdrawal[] memory queued) = _queueRequests(
            alice,
            _requests(_list(frozenStrategy, strategyA), _amounts(4e21, 4e21))
        );
        frozenToken.setFrozen(true);
        vm.warp(queued[0].maturity);

        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        _complete(queued[0], true);
        vm.assertEq(tokenA.balanceOf(alice), 0, "the healthy leg was not paid either");

        _complete(queued[0], false);
        IWithdrawalQueue.Withdrawal memory again = _queue(alice, strategyA, 4e21);
        vm.assertEq(again.maturity, block.timestamp + WITHDRAWAL_DELAY, "the healthy leg waits a second delay");
    }

    function test_strategyRemovedFromWhitelist_canStillBeQueuedAndCompleted() public {
        // Governance stops new deposits into A; stake already in it must still leave, in both forms.
        IWithdrawalQueue.Withdrawal memory asShares = _queue(alice, strategyA, 3e21);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategyA));
        IWithdrawalQueue.Withdrawal memory asTokens = _queue(alice, strategyA, 4e21);
        vm.warp(asTokens.maturity);

        _complete(asShares, false);
        _complete(asTokens, true);
        vm.assertEq(tokenA.balanceOf(alice), 4e18, "paid as tokens");
        vm.assertEq(sm.scaledShares(alice, strategyA), 6e21, "credited back as shares");
    }
}
