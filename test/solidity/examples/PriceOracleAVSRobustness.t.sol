// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";

import {OracleFixture} from "./OracleFixture.sol";

/// @notice What the oracle's median promises, fuzzed on the real protocol: whatever a minority (by stake) of
/// operators reports within the bounds, the published price stays within the range of the honest reports, and it is
/// the lower stake-weighted median by definition (checked by counting, not by sorting). Also: every price outside
/// the bounds is refused, and a round with every seat reporting stays within its gas budget.
contract PriceOracleAVSRobustnessTest is OracleFixture {
    uint256 internal constant NODES = 7;
    /// @dev What `priceOf` may cost with `MAX_OPERATORS` reports in the worst order, in the unoptimised test build.
    uint256 internal constant PRICE_OF_GAS_BUDGET = 1_000_000;

    Node[] internal nodes;

    function setUp() public override {
        super.setUp();
        uint256 seats = oracle.MAX_OPERATORS();
        vm.prank(team);
        oracle.setMaxOperators(seats);
        // Seven operators with the minimum stake of their own, all of it allocated; the fuzz adds to it.
        for (uint256 i; i < NODES; ++i) {
            Node memory node = _node(_name(i), 5e18);
            _join(node, uint64(WAD));
            nodes.push(node);
        }
        _waitUntilReporting(nodes[NODES - 1]);
    }

    // ---------------------------------------------------------------- the median

    function testFuzz_aMinorityByStake_cannotMoveThePriceOutsideTheHonestRange(
        uint256[NODES] memory extraTokens,
        uint256[NODES] memory prices,
        uint8 dishonestMask
    ) public {
        // Stakes from 5 to 105 tokens each.
        for (uint256 i; i < NODES; ++i) {
            extraTokens[i] = bound(extraTokens[i], 0, 100e18);
            if (extraTokens[i] != 0) _deposit(nodes[i].operator, strategyA, extraTokens[i]);
        }
        uint256[NODES] memory weights;
        uint256 total;
        uint256 dishonestWeight;
        for (uint256 i; i < NODES; ++i) {
            // Strategy A weighs 1 per share: the weight is the slashable stake, read from the core directly.
            weights[i] = _slashableStake(nodes[i].operator, oracleSet, strategyA, block.timestamp);
            total += weights[i];
            if (_isDishonest(dishonestMask, i)) dishonestWeight += weights[i];
        }
        // The dishonest side is the lighter one: swap the sides if the mask picked the heavier.
        if (2 * dishonestWeight > total) {
            dishonestMask = ~dishonestMask;
            dishonestWeight = total - dishonestWeight;
        }
        vm.assume(2 * dishonestWeight != total); // a minority, strictly

        uint256 low = type(uint256).max;
        uint256 high;
        uint64 round = oracle.currentRound();
        for (uint256 i; i < NODES; ++i) {
            uint256 price;
            if (_isDishonest(dishonestMask, i)) {
                // Liars favour the extremes of the bounds, and sometimes anything in between.
                uint256 pick = prices[i] % 3;
                price =
                    pick == 0
                        ? 1
                        : pick == 1
                            ? MAX_PRICE
                            : bound(prices[i] / 3, 1, MAX_PRICE);
            } else {
                price = bound(prices[i], 1, MAX_PRICE);
                if (price < low) low = price;
                if (price > high) high = price;
            }
            prices[i] = price;
            _report(nodes[i], price);
        }
        _startNextRound();
        (uint256 published, uint256 reports, uint256 totalWeight) = oracle.priceOf(round);

        vm.assertEq(reports, NODES, "every report counted");
        vm.assertEq(totalWeight, total, "weights at report time");
        vm.assertGe(published, low, "not below the lowest honest report");
        vm.assertLe(published, high, "not above the highest honest report");
        // The lower weighted median, by its definition: at least half the weight at or below it, less than half
        // strictly below it.
        uint256 atOrBelow;
        uint256 below;
        for (uint256 i; i < NODES; ++i) {
            if (prices[i] <= published) atOrBelow += weights[i];
            if (prices[i] < published) below += weights[i];
        }
        vm.assertGe(2 * atOrBelow, total, "half the weight at or below the price");
        vm.assertLt(2 * below, total, "less than half strictly below it");
    }

    // ---------------------------------------------------------------- the bounds

    function testFuzz_submitPrice_refusesEveryPriceOutsideTheBounds(uint256 price) public {
        if (price != 0) price = bound(price, MAX_PRICE + 1, type(uint256).max);
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(nodes[0], round, price);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PriceOutOfBounds.selector, price, MAX_PRICE));
        oracle.submitPrice(round, price, signature);
    }

    function testFuzz_submitPrice_acceptsEveryPriceWithinTheBounds(uint256 price) public {
        price = bound(price, 1, MAX_PRICE);
        uint64 round = _report(nodes[0], price);
        vm.assertTrue(oracle.hasReported(round, nodes[0].operator), "accepted");
    }

    // ---------------------------------------------------------------- bounded work

    function test_priceOf_withEverySeatReporting_staysWithinItsGasBudget() public {
        uint256 seats = oracle.MAX_OPERATORS();
        for (uint256 i = NODES; i < seats; ++i) {
            Node memory node = _node(_name(i), 5e18);
            _join(node, uint64(WAD));
            nodes.push(node);
        }
        uint64 round = _waitUntilReporting(nodes[seats - 1]);
        // Descending prices: the insertion sort's worst case.
        for (uint256 i; i < seats; ++i) {
            _report(nodes[i], MAX_PRICE - i);
        }
        vm.assertEq(oracle.reportCount(round), seats, "every seat reported");
        // One more operator cannot join, so no round can hold more.
        Node memory extra = _node("extra", 5e18);
        _allocate(extra.operator, oracleSet, strategyA, uint64(WAD));
        vm.expectRevert(_rejection(abi.encodeWithSelector(PriceOracleAVS.OracleFull.selector, seats)));
        _registerInSet(extra.operator, oracleSet);

        _startNextRound();
        uint256 gasBefore = gasleft();
        (uint256 price, , ) = oracle.priceOf(round);
        uint256 used = gasBefore - gasleft();
        vm.assertEq(price, MAX_PRICE - seats / 2, "the lower middle of equal weights");
        vm.assertLt(used, _gasBudget(PRICE_OF_GAS_BUDGET), "priceOf within its budget");
    }

    // ---------------------------------------------------------------- helpers

    function _isDishonest(uint8 mask, uint256 i) internal pure returns (bool) {
        return (mask >> i) & 1 == 1;
    }

    /// @dev "node00", "node01"...
    function _name(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked("node", bytes1(uint8(48 + i / 10)), bytes1(uint8(48 + (i % 10)))));
    }
}
