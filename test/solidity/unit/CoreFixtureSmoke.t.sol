// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {CoreFixture} from "../utils/CoreFixture.sol";

/// @notice The fixture itself: one pass through every helper, so a broken fixture fails here first.
contract CoreFixtureSmokeTest is CoreFixture {
    function test_fixture_registersDelegatesQueuesAndCompletes() public {
        address operator = makeAddr("operator");
        address staker = makeAddr("staker");
        uint32 id = _registerOperator(operator);
        uint256 shares = _deposit(staker, strategyA, 10e18);
        _delegate(staker, operator);
        (, uint256 stake) = sm.operatorStake(id, strategyA);
        vm.assertEq(stake, shares, "delegated");

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(staker, strategyA, shares / 2);
        vm.assertEq(withdrawal.maturity, block.timestamp + WITHDRAWAL_DELAY, "maturity");
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(staker), 5e18, "half the tokens back");
    }
}
