// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice The attack: a staker sees a slash of its operator coming (a transaction in the mempool, a governance
/// vote) and runs for the exit first, by queueing a withdrawal, undelegating or redelegating. The defence: queued
/// stake stays the operator's until maturity, and is paid at the factor of one second before maturity, so the
/// slash takes from the runner exactly what it takes from a staker who stayed.
contract FrontrunSlashByWithdrawingTest is QueueHelpers {
    /// @dev Half of the operator's magnitude: the slash every scenario front-runs.
    uint64 internal constant SLASH = 0.5e18;
    uint256 internal constant DEPOSIT = 100e18;
    uint256 internal constant SHARES = DEPOSIT * SHARES_PER_TOKEN;

    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        operator1Id = _registerOperator(operator1);
        _registerOperator(operator2);
        // Alice runs; bob, with the same stake at the same operator, stays and is the yardstick.
        _deposit(alice, strategyA, DEPOSIT);
        _deposit(bob, strategyA, DEPOSIT);
        _delegate(alice, operator1);
        _delegate(bob, operator1);
    }

    function test_attack_queueingTheWholeStakeTheSecondBeforeASlash_losesWhatStayingLoses() public {
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        vm.warp(block.timestamp + 1);
        _slash();

        vm.warp(escape.maturity);
        _complete(escape, true);

        _assertAliceLostWhatBobLost(tokenA.balanceOf(alice) * SHARES_PER_TOKEN);
        vm.assertEq(tokenA.balanceOf(alice), DEPOSIT / 2, "half her tokens");
    }

    function test_attack_queueingInTheSameSecondAsTheSlash_losesWhatStayingLoses() public {
        // Ordered ahead of the slash in the same block: the slash's second is still before maturity.
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        _slash();

        vm.warp(escape.maturity);
        _complete(escape, true);

        _assertAliceLostWhatBobLost(tokenA.balanceOf(alice) * SHARES_PER_TOKEN);
    }

    function test_attack_queuedStakeIsVisibleToTheSlash() public {
        // What the slashing coordinator will read to size the slash: her queued stake still counts.
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, uint48(block.timestamp)),
            SHARES,
            "alice's stake still reachable"
        );
        vm.assertEq(
            wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, escape.maturity - 1),
            SHARES,
            "until the last second before maturity"
        );
        vm.assertEq(wq.queuedScaledSharesMaturingAfter(operator1Id, strategyA, escape.maturity), 0, "not at maturity");
    }

    function test_attack_undelegatingBeforeASlash_losesWhatStayingLoses() public {
        IWithdrawalQueue.Withdrawal memory escape = _undelegate(alice, alice);
        vm.warp(block.timestamp + 1 hours);
        _slash();

        vm.warp(escape.maturity);
        _complete(escape, true);

        _assertAliceLostWhatBobLost(tokenA.balanceOf(alice) * SHARES_PER_TOKEN);
    }

    function test_attack_redelegatingToAnotherOperatorBeforeASlash_arrivesSlashed() public {
        // The stake reaches the new operator only through the queue, at the old operator's factor.
        IWithdrawalQueue.Withdrawal memory escape = _redelegate(alice, operator2);
        vm.warp(block.timestamp + 1 hours);
        _slash();

        vm.warp(escape.maturity);
        _complete(escape, false);

        _assertAliceLostWhatBobLost(sm.withdrawableShares(alice, strategyA));
        (, uint256 stakeAtOperator2) = sm.operatorStake(sm.delegatedOperatorId(alice), strategyA);
        vm.assertEq(stakeAtOperator2, SHARES / 2, "operator 2 receives the slashed stake only");
    }

    function test_attack_splittingTheWithdrawalDoesNotDiluteTheSlash() public {
        // Four withdrawals instead of one: each is slashed at the same factor, so together they lose as much.
        IWithdrawalQueue.Withdrawal[] memory escapes = new IWithdrawalQueue.Withdrawal[](4);
        for (uint256 i; i < escapes.length; ++i) escapes[i] = _queue(alice, strategyA, SHARES / 4);
        _slash();

        vm.warp(escapes[0].maturity);
        uint256 paid;
        for (uint256 i; i < escapes.length; ++i) paid += _complete(escapes[i], false)[0];

        _assertAliceLostWhatBobLost(paid);
    }

    function testFuzz_attack_aSlashAnywhereInTheDelayReachesTheWithdrawal(uint256 slashAfter) public {
        slashAfter = bound(slashAfter, 0, WITHDRAWAL_DELAY - 1);
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        vm.warp(block.timestamp + slashAfter);
        _slash();

        vm.warp(escape.maturity);
        _assertAliceLostWhatBobLost(_complete(escape, false)[0]);
    }

    function test_control_aWithdrawalThatMaturedBeforeTheSlashEscapesIt() public {
        // The boundary the defence draws: stake that finished its delay before the slash is out. Without this
        // control the tests above could pass against a queue that slashed every withdrawal whatever its maturity.
        IWithdrawalQueue.Withdrawal memory exit = _queue(alice, strategyA, SHARES);
        vm.warp(exit.maturity);
        _slash();

        vm.assertEq(_complete(exit, true)[0], SHARES, "paid in full");
        vm.assertEq(tokenA.balanceOf(alice), DEPOSIT, "all her tokens");
    }

    // ---------------------------------------------------------------- helpers

    function _slash() internal {
        sm.setMagnitudeLost(operator1Id, strategyA, SLASH);
    }

    /// @dev Alice, who ran, ends with `aliceShares`: exactly what bob, who stayed, can still withdraw.
    function _assertAliceLostWhatBobLost(uint256 aliceShares) internal view {
        uint256 bobShares = sm.withdrawableShares(bob, strategyA);
        vm.assertEq(bobShares, SHARES / 2, "the slash halves bob's stake");
        vm.assertEq(aliceShares, bobShares, "running did not save alice anything");
    }
}
