// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The bounded per-staker strategy list and the views that read it (`stakerStrategies`,
/// `stakerStrategyCount`, `stakerPositions`).
/// @dev The interface promises the strategies a staker holds shares in "in no particular order", so these tests
/// check what a staker and the later delegation code rely on: each strategy with a non-zero position is listed
/// exactly once, nothing else is listed, the count matches, the list never passes `MAX_STAKER_STRATEGIES`, and
/// a strategy leaves the list when its position reaches zero. They do not pin the order in which the current
/// implementation happens to keep its entries; only a one-entry list has an order to check.
contract StrategyManagerStrategyListTest is DeployFixture {
    IStrategy internal s1;
    IStrategy internal s2;
    IStrategy internal s3;

    function setUp() public override {
        super.setUp();
        s1 = strategy;
        (, s2) = _newWhitelistedStrategy("Second", 18);
        (, s3) = _newWhitelistedStrategy("Third", 6);
        // Fresh vaults: 1,000 shares per token unit, whatever the token's decimals.
        _deposit(alice, s1, 10);
        _deposit(alice, s2, 20);
        _deposit(alice, s3, 30);
    }

    function test_positions_areThousandSharesPerTokenWhateverTheDecimals() public view {
        // The figures the tests below remove and re-credit.
        vm.assertEq(sm.scaledShares(alice, s1), 10_000, "first position");
        vm.assertEq(sm.scaledShares(alice, s2), 20_000, "second position");
        vm.assertEq(sm.scaledShares(alice, s3), 30_000, "third position");
    }

    function test_list_holdsEachEnteredStrategyOnce() public {
        _assertListed(alice, _three(s1, s2, s3), "every entered strategy");
        // A repeat deposit tops up the position; it does not list the strategy a second time.
        _deposit(alice, s2, 5);
        _assertListed(alice, _three(s1, s2, s3), "no duplicate after a repeat deposit");
    }

    function test_list_leavingTheFirstEnteredKeepsTheOthers() public {
        _removeAll(alice, s1);
        _assertListed(alice, _two(s2, s3), "first-entered strategy left");
        vm.assertEq(sm.scaledShares(alice, s1), 0, "position cleared");
    }

    function test_list_leavingAMiddleEntryKeepsTheOthers() public {
        _removeAll(alice, s2);
        _assertListed(alice, _two(s1, s3), "middle strategy left");
    }

    function test_list_leavingTheLastEnteredKeepsTheOthers() public {
        _removeAll(alice, s3);
        _assertListed(alice, _two(s1, s2), "last-entered strategy left");
    }

    function test_list_partialRemovalKeepsEntry() public {
        _removeShares(alice, s2, 19_999);
        _assertListed(alice, _three(s1, s2, s3), "non-zero position stays listed");
        vm.assertEq(sm.scaledShares(alice, s2), 1, "one share left");
    }

    function test_list_removeAll_inAnyOrder_emptiesList() public {
        _removeAll(alice, s2);
        _assertListed(alice, _two(s1, s3), "after the middle");
        _removeAll(alice, s1);
        _assertListed(alice, _one(s3), "after the first");
        vm.assertEq(address(sm.stakerStrategies(alice)[0]), address(s3), "the one entry left");
        _removeAll(alice, s3);
        vm.assertEq(sm.stakerStrategies(alice).length, 0, "empty");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "count zero");
        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = sm.stakerPositions(
            alice
        );
        vm.assertEq(strategies.length + scaled.length + withdrawable.length, 0, "no positions reported");
    }

    function test_list_reenterAfterRemoval_listsAgainOnce() public {
        _removeAll(alice, s1);
        // The removed shares still exist in the vault (10 tokens, 10,000 shares): 5 * (10_000 + 1e3) / (10 + 1).
        _deposit(alice, s1, 5);
        _assertListed(alice, _three(s1, s2, s3), "re-entered strategy listed once");
        vm.assertEq(sm.scaledShares(alice, s1), 5_000, "fresh position, no leftover from before");
    }

    function test_list_reenterViaAddShares_listsAgainOnce() public {
        _removeAll(alice, s2);
        vm.prank(queue);
        sm.addShares(alice, s2, 20_000);
        _assertListed(alice, _three(s1, s2, s3), "re-credited strategy listed once");
        vm.assertEq(sm.scaledShares(alice, s2), 20_000, "position restored");
    }

    function test_list_removingOnlyEntryThenReenter() public {
        // Bob's 7 tokens buy 7 * (20_000 + 1e3) / (20 + 1) = 7,000 shares of the second vault.
        _deposit(bob, s2, 7);
        _assertListed(bob, _one(s2), "bob's single entry");
        _removeShares(bob, s2, 7_000);
        vm.assertEq(sm.stakerStrategyCount(bob), 0, "emptied");
        vm.assertEq(sm.stakerStrategies(bob).length, 0, "nothing listed");
        _deposit(bob, s3, 8);
        _assertListed(bob, _one(s3), "new single entry after emptying");
        vm.assertEq(address(sm.stakerStrategies(bob)[0]), address(s3), "the one entry");
    }

    function test_list_stakersAreIndependent() public {
        _deposit(bob, s3, 1);
        _removeAll(alice, s3);
        _assertListed(bob, _one(s3), "bob's list untouched by alice's removal");
        _assertListed(alice, _two(s1, s2), "alice's list");
    }

    function test_stakerPositions_pairsEachStrategyWithItsPosition() public {
        _removeShares(alice, s2, 5_000);
        _assertPositions(alice, 10_000, 15_000, 30_000, "after a partial removal");
        // Leaving a strategy rearranges the list; each position must stay beside its own strategy.
        _removeAll(alice, s1);
        _assertPositions(alice, 0, 15_000, 30_000, "after a strategy left");
    }

    function test_list_fullCycleThrough32Strategies() public {
        // Fill to the bound, check the 33rd is refused, then empty the list in a scrambled order, re-entering a
        // few strategies on the way, checking the exact membership after every step.
        uint256 max = sm.MAX_STAKER_STRATEGIES();
        IStrategy[] memory all = new IStrategy[](max);
        bool[] memory gone = new bool[](max);
        all[0] = s1;
        all[1] = s2;
        all[2] = s3;
        for (uint256 i = 3; i < max; ++i) {
            (, all[i]) = _newWhitelistedStrategy("Filler", 18);
            _deposit(alice, all[i], i);
        }
        _assertExactly(alice, all, gone, "full");

        (, IStrategy extra) = _newWhitelistedStrategy("Extra", 18);
        _fund(extra, alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.TooManyStrategies.selector, alice, max));
        vm.prank(alice);
        sm.deposit(extra, 1);

        uint256[4] memory reentered;
        for (uint256 k; k < max; ++k) {
            uint256 index = (k * 13 + 5) % max;
            _removeAll(alice, all[index]);
            gone[index] = true;
            _assertExactly(alice, all, gone, "after each removal");
            // Half-way, re-enter the first four strategies that left, into a list rearranged by the removals.
            if (k < 4) reentered[k] = index;
            if (k == max / 2) {
                for (uint256 r; r < 4; ++r) {
                    _deposit(alice, all[reentered[r]], 1);
                    gone[reentered[r]] = false;
                    _assertExactly(alice, all, gone, "after each re-entry");
                }
            }
        }
        // The permutation visits each strategy once, so the four re-entered ones are left.
        vm.assertEq(sm.stakerStrategyCount(alice), 4, "the re-entered strategies remain");
        for (uint256 r; r < 4; ++r) {
            _removeAll(alice, all[reentered[r]]);
            gone[reentered[r]] = true;
            _assertExactly(alice, all, gone, "after removing the re-entered strategies");
        }
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "emptied");
    }

    // ---------------------------------------------------------------- helpers

    function _removeAll(address staker, IStrategy target) internal {
        _removeShares(staker, target, sm.scaledShares(staker, target));
    }

    /// @dev `staker`'s list holds each of `expected` (distinct strategies) exactly once and nothing else, in any
    /// order, and every listed strategy has a position.
    function _assertListed(address staker, IStrategy[] memory expected, string memory message) internal view {
        vm.assertEq(sm.stakerStrategyCount(staker), expected.length, message);
        _assertSameMembers(sm.stakerStrategies(staker), expected, message);
        for (uint256 i; i < expected.length; ++i) {
            vm.assertGt(sm.scaledShares(staker, expected[i]), 0, "every listed strategy has a position");
        }
    }

    /// @dev `got` is a permutation of `expected` (distinct strategies): same length, each expected entry once.
    function _assertSameMembers(
        IStrategy[] memory got,
        IStrategy[] memory expected,
        string memory message
    ) internal pure {
        vm.assertEq(got.length, expected.length, message);
        for (uint256 i; i < expected.length; ++i) {
            uint256 seen;
            for (uint256 j; j < got.length; ++j) {
                if (address(got[j]) == address(expected[i])) ++seen;
            }
            vm.assertEq(seen, 1, message);
        }
    }

    /// @dev `staker`'s list holds exactly the strategies of `all` not marked `gone`; those marked have no position.
    function _assertExactly(
        address staker,
        IStrategy[] memory all,
        bool[] memory gone,
        string memory message
    ) internal view {
        uint256 remaining;
        for (uint256 i; i < all.length; ++i) {
            if (gone[i]) vm.assertEq(sm.scaledShares(staker, all[i]), 0, "a strategy that left has no position");
            else ++remaining;
        }
        IStrategy[] memory expected = new IStrategy[](remaining);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            if (!gone[i]) expected[n++] = all[i];
        }
        _assertListed(staker, expected, message);
    }

    /// @dev `stakerPositions` reports `scaled1`, `scaled2`, `scaled3` for s1, s2, s3 (0: not listed), each at the
    /// index of its strategy, with withdrawable equal to scaled (undelegated).
    function _assertPositions(
        address staker,
        uint256 scaled1,
        uint256 scaled2,
        uint256 scaled3,
        string memory message
    ) internal view {
        IStrategy[] memory held = new IStrategy[](
            (scaled1 == 0 ? 0 : 1) + (scaled2 == 0 ? 0 : 1) + (scaled3 == 0 ? 0 : 1)
        );
        uint256 n;
        if (scaled1 != 0) held[n++] = s1;
        if (scaled2 != 0) held[n++] = s2;
        if (scaled3 != 0) held[n++] = s3;

        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = sm.stakerPositions(
            staker
        );
        _assertSameMembers(strategies, held, message);
        vm.assertEq(scaled.length, held.length, message);
        vm.assertEq(withdrawable.length, held.length, message);
        for (uint256 i; i < strategies.length; ++i) {
            uint256 expected =
                address(strategies[i]) == address(s1)
                    ? scaled1
                    : address(strategies[i]) == address(s2)
                        ? scaled2
                        : scaled3;
            vm.assertEq(scaled[i], expected, message);
            vm.assertEq(withdrawable[i], scaled[i], "undelegated: withdrawable = scaled");
        }
        _assertListed(staker, held, message);
    }

    function _one(IStrategy a) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = a;
    }

    function _two(IStrategy a, IStrategy b) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](2);
        list[0] = a;
        list[1] = b;
    }

    function _three(IStrategy a, IStrategy b, IStrategy c) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }
}
