// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice A token that reverts every transfer while frozen (paused or blocklisting tokens): deposits fail
/// cleanly and withdrawals wait, without any share being lost.
contract RevertingTokenTest is DeployFixture {
    /// @dev What a fresh vault mints per token unit (VIRTUAL_SHARES / VIRTUAL_ASSETS).
    uint256 internal constant SHARES_PER_UNIT = 1e3;

    RevertingToken internal freezable;
    IStrategy internal freezableStrategy;

    function setUp() public override {
        super.setUp();
        freezable = new RevertingToken(18);
        freezableStrategy = _deployAndWhitelist(address(freezable));
        _fund(freezableStrategy, alice, 100e18);
    }

    function test_frozenToken_depositRevertsWithTokenError_andNothingChanges() public {
        freezable.setFrozen(true);
        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        vm.prank(alice);
        sm.deposit(freezableStrategy, 10e18);
        vm.assertEq(freezable.balanceOf(alice), 100e18, "tokens untouched");
        vm.assertEq(freezableStrategy.totalShares(), 0, "no shares");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "nothing listed");
    }

    function test_frozenToken_withdrawalWaitsAndSucceedsAfterUnfreeze() public {
        vm.prank(alice);
        uint256 shares = sm.deposit(freezableStrategy, 60e18);
        vm.assertEq(shares, 60e18 * SHARES_PER_UNIT, "a fresh vault's price");
        freezable.setFrozen(true);

        _removeShares(alice, freezableStrategy, shares);
        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        vm.prank(queue);
        sm.withdrawSharesAsTokens(freezableStrategy, alice, shares);
        vm.assertEq(freezableStrategy.totalShares(), shares, "shares not burned by the failed withdrawal");
        vm.assertEq(freezable.balanceOf(address(freezableStrategy)), 60e18, "tokens still in the vault");

        freezable.setFrozen(false);
        vm.prank(queue);
        uint256 paid = sm.withdrawSharesAsTokens(freezableStrategy, alice, shares);
        vm.assertEq(paid, 60e18, "paid in full after unfreezing");
        vm.assertEq(freezable.balanceOf(alice), 100e18, "alice whole");
    }

    function test_frozenToken_withdrawalCanCompleteAsSharesMeanwhile() public {
        // Completing as shares moves no tokens, so a frozen token cannot block it.
        vm.prank(alice);
        uint256 shares = sm.deposit(freezableStrategy, 60e18);
        freezable.setFrozen(true);
        _removeShares(alice, freezableStrategy, shares);
        vm.assertEq(sm.scaledShares(alice, freezableStrategy), 0, "position debited");
        vm.prank(queue);
        sm.addShares(alice, freezableStrategy, shares);
        vm.assertEq(sm.scaledShares(alice, freezableStrategy), shares, "position restored");
        vm.assertEq(shares, 60e18 * SHARES_PER_UNIT, "all of it");
    }
}
