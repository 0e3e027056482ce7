// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The withdrawal queue's side of the manager: `removeShares`, `addShares`, `withdrawSharesAsTokens`.
/// The queue is a dedicated address here; the tests prank it.
contract StrategyManagerQueueTest is DeployFixture {
    /// @dev Alice's position after her 100e18-token deposit into the fresh vault: 1,000 shares per token unit.
    uint256 internal constant ALICE_SHARES = 100e21;

    /// @dev The strategy `reenterRemoveSharesAsQueue` debits.
    IStrategy internal reentryTarget;

    function setUp() public override {
        super.setUp();
        _deposit(alice, strategy, 100e18);
    }

    function test_position_ofAlicesDepositIsThousandSharesPerToken() public view {
        vm.assertEq(sm.scaledShares(alice, strategy), ALICE_SHARES, "alice's position");
        vm.assertEq(strategy.totalShares(), ALICE_SHARES, "the vault's shares are all hers");
    }

    // ---------------------------------------------------------------- removeShares

    function test_removeShares_debitsPartOfPosition() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesRemoved(alice, strategy, 30e21);
        _removeShares(alice, strategy, 30e21);

        vm.assertEq(sm.scaledShares(alice, strategy), 70e21, "position debited");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "strategy stays listed while the position is not zero");
        // Removing shares does not burn them: the vault is untouched until the queue withdraws.
        vm.assertEq(strategy.totalShares(), ALICE_SHARES, "vault shares unchanged");
        vm.assertEq(token.balanceOf(address(strategy)), 100e18, "vault balance unchanged");
    }

    function test_removeShares_wholePositionDelistsStrategy() public {
        _removeShares(alice, strategy, ALICE_SHARES);
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
            abi.encodeWithSelector(
                IStrategyManager.InsufficientShares.selector,
                alice,
                strategy,
                ALICE_SHARES + 1,
                ALICE_SHARES
            )
        );
        vm.prank(queue);
        sm.removeShares(alice, strategy, ALICE_SHARES + 1);
    }

    function test_removeShares_revertsWhen_noPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, bob, strategy, 1, 0));
        vm.prank(queue);
        sm.removeShares(bob, strategy, 1);
    }

    // ---------------------------------------------------------------- addShares

    function test_addShares_creditsPositionOfNewStaker() public {
        _removeShares(alice, strategy, 40e21);

        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesAdded(bob, strategy, 40e21, 40e21);
        vm.prank(queue);
        uint256 scaled = sm.addShares(bob, strategy, 40e21);

        vm.assertEq(scaled, 40e21, "undelegated: scaled = shares");
        vm.assertEq(sm.scaledShares(bob, strategy), 40e21, "position credited");
        vm.assertEq(sm.stakerStrategyCount(bob), 1, "one strategy listed");
        vm.assertEq(address(sm.stakerStrategies(bob)[0]), address(strategy), "strategy listed");
        vm.assertEq(strategy.totalShares(), ALICE_SHARES, "no shares minted: they already existed");
    }

    function test_addShares_toExistingPositionKeepsListLength() public {
        _removeShares(alice, strategy, 40e21);
        vm.prank(queue);
        sm.addShares(alice, strategy, 40e21);
        vm.assertEq(sm.scaledShares(alice, strategy), ALICE_SHARES, "position restored");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "listed once");
    }

    function test_addShares_worksForStrategyRemovedFromWhitelist() public {
        _removeShares(alice, strategy, ALICE_SHARES);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        // The shares exist already; a withdrawal completing as shares must not depend on the whitelist.
        vm.prank(queue);
        sm.addShares(alice, strategy, ALICE_SHARES);
        vm.assertEq(sm.scaledShares(alice, strategy), ALICE_SHARES, "credited despite the whitelist removal");
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
        _removeShares(alice, strategy, 1e21);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.TooManyStrategies.selector, bob, 32));
        vm.prank(queue);
        sm.addShares(bob, strategy, 1e21);
    }

    function test_addShares_revertsWhen_positionWouldPass224Bits() public {
        // Positions are stored in 224 bits: a credit that would pass 2^224 - 1 reverts instead of truncating.
        uint256 credit = type(uint224).max - ALICE_SHARES + 1;
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, uint8(224), uint256(1) << 224)
        );
        vm.prank(queue);
        sm.addShares(alice, strategy, credit);

        // One share less fills the position exactly.
        vm.prank(queue);
        sm.addShares(alice, strategy, credit - 1);
        vm.assertEq(sm.scaledShares(alice, strategy), type(uint224).max, "position at the largest uint224");
    }

    // ---------------------------------------------------------------- withdrawSharesAsTokens

    function test_withdrawSharesAsTokens_burnsSharesAndPaysRecipient() public {
        _removeShares(alice, strategy, 30e21);

        // 30e21 * (100e18 + 1) / (100e21 + 1e3) = 30e18 exactly.
        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesWithdrawnAsTokens(strategy, bob, 30e21, 30e18);
        vm.prank(queue);
        uint256 amount = sm.withdrawSharesAsTokens(strategy, bob, 30e21);

        vm.assertEq(amount, 30e18, "tokens paid");
        vm.assertEq(token.balanceOf(bob), 30e18, "recipient paid");
        vm.assertEq(strategy.totalShares(), 70e21, "shares burned");
        vm.assertEq(token.balanceOf(address(strategy)), 70e18, "vault balance");
    }

    function test_withdrawSharesAsTokens_paysDonationsProRata() public {
        vm.assertEq(_deposit(bob, strategy, 100e18), 100e21, "bob bought at alice's price");
        _donate(strategy, 50e18);
        uint256 shares = sm.scaledShares(alice, strategy);
        uint256 expected = strategy.sharesToUnderlying(shares);
        // Half of the 200e21 shares over 250e18 tokens, plus one virtual token over 1,000 virtual shares:
        // 100e21 * (250e18 + 1) / (200e21 + 1e3) = 125e18 - 0.125, rounded down: the virtual shares' cut and the
        // rounding cost her a single wei.
        vm.assertEq(expected, (shares * (250e18 + 1)) / (200e21 + 1e3), "value of alice's shares");
        vm.assertEq(expected, 125e18 - 1, "half of the donation, less a wei");
        uint256 amount = _withdrawAll(alice, strategy, alice);
        vm.assertEq(amount, expected, "paid what the view quoted");
        vm.assertEq(token.balanceOf(alice), expected, "alice received it");
    }

    function test_withdrawSharesAsTokens_worksForStrategyRemovedFromWhitelist() public {
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        vm.assertEq(_withdrawAll(alice, strategy, alice), 100e18, "existing shares stay withdrawable, in full");
    }

    function test_withdrawSharesAsTokens_revertsWhen_callerNeitherQueueNorCoordinator() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueueOrCoordinator.selector, alice));
        vm.prank(alice);
        sm.withdrawSharesAsTokens(strategy, alice, 1);
    }

    function test_withdrawSharesAsTokens_revertsWhen_zeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(queue);
        sm.withdrawSharesAsTokens(strategy, alice, 0);
    }

    function test_withdrawSharesAsTokens_revertsWhen_moreThanTotalShares() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStrategy.InsufficientTotalShares.selector, ALICE_SHARES + 1, ALICE_SHARES)
        );
        vm.prank(queue);
        sm.withdrawSharesAsTokens(strategy, alice, ALICE_SHARES + 1);
    }

    // ---------------------------------------------------------------- reentrancy

    function test_queueFunctions_revertWhen_reenteredMidWithdrawal() public {
        // Even the queue cannot act on the manager while one of its own calls is in flight: a queue driven into
        // re-entering (by a token hook) meets the manager's guard.
        CallbackToken hookToken = new CallbackToken(18);
        IStrategy hookStrategy = _deployAndWhitelist(address(hookToken));
        _fund(hookStrategy, alice, 100e18);
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        _removeShares(alice, hookStrategy, 40e21);
        reentryTarget = hookStrategy;
        hookToken.armCallback(address(this), abi.encodeCall(this.reenterRemoveSharesAsQueue, ()));

        vm.prank(queue);
        vm.assertEq(sm.withdrawSharesAsTokens(hookStrategy, alice, 40e21), 40e18, "outer withdrawal paid");

        vm.assertTrue(hookToken.callbackMade(), "the callback was made");
        vm.assertFalse(hookToken.callbackSucceeded(), "nested removeShares refused");
        vm.assertEq(
            hookToken.callbackReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "refused by the manager's guard"
        );
        vm.assertEq(sm.scaledShares(alice, hookStrategy), 60e21, "position debited by the outer call only");
        vm.assertEq(hookStrategy.totalShares(), 60e21, "40e21 burned");
    }

    /// @dev Reached from a token's callback: acts as the withdrawal queue, re-entering the manager.
    function reenterRemoveSharesAsQueue() external {
        vm.prank(queue);
        sm.removeShares(alice, reentryTarget, 1);
    }

    // ---------------------------------------------------------------- pauses never trap funds

    function test_pausedDeposits_neverTrapWithdrawals() public {
        _pause(DEPOSITS_FLAG | SIGNED_DEPOSITS_FLAG);
        vm.assertEq(sm.pausedFlags(), 3, "both deposit bits paused");

        // Every function the withdrawal queue relies on still works.
        _removeShares(alice, strategy, 60e21);
        vm.prank(queue);
        uint256 amount = sm.withdrawSharesAsTokens(strategy, alice, 40e21);
        vm.prank(queue);
        sm.addShares(bob, strategy, 20e21);

        vm.assertEq(amount, 40e18, "withdrawn as tokens while deposits are paused");
        vm.assertEq(token.balanceOf(alice), 40e18, "tokens reached the staker");
        vm.assertEq(sm.scaledShares(alice, strategy), 40e21, "debited");
        vm.assertEq(sm.scaledShares(bob, strategy), 20e21, "credited as shares while deposits are paused");
    }
}
