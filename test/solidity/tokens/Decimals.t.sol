// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Share math is unit-agnostic: a fresh vault mints 1,000 shares per base unit of the token, whatever its
/// decimals, and shares convert back to the same base units.
contract DecimalsTokenTest is DeployFixture {
    /// @dev VIRTUAL_SHARES / VIRTUAL_ASSETS: what a fresh vault mints per base unit.
    uint256 internal constant SHARES_PER_UNIT = 1e3;

    MockERC20 internal usdc;
    IStrategy internal usdcStrategy;

    function setUp() public override {
        super.setUp();
        (usdc, usdcStrategy) = _newWhitelistedStrategy("USD Coin", 6);
    }

    function test_sixDecimals_firstDepositOfOneBaseUnitMintsAThousandShares() public {
        vm.assertEq(_deposit(alice, usdcStrategy, 1), SHARES_PER_UNIT, "one base unit, a thousand shares");
        vm.assertEq(usdcStrategy.sharesToUnderlying(SHARES_PER_UNIT), 1, "worth one base unit");
    }

    function test_eighteenDecimals_firstDepositOfOneBaseUnitMintsAThousandShares() public {
        vm.assertEq(_deposit(alice, strategy, 1), SHARES_PER_UNIT, "one wei, a thousand shares");
        vm.assertEq(strategy.sharesToUnderlying(SHARES_PER_UNIT), 1, "worth one wei");
    }

    function test_sixDecimals_oneWholeTokenMintsOneBillionShares() public {
        vm.assertEq(_deposit(alice, usdcStrategy, 1e6), 1e9, "1 USDC = 1e9 shares");
        // (1e9 * (1e6 + 1)) / (1e9 + 1e3) is exactly 1e6: the virtual offset keeps the fresh vault's price.
        vm.assertEq(usdcStrategy.sharesToUnderlying(1e9), 1e6, "and back");
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
        // Alice holds 100e6 * 1e3 shares. Price (110e6 + 1) / (100e9 + 1e3) per share: 11 USDC buy about 10
        // USDC-worth (1e10) of shares.
        vm.assertEq(shares, (amount * (100e9 + 1e3)) / (110e6 + 1), "shares at the new price");
        vm.assertApproxEqAbs(shares, 10e9, 10, "about ten billion shares");
        vm.assertLe(_withdrawAll(bob, usdcStrategy, bob), 11e6, "never more than deposited");
        vm.assertApproxEqAbs(usdc.balanceOf(bob), 11e6, 2, "and at most a couple of base units less");
    }
}
