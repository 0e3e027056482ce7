// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The withdrawal queue's side of the manager: `removeShares`, `addShares`, `withdrawSharesAsTokens`.
/// The queue is a dedicated address here; the tests prank it.
contract StrategyManagerQueueTest is DeployFixture {
    function setUp() public override {
        super.setUp();
        _deposit(alice, strategy, 100e18);
    }

    // ---------------------------------------------------------------- removeShares

    function test_removeShares_debitsPartOfPosition() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesRemoved(alice, strategy, 30e18);
        _removeShares(alice, strategy, 30e18);

        vm.assertEq(sm.scaledShares(alice, strategy), 70e18, "position debited");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "strategy stays listed while the position is not zero");
        // Removing shares does not burn them: the vault is untouched until the queue withdraws.
        vm.assertEq(strategy.totalShares(), 100e18, "vault shares unchanged");
        vm.assertEq(token.balanceOf(address(strategy)), 100e18, "vault balance unchanged");
    }

    function test_removeShares_wholePositionDelistsStrategy() public {
        _removeShares(alice, strategy, 100e18);
        vm.assertEq(sm.scaledShares(alice, strategy), 0, "position cleared");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "strategy delisted");
        vm.assertEq(sm.stakerStrategies(alice).length, 0, "empty list");
    }

    function test_removeShares_revertsWhen_callerNotWithdrawalQueue() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueue.selector, alice));
        vm.prank(alice);
        sm.removeShares(alice, strategy, 1);
    }

    function test_removeShares_revertsWhen_callerIsOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueue.selector, owner));
        vm.prank(owner);
        sm.removeShares(alice, strategy, 1);
    }

    function test_removeShares_revertsWhen_zeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(queue);
        sm.removeShares(alice, strategy, 0);
    }

    function test_removeShares_revertsWhen_moreThanPosition() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategy, 100e18 + 1, 100e18)
        );
        vm.prank(queue);
        sm.removeShares(alice, strategy, 100e18 + 1);
    }

    function test_removeShares_revertsWhen_noPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, bob, strategy, 1, 0));
        vm.prank(queue);
        sm.removeShares(bob, strategy, 1);
    }

    // ---------------------------------------------------------------- addShares

    function test_addShares_creditsPositionOfNewStaker() public {
        _removeShares(alice, strategy, 40e18);

        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesAdded(bob, strategy, 40e18, 40e18);
        vm.prank(queue);
        uint256 scaled = sm.addShares(bob, strategy, 40e18);

        vm.assertEq(scaled, 40e18, "undelegated: scaled = shares");
        vm.assertEq(sm.scaledShares(bob, strategy), 40e18, "position credited");
        vm.assertEq(address(sm.stakerStrategies(bob)[0]), address(strategy), "strategy listed");
        vm.assertEq(strategy.totalShares(), 100e18, "no shares minted: they already existed");
    }

    function test_addShares_toExistingPositionKeepsListLength() public {
        _removeShares(alice, strategy, 40e18);
        vm.prank(queue);
        sm.addShares(alice, strategy, 40e18);
        vm.assertEq(sm.scaledShares(alice, strategy), 100e18, "position restored");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "listed once");
    }

    function test_addShares_worksForStrategyRemovedFromWhitelist() public {
        _removeShares(alice, strategy, 100e18);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        // The shares exist already; a withdrawal completing as shares must not depend on the whitelist.
        vm.prank(queue);
        sm.addShares(alice, strategy, 100e18);
        vm.assertEq(sm.scaledShares(alice, strategy), 100e18, "credited despite the whitelist removal");
    }

    function test_addShares_revertsWhen_callerNotWithdrawalQueue() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueue.selector, alice));
        vm.prank(alice);
        sm.addShares(alice, strategy, 1);
    }

    function test_addShares_revertsWhen_zeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(queue);
        sm.addShares(alice, strategy, 0);
    }

    function test_addShares_revertsWhen_stakerHolds32OtherStrategies() public {
        // Bob fills his list; a withdrawal completing as shares of a 33rd strategy cannot be credited to him.
        for (uint256 i; i < 32; ++i) {
            (, IStrategy filler) = _newWhitelistedStrategy("Filler", 18);
            _deposit(bob, filler, 1);
        }
        _removeShares(alice, strategy, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.TooManyStrategies.selector, bob, 32));
        vm.prank(queue);
        sm.addShares(bob, strategy, 1e18);
    }

    // ---------------------------------------------------------------- withdrawSharesAsTokens

    function test_withdrawSharesAsTokens_burnsSharesAndPaysRecipient() public {
        _removeShares(alice, strategy, 30e18);

        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesWithdrawnAsTokens(strategy, bob, 30e18, 30e18);
        vm.prank(queue);
        uint256 amount = sm.withdrawSharesAsTokens(strategy, bob, 30e18);

        vm.assertEq(amount, 30e18, "tokens paid");
        vm.assertEq(token.balanceOf(bob), 30e18, "recipient paid");
        vm.assertEq(strategy.totalShares(), 70e18, "shares burned");
        vm.assertEq(token.balanceOf(address(strategy)), 70e18, "vault balance");
    }

    function test_withdrawSharesAsTokens_paysDonationsProRata() public {
        _deposit(bob, strategy, 100e18);
        _donate(strategy, 50e18);
        uint256 shares = sm.scaledShares(alice, strategy);
        uint256 expected = strategy.sharesToUnderlying(shares);
        // Half the donation is alice's, less the cut of the 1e3 virtual shares: 125e18 - 125 wei.
        vm.assertEq(expected, (shares * (250e18 + 1e3)) / (200e18 + 1e3), "value of alice's shares");
        vm.assertEq(expected, 125e18 - 125, "half of the donation, less the virtual cut");
        uint256 amount = _withdrawAll(alice, strategy, alice);
        vm.assertEq(amount, expected, "paid what the view quoted");
        vm.assertEq(token.balanceOf(alice), expected, "alice received it");
    }

    function test_withdrawSharesAsTokens_worksForStrategyRemovedFromWhitelist() public {
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        vm.assertEq(_withdrawAll(alice, strategy, alice), 100e18, "existing shares stay withdrawable");
    }

    function test_withdrawSharesAsTokens_revertsWhen_callerNotWithdrawalQueue() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueue.selector, alice));
        vm.prank(alice);
        sm.withdrawSharesAsTokens(strategy, alice, 1);
    }

    function test_withdrawSharesAsTokens_revertsWhen_zeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(queue);
        sm.withdrawSharesAsTokens(strategy, alice, 0);
    }

    function test_withdrawSharesAsTokens_revertsWhen_moreThanTotalShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategy.InsufficientTotalShares.selector, 100e18 + 1, 100e18));
        vm.prank(queue);
        sm.withdrawSharesAsTokens(strategy, alice, 100e18 + 1);
    }

    // ---------------------------------------------------------------- pauses never trap funds

    function test_pausedDeposits_neverTrapWithdrawals() public {
        _pause(DEPOSITS_FLAG | SIGNED_DEPOSITS_FLAG);
        vm.assertEq(sm.pausedFlags(), 3, "both deposit bits paused");

        // Every function the withdrawal queue relies on still works.
        _removeShares(alice, strategy, 60e18);
        vm.prank(queue);
        uint256 amount = sm.withdrawSharesAsTokens(strategy, alice, 40e18);
        vm.prank(queue);
        sm.addShares(bob, strategy, 20e18);

        vm.assertEq(amount, 40e18, "withdrawn as tokens while deposits are paused");
        vm.assertEq(token.balanceOf(alice), 40e18, "tokens reached the staker");
        vm.assertEq(sm.scaledShares(alice, strategy), 40e18, "debited");
        vm.assertEq(sm.scaledShares(bob, strategy), 20e18, "credited as shares while deposits are paused");
    }
}
