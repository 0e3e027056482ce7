// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice Allocations never exceed the max magnitude, whatever the sequence of allocation changes, slashes and
/// waits over two sets. After each step (and settling both sets), the contracts' bookkeeping matches a model kept
/// here:
/// - the max magnitude is WAD minus the sum of every magnitude slashed, each `ceil(allocation * wad / 1e18)`;
/// - it is the operator's slashing factor in the StrategyManager;
/// - the encumbered magnitude is the sum over the sets of each allocation, a pending increase at its new value and
///   a pending decrease at its old one, and never exceeds the max magnitude;
/// - the allocations in force never sum to more than the max magnitude.
/// Allocation changes the contracts refuse (one pending already, not enough free magnitude) are skipped: the
/// property is about every state reachable, not about which changes are allowed.
contract SlashingMagnitudesFuzzTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;

    OperatorSet[2] internal sets;
    uint32 internal operator1Id;
    /// @dev The model: WAD minus the magnitude slashed so far.
    uint256 internal expectedMax;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        sets[0] = _createSet(SET_ID, _strategies(strategyA));
        sets[1] = _createSet(SET_2, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
        // The registrations are slashable after the notice.
        vm.warp(block.timestamp + NOTICE);
        expectedMax = WAD;
    }

    function testFuzz_allocationsNeverExceedTheMaxMagnitude(uint256[12] memory steps) public {
        for (uint256 i; i < steps.length; ++i) {
            uint256 step = steps[i];
            uint256 kind = step % 4;
            OperatorSet memory set = sets[(step >> 2) % 2];
            uint256 value = step >> 8;
            if (kind == 0) {
                _tryAllocate(set, uint64(bound(value, 0, WAD)));
            } else if (kind == 1) {
                // Smaller targets more often: half of the time within the current allocation.
                _tryAllocate(set, uint64(bound(value, 0, _current(operator1, set, strategyA))));
            } else if (kind == 2) {
                _slashAndModel(set, bound(value, 1, WAD));
            } else {
                vm.warp(block.timestamp + bound(value, 0, WITHDRAWAL_DELAY + 1 days));
            }
            _assertBookkeeping();
        }
    }

    function _tryAllocate(OperatorSet memory set, uint64 target) internal {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set,
            strategies: _strategies(strategyA),
            magnitudes: _magnitudes(target)
        });
        vm.prank(operator1);
        try allocationManager.modifyAllocations(params) {} catch {}
    }

    function _slashAndModel(OperatorSet memory set, uint256 wad) internal {
        uint64 allocation = _current(operator1, set, strategyA);
        _slash(set, operator1, strategyA, wad);
        expectedMax -= _mulWadUp(allocation, wad);
    }

    function _assertBookkeeping() internal {
        uint256 encumbered;
        uint256 inForce;
        for (uint256 s; s < 2; ++s) {
            allocationManager.settleAllocations(operator1, sets[s], _strategies(strategyA));
            (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(
                operator1,
                sets[s],
                strategyA
            );
            inForce += current;
            encumbered += effectAt != 0 && pending > current ? pending : current;
        }
        uint256 max = allocationManager.maxMagnitude(operator1, strategyA);
        vm.assertEq(max, expectedMax, "max magnitude = WAD - every magnitude slashed");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), max, "slashing factor = max magnitude");
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), encumbered, "encumbered");
        vm.assertLe(encumbered, max, "encumbered <= max magnitude");
        vm.assertLe(inForce, max, "allocations in force <= max magnitude");
        vm.assertEq(allocationManager.allocatableMagnitude(operator1, strategyA), max - encumbered, "allocatable");
    }
}
