// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {RebasingToken} from "../../../contracts/mocks/tokens/RebasingToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice A stETH-like rebasing token: value per share follows the vault's balance, so rebases are shared pro
/// rata; transfers that deliver a wei less than asked are refused.
contract RebasingTokenTest is DeployFixture {
    /// @dev What a fresh vault mints per token unit (VIRTUAL_SHARES / VIRTUAL_ASSETS).
    uint256 internal constant SHARES_PER_UNIT = 1e3;

    RebasingToken internal steth;
    IStrategy internal stethStrategy;

    function setUp() public override {
        super.setUp();
        steth = new RebasingToken();
        stethStrategy = _deployAndWhitelist(address(steth));
        _deposit(alice, stethStrategy, 100e18);
        _deposit(bob, stethStrategy, 300e18);
    }

    function test_rebasing_positiveRebaseAccruesProRata() public {
        steth.rebase(1.1e18);
        vm.assertEq(stethStrategy.totalAssets(), 440e18, "vault balance grew 10%");

        uint256 aliceValue = stethStrategy.sharesToUnderlying(sm.scaledShares(alice, stethStrategy));
        uint256 bobValue = stethStrategy.sharesToUnderlying(sm.scaledShares(bob, stethStrategy));
        // Each holder gets 10% more, less the sliver of the rebase attributed to the virtual shares (1e3 of
        // 400e21 shares: a tenth of a wei), rounded down.
        vm.assertEq(aliceValue, 110e18 - 1, "alice's value");
        vm.assertEq(bobValue, 330e18 - 1, "bob's value");
        vm.assertApproxEqAbs(bobValue, aliceValue * 3, 3, "pro rata");

        uint256 paid = _withdrawAll(alice, stethStrategy, alice);
        vm.assertEq(paid, aliceValue, "withdrawal pays the quoted value");
        // The token itself may deliver a wei less on the way out (its transfer rounds its own shares down).
        vm.assertApproxEqAbs(steth.balanceOf(alice), aliceValue, 1, "alice received the rebased value");
    }

    function test_rebasing_negativeRebaseBorneProRata() public {
        steth.rebase(0.9e18);
        // The virtual token is not lost with the real ones: it props each value up by a fraction of a wei, which
        // rounding takes away again.
        vm.assertEq(stethStrategy.sharesToUnderlying(sm.scaledShares(alice, stethStrategy)), 90e18, "alice bears 10%");
        vm.assertEq(stethStrategy.sharesToUnderlying(sm.scaledShares(bob, stethStrategy)), 270e18, "bob bears 10%");
    }

    /// @notice After a loss the first holder out must not take part of the last holder's exit. With one virtual
    /// token, all shares together are worth `S * (A + 1) / (S + 1e3)`, below `A + 1`, so, rounded down, never
    /// more than the vault holds. Here, after a 50% negative rebase, alice leaves with exactly her half of what is
    /// left and bob, the last holder, with all the rest. (With 1e3 virtual tokens, as before, alice took
    /// 50e18 + 124 and bob's exit reverted: his shares were quoted 150e18 + 375 against 150e18 - 124.)
    function test_rebasing_negativeRebase_lastHolderCanStillExitInFull() public {
        steth.rebase(0.5e18);
        vm.assertEq(_withdrawAll(alice, stethStrategy, alice), 50e18, "the first holder out takes her part only");
        uint256 left = steth.balanceOf(address(stethStrategy));
        vm.assertEq(left, 150e18, "bob's part is still all there");
        vm.assertLe(
            stethStrategy.sharesToUnderlying(stethStrategy.totalShares()),
            left,
            "shares never claim more than the vault holds"
        );
        vm.assertEq(_withdrawAll(bob, stethStrategy, bob), left, "the last holder takes what is left");
        vm.assertEq(steth.balanceOf(bob), left, "and receives it");
        vm.assertEq(stethStrategy.totalShares(), 0, "every share burned");
    }

    function test_rebasing_transferDeliveringOneWeiLess_isRejected() public {
        steth.rebase(1.1e18);
        uint256 amount = 1e18;
        // The token moves floor(amount / 1.1) of its shares, worth one wei less than `amount` at index 1.1.
        uint256 before = steth.balanceOf(address(stethStrategy));
        uint256 movedShares = (amount * 1e18) / 1.1e18;
        uint256 delivered = ((steth.sharesOf(address(stethStrategy)) + movedShares) * 1.1e18) / 1e18 - before;
        vm.assertEq(delivered, amount - 1, "this transfer delivers a wei less");

        _fund(stethStrategy, carol, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TransferAmountMismatch.selector, amount, amount - 1));
        vm.prank(carol);
        sm.deposit(stethStrategy, amount);
        vm.assertEq(stethStrategy.totalShares(), 400e18 * SHARES_PER_UNIT, "no shares minted");
    }

    function test_rebasing_rebaseAboveTotalCapStopsDeposits() public {
        _setCaps(stethStrategy, 100e18, 420e18);
        steth.rebase(1.1e18);
        _fund(stethStrategy, carol, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 440e18, 1e18, 420e18));
        vm.prank(carol);
        sm.deposit(stethStrategy, 1e18);
    }
}
