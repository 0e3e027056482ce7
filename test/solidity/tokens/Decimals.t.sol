// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Share math is unit-agnostic: with equal virtual offsets one share is one base unit of the token,
/// whatever its decimals.
contract DecimalsTokenTest is DeployFixture {
    MockERC20 internal usdc;
    IStrategy internal usdcStrategy;

    function setUp() public override {
        super.setUp();
        (usdc, usdcStrategy) = _newWhitelistedStrategy("USD Coin", 6);
    }

    function test_sixDecimals_firstDepositOfOneBaseUnitMintsOneShare() public {
        vm.assertEq(_deposit(alice, usdcStrategy, 1), 1, "one base unit, one share");
    }

    function test_eighteenDecimals_firstDepositOfOneBaseUnitMintsOneShare() public {
        vm.assertEq(_deposit(alice, strategy, 1), 1, "one wei, one share");
    }

    function test_sixDecimals_oneWholeTokenMintsOneMillionShares() public {
        vm.assertEq(_deposit(alice, usdcStrategy, 1e6), 1e6, "1 USDC = 1e6 shares");
        vm.assertEq(usdcStrategy.sharesToUnderlying(1e6), 1e6, "and back");
    }

    function test_sixDecimals_amountsRoundTripAmongSeveralHolders() public {
        _deposit(alice, usdcStrategy, 1_234_567_890);
        _deposit(bob, usdcStrategy, 3);
        _deposit(carol, usdcStrategy, 987_654);
        vm.assertEq(_withdrawAll(bob, usdcStrategy, bob), 3, "three base units back");
        vm.assertEq(_withdrawAll(alice, usdcStrategy, alice), 1_234_567_890, "alice's amount back");
        vm.assertEq(_withdrawAll(carol, usdcStrategy, carol), 987_654, "carol's amount back");
        vm.assertEq(usdc.balanceOf(address(usdcStrategy)), 0, "vault emptied without dust");
    }

    function test_eighteenDecimals_largeAmountsRoundTrip() public {
        uint256 big = 10_000_000_000e18; // ten billion tokens
        _deposit(alice, strategy, big);
        _deposit(bob, strategy, 1);
        vm.assertEq(_withdrawAll(alice, strategy, alice), big, "large amount back");
        vm.assertEq(_withdrawAll(bob, strategy, bob), 1, "one wei back");
    }

    function test_sixDecimals_afterDonationPriceStaysSane() public {
        _deposit(alice, usdcStrategy, 100e6);
        _donate(usdcStrategy, 10e6);
        uint256 amount = 11e6;
        uint256 shares = _deposit(bob, usdcStrategy, amount);
        // Price (110e6 + 1e3) / (100e6 + 1e3) per share: 11 USDC buy about 10 USDC-worth of shares.
        vm.assertEq(shares, (amount * (100e6 + 1e3)) / (110e6 + 1e3), "shares at the new price");
        vm.assertApproxEqAbs(shares, 10e6, 10, "about ten million shares");
        vm.assertLe(_withdrawAll(bob, usdcStrategy, bob), 11e6, "never more than deposited");
        vm.assertApproxEqAbs(usdc.balanceOf(bob), 11e6, 2, "and at most a couple of base units less");
    }
}
