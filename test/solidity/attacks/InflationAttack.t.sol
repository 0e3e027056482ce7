// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The first-depositor (donation) attack on a fresh vault, with concrete numbers: the attacker deposits
/// one wei, donates a large amount to inflate the share price, and hopes the victim's deposit rounds down in the
/// attacker's favour. The virtual offset (1e3 shares backed by 1 token) makes the attacker pay for it.
///
/// Why about a thousand times: the attacker's one wei mints 1e3 shares, as many as the virtual ones, so half of
/// the donation goes to the virtual shares at once. The victim loses at most the fraction of one share that
/// rounding takes, and one share is worth about donation / 2e3. Hence attacker's loss / victim's loss >= ~1e3.
/// Bob attacks; Alice is the victim.
contract InflationAttackTest is DeployFixture {
    uint256 internal constant VIRTUAL_SHARES = 1e3;
    uint256 internal constant VIRTUAL_ASSETS = 1;

    function test_inflation_victimDepositAfterDonation_attackerLosesAThousandTimesMore() public {
        uint256 donation = 10_000e18;
        uint256 victimDeposit = 10_000e18;

        vm.assertEq(_deposit(bob, strategy, 1), VIRTUAL_SHARES, "one wei mints as many shares as are virtual");
        _donate(strategy, donation);

        // Price after the donation: (1 + 10_000e18 + 1) tokens for (1e3 + 1e3) shares, about 5e18 per share.
        uint256 expectedVictimShares = _sharesFor(victimDeposit, VIRTUAL_SHARES, 1 + donation);
        vm.assertEq(expectedVictimShares, 1999, "1999 shares for the victim: a whole share rounded away");
        vm.assertEq(_deposit(alice, strategy, victimDeposit), expectedVictimShares, "victim's shares");

        uint256 totalShares = VIRTUAL_SHARES + expectedVictimShares;
        uint256 totalAssets = 1 + donation + victimDeposit;
        uint256 victimValue = _valueOf(expectedVictimShares, totalShares, totalAssets);
        uint256 attackerValue = _valueOf(VIRTUAL_SHARES, totalShares, totalAssets);

        uint256 victimLoss = victimDeposit - victimValue;
        uint256 attackerLoss = 1 + donation - attackerValue;
        // The victim's own 1999 shares take back about half of the share lost to rounding.
        vm.assertEq(victimLoss, 2_500_625_156_289_072_268, "victim loses ~2.5 tokens (0.025%)");
        vm.assertEq(attackerLoss, 4_998_749_687_421_855_463_867, "attacker loses ~4,999 tokens");
        vm.assertGt(attackerLoss, victimLoss * 1000, "attack costs the attacker over 1000x the victim's loss");

        // Both withdraw; the vault pays exactly what the formula says, and never more than it holds. The victim,
        // out first, leaves her rounding dust to the attacker's last exit.
        vm.assertEq(_withdrawAll(alice, strategy, alice), victimValue, "victim's withdrawal");
        uint256 attackerOut = _valueOf(VIRTUAL_SHARES, VIRTUAL_SHARES, totalAssets - victimValue);
        vm.assertEq(attackerOut, attackerValue + 1, "the attacker's exit collects the victim's dust");
        vm.assertEq(_withdrawAll(bob, strategy, bob), attackerOut, "attacker's withdrawal");
        vm.assertEq(strategy.totalShares(), 0, "every share burned");
        vm.assertEq(
            token.balanceOf(address(strategy)),
            totalAssets - victimValue - attackerOut,
            "the losses stay in the vault, owned by the virtual shares"
        );
        vm.assertEq(token.balanceOf(address(strategy)), 5_001_250_312_578_144_536_134, "about half the donation");
    }

    function test_inflation_victimBuyingOneShare_losesHalf_attackerLosesAThousandTimesMore() public {
        // The worst case for the victim: a deposit worth just under two shares buys one, and the victim's single
        // share recaptures almost none of what rounding took. The victim loses half of a small deposit; the
        // attacker pays for it about a thousand times over, and not more: the bound is tight.
        uint256 donation = 10_000e18;
        uint256 victimDeposit = 10e18;
        _deposit(bob, strategy, 1);
        _donate(strategy, donation);

        vm.assertEq(_deposit(alice, strategy, victimDeposit), 1, "10 tokens buy one share of ~5 tokens");
        uint256 victimOut = _withdrawAll(alice, strategy, alice);
        uint256 attackerOut = _withdrawAll(bob, strategy, bob);
        uint256 victimLoss = victimDeposit - victimOut;
        uint256 attackerLoss = 1 + donation - attackerOut;

        vm.assertEq(victimLoss, 4_997_501_249_375_312_344, "victim loses ~5 of 10 tokens");
        vm.assertEq(attackerLoss, 4_997_501_249_375_312_343_828, "attacker loses ~4,997.5 tokens");
        vm.assertGe(attackerLoss, victimLoss * 999, "the attack costs at least 999x the victim's loss");
        vm.assertLt(attackerLoss, victimLoss * 1000, "and, here, just under 1000x");
    }

    function test_inflation_donationLargeEnoughToZeroTheVictim_depositRefusedNotStolen() public {
        // The classic aim: make the victim's deposit mint zero shares so the attacker's shares take it all. That
        // takes a price above the deposit: 1000e18 * 2e3 < 1 + donation + 1, i.e. a donation of 2e24 - 1 or more.
        uint256 victimDeposit = 1_000e18;
        uint256 donation = 2_000_000e18;
        _deposit(bob, strategy, 1);
        _donate(strategy, donation);

        _fund(strategy, alice, victimDeposit);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, victimDeposit));
        vm.prank(alice);
        sm.deposit(strategy, victimDeposit);
        vm.assertEq(token.balanceOf(alice), victimDeposit, "victim keeps every token");

        // The attacker's 1e3 shares are worth half of the vault: the virtual shares own the other half.
        uint256 recovered = _withdrawAll(bob, strategy, bob);
        vm.assertEq(recovered, _valueOf(VIRTUAL_SHARES, VIRTUAL_SHARES, 1 + donation), "attacker's recovery");
        vm.assertEq(recovered, 1_000_000e18 + 1, "half of the donation, and the wei");
        vm.assertEq(1 + donation - recovered, victimDeposit * 1000, "refusing the deposit cost 1000x the deposit");
    }

    function test_inflation_smallDonation_attackerCannotProfit() public {
        // A donation sized to shave at most a share off the victim: the attacker still ends up behind.
        uint256 donation = 1_000;
        uint256 victimDeposit = 1_999;
        _deposit(bob, strategy, 1);
        _donate(strategy, donation);
        uint256 victimShares = _deposit(alice, strategy, victimDeposit);
        vm.assertEq(victimShares, _sharesFor(victimDeposit, VIRTUAL_SHARES, 1 + donation), "victim's shares");
        vm.assertEq(victimShares, 3990, "1,999 wei buy 3,990 shares at price 1002/2000");

        uint256 victimOut = _withdrawAll(alice, strategy, alice);
        uint256 attackerOut = _withdrawAll(bob, strategy, bob);
        vm.assertEq(victimOut, victimDeposit - 1, "the victim loses a wei");
        vm.assertEq(attackerOut, 501, "the attacker loses half of its donation");
        vm.assertLe(attackerOut, 1 + donation, "attacker never gets back more than it put in");
        vm.assertGt(1 + donation - attackerOut, victimDeposit - victimOut, "attacker's loss exceeds the victim's");
    }

    function test_inflation_oneWeiDonation_roundingCanCostVictimAWeiWhileAttackerBreaksEven() public {
        // The limit of the guarantee, pinned: at dust scale the victim's rounding loss (one wei) flows to the
        // attacker's shares and refunds the one-wei donation. No profit, but "the attacker always loses more than
        // the victim" only holds beyond one wei (see the inflation fuzz test).
        _deposit(bob, strategy, 1035);
        _donate(strategy, 1);
        uint256 victimShares = _deposit(alice, strategy, 28);
        vm.assertEq(victimShares, 27_972, "28 wei buy 27,972 shares at price 1037/1_036_000");
        vm.assertEq(_withdrawAll(alice, strategy, alice), 27, "the victim loses one wei");
        vm.assertEq(_withdrawAll(bob, strategy, bob), 1036, "the attacker recovers deposit and donation");
    }

    /// @dev ShareMath's documented conversions, restated independently: tokens to shares and shares to tokens,
    /// both rounded down, at the price (`totalAssets` + 1) / (`totalShares` + 1e3).
    function _sharesFor(uint256 amount, uint256 totalShares, uint256 totalAssets) internal pure returns (uint256) {
        return (amount * (totalShares + VIRTUAL_SHARES)) / (totalAssets + VIRTUAL_ASSETS);
    }

    function _valueOf(uint256 shares, uint256 totalShares, uint256 totalAssets) internal pure returns (uint256) {
        return (shares * (totalAssets + VIRTUAL_ASSETS)) / (totalShares + VIRTUAL_SHARES);
    }
}
