// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice `StrategyManager.deposit`: every revert path, named for its cause, and the happy paths.
contract StrategyManagerDepositTest is DeployFixture {
    // ---------------------------------------------------------------- happy paths

    function test_deposit_pullsTokensMintsSharesAndCreditsStaker() public {
        _fund(strategy, alice, 1_000e18);

        vm.expectEmit(address(sm));
        emit IStrategyManager.Deposited(alice, strategy, 400e18, 400e21, 400e21);
        vm.prank(alice);
        uint256 shares = sm.deposit(strategy, 400e18);

        // A fresh vault mints 1,000 shares per token unit (1,000 virtual shares over one virtual token).
        vm.assertEq(shares, 400e21, "shares minted");
        vm.assertEq(token.balanceOf(alice), 600e18, "tokens left with the staker");
        vm.assertEq(token.balanceOf(address(strategy)), 400e18, "tokens held by the vault");
        vm.assertEq(strategy.totalShares(), 400e21, "vault total shares");
        vm.assertEq(sm.scaledShares(alice, strategy), 400e21, "scaled position");
        vm.assertEq(sm.withdrawableShares(alice, strategy), 400e21, "withdrawable position (undelegated: = scaled)");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "strategy count");
        vm.assertEq(address(sm.stakerStrategies(alice)[0]), address(strategy), "strategy listed");
        // The manager never holds tokens: the vault pulls them from the staker directly.
        vm.assertEq(token.balanceOf(address(sm)), 0, "manager holds no tokens");
    }

    function test_deposit_repeatDepositAddsToPositionWithoutRelisting() public {
        _deposit(alice, strategy, 100e18);
        _donate(strategy, 50e18);
        // 100e21 shares over 150e18 tokens: the second deposit mints 60e18 * (100e21 + 1e3) / (150e18 + 1)
        // shares, 40e21 and a remainder, rounded down.
        uint256 amount = 60e18;
        uint256 expected = (amount * (100e21 + 1e3)) / (150e18 + 1);
        vm.assertEq(expected, 40e21 + 133, "expected shares");
        uint256 shares = _deposit(alice, strategy, amount);

        vm.assertEq(shares, expected, "shares at the donated price");
        vm.assertEq(sm.scaledShares(alice, strategy), 100e21 + expected, "position accumulates");
        vm.assertEq(sm.stakerStrategyCount(alice), 1, "same strategy listed once");
    }

    function test_deposit_atExactPerDepositCap_succeeds() public {
        _setCaps(strategy, 10e18, 100e18);
        vm.assertEq(_deposit(alice, strategy, 10e18), 10e21, "deposit at the per-deposit cap");
    }

    function test_deposit_perDepositCapAloneLeavesTotalUncapped() public {
        // maxTotalDeposits 0: no total cap, however many deposits fill the vault.
        _setCaps(strategy, 10e18, 0);
        _deposit(alice, strategy, 10e18);
        _deposit(bob, strategy, 10e18);
        _deposit(carol, strategy, 10e18);
        vm.assertEq(token.balanceOf(address(strategy)), 30e18, "three capped deposits, no total cap");

        _fund(strategy, alice, 10e18 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, strategy, 10e18 + 1, 10e18)
        );
        vm.prank(alice);
        sm.deposit(strategy, 10e18 + 1);
    }

    function test_deposit_totalCapAloneLeavesSingleDepositsUncapped() public {
        // maxPerDeposit 0: one deposit may fill the whole total cap at once.
        _setCaps(strategy, 0, 100e18);
        vm.assertEq(_deposit(alice, strategy, 100e18), 100e21, "one deposit up to the total cap");

        _fund(strategy, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 100e18, 1, 100e18));
        vm.prank(bob);
        sm.deposit(strategy, 1);
    }

    function test_deposit_upToExactTotalCap_succeeds() public {
        _setCaps(strategy, 60e18, 100e18);
        _deposit(alice, strategy, 60e18);
        _deposit(bob, strategy, 40e18);
        vm.assertEq(token.balanceOf(address(strategy)), 100e18, "vault filled to its total cap");
    }

    function test_deposit_succeedsWhen_onlySignedDepositsPaused() public {
        _pause(SIGNED_DEPOSITS_FLAG);
        vm.assertEq(_deposit(alice, strategy, 1e18), 1e21, "plain deposits unaffected by the signed-deposit bit");
    }

    function test_deposit_worksAgainAfterUnpause() public {
        _pause(DEPOSITS_FLAG);
        vm.prank(owner);
        sm.unpause(DEPOSITS_FLAG);
        vm.assertEq(_deposit(alice, strategy, 1e18), 1e21, "deposit after unpause");
    }

    function test_deposit_intoStrategyAlreadyHeld_succeedsWhen_listIsFull() public {
        IStrategy[] memory held = _enterMaxStrategies(alice);
        // The 32nd strategy is already in the list, so topping it up needs no new slot. Its vault holds 1 token
        // and 1,000 shares: 5 * (1_000 + 1e3) / (1 + 1) = 5,000 shares.
        vm.assertEq(_deposit(alice, held[31], 5), 5_000, "top-up of a held strategy with a full list");
        vm.assertEq(sm.stakerStrategyCount(alice), 32, "list still full");
    }

    // ---------------------------------------------------------------- reverts

    function test_deposit_revertsWhen_amountIsZero() public {
        _fund(strategy, alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroDepositAmount.selector));
        vm.prank(alice);
        sm.deposit(strategy, 0);
    }

    function test_deposit_revertsWhen_strategyNotWhitelisted() public {
        // Deployed by the factory, so a genuine vault, but governance never whitelisted it.
        IStrategy unlisted = factory.deployStrategy(IERC20(address(new MockERC20("Unlisted", "UNL", 18))));
        _fund(unlisted, alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, unlisted));
        vm.prank(alice);
        sm.deposit(unlisted, 1e18);
    }

    function test_deposit_revertsWhen_strategyRemovedFromWhitelist() public {
        _fund(strategy, alice, 1e18);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, strategy));
        vm.prank(alice);
        sm.deposit(strategy, 1e18);
    }

    function test_deposit_revertsWhen_perDepositCapExceeded() public {
        _setCaps(strategy, 10e18, 100e18);
        _fund(strategy, alice, 11e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, strategy, 10e18 + 1, 10e18)
        );
        vm.prank(alice);
        sm.deposit(strategy, 10e18 + 1);
    }

    function test_deposit_revertsWhen_totalDepositCapExceeded() public {
        _setCaps(strategy, 60e18, 100e18);
        _deposit(bob, strategy, 60e18);
        _fund(strategy, alice, 41e18);
        // The vault enforces the manager's total cap against its balance: 60e18 + 41e18 > 100e18.
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 60e18, 41e18, 100e18));
        vm.prank(alice);
        sm.deposit(strategy, 41e18);
    }

    function test_deposit_revertsWhen_donationPushedBalanceAboveTotalCap() public {
        _setCaps(strategy, 10e18, 100e18);
        _deposit(bob, strategy, 10e18);
        _donate(strategy, 95e18);
        _fund(strategy, alice, 1);
        // Balance 105e18 is already above the cap: even one wei is refused (and the subtraction cannot underflow).
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 105e18, 1, 100e18));
        vm.prank(alice);
        sm.deposit(strategy, 1);
    }

    function test_deposit_revertsWhen_depositWouldMintZeroShares() public {
        _deposit(bob, strategy, 1);
        _donate(strategy, 10_000e18);
        _fund(strategy, alice, 1e6);
        // Bob's 1,000 shares over 10_000e18 + 1 tokens: 1e6 * (1_000 + 1e3) / (10_000e18 + 1 + 1) rounds to zero,
        // so the vault refuses instead of taking the tokens.
        vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, 1e6));
        vm.prank(alice);
        sm.deposit(strategy, 1e6);
    }

    function test_deposit_revertsWhen_depositsPaused() public {
        _fund(strategy, alice, 1e18);
        _pause(DEPOSITS_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, uint8(0)));
        vm.prank(alice);
        sm.deposit(strategy, 1e18);
    }

    function test_deposit_revertsWhen_allowanceMissing() public {
        token.mint(alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(strategy), 0, 1e18)
        );
        vm.prank(alice);
        sm.deposit(strategy, 1e18);
    }

    function test_deposit_revertsWhen_approvalGivenToManagerInsteadOfStrategy() public {
        // The vault pulls the tokens, so an approval of the manager is useless: documents the approval target.
        token.mint(alice, 1e18);
        vm.prank(alice);
        token.approve(address(sm), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(strategy), 0, 1e18)
        );
        vm.prank(alice);
        sm.deposit(strategy, 1e18);
    }

    function test_deposit_revertsWhen_33rdStrategy() public {
        _enterMaxStrategies(alice);
        (, IStrategy extra) = _newWhitelistedStrategy("Extra", 18);
        _fund(extra, alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.TooManyStrategies.selector, alice, 32));
        vm.prank(alice);
        sm.deposit(extra, 1e18);
    }

    function test_deposit_33rdStrategyAccepted_afterLeavingOne() public {
        IStrategy[] memory held = _enterMaxStrategies(alice);
        _removeShares(alice, held[7], sm.scaledShares(alice, held[7]));
        (, IStrategy extra) = _newWhitelistedStrategy("Extra", 18);
        vm.assertEq(_deposit(alice, extra, 3), 3_000, "room again after a position reached zero");
        vm.assertEq(sm.stakerStrategyCount(alice), 32, "list full again");
    }

    function test_deposit_revertsWhen_positionWouldPass224Bits() public {
        // Positions are stored in 224 bits. A position just below the limit takes no top-up that would pass it:
        // the deposit reverts rather than truncating the staker's shares.
        uint256 amount = uint256(type(uint224).max) / 1e3;
        _deposit(alice, strategy, amount);
        uint256 position = amount * 1e3;
        vm.assertEq(sm.scaledShares(alice, strategy), position, "position 215 shares short of the largest uint224");

        // One more token unit buys (position + 1e3) / (amount + 1) = 1,000 shares.
        _fund(strategy, alice, 1);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, uint8(224), position + 1e3)
        );
        vm.prank(alice);
        sm.deposit(strategy, 1);
    }

    function test_deposit_revertsWhen_reenteredFromTokenCallback() public {
        // A token that calls back mid-transfer cannot start a second deposit while the first is half done.
        CallbackToken hookToken = new CallbackToken(18);
        IStrategy hookStrategy = _deployAndWhitelist(address(hookToken));
        _fund(hookStrategy, alice, 100e18);
        _fund(strategy, address(hookToken), 1e18);
        hookToken.armCallback(address(sm), abi.encodeCall(IStrategyManager.deposit, (strategy, 1e18)));

        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        vm.assertTrue(hookToken.callbackMade(), "the callback was made");
        vm.assertFalse(hookToken.callbackSucceeded(), "nested deposit refused");
        vm.assertEq(
            hookToken.callbackReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "refused by the manager's guard"
        );
        vm.assertEq(sm.scaledShares(alice, hookStrategy), 100e21, "outer deposit credited once");
        vm.assertEq(sm.stakerStrategyCount(address(hookToken)), 0, "the token gained no position");
        vm.assertEq(strategy.totalShares(), 0, "nothing deposited into the other vault");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Gives `staker` a position in 32 strategies: the default one and 31 fresh ones.
    function _enterMaxStrategies(address staker) internal returns (IStrategy[] memory held) {
        held = new IStrategy[](32);
        held[0] = strategy;
        _deposit(staker, strategy, 1);
        for (uint256 i = 1; i < 32; ++i) {
            (, held[i]) = _newWhitelistedStrategy("Filler", 18);
            _deposit(staker, held[i], 1);
        }
        vm.assertEq(sm.stakerStrategyCount(staker), 32, "list filled");
    }
}
