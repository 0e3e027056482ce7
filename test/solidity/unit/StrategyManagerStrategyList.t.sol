// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The bounded per-staker strategy list: appended on entry, swap-and-pop when a position reaches zero,
/// and the views that read it (`stakerStrategies`, `stakerStrategyCount`, `stakerPositions`).
contract StrategyManagerStrategyListTest is DeployFixture {
    IStrategy internal s1;
    IStrategy internal s2;
    IStrategy internal s3;

    function setUp() public override {
        super.setUp();
        s1 = strategy;
        (, s2) = _newWhitelistedStrategy("Second", 18);
        (, s3) = _newWhitelistedStrategy("Third", 6);
        _deposit(alice, s1, 10);
        _deposit(alice, s2, 20);
        _deposit(alice, s3, 30);
    }

    function test_list_appendsInEntryOrder() public view {
        _assertList(alice, _three(s1, s2, s3), "entry order");
        vm.assertEq(sm.stakerStrategyCount(alice), 3, "count");
    }

    function test_list_removeFirst_movesLastToFront() public {
        _removeShares(alice, s1, 10);
        _assertList(alice, _two(s3, s2), "last entry moved into the first slot");
    }

    function test_list_removeMiddle_movesLastIntoGap() public {
        _removeShares(alice, s2, 20);
        _assertList(alice, _two(s1, s3), "last entry moved into the gap");
    }

    function test_list_removeLast_pops() public {
        _removeShares(alice, s3, 30);
        _assertList(alice, _two(s1, s2), "last entry popped");
    }

    function test_list_partialRemovalKeepsEntry() public {
        _removeShares(alice, s2, 19);
        _assertList(alice, _three(s1, s2, s3), "non-zero position stays listed");
        vm.assertEq(sm.scaledShares(alice, s2), 1, "one share left");
    }

    function test_list_removeAll_inAnyOrder_emptiesList() public {
        _removeShares(alice, s2, 20);
        _removeShares(alice, s1, 10);
        _removeShares(alice, s3, 30);
        vm.assertEq(sm.stakerStrategies(alice).length, 0, "empty");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "count zero");
    }

    function test_list_reenterAfterRemoval_appendsAtEnd() public {
        _removeShares(alice, s1, 10);
        _deposit(alice, s1, 5);
        _assertList(alice, _three(s3, s2, s1), "re-entered strategy goes to the end");
        vm.assertEq(sm.scaledShares(alice, s1), 5, "fresh position, no leftover from before");
    }

    function test_list_reenterViaAddShares_appendsAtEnd() public {
        _removeShares(alice, s2, 20);
        vm.prank(queue);
        sm.addShares(alice, s2, 20);
        _assertList(alice, _three(s1, s3, s2), "re-credited strategy goes to the end");
    }

    function test_list_removingFromOnlyEntryThenReenter() public {
        _deposit(bob, s2, 7);
        _removeShares(bob, s2, 7);
        vm.assertEq(sm.stakerStrategyCount(bob), 0, "emptied");
        _deposit(bob, s3, 8);
        _assertList(bob, _one(s3), "new head after emptying");
    }

    function test_list_stakersAreIndependent() public {
        _deposit(bob, s3, 1);
        _removeShares(alice, s3, 30);
        _assertList(bob, _one(s3), "bob's list untouched by alice's removal");
        _assertList(alice, _two(s1, s2), "alice's list");
    }

    function test_stakerPositions_reportsEveryPosition() public {
        _removeShares(alice, s2, 5);
        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = sm.stakerPositions(
            alice
        );
        vm.assertEq(strategies.length, 3, "three positions");
        vm.assertEq(address(strategies[0]), address(s1), "first strategy");
        vm.assertEq(address(strategies[1]), address(s2), "second strategy");
        vm.assertEq(address(strategies[2]), address(s3), "third strategy");
        vm.assertEq(scaled[0], 10, "first position");
        vm.assertEq(scaled[1], 15, "second position, after the removal");
        vm.assertEq(scaled[2], 30, "third position");
        for (uint256 i; i < 3; ++i) vm.assertEq(withdrawable[i], scaled[i], "undelegated: withdrawable = scaled");
    }

    function test_list_fullCycleThrough32Strategies() public {
        // Fill to the bound, empty the list from the middle outwards, and check the contents at every step.
        IStrategy[] memory all = new IStrategy[](32);
        all[0] = s1;
        all[1] = s2;
        all[2] = s3;
        for (uint256 i = 3; i < 32; ++i) {
            (, all[i]) = _newWhitelistedStrategy("Filler", 18);
            _deposit(alice, all[i], i);
        }
        vm.assertEq(sm.stakerStrategyCount(alice), 32, "full");

        for (uint256 k; k < 32; ++k) {
            IStrategy target = all[(k * 13 + 5) % 32];
            _removeShares(alice, target, sm.scaledShares(alice, target));
            IStrategy[] memory listed = sm.stakerStrategies(alice);
            vm.assertEq(listed.length, 31 - k, "one entry fewer");
            for (uint256 j; j < listed.length; ++j) {
                vm.assertNotEq(address(listed[j]), address(target), "removed strategy no longer listed");
                vm.assertGt(sm.scaledShares(alice, listed[j]), 0, "every listed strategy has a position");
                for (uint256 m = j + 1; m < listed.length; ++m) {
                    vm.assertNotEq(address(listed[j]), address(listed[m]), "no duplicates");
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _assertList(address staker, IStrategy[] memory expected, string memory message) internal view {
        IStrategy[] memory listed = sm.stakerStrategies(staker);
        address[] memory got = new address[](listed.length);
        address[] memory want = new address[](expected.length);
        for (uint256 i; i < listed.length; ++i) got[i] = address(listed[i]);
        for (uint256 i; i < expected.length; ++i) want[i] = address(expected[i]);
        vm.assertEq(got, want, message);
        vm.assertEq(sm.stakerStrategyCount(staker), expected.length, message);
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
