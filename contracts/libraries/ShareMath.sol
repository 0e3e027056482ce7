// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ShareMath
/// @notice Conversions between a strategy's tokens ("assets") and its shares, with a virtual offset.
///
/// The vault is priced as if it held `VIRTUAL_ASSETS` (1) more token backing `VIRTUAL_SHARES` (1,000) more shares.
/// Owned by nobody, the virtual shares absorb part of every donation, which makes the classic first-depositor
/// attack (deposit 1 wei, donate a lot, let the victim's deposit round down to nothing) cost the attacker about a
/// thousand times what the victim loses. A fresh vault therefore mints 1,000 shares per token unit: shares are a
/// finer unit than the token, and amounts shown to people are token values (`toAssetsDown`).
///
/// Why one virtual token and not a thousand: the virtual token is claimed by the real shares in proportion to
/// their weight, so all shares together are worth `S * (A + 1) / (S + 1000)`. That is at most `A` (the tokens
/// really held) whenever a share is worth at least a thousandth of a token, and less than `A + 1` always, so after
/// rounding down no set of holders, not even after a loss (a negative rebase), can claim a token the vault does
/// not hold, and the last holder can always leave. With a thousand virtual tokens a loss would let the first
/// holders out take up to a thousand wei of the last one's exit.
///
/// Rounding: both directions round down, which is against the caller either way: a depositor gets at most the
/// shares their tokens are worth, a withdrawer at most the tokens their shares are worth. Hence, for any sequence
/// of operations, `totalAssets >= value of all shares` (the conservation invariant).
library ShareMath {
    /// @notice Shares no one owns; see the library comment.
    uint256 internal constant VIRTUAL_SHARES = 1e3;
    /// @notice Tokens no one owns; see the library comment.
    uint256 internal constant VIRTUAL_ASSETS = 1;

    /// @notice The shares `assets` tokens buy, rounded down.
    /// @param totalShares The shares in existence before the deposit.
    /// @param totalAssets The tokens held before the deposit.
    function toSharesDown(uint256 assets, uint256 totalShares, uint256 totalAssets) internal pure returns (uint256) {
        return Math.mulDiv(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @notice The tokens `shares` are worth, rounded down.
    /// @param totalShares The shares in existence before the withdrawal.
    /// @param totalAssets The tokens held before the withdrawal.
    function toAssetsDown(uint256 shares, uint256 totalShares, uint256 totalAssets) internal pure returns (uint256) {
        return Math.mulDiv(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }
}
