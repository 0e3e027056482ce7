// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Deposits with fuzzed amounts and caps: the manager's outcome is predicted from the documented rules
/// (zero, per-deposit cap, total cap, zero shares, success; a cap of 0 is no cap) and checked exactly.
contract StrategyManagerDepositFuzzTest is DeployFixture {
    function testFuzz_deposit_followsCapsAndShareMath(
        uint120 maxPerDeposit,
        uint128 maxTotalDeposits,
        uint256 prior,
        uint256 donation,
        uint256 amount
    ) public {
        // A cap of 0 is no cap: one run in four has no total cap, one in four no per-deposit cap. Otherwise the
        // per-deposit cap cannot exceed the total one (setDepositCaps refuses it).
        maxTotalDeposits = maxTotalDeposits % 4 == 0 ? 0 : uint128(bound(maxTotalDeposits, 1, 1e30));
        uint256 perDepositCeiling = maxTotalDeposits == 0 ? 2e30 : maxTotalDeposits;
        maxPerDeposit = maxPerDeposit % 4 == 0 ? 0 : uint120(bound(maxPerDeposit, 1, perDepositCeiling));
        prior = bound(prior, 0, 1e30);
        donation = bound(donation, 0, 1e30);
        amount = bound(amount, 0, 2e30);

        if (prior != 0) _deposit(bob, strategy, prior);
        _donate(strategy, donation);
        _setCaps(strategy, maxPerDeposit, maxTotalDeposits);
        _fund(strategy, alice, amount);

        uint256 balance = token.balanceOf(address(strategy));
        uint256 totalShares = strategy.totalShares();
        // ShareMath: 1e3 virtual shares, one virtual token.
        uint256 expectedShares = (amount * (totalShares + 1e3)) / (balance + 1);

        bytes memory expectedError;
        if (amount == 0) {
            expectedError = abi.encodeWithSelector(IStrategyManager.ZeroDepositAmount.selector);
        } else if (maxPerDeposit != 0 && amount > maxPerDeposit) {
            expectedError = abi.encodeWithSelector(
                IStrategyManager.PerDepositCapExceeded.selector,
                strategy,
                amount,
                maxPerDeposit
            );
        } else if (maxTotalDeposits != 0 && balance + amount > maxTotalDeposits) {
            expectedError = abi.encodeWithSelector(
                IStrategy.TotalDepositCapExceeded.selector,
                balance,
                amount,
                maxTotalDeposits
            );
        } else if (expectedShares == 0) {
            expectedError = abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, amount);
        }

        if (expectedError.length != 0) {
            vm.expectRevert(expectedError);
            vm.prank(alice);
            sm.deposit(strategy, amount);
            vm.assertEq(strategy.totalShares(), totalShares, "nothing minted");
            return;
        }

        vm.expectEmit(address(sm));
        emit IStrategyManager.Deposited(alice, strategy, amount, expectedShares, expectedShares);
        vm.prank(alice);
        uint256 shares = sm.deposit(strategy, amount);
        vm.assertEq(shares, expectedShares, "shares follow ShareMath");
        vm.assertEq(sm.scaledShares(alice, strategy), expectedShares, "credited in full");
        vm.assertEq(strategy.totalShares(), totalShares + expectedShares, "vault minted the same");
        vm.assertEq(token.balanceOf(address(strategy)), balance + amount, "vault received exactly");
        vm.assertEq(token.balanceOf(alice), 0, "staker paid exactly");
    }

    function testFuzz_depositWithSignature_validUntilExpiryOnly(
        uint256 signerSeed,
        uint256 amount,
        uint256 expiry,
        uint256 submitAt
    ) public {
        uint256 key = bound(signerSeed, 1, 1e60);
        address staker = vm.addr(key);
        amount = bound(amount, 1, 1e30);
        expiry = bound(expiry, block.timestamp, block.timestamp + 365 days);
        submitAt = bound(submitAt, block.timestamp, block.timestamp + 400 days);

        _fund(strategy, carol, amount);
        bytes memory signature = _signDeposit(key, staker, strategy, amount, expiry);
        vm.warp(submitAt);

        if (submitAt > expiry) {
            vm.expectRevert(abi.encodeWithSelector(IStrategyManager.SignatureExpired.selector, expiry, submitAt));
            vm.prank(carol);
            sm.depositWithSignature(strategy, amount, staker, expiry, signature);
            vm.assertEq(sm.nonces(staker), 0, "nonce kept");
        } else {
            vm.prank(carol);
            sm.depositWithSignature(strategy, amount, staker, expiry, signature);
            vm.assertEq(sm.scaledShares(staker, strategy), amount * 1e3, "staker credited at the fresh vault's price");
            vm.assertEq(sm.nonces(staker), 1, "nonce spent");
        }
    }
}
