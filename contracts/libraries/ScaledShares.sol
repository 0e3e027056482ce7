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
///
/// Bounded rounding. A slash takes whole units of magnitude, rounded up, so it can take up to one unit more than
/// its fraction; one unit is `1 / factor` of every share credited at factor `factor`. New stake is therefore credited
/// only at a factor of at least `MIN_CREDIT_FACTOR` (1e9): a slash of fraction `w` then takes at most `w` of a
/// staker's stake plus 1e-9 of the shares it brought, however small the operator's factor has become since.
library ScaledShares {
    /// @notice The slashing factor of an operator that was never slashed, and of an undelegated staker.
    uint256 internal constant WAD = 1e18;

    /// @notice The lowest slashing factor at which shares may be credited to an operator's stake (see above).
    uint256 internal constant MIN_CREDIT_FACTOR = 1e9;

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
