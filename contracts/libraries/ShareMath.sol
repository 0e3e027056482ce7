// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ShareMath
/// @notice Conversions between a strategy's tokens ("assets") and its shares, with a virtual offset.
///
/// The vault is priced as if it held `VIRTUAL_ASSETS` more tokens backing `VIRTUAL_SHARES` more shares. Owned by
/// nobody, the virtual shares absorb part of every donation, which makes the classic first-depositor attack
/// (deposit 1 wei, donate a lot, let the victim's deposit round down to nothing) cost the attacker about
/// `VIRTUAL_SHARES` times what the victim loses. With both offsets equal, a fresh vault prices one share at one
/// token, so shares read naturally in the token's own units.
///
/// Rounding: both directions round down, which is against the caller either way: a depositor gets at most the
/// shares their tokens are worth, a withdrawer at most the tokens their shares are worth. Hence, for any sequence
/// of operations, `totalAssets >= value of all shares` (the conservation invariant).
library ShareMath {
    /// @notice Shares no one owns; see the library comment.
    uint256 internal constant VIRTUAL_SHARES = 1e3;
    /// @notice Tokens no one owns; see the library comment.
    uint256 internal constant VIRTUAL_ASSETS = 1e3;

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
