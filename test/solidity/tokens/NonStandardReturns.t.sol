// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {NoReturnToken} from "../../../contracts/mocks/tokens/NoReturnToken.sol";
import {ReturnsFalseToken} from "../../../contracts/mocks/tokens/ReturnsFalseToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Tokens that do not follow the ERC20 return convention: one returns nothing (USDT-style), one returns
/// `false` instead of reverting.
contract NonStandardReturnsTokenTest is DeployFixture {
    NoReturnToken internal noReturn;
    IStrategy internal noReturnStrategy;
    ReturnsFalseToken internal returnsFalse;
    IStrategy internal returnsFalseStrategy;

    function setUp() public override {
        super.setUp();
        noReturn = new NoReturnToken(6);
        noReturnStrategy = _deployAndWhitelist(address(noReturn));
        returnsFalse = new ReturnsFalseToken(18);
        returnsFalseStrategy = _deployAndWhitelist(address(returnsFalse));
    }

    function test_noReturnToken_depositAndWithdrawWork() public {
        noReturn.mint(alice, 500e6);
        vm.prank(alice);
        // Called through the token's own ABI: through IERC20 the missing return value would fail to decode.
        noReturn.approve(address(noReturnStrategy), type(uint256).max);
        vm.prank(alice);
        uint256 shares = sm.deposit(noReturnStrategy, 500e6);

        vm.assertEq(shares, 500e6 * 1e3, "shares minted, a thousand per base unit");
        vm.assertEq(noReturn.balanceOf(address(noReturnStrategy)), 500e6, "vault received the tokens");
        vm.assertEq(_withdrawAll(alice, noReturnStrategy, bob), 500e6, "withdrawal paid");
        vm.assertEq(noReturn.balanceOf(bob), 500e6, "recipient received the tokens");
    }

    function test_returnsFalseToken_depositAndWithdrawWork() public {
        _fund(returnsFalseStrategy, alice, 70e18);
        vm.prank(alice);
        sm.deposit(returnsFalseStrategy, 70e18);
        vm.assertEq(_withdrawAll(alice, returnsFalseStrategy, alice), 70e18, "round trip");
        vm.assertEq(returnsFalse.balanceOf(alice), 70e18, "alice whole");
    }

    function test_returnsFalseToken_failedTransferSurfacesAsSafeErc20Error_withoutApproval() public {
        returnsFalse.mint(alice, 70e18);
        // No approval: the token returns false instead of reverting; the vault must not treat it as paid.
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(returnsFalse)));
        vm.prank(alice);
        sm.deposit(returnsFalseStrategy, 70e18);
        _assertNothingChanged(alice, 70e18);
    }

    function test_returnsFalseToken_failedTransferSurfacesAsSafeErc20Error_withoutBalance() public {
        _fund(returnsFalseStrategy, alice, 70e18);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(returnsFalse)));
        vm.prank(alice);
        sm.deposit(returnsFalseStrategy, 70e18 + 1);
        _assertNothingChanged(alice, 70e18);
    }

    function _assertNothingChanged(address staker, uint256 balance) internal view {
        vm.assertEq(returnsFalse.balanceOf(staker), balance, "staker's tokens untouched");
        vm.assertEq(IERC20(address(returnsFalse)).balanceOf(address(returnsFalseStrategy)), 0, "vault empty");
        vm.assertEq(returnsFalseStrategy.totalShares(), 0, "no shares minted");
        vm.assertEq(sm.scaledShares(staker, returnsFalseStrategy), 0, "no position");
        vm.assertEq(sm.stakerStrategyCount(staker), 0, "nothing listed");
    }
}
