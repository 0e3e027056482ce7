// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice Unique stake: a slash in set A never changes what set B can slash. Operator 1 allocates random
/// magnitudes to set A (one AVS) and to set B (another AVS), may have a decrease pending in B and a queued
/// withdrawal in flight; random slashes in A follow. Set B's slashable stake, now and at later times, its
/// allocation and its pending change stay exactly as they were, and B can still take all of it.
contract SlashingUniqueStakeFuzzTest is AVSHelpers {
    uint256 internal constant MAX_DEPOSIT = 1e27;

    address internal otherAVS;
    address internal otherSlasher;
    OperatorSet internal setA;
    OperatorSet internal setB;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        otherAVS = makeAddr("other avs");
        otherSlasher = makeAddr("other slasher");
        _registerAVS(avs);
        _registerAVS(otherAVS);
        setA = _createSet(SET_ID, _strategies(strategyA));
        setB = _createSet(otherAVS, SET_ID, _strategies(strategyA), otherSlasher, address(0), address(0));
        operator1Id = _registerOperator(operator1);
        _registerInSet(operator1, setA);
        _registerInSet(operator1, setB);
    }

    function testFuzz_slashInOneSet_leavesAnotherSetsSlashableStakeUnchanged(
        uint256 aliceAmount,
        uint256 bobAmount,
        uint64 allocationA,
        uint64 allocationB,
        uint64 decreasedB,
        uint256 queuedPart,
        uint256[3] memory wads
    ) public {
        _deposit(alice, strategyA, bound(aliceAmount, 1, MAX_DEPOSIT));
        _delegate(alice, operator1);
        _deposit(bob, strategyA, bound(bobAmount, 1, MAX_DEPOSIT));
        _delegate(bob, operator1);
        allocationA = uint64(bound(allocationA, 1, WAD - 1));
        allocationB = uint64(bound(allocationB, 1, WAD - allocationA));
        _allocateAndWait(operator1, setA, _strategies(strategyA), _magnitudes(allocationA));
        _allocateAndWait(operator1, setB, _strategies(strategyA), _magnitudes(allocationB));

        // Maybe a decrease pending in B, and maybe a withdrawal in flight.
        decreasedB = uint64(bound(decreasedB, 0, allocationB));
        if (decreasedB != allocationB) _allocate(operator1, setB, strategyA, decreasedB);
        queuedPart = bound(queuedPart, 0, sm.withdrawableShares(alice, strategyA));
        uint256 maturity;
        if (queuedPart != 0) {
            IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, queuedPart);
            maturity = withdrawal.maturity;
        }

        (uint64 currentB, uint64 pendingB, uint48 effectAtB) = allocationManager.allocation(operator1, setB, strategyA);
        uint256[4] memory times = [block.timestamp, block.timestamp + 1 days, maturity, block.timestamp + 30 days];
        uint256[4] memory before;
        for (uint256 t; t < times.length; ++t) before[t] = _slashableStake(operator1, setB, strategyA, times[t]);

        for (uint256 i; i < wads.length; ++i) {
            if (_current(operator1, setA, strategyA) == 0) break;
            _slash(setA, operator1, strategyA, bound(wads[i], 1, WAD));

            for (uint256 t; t < times.length; ++t) {
                vm.assertEq(
                    _slashableStake(operator1, setB, strategyA, times[t]),
                    before[t],
                    "set B's slashable stake, now and later"
                );
            }
            (uint64 c, uint64 p, uint48 e) = allocationManager.allocation(operator1, setB, strategyA);
            vm.assertEq(c, currentB, "set B's allocation");
            vm.assertEq(p, pendingB, "set B's pending change");
            vm.assertEq(e, effectAtB, "set B's change time");
        }

        // Set B can still take every share it could before set A's slashes.
        vm.assertEq(_slash(setB, operator1, strategyA, WAD), before[0], "B takes exactly what it was promised");
    }
}
