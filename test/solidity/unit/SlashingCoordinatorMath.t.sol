// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice What a slash of fraction `w` does: it takes `ceil(allocation * w / 1e18)` magnitude from the allocation
/// and the max magnitude, lowers the operator's slashing factor to the new max magnitude (so that every delegated
/// staker and every withdrawal maturing after the slash loses the same fraction of the set's share), puts
/// `floor((delegatedScaled + queuedScaledMaturingAfterNow) * slashedMagnitude / 1e18)` shares in the bucket, and
/// adjusts a pending change of the allocation as `AllocationManager.slash` documents.
contract SlashingCoordinatorMathTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;
    uint64 internal constant HALF = 0.5e18;
    uint64 internal constant FIFTH = 0.2e18;
    /// @dev Alice's 100 tokens in A, delegated to operator 1.
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    OperatorSet internal set1;
    OperatorSet internal set2;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(SET_2, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
        _allocateAndWait(operator1, set1, strategyA, HALF);
    }

    // ---------------------------------------------------------------- magnitudes

    function test_slash_takesTheFractionOfTheAllocation() public {
        _slash(set1, operator1, strategyA, 0.3e18);
        vm.assertEq(_current(operator1, set1, strategyA), 0.35e18, "allocation: 0.5 - 0.15");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.85e18, "max magnitude: 1 - 0.15");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.35e18, "encumbered follows");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), 0.5e18, "free magnitude unchanged");
    }

    function test_slash_roundsTheMagnitudeTakenUp() public {
        // 0.5e18 + 1 allocated, half of it slashed: 0.25e18 + 0.5, taken as 0.25e18 + 1.
        _allocateAndWait(operator1, set2, strategyA, HALF - 1);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _allocateAndWait(operator1, set1, strategyA, HALF + 1);
        vm.assertEq(_current(operator1, set1, strategyA), HALF + 1, "odd allocation");

        _slash(set1, operator1, strategyA, 0.5e18);
        uint256 taken = 0.25e18 + 1;
        vm.assertEq(taken, _mulWadUp(HALF + 1, 0.5e18), "ceil, computed independently");
        vm.assertEq(_current(operator1, set1, strategyA), HALF + 1 - taken, "allocation");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - taken, "max magnitude");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), WAD - taken, "slashing factor");
    }

    function test_slash_ofOneWeiOfAllocationByTheSmallestFraction_stillTakesOne() public {
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _allocateAndWait(operator1, set1, strategyA, 1);
        _slash(set1, operator1, strategyA, 1);
        vm.assertEq(_current(operator1, set1, strategyA), 0, "ceil(1 x 1e-18) = 1");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - 1, "one wei of magnitude");
    }

    function test_slash_wholeAllocation() public {
        uint256 shares = _slash(set1, operator1, strategyA, WAD);
        vm.assertEq(_current(operator1, set1, strategyA), 0, "nothing left in the set");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), HALF, "half the max magnitude left");
        vm.assertEq(shares, STAKE / 2, "half the stake in the bucket");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE / 2, "alice keeps half");
    }

    function test_slash_wholeMagnitude_slashesToNothing() public {
        _allocateAndWait(operator1, set2, strategyA, HALF);
        _slash(set1, operator1, strategyA, WAD);
        _slash(set2, operator1, strategyA, WAD);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0, "no magnitude left");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0, "factor zero");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0, "alice's A stake is gone");
        vm.assertEq(
            _slashedShares(set1, strategyA) + _slashedShares(set2, strategyA),
            STAKE,
            "all of it in the buckets"
        );
    }

    // ---------------------------------------------------------------- the slashing factor and the stakers

    function test_slash_lowersTheSlashingFactorToTheNewMaxMagnitude() public {
        uint256 before = block.timestamp;
        vm.warp(block.timestamp + 1);
        _slash(set1, operator1, strategyA, 0.3e18);
        vm.assertEq(
            sm.slashingFactor(operator1Id, strategyA),
            allocationManager.maxMagnitude(operator1, strategyA),
            "the same number"
        );
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(block.timestamp)), 0.85e18, "recorded now");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(before)), WAD, "not before");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyB), WAD, "B untouched");
    }

    function test_slash_reducesEveryDelegatedStakerProportionally() public {
        _deposit(bob, strategyA, 30e18);
        _delegate(bob, operator1);
        _deposit(operator1, strategyA, 10e18);
        _deposit(carol, strategyA, 20e18);

        _slash(set1, operator1, strategyA, 0.3e18);

        vm.assertEq(sm.withdrawableShares(alice, strategyA), (STAKE * 85) / 100, "alice loses 15%");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), (30e21 * 85) / 100, "bob loses 15%");
        vm.assertEq(sm.withdrawableShares(operator1, strategyA), (10e21 * 85) / 100, "the operator itself too");
        vm.assertEq(sm.withdrawableShares(carol, strategyA), 20e21, "carol is not delegated: untouched");
        (uint256 scaled, uint256 shares) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(scaled, STAKE + 40e21, "scaled stake unchanged");
        vm.assertEq(shares, ((STAKE + 40e21) * 85) / 100, "its value fell");
    }

    function test_slash_doesNotReachAnotherOperatorsStakers() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 30e18);
        _delegate(bob, operator2);
        _slash(set1, operator1, strategyA, WAD);
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 30e21, "bob's operator was not slashed");
    }

    function test_slash_newDepositAfterTheSlash_isNotHitByIt() public {
        _slash(set1, operator1, strategyA, 0.5e18);
        uint256 deposited = _deposit(bob, strategyA, 30e18);
        _delegate(bob, operator1);
        uint256 afterSlash = sm.withdrawableShares(bob, strategyA);
        vm.assertLe(afterSlash, deposited, "never more than deposited");
        vm.assertGe(afterSlash + 1, deposited, "at most one share of rounding");

        // A later slash reaches it.
        _slash(set1, operator1, strategyA, 0.5e18);
        // The factor went from 0.75 to 0.625: bob keeps 0.625 / 0.75 of what he had.
        vm.assertApproxEqAbs(sm.withdrawableShares(bob, strategyA), (deposited * 5) / 6, 2, "hit by the later slash");
    }

    // ---------------------------------------------------------------- the bucket

    function test_slash_bucketIsTheShareOfTheScaledStake_roundedDown() public {
        // Bob adds 7 token wei (7,000 shares) so that the figures do not divide evenly. A slash of half a third
        // of WAD: ceil(333333333333333333 / 2) = 166666666666666667 magnitude, and
        // floor((1e23 + 7,000) x 166666666666666667 / 1e18) = 16666666666666666701166 shares.
        _deposit(bob, strategyA, 7);
        _delegate(bob, operator1);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD / 3));

        uint256 shares = _slash(set1, operator1, strategyA, 0.5e18);
        vm.assertEq(WAD - allocationManager.maxMagnitude(operator1, strategyA), 166666666666666667, "magnitude");
        vm.assertEq(shares, 16666666666666666701166, "the bucket, rounded down");
        vm.assertLe(
            sm.withdrawableShares(alice, strategyA) + sm.withdrawableShares(bob, strategyA) + shares,
            strategyA.totalShares(),
            "stakers and bucket never claim more than the vault's shares"
        );
    }

    function test_slash_queuedBeforeAndMaturingAfter_paysTheReducedAmount() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(block.timestamp + 1 days);
        uint256 shares = _slash(set1, operator1, strategyA, 0.5e18);

        // 60e21 delegated and 40e21 queued, both at a quarter: the queued part reached the bucket.
        vm.assertEq(shares, STAKE / 4, "the bucket counts the queued stake");
        vm.warp(withdrawal.maturity);
        uint256[] memory paid = _complete(withdrawal, true);
        vm.assertEq(paid[0], 30e21, "40e21 x 0.75");
        vm.assertEq(tokenA.balanceOf(alice), 30e18, "30 tokens");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 45e21, "the rest x 0.75");
    }

    function test_slash_withdrawalThatMaturedBefore_isNotReached() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.warp(withdrawal.maturity);
        uint256 shares = _slash(set1, operator1, strategyA, 0.5e18);

        vm.assertEq(shares, (60e21 * 25) / 100, "only the delegated stake in the bucket");
        uint256[] memory paid = _complete(withdrawal, true);
        vm.assertEq(paid[0], 40e21, "paid in full");
        vm.assertEq(tokenA.balanceOf(alice), 40e18, "40 tokens");
    }

    function test_slash_undelegationQueuedBefore_isReached() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);
        uint256 shares = _slash(set1, operator1, strategyA, 0.5e18);
        vm.assertEq(shares, STAKE / 4, "the undelegated stake is still the operator's to lose");
        vm.warp(withdrawal.maturity);
        vm.assertEq(_complete(withdrawal, true)[0], (STAKE * 3) / 4, "paid at 0.75");
    }

    function test_slash_thenReleaseAndCompletions_leaveOnlyDustInTheVault() public {
        IWithdrawalQueue.Withdrawal memory first = _queue(alice, strategyA, 40e21);
        _slash(set1, operator1, strategyA, 0.3e18);
        coordinator.releaseSlashedFunds(set1, strategyA, _recipientOf(set1));
        IWithdrawalQueue.Withdrawal memory second = _queue(alice, strategyA, sm.withdrawableShares(alice, strategyA));
        vm.warp(second.maturity);
        _complete(first, true);
        _complete(second, true);

        uint256 burned = tokenA.balanceOf(coordinator.BURN_ADDRESS());
        vm.assertEq(burned, 15e18, "0.15 of the 100 tokens burned");
        vm.assertEq(tokenA.balanceOf(alice), 85e18, "alice leaves with the rest");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), 0, "nothing lost, nothing created");
        vm.assertEq(strategyA.totalShares(), 0, "every share accounted for");
    }

    // ---------------------------------------------------------------- pending changes

    function test_slash_duringAPendingDecrease_keepsItsProportion() public {
        _allocate(operator1, set1, strategyA, FIFTH);
        uint48 effectAt = uint48(block.timestamp + WITHDRAWAL_DELAY);
        _slash(set1, operator1, strategyA, 0.5e18);

        (uint64 current, uint64 pending, uint48 at) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(current, 0.25e18, "0.5 - 0.25");
        vm.assertEq(pending, 0.1e18, "the target lost half too");
        vm.assertEq(at, effectAt, "same time");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.25e18, "encumbered at current");

        vm.warp(effectAt);
        allocationManager.settleAllocations(operator1, set1, _strategies(strategyA));
        vm.assertEq(_current(operator1, set1, strategyA), 0.1e18, "decreased to the slashed target");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.1e18, "freed down to it");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.75e18, "max");
    }

    function test_slash_duringAPendingDecrease_roundsTheTargetDown() public {
        _allocate(operator1, set1, strategyA, FIFTH + 1);
        _slash(set1, operator1, strategyA, 0.5e18);
        (, uint64 pending, ) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(pending, 0.1e18, "floor((0.2e18 + 1) / 2)");
    }

    function test_slash_duringAPendingDecreaseToZero() public {
        _allocate(operator1, set1, strategyA, 0);
        _slash(set1, operator1, strategyA, 0.5e18);
        (uint64 current, uint64 pending, ) = allocationManager.allocation(operator1, set1, strategyA);
        vm.assertEq(current, 0.25e18, "still slashable until the decrease takes effect");
        vm.assertEq(pending, 0, "target stays zero");
    }

    function test_slash_duringAPendingIncrease_keepsItsSize() public {
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        _allocate(operator1, set2, strategyA, HALF);
        uint48 effectAt = uint48(block.timestamp + NOTICE);
        _slash(set2, operator1, strategyA, 0.5e18);

        (uint64 current, uint64 pending, uint48 at) = allocationManager.allocation(operator1, set2, strategyA);
        vm.assertEq(current, 0.1e18, "half of the 0.2 in force");
        vm.assertEq(pending, 0.4e18, "the 0.3 increase still comes on top");
        vm.assertEq(at, effectAt, "same time");
        vm.assertEq(
            allocationManager.encumberedMagnitude(operator1, strategyA),
            HALF + 0.4e18,
            "set 1's 0.5 and set 2's pending 0.4"
        );
        vm.warp(effectAt);
        vm.assertEq(_current(operator1, set2, strategyA), 0.4e18, "in force");
    }

    function test_slash_ofAFirstAllocationStillPending_costsNothing() public {
        _allocate(operator1, set2, strategyA, HALF);
        (uint256 slashId, uint256[] memory shares) = _slash(set2, operator1, _strategies(strategyA), _wads(WAD));
        vm.assertEq(slashId, 1, "an id all the same");
        vm.assertEq(shares[0], 0, "nothing in the bucket");
        (uint64 current, uint64 pending, ) = allocationManager.allocation(operator1, set2, strategyA);
        vm.assertEq(current, 0, "nothing in force");
        vm.assertEq(pending, HALF, "the increase is intact");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "max magnitude untouched");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE, "alice untouched");
    }

    function test_slash_ofAnOperatorThatNeverAllocated_costsNothingAndSlashesNothing() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 30e18);
        _delegate(bob, operator2);
        _registerInSetAndWait(operator2, set1);

        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.OperatorSlashed(1, operator2, avs, SET_ID, "misbehaved");
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.StrategySlashed(1, strategyA, WAD, 0, 0, uint64(WAD), 0);
        vm.recordLogs();
        _slash(set1, operator2, strategyA, WAD);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        vm.assertEq(_countLogs(logs, address(sm), IStrategyManager.SlashingFactorChanged.selector), 0, "no factor");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 30e21, "bob untouched");
        vm.assertEq(_slashedShares(set1, strategyA), 0, "nothing in the bucket");
    }

    function test_slash_ofAMaturedDecrease_takesFromTheDecreasedAllocation() public {
        _allocate(operator1, set1, strategyA, FIFTH);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        // Not settled: the slash settles it first.
        (, uint256[] memory shares) = _slash(set1, operator1, _strategies(strategyA), _wads(0.5e18));
        vm.assertEq(shares[0], STAKE / 10, "half of 0.2");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.9e18, "0.1 taken");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0.1e18, "settled and slashed");
        vm.assertEq(_current(operator1, set1, strategyA), 0.1e18, "what remains");
    }

    // ---------------------------------------------------------------- unique stake and many strategies

    function test_slash_leavesAnotherSetsSlashableStakeUnchanged() public {
        _allocateAndWait(operator1, set2, strategyA, 0.3e18);
        uint256 before = _slashableStake(operator1, set2, strategyA, block.timestamp);
        _slash(set1, operator1, strategyA, 0.9e18);
        vm.assertEq(_slashableStake(operator1, set2, strategyA, block.timestamp), before, "unique stake");
        vm.assertEq(_current(operator1, set2, strategyA), 0.3e18, "set 2's allocation");
        // And set 2 can still slash all it was promised.
        uint256 taken = _slash(set2, operator1, strategyA, WAD);
        vm.assertEq(taken, before, "set 2 takes exactly its slashable stake");
    }

    function test_slash_manyStrategiesInOneCall() public {
        _deposit(alice, strategyB, 40e18);
        _allocateAndWait(operator1, set1, strategyB, FIFTH);
        (, uint256[] memory shares) = _slash(set1, operator1, _strategies(strategyA, strategyB), _wads(0.5e18, WAD));
        vm.assertEq(shares[0], STAKE / 4, "A: half of 0.5");
        vm.assertEq(shares[1], (40e21 * 2) / 10, "B: all of 0.2");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0.75e18, "A's factor");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyB), 0.8e18, "B's factor");
    }

    function test_slash_sameStrategyTwiceInOneCall_compounds() public {
        (, uint256[] memory shares) = _slash(set1, operator1, _strategies(strategyA, strategyA), _wads(0.5e18, 0.5e18));
        vm.assertEq(shares[0], STAKE / 4, "first half of 0.5");
        vm.assertEq(shares[1], STAKE / 8, "then half of the 0.25 left");
        vm.assertEq(_current(operator1, set1, strategyA), 0.125e18, "allocation");
        vm.assertEq(_slashedShares(set1, strategyA), (STAKE * 3) / 8, "bucket holds both");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), (STAKE * 5) / 8, "alice lost what the bucket holds");
    }

    function test_slash_repeatedSlashesCompound() public {
        uint256 first = _slash(set1, operator1, strategyA, 0.5e18);
        uint256 second = _slash(set1, operator1, strategyA, 0.5e18);
        vm.assertEq(first, STAKE / 4, "a quarter");
        vm.assertEq(second, STAKE / 8, "then an eighth");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.625e18, "1 - 0.25 - 0.125");
    }
}
