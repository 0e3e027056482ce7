// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice `slashableStake`: the shares a set could slash now or at a later time, from the allocation in force
/// then, the operator's delegated stake and its queued withdrawals still unmatured then; zero where the operator
/// will not be slashable in the set.
contract AllocationManagerSlashableStakeTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;
    uint64 internal constant HALF = 0.5e18;
    uint64 internal constant FIFTH = 0.2e18;
    /// @dev Alice's 100 tokens in A, delegated to operator 1.
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    OperatorSet internal set1;
    OperatorSet internal set2;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(SET_2, _strategies(strategyA));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
    }

    function test_slashableStake_allocationInForce() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "half of alice's stake");
        vm.assertEq(_stakeNow(set2, strategyA), 0, "nothing allocated to set 2");
    }

    function test_slashableStake_pendingIncrease_countsFromItsEffectTime() public {
        _allocate(operator1, set1, strategyA, HALF);
        uint256 effectAt = block.timestamp + NOTICE;
        vm.assertEq(_stakeNow(set1, strategyA), 0, "nothing yet");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt - 1), 0, "nothing before the effect time");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt), STAKE / 2, "from the effect time");
    }

    function test_slashableStake_pendingDecrease_countsUntilItsEffectTime() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, FIFTH);
        uint256 effectAt = block.timestamp + WITHDRAWAL_DELAY;
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "the old allocation now");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt - 1), STAKE / 2, "until the last second");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt), STAKE / 5, "the new one from then");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, effectAt + 365 days), STAKE / 5, "and later");
    }

    function test_slashableStake_countsQueuedWithdrawalsUntilTheyMature() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "queued stake still counts");
        vm.assertEq(
            _slashableStake(operator1, set1, strategyA, withdrawal.maturity - 1),
            STAKE / 2,
            "until the last second before maturity"
        );
        vm.assertEq(
            _slashableStake(operator1, set1, strategyA, withdrawal.maturity),
            (STAKE - 40e21) / 2,
            "not from maturity on"
        );
        vm.warp(withdrawal.maturity);
        vm.assertEq(_stakeNow(set1, strategyA), (STAKE - 40e21) / 2, "matured: out of reach");
    }

    function test_slashableStake_countsAnUndelegationUntilItMatures() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "the undelegated stake still counts");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, withdrawal.maturity), 0, "until maturity");
    }

    function test_slashableStake_deregistered_untilTheWindowEnds() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "slashable in the window");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, until - 1), STAKE / 2, "in its last second");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, until), 0, "not at its end");
        vm.warp(until);
        vm.assertEq(_stakeNow(set1, strategyA), 0, "not slashable any more");
        vm.assertEq(_stakeNow(set2, strategyA), 0, "set 2 had nothing allocated");
    }

    function test_slashableStake_zeroWhereNeverRegistered() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 10e18);
        _delegate(bob, operator2);
        _allocateAndWait(operator2, set1, strategyA, HALF);
        vm.assertEq(_slashableStake(operator2, set1, strategyA, block.timestamp), 0, "allocated but not registered");
    }

    function test_slashableStake_zeroForAnOperatorThatNeverAllocated() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 10e18);
        _delegate(bob, operator2);
        _registerInSet(operator2, set1);
        vm.assertEq(_slashableStake(operator2, set1, strategyA, block.timestamp), 0, "nothing allocated");
    }

    function test_slashableStake_zeroForAStrategyOutsideTheSet() public {
        _deposit(alice, strategyB, 10e18);
        _allocateAndWait(operator1, set1, strategyB, HALF);
        vm.assertEq(_stakeNow(set1, strategyB), 10e21 / 2, "B slashable in set 1");
        vm.assertEq(_stakeNow(set2, strategyB), 0, "B is not in set 2");

        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyB));
        vm.assertEq(_stakeNow(set1, strategyB), 0, "no longer once the set removed it");
    }

    function test_slashableStake_pastTimestampMeansNow() public {
        _allocate(operator1, set1, strategyA, HALF);
        uint256 queuedAt = block.timestamp;
        vm.warp(block.timestamp + NOTICE);
        vm.assertEq(_slashableStake(operator1, set1, strategyA, queuedAt), STAKE / 2, "read as of now");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, 0), STAKE / 2, "even at time zero");
    }

    /// @dev A registration counts from its `slashableFrom`, however long the allocation has been in force.
    function test_slashableStake_countsARegistrationFromItsNoticeEnd() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 100e18);
        _delegate(bob, operator2);
        _allocateAndWait(operator2, set1, strategyA, HALF);
        vm.assertEq(_slashableStake(operator2, set1, strategyA, block.timestamp), 0, "not registered");
        _registerInSet(operator2, set1);
        uint256 from = block.timestamp + NOTICE;
        vm.assertEq(_slashableStake(operator2, set1, strategyA, from - 1), 0, "not before the notice ends");
        vm.assertEq(_slashableStake(operator2, set1, strategyA, from), STAKE / 2, "from then");
    }

    /// @dev A strategy added back counts from its `slashableFrom`.
    function test_slashableStake_countsAStrategyAddedBackFromItsNoticeEnd() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        vm.startPrank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyA));
        vm.assertEq(_stakeNow(set1, strategyA), 0, "removed: not slashable");
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyA));
        vm.stopPrank();
        uint256 from = block.timestamp + NOTICE;
        vm.assertEq(_stakeNow(set1, strategyA), 0, "added back: not at once");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, from), STAKE / 2, "after the notice");
    }

    function test_slashableStake_manyStrategies() public {
        _deposit(alice, strategyB, 30e18);
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF, FIFTH));
        uint256[] memory shares = allocationManager.slashableStake(
            operator1,
            set1,
            _strategies(strategyA, strategyB),
            uint48(block.timestamp)
        );
        vm.assertEq(shares.length, 2, "one per strategy");
        vm.assertEq(shares[0], STAKE / 2, "A");
        vm.assertEq(shares[1], (30e21 * 2) / 10, "B");
    }

    function test_slashableStake_followsNewDelegatedStake() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _deposit(bob, strategyA, 50e18);
        _delegate(bob, operator1);
        vm.assertEq(_stakeNow(set1, strategyA), (STAKE + 50e21) / 2, "bob's stake joins the slashable stake");
    }

    function test_slashableStake_afterASlash_isTheSlashableShareOfWhatIsLeft() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        _slash(set1, operator1, strategyA, HALF);
        // Set 1's allocation fell to 0.25 and the max magnitude to 0.75: alice holds 75e21, of which set 1 can
        // still take a third and set 2 (0.2 of 0.75) four fifteenths.
        vm.assertEq(sm.withdrawableShares(alice, strategyA), (STAKE * 3) / 4, "alice after the slash");
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 4, "set 1: 0.25 of the scaled stake");
        vm.assertEq(_stakeNow(set2, strategyA), STAKE / 5, "set 2: unchanged");
    }

    function test_slashableStake_roundsDown() public {
        // Bob adds 7 token wei (7,000 shares): (1e23 + 7,000) x 333333333333333333 / 1e18 is
        // 33333333333333333302333.33..., rounded down.
        _deposit(bob, strategyA, 7);
        _delegate(bob, operator1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD / 3));
        vm.assertEq(_stakeNow(set1, strategyA), 33333333333333333302333, "rounded down");
    }

    function test_slashableStake_otherOperatorsStakeDoesNotCount() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 50e18);
        _delegate(bob, operator2);
        _allocateAndWait(operator1, set1, strategyA, HALF);
        vm.assertEq(_stakeNow(set1, strategyA), STAKE / 2, "operator 1's stake only");
    }

    // ---------------------------------------------------------------- helpers

    function _stakeNow(OperatorSet memory set, IStrategy strategy) internal view returns (uint256) {
        return _slashableStake(operator1, set, strategy, block.timestamp);
    }
}
