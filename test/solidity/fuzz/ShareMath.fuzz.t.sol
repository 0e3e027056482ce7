// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ShareMath} from "../../../contracts/libraries/ShareMath.sol";

import {PalisadeTest} from "../utils/PalisadeTest.sol";

/// @notice ShareMath on its own, over arbitrary vault states (`totalShares`, `totalAssets` independent, as
/// donations, rebases and losses make them): rounding must always favour the vault.
/// The rounding properties that protect the vault get 2048 runs instead of 256: they are pure and cheap.
contract ShareMathFuzzTest is PalisadeTest {
    /// @dev Far beyond any real supply, small enough that no product inside mulDiv's result can overflow.
    uint256 internal constant MAX = 1e36;

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_depositThenFullWithdrawal_neverReturnsMore(
        uint256 amount,
        uint256 totalShares,
        uint256 totalAssets
    ) public pure {
        amount = bound(amount, 1, MAX);
        totalShares = bound(totalShares, 0, MAX);
        totalAssets = bound(totalAssets, 0, MAX);

        uint256 shares = ShareMath.toSharesDown(amount, totalShares, totalAssets);
        // A deposit minting zero shares is refused by the vault; there is nothing to withdraw then.
        vm.assume(shares != 0);
        uint256 back = ShareMath.toAssetsDown(shares, totalShares + shares, totalAssets + amount);
        vm.assertLe(back, amount, "a deposit-withdraw round trip never pays more than was deposited");
    }

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_withdrawThenRedeposit_neverGrowsShares(
        uint256 shares,
        uint256 totalShares,
        uint256 totalAssets
    ) public pure {
        totalShares = bound(totalShares, 1, MAX);
        totalAssets = bound(totalAssets, 0, MAX);
        shares = bound(shares, 1, totalShares);

        uint256 paid = ShareMath.toAssetsDown(shares, totalShares, totalAssets);
        // With one virtual token no withdrawal asks for more than the vault holds, in any state (see below).
        vm.assertLe(paid, totalAssets, "the vault can pay the withdrawal");
        uint256 again = ShareMath.toSharesDown(paid, totalShares - shares, totalAssets - paid);
        vm.assertLe(again, shares, "a withdraw-deposit round trip never mints more shares than were burned");
    }

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_withdrawal_neverPaysMoreThanHeld(
        uint256 shares,
        uint256 totalShares,
        uint256 totalAssets
    ) public pure {
        // Any state, losses included: all shares together are worth S * (A + 1) / (S + 1e3), which is below
        // A + 1, so once rounded down never more than the A tokens held.
        totalShares = bound(totalShares, 1, MAX);
        totalAssets = bound(totalAssets, 0, MAX);
        shares = bound(shares, 1, totalShares);
        vm.assertLe(
            ShareMath.toAssetsDown(shares, totalShares, totalAssets),
            totalAssets,
            "real shares never claim more than the vault holds"
        );
        vm.assertLe(
            ShareMath.toAssetsDown(totalShares, totalShares, totalAssets),
            totalAssets,
            "all real shares together never claim more than the vault holds"
        );
    }

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_afterLoss_overclaimStaysBelowVirtualAssets(uint256 totalShares, uint256 totalAssets) public pure {
        // A loss (a negative rebase) leaves fewer tokens than the fresh vault's price, one per 1e3 shares. All
        // shares together then claim S * (A + 1) / (S + 1e3): at least A (because S >= 1e3 * A) and below A + 1,
        // so the overclaim, the part of the virtual token the real shares are priced on, stays below
        // VIRTUAL_ASSETS = 1 token: rounded down, the shares claim exactly the balance, never more.
        totalShares = bound(totalShares, 1, MAX);
        totalAssets = bound(totalAssets, 0, (totalShares - 1) / ShareMath.VIRTUAL_SHARES);
        uint256 claimed = ShareMath.toAssetsDown(totalShares, totalShares, totalAssets);
        vm.assertGe(claimed, totalAssets, "after a loss the shares claim at least the whole balance");
        vm.assertLt(claimed - totalAssets, ShareMath.VIRTUAL_ASSETS, "the overclaim stays below one token: none");
    }

    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_anyState_firstHolderOutNeverTakesTheLastHoldersExit(
        uint256 shares,
        uint256 totalShares,
        uint256 totalAssets
    ) public pure {
        // One holder of `shares` leaves, losses included; whatever it is paid, the shares left behind are still
        // covered by the tokens left behind, so the last holder can always leave too.
        totalShares = bound(totalShares, 2, MAX);
        totalAssets = bound(totalAssets, 0, MAX);
        shares = bound(shares, 1, totalShares - 1);
        uint256 paid = ShareMath.toAssetsDown(shares, totalShares, totalAssets);
        uint256 rest = totalShares - shares;
        vm.assertLe(
            ShareMath.toAssetsDown(rest, rest, totalAssets - paid),
            totalAssets - paid,
            "the remaining shares never claim more than the remaining tokens"
        );
    }

    function testFuzz_conversions_areMonotonic(
        uint256 x,
        uint256 y,
        uint256 totalShares,
        uint256 totalAssets
    ) public pure {
        totalShares = bound(totalShares, 0, MAX);
        totalAssets = bound(totalAssets, 0, MAX);
        x = bound(x, 0, MAX);
        y = bound(y, x, MAX);
        vm.assertLe(
            ShareMath.toSharesDown(x, totalShares, totalAssets),
            ShareMath.toSharesDown(y, totalShares, totalAssets),
            "more tokens never buy fewer shares"
        );
        vm.assertLe(
            ShareMath.toAssetsDown(x, totalShares, totalAssets),
            ShareMath.toAssetsDown(y, totalShares, totalAssets),
            "more shares are never worth fewer tokens"
        );
    }

    function testFuzz_freshVault_mintsAThousandSharesPerTokenUnit(uint256 amount) public pure {
        amount = bound(amount, 0, MAX);
        uint256 shares = ShareMath.toSharesDown(amount, 0, 0);
        vm.assertEq(shares, amount * 1e3, "empty vault: 1e3 shares per token unit");
        vm.assertEq(ShareMath.toAssetsDown(amount, 0, 0), amount / 1e3, "empty vault: a share is a thousandth");
        vm.assertEq(ShareMath.toAssetsDown(shares, shares, amount), amount, "the first deposit is worth itself");
    }
}
