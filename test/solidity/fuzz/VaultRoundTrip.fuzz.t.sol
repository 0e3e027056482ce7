// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Deposits and withdrawals through the deployed manager and vault, from arbitrary prior states built
/// with deposits and donations: a round trip never extracts value, and never costs the other holders anything.
/// These properties guard depositors' funds and a run costs little, so they get 2048 runs instead of 256.
contract VaultRoundTripFuzzTest is DeployFixture {
    uint256 internal constant MAX = 1e30;

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_depositThenWithdraw_cannotExtractValue(
        uint256 priorDeposit,
        uint256 donation,
        uint256 amount
    ) public {
        priorDeposit = bound(priorDeposit, 1, MAX);
        donation = bound(donation, 0, MAX);
        amount = bound(amount, 1, MAX);
        _deposit(bob, strategy, priorDeposit);
        _donate(strategy, donation);
        uint256 bobValueBefore = strategy.sharesToUnderlying(sm.scaledShares(bob, strategy));

        uint256 expectedShares = strategy.underlyingToShares(amount);
        if (expectedShares == 0) {
            _fund(strategy, alice, amount);
            vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, amount));
            vm.prank(alice);
            sm.deposit(strategy, amount);
            return;
        }
        vm.assertEq(_deposit(alice, strategy, amount), expectedShares, "minted what the view quoted");
        uint256 out = _withdrawAll(alice, strategy, alice);

        vm.assertLe(out, amount, "the round trip never pays more than was deposited");
        vm.assertEq(token.balanceOf(alice), out, "alice received what was reported");
        vm.assertGe(
            strategy.sharesToUnderlying(sm.scaledShares(bob, strategy)),
            bobValueBefore,
            "another holder never loses value to someone's round trip"
        );
        vm.assertGe(
            token.balanceOf(address(strategy)),
            strategy.sharesToUnderlying(strategy.totalShares()),
            "the vault still covers every share"
        );
    }

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_interleavedHolders_eachGetsAtMostTheirDepositPlusDonations(
        uint256 a,
        uint256 b,
        uint256 donation,
        bool aliceFirst
    ) public {
        a = bound(a, 1, MAX);
        b = bound(b, 1, MAX);
        donation = bound(donation, 0, MAX);
        _deposit(alice, strategy, a);
        _deposit(bob, strategy, b);
        _donate(strategy, donation);

        uint256 aliceOut;
        uint256 bobOut;
        if (aliceFirst) {
            aliceOut = _withdrawAll(alice, strategy, alice);
            bobOut = _withdrawAll(bob, strategy, bob);
        } else {
            bobOut = _withdrawAll(bob, strategy, bob);
            aliceOut = _withdrawAll(alice, strategy, alice);
        }
        vm.assertLe(aliceOut + bobOut, a + b + donation, "never more out than in");
        vm.assertGe(aliceOut, a, "without a loss no holder gets back less than deposited (first in, no price rise)");
        vm.assertEq(strategy.totalShares(), 0, "everyone left");
        vm.assertEq(token.balanceOf(address(strategy)), a + b + donation - aliceOut - bobOut, "dust stays");
        // The dust left behind is the virtual shares' cut of the donation. Both deposits are made at the fresh
        // vault's price, so the real shares are 1e3 * (a + b) and all of them are worth
        // (a + b) * (a + b + d + 1) / (a + b + 1): the virtual shares keep exactly d / (a + b + 1). Both exits round
        // down, so the dust is at least that cut, rounded up; part of the first exit's rounding goes to the last
        // holder, which keeps the dust within a wei of the cut.
        uint256 dust = token.balanceOf(address(strategy));
        vm.assertGe(dust * (a + b + 1), donation, "the virtual shares' cut stays behind");
        vm.assertLe(dust, donation / (a + b + 1) + 1, "and only that cut, give or take a wei");
    }
}
