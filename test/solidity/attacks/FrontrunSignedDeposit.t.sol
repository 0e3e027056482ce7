// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Someone sees a signed deposit in the mempool and submits it first. The tokens come from whoever
/// submits and the staker is credited either way, so the frontrunner only pays for the staker's deposit.
/// Alice signs; Carol is her relayer; Bob frontruns.
contract FrontrunSignedDepositAttackTest is DeployFixture {
    uint256 internal constant AMOUNT = 40e18;
    /// @dev What AMOUNT buys in the fresh vault: 1,000 shares per token unit.
    uint256 internal constant SHARES = AMOUNT * 1e3;
    uint256 internal expiry;
    bytes internal signature;

    function setUp() public override {
        super.setUp();
        expiry = block.timestamp + 1 hours;
        _fund(strategy, carol, AMOUNT);
        _fund(strategy, bob, AMOUNT);
        signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
    }

    function test_frontrun_submittingSomeoneElsesSignedDeposit_onlyCostsTheFrontrunner() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.DepositSignatureUsed(alice, 0, bob);
        vm.prank(bob);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        // The relayer's transaction lands second and fails harmlessly: the nonce moved.
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "alice got exactly what she signed for");
        vm.assertEq(sm.scaledShares(bob, strategy), 0, "the frontrunner gained no position");
        vm.assertEq(token.balanceOf(bob), 0, "the frontrunner paid the deposit");
        vm.assertEq(token.balanceOf(carol), AMOUNT, "the relayer kept its tokens");
    }

    function test_frontrun_cannotRedirectAmountStrategyOrStaker() public {
        // Whatever the frontrunner changes, the digest changes with it.
        vm.startPrank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.InvalidSignature.selector,
                alice,
                sm.depositDigest(alice, strategy, AMOUNT / 2, 0, expiry)
            )
        );
        sm.depositWithSignature(strategy, AMOUNT / 2, alice, expiry, signature);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.InvalidSignature.selector,
                bob,
                sm.depositDigest(bob, strategy, AMOUNT, 0, expiry)
            )
        );
        sm.depositWithSignature(strategy, AMOUNT, bob, expiry, signature);
        vm.stopPrank();
    }

    function test_frontrun_failingFrontrunnerLeavesSignatureUsable() public {
        // A frontrunner without the funds burns gas, not the signature: the revert restores the nonce.
        address broke = makeAddr("broke");
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(strategy), 0, AMOUNT)
        );
        vm.prank(broke);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(sm.nonces(alice), 0, "nonce intact");

        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "relayer's submission still works");
    }
}
