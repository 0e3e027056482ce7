// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ScaledShares
/// @notice Conversions between strategy shares and scaled shares, the unit in which stakers' positions (and,
/// later, queued withdrawals) are stored.
///
/// Kinds of shares:
/// - strategy shares: what a strategy mints for tokens (`ShareMath`);
/// - scaled shares: strategy shares divided by the slashing factor in force when they were credited,
///   `scaled = shares * WAD / factor`;
/// - withdrawable shares: scaled shares times the slashing factor of today, `shares = scaled * factor / WAD`.
///
/// The slashing factor of an operator starts at WAD (1e18) and only falls, when the operator is slashed. Because
/// every staker's withdrawable shares are read through the same factor, lowering it once slashes all of them pro
/// rata, in O(1). Shares credited after a slash are divided by the lowered factor, so that slash does not touch them.
///
/// Rounding: shares credited convert down (the staker is credited at most what they brought), shares debited
/// convert up (the staker gives up at least what they take out), withdrawable shares convert down. Every rounding
/// leaves the dust with the protocol.
library ScaledShares {
    /// @notice The slashing factor of an operator that was never slashed, and of an undelegated staker.
    uint256 internal constant WAD = 1e18;

    /// @notice Scaled shares to credit for `shares` at slashing factor `factor`, rounded down.
    function toScaledDown(uint256 shares, uint256 factor) internal pure returns (uint256) {
        // Unslashed operators and undelegated stakers, the common case, skip the multiplication and division.
        if (factor == WAD) return shares;
        return Math.mulDiv(shares, WAD, factor);
    }

    /// @notice Scaled shares to debit for `shares` at slashing factor `factor`, rounded up.
    function toScaledUp(uint256 shares, uint256 factor) internal pure returns (uint256) {
        if (factor == WAD) return shares;
        return Math.mulDiv(shares, WAD, factor, Math.Rounding.Ceil);
    }

    /// @notice Strategy shares that `scaled` scaled shares are worth at slashing factor `factor`, rounded down.
    function toSharesDown(uint256 scaled, uint256 factor) internal pure returns (uint256) {
        if (factor == WAD) return scaled;
        return Math.mulDiv(scaled, factor, WAD);
    }
}
