// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {QueueHistory} from "../../../contracts/libraries/QueueHistory.sol";
import {QueueHistoryHarness} from "../../../contracts/mocks/QueueHistoryHarness.sol";
import {PalisadeTest} from "../utils/PalisadeTest.sol";

/// @notice `QueueHistory`: the cumulative queue by maturity, and the cursor that lets a slash find what it reaches
/// in constant gas. Every answer is checked against a plain sum over the entries.
contract QueueHistoryTest is PalisadeTest {
    QueueHistoryHarness internal history;

    /// @dev What was pushed, to recompute every answer naively.
    uint48[] internal maturities;
    uint256[] internal amounts;

    function setUp() public {
        history = QueueHistoryHarness(_deploy("QueueHistoryHarness.sol:QueueHistoryHarness", ""));
        vm.warp(1_000);
    }

    function _push(uint48 maturity, uint256 scaled) internal {
        history.push(maturity, scaled);
        maturities.push(maturity);
        amounts.push(scaled);
    }

    function _naiveAfter(uint48 timestamp) internal view returns (uint256 sum) {
        for (uint256 i; i < maturities.length; ++i) {
            if (maturities[i] > timestamp) sum += amounts[i];
        }
    }

    // ---------------------------------------------------------------- push

    function test_push_sameMaturityMergesIntoOneEntry() public {
        _push(2_000, 5);
        _push(2_000, 7);
        QueueHistory.Header memory header = history.header();
        vm.assertEq(header.count, 1, "one entry for one maturity");
        vm.assertEq(header.total, 12, "total of both");
        vm.assertEq(history.cumulativeAt(2_000), 12, "both mature together");
        vm.assertEq(history.latestMaturity(), 2_000, "latest maturity");
    }

    function test_push_newMaturityAppends() public {
        _push(2_000, 5);
        _push(3_000, 7);
        vm.assertEq(history.header().count, 2, "two entries");
        vm.assertEq(history.cumulativeAt(1_999), 0, "nothing matured before the first");
        vm.assertEq(history.cumulativeAt(2_999), 5, "the first matured");
        vm.assertEq(history.cumulativeAt(3_000), 12, "both matured");
        vm.assertEq(history.queuedAfter(2_000), 7, "the second is still queued");
    }

    function test_push_revertsWhen_totalOverflows192Bits() public {
        _push(2_000, type(uint192).max);
        vm.expectRevert(
            abi.encodeWithSelector(QueueHistory.QueuedTotalOverflow.selector, uint256(type(uint192).max) + 1)
        );
        history.push(3_000, 1);
    }

    function test_latestMaturity_zeroWhenEmpty() public view {
        vm.assertEq(history.latestMaturity(), 0, "empty");
        vm.assertEq(history.queuedAfter(0), 0, "nothing queued");
    }

    // ---------------------------------------------------------------- advance

    function test_advance_emptyHistoryReturnsZero() public {
        vm.assertEq(history.advance(), 0, "nothing queued");
        vm.assertEq(history.header().cursor, 0, "cursor untouched");
    }

    function test_advance_nothingMaturedKeepsCursorAtZero() public {
        _push(2_000, 5);
        _push(3_000, 7);
        vm.assertEq(history.advance(), 12, "both pending");
        vm.assertEq(history.header().cursor, 0, "cursor at the first pending entry");
    }

    function test_advance_movesCursorPastMaturedEntries() public {
        for (uint48 i = 1; i <= 10; ++i) _push(1_000 + i * 100, i);
        vm.warp(1_450);
        vm.assertEq(history.advance(), _naiveAfter(1_450), "entries maturing after 1,450");
        vm.assertEq(history.header().cursor, 4, "four entries matured");
        vm.warp(2_000);
        vm.assertEq(history.advance(), 0, "everything matured");
        vm.assertEq(history.header().cursor, 10, "cursor at the end");
        vm.assertEq(history.advance(), 0, "and stays there");
    }

    function test_advance_atExactMaturityCountsItAsMatured() public {
        _push(2_000, 5);
        _push(3_000, 7);
        vm.warp(2_000);
        vm.assertEq(history.advance(), 7, "an entry maturing now is out of reach");
    }

    function test_advance_pendingAfterCursorCountsNewEntries() public {
        _push(2_000, 5);
        vm.warp(2_500);
        vm.assertEq(history.advance(), 0, "matured");
        _push(4_000, 9);
        vm.assertEq(history.advance(), 9, "the new entry is reached");
        vm.assertEq(history.header().cursor, 1, "cursor past the matured one");
    }

    /// @dev Every answer of `advance`, `queuedAfter` and `cumulativeAt` against a plain sum, for random
    /// maturities and random times, including long gaps (the galloping search) and none (one read).
    function testFuzz_advance_matchesNaiveSum(uint256 seed) public {
        uint48 maturity = 1_000;
        uint48 now_ = 1_000;
        for (uint256 step; step < 40; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            if (r % 3 != 0) {
                maturity += uint48((r >> 8) % 50);
                _push(maturity, (r >> 16) % 1e24);
            } else {
                now_ += uint48((r >> 8) % 400);
                vm.warp(now_);
                vm.assertEq(history.advance(), _naiveAfter(now_), "advance");
                vm.assertEq(history.queuedAfter(now_), _naiveAfter(now_), "queuedAfter");
                uint256 total;
                for (uint256 i; i < amounts.length; ++i) total += amounts[i];
                vm.assertEq(history.cumulativeAt(now_), total - _naiveAfter(now_), "cumulativeAt");
            }
        }
    }
}
