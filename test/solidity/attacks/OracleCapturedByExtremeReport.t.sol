// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";

import {OracleFixture} from "../examples/OracleFixture.sol";

/// @notice The attack (issue 12, attack 3): one operator of the example oracle reports an extreme price. On the old
/// contract, which averaged a running sum, a report of `int256.max` set the round's price to 2^255 - 1 and made every
/// honest positive report of the round revert on overflow. Now a report outside `[1, maxPrice]` is refused, a price
/// at the edge of the bounds is one vote among others, weighed by stake, and the honest reports that follow land.
contract OracleCapturedByExtremeReportTest is OracleFixture {
    Node internal attacker;
    Node internal honestA;
    Node internal honestB;

    function setUp() public override {
        super.setUp();
        // The attacker has as much at stake as each honest operator: a third of the weight.
        attacker = _node("attacker", 10e18);
        honestA = _node("honestA", 10e18);
        honestB = _node("honestB", 10e18);
        _join(attacker, 0.6e18);
        _join(honestA, 0.6e18);
        _join(honestB, 0.6e18);
        _waitUntilReporting(honestB);
    }

    function test_attack_reportOfInt256Max_isRefused() public {
        uint256 extreme = uint256(type(int256).max);
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(attacker, round, extreme);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PriceOutOfBounds.selector, extreme, MAX_PRICE));
        oracle.submitPrice(round, extreme, signature);
    }

    function test_attack_reportOfUint256Max_isRefused() public {
        uint256 extreme = type(uint256).max;
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(attacker, round, extreme);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PriceOutOfBounds.selector, extreme, MAX_PRICE));
        oracle.submitPrice(round, extreme, signature);
    }

    function test_attack_highestPriceFirst_neitherBlocksTheHonestReportsNorMovesThePrice() public {
        uint64 round = _report(attacker, MAX_PRICE);
        // The honest reports that follow land: nothing adds prices up.
        _report(honestA, 3_000e8);
        _report(honestB, 3_001e8);
        vm.assertEq(oracle.reportCount(round), 3, "every report landed");
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertGe(price, 3_000e8, "within the honest reports");
        vm.assertLe(price, 3_001e8, "within the honest reports");
    }

    function test_attack_lowestPrice_doesNotMoveThePrice() public {
        uint64 round = _report(attacker, 1);
        _report(honestA, 3_000e8);
        _report(honestB, 3_001e8);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "the lower honest report, not 1");
    }

    function test_control_withoutTheAttacker_theHonestPriceIsPublished() public {
        uint64 round = _report(honestA, 3_000e8);
        _report(honestB, 3_001e8);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "the lower middle of two equal weights");
    }
}
