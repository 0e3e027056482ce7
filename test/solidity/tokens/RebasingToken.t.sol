// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {RebasingToken} from "../../../contracts/mocks/tokens/RebasingToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice A stETH-like rebasing token: value per share follows the vault's balance, so rebases are shared pro
/// rata; transfers that deliver a wei less than asked are refused.
contract RebasingTokenTest is DeployFixture {
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

        uint256 aliceValue = stethStrategy.sharesToUnderlying(100e18);
        uint256 bobValue = stethStrategy.sharesToUnderlying(300e18);
        // Each holder gets 10% more, less the sliver of the rebase attributed to the virtual shares.
        vm.assertApproxEqAbs(aliceValue, 110e18, 100, "alice's value");
        vm.assertApproxEqAbs(bobValue, 330e18, 100, "bob's value");
        vm.assertApproxEqAbs(bobValue, aliceValue * 3, 3, "pro rata");

        uint256 paid = _withdrawAll(alice, stethStrategy, alice);
        vm.assertEq(paid, aliceValue, "withdrawal pays the quoted value");
        // The token itself may deliver a wei less on the way out (its transfer rounds its own shares down).
        vm.assertApproxEqAbs(steth.balanceOf(alice), aliceValue, 1, "alice received the rebased value");
    }

    function test_rebasing_negativeRebaseBorneProRata() public {
        steth.rebase(0.9e18);
        vm.assertApproxEqAbs(stethStrategy.sharesToUnderlying(100e18), 90e18, 100, "alice bears 10%");
        vm.assertApproxEqAbs(stethStrategy.sharesToUnderlying(300e18), 270e18, 100, "bob bears 10%");
    }

    /// @dev KNOWN ISSUE (reported, not fixed here): after a loss the vault's 1e3 virtual assets, which do not
    /// exist, are partly claimed by real shares. With totalShares > totalAssets the shares together claim
    /// `S * (A + 1e3) / (S + 1e3) > A`: the first holder out takes up to ~1e3 wei more than its part, and the last
    /// one's full exit asks for more than the vault holds and reverts. Here, after a 50% negative rebase: alice
    /// exits with 50e18 + 124 (fair: 50e18), bob's 300e18 shares are quoted 150e18 + 375 against a balance of
    /// 150e18 - 124, and his withdrawal reverts in the token's transfer. The expectation below (the last holder
    /// can always exit, taking what is left) is the behaviour believed correct; skipped until fixed.
    function test_rebasing_negativeRebase_lastHolderCanStillExitInFull() public {
        vm.skip(true, "known issue: after a loss the last holder's full exit reverts (virtual assets claimed)");
        steth.rebase(0.5e18);
        _withdrawAll(alice, stethStrategy, alice);
        uint256 left = steth.balanceOf(address(stethStrategy));
        vm.assertLe(stethStrategy.sharesToUnderlying(300e18), left, "shares never claim more than the vault holds");
        vm.assertEq(_withdrawAll(bob, stethStrategy, bob), left, "the last holder takes what is left");
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
        vm.assertEq(stethStrategy.totalShares(), 400e18, "no shares minted");
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
