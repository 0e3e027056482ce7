// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: a slasher passes a fraction outside (0, 1e18] to take more than the allocation (above one:
/// the max magnitude would underflow into other sets' stake, or the allocation wrap around), or a zero to spend
/// a slash id and emit an event that slashed nothing. Every such slash is refused before anything is read or
/// written, wherever the bad fraction sits in the list; the bounds themselves (1 wei and exactly 1e18) work.
contract OutOfRangeWadsTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    OperatorSet internal set1;
    OperatorSet internal set2;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(2, _strategies(strategyA));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _deposit(alice, strategyB, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, 2), "");
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF, HALF));
        _allocateAndWait(operator1, set2, strategyA, HALF);
    }

    function test_attack_wadJustAboveOne_refused() public {
        _assertRefused(_wads(WAD + 1, 0.1e18), 0, WAD + 1);
    }

    function test_attack_wadFarAboveOne_refused() public {
        _assertRefused(_wads(2 * WAD, 0.1e18), 0, 2 * WAD);
    }

    function test_attack_wadThatWouldWrapAround_refused() public {
        _assertRefused(_wads(type(uint256).max, 0.1e18), 0, type(uint256).max);
    }

    function test_attack_wadZero_refused() public {
        _assertRefused(_wads(0, 0.1e18), 0, 0);
    }

    function test_attack_badWadSecondInTheList_refused() public {
        _assertRefused(_wads(0.1e18, WAD + 1), 1, WAD + 1);
        _assertRefused(_wads(WAD, 0), 1, 0);
    }

    function test_control_smallestWad_takesOneWeiOfMagnitudeAtLeast() public {
        (, uint256[] memory shares) = _slash(set1, operator1, _strategies(strategyA, strategyB), _wads(1, 1));
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - 1, "ceil(0.5e18 x 1e-18) = 1");
        vm.assertEq(shares[0], STAKE / WAD, "one wei of magnitude's worth of shares");
    }

    function test_control_wholeWad_takesTheWholeAllocationAndNoMore() public {
        _slash(set1, operator1, _strategies(strategyA, strategyB), _wads(WAD, WAD));
        vm.assertEq(_current(operator1, set1, strategyA), 0, "set 1's allocation gone");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), HALF, "set 2's half remains");
        vm.assertEq(_current(operator1, set2, strategyA), HALF, "set 2's allocation untouched");
        vm.assertEq(_slashableStake(operator1, set2, strategyA, block.timestamp), STAKE / 2, "and slashable by it");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The slash of A and B in set 1 by `wads` is refused, naming entry `index` and its `wad`, and changes
    /// nothing.
    function _assertRefused(uint256[] memory wads, uint256 index, uint256 wad) internal {
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, index == 0 ? strategyA : strategyB, wad)
        );
        _slashAs(slasher, set1, operator1, _strategies(strategyA, strategyB), wads);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "A's max magnitude untouched");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyB), WAD, "B's max magnitude untouched");
        vm.assertEq(_current(operator1, set1, strategyA), HALF, "allocation untouched");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE, "alice untouched");
        vm.assertEq(coordinator.nextSlashId(), 1, "no slash id spent");
    }
}
