// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ScaledShares} from "../../../contracts/libraries/ScaledShares.sol";

import {PalisadeTest} from "../utils/PalisadeTest.sol";

/// @notice ScaledShares: crediting rounds down, debiting rounds up, reading rounds down, for any slashing factor
/// in (0, WAD] (a factor starts at WAD and only falls).
contract ScaledSharesFuzzTest is PalisadeTest {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_SHARES = type(uint128).max;

    function testFuzz_creditThenRead_neverExceedsShares(uint256 shares, uint256 factor) public pure {
        shares = bound(shares, 0, MAX_SHARES);
        factor = bound(factor, 1, WAD);
        uint256 readBack = ScaledShares.toSharesDown(ScaledShares.toScaledDown(shares, factor), factor);
        vm.assertLe(readBack, shares, "credited shares read back no larger");
        // Two floors, each under one unit at this scale: at most one share is lost.
        vm.assertLe(shares - readBack, 1, "and at most one share smaller");
    }

    function testFuzz_debitRoundsUp_coversTheShares(uint256 shares, uint256 factor) public pure {
        shares = bound(shares, 0, MAX_SHARES);
        factor = bound(factor, 1, WAD);
        uint256 up = ScaledShares.toScaledUp(shares, factor);
        uint256 down = ScaledShares.toScaledDown(shares, factor);
        vm.assertGe(up, down, "debit never smaller than credit");
        vm.assertLe(up - down, 1, "they differ by at most one");
        vm.assertGe(ScaledShares.toSharesDown(up, factor), shares, "a debit covers at least the shares taken out");
    }

    function testFuzz_wadFastPath_equalsGeneralFormula(uint256 shares) public pure {
        shares = bound(shares, 0, type(uint256).max / WAD);
        vm.assertEq(ScaledShares.toScaledDown(shares, WAD), Math.mulDiv(shares, WAD, WAD), "toScaledDown at WAD");
        vm.assertEq(
            ScaledShares.toScaledUp(shares, WAD),
            Math.mulDiv(shares, WAD, WAD, Math.Rounding.Ceil),
            "toScaledUp at WAD"
        );
        vm.assertEq(ScaledShares.toSharesDown(shares, WAD), Math.mulDiv(shares, WAD, WAD), "toSharesDown at WAD");
    }

    function testFuzz_generalFormula_matchesDefinition(uint256 shares, uint256 factor) public pure {
        shares = bound(shares, 0, MAX_SHARES);
        factor = bound(factor, 1, WAD - 1);
        vm.assertEq(ScaledShares.toScaledDown(shares, factor), (shares * WAD) / factor, "scaled = shares * WAD / f");
        vm.assertEq(
            ScaledShares.toScaledUp(shares, factor),
            (shares * WAD + factor - 1) / factor,
            "scaled up = ceil(shares * WAD / f)"
        );
        vm.assertEq(ScaledShares.toSharesDown(shares, factor), (shares * factor) / WAD, "shares = scaled * f / WAD");
    }

    function testFuzz_lowerFactor_neverIncreasesWithdrawable(uint256 scaled, uint256 f1, uint256 f2) public pure {
        scaled = bound(scaled, 0, MAX_SHARES);
        f1 = bound(f1, 1, WAD);
        f2 = bound(f2, 1, f1);
        vm.assertLe(
            ScaledShares.toSharesDown(scaled, f2),
            ScaledShares.toSharesDown(scaled, f1),
            "a slash never increases withdrawable shares"
        );
    }

    function test_zeroFactor_reverts() public {
        // A fully slashed operator (factor 0) cannot be credited: the division panics. The delegation layer
        // must never pass a zero factor here.
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x12));
        this.scaledDown(1, 0);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x12));
        this.scaledUp(1, 0);
        vm.assertEq(ScaledShares.toSharesDown(5, 0), 0, "reading at factor 0 is simply zero");
    }

    /// @dev External wrappers so that `expectRevert` can see the library's revert.
    function scaledDown(uint256 shares, uint256 factor) external pure returns (uint256) {
        return ScaledShares.toScaledDown(shares, factor);
    }

    function scaledUp(uint256 shares, uint256 factor) external pure returns (uint256) {
        return ScaledShares.toScaledUp(shares, factor);
    }
}
