// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: a slasher (a compromised key, a buggy AVS) slashes stake that has left its reach: an
/// operator that deregistered (or was ejected) more than the withdrawal delay ago, or an allocation whose decrease
/// took effect. The first is refused (`OperatorNotSlashable`); the second finds only the decreased allocation.
/// Each test also shows the last second in which the slash still lands, so that the refusal is the window's end
/// and not something else.
contract SlashAfterSlashableWindowTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _slashableIn(operator1, set1, strategyA, HALF);
    }

    function test_attack_slashAfterDeregistrationWindow_refused() public {
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until);
        _assertRefused();
    }

    function test_attack_slashLongAfterDeregistration_refused() public {
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until + 365 days);
        _assertRefused();
    }

    function test_control_slashInTheWindowsLastSecond_lands() public {
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until - 1);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE / 2, "the whole allocation");
    }

    function test_attack_slashAfterEjectionWindow_refused() public {
        vm.prank(avs);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _assertRefused();
    }

    function test_attack_slashAfterTheDecreaseTookEffect_findsOnlyTheDecreasedAllocation() public {
        _allocate(operator1, set1, strategyA, 0.1e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        // Registered, so slashable: but only for what is still allocated.
        uint256 shares = _slash(set1, operator1, strategyA, WAD);
        vm.assertEq(shares, STAKE / 10, "0.1 of the stake, not 0.5");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), (STAKE * 9) / 10, "alice keeps 0.9");
    }

    function test_attack_slashAfterADecreaseToZeroTookEffect_takesNothing() public {
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), 0, "nothing left to take");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "max magnitude untouched");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE, "alice untouched");
    }

    function test_control_slashInTheDecreasesLastSecond_takesTheOldAllocation() public {
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE / 2, "still the whole 0.5");
    }

    function test_attack_decreaseAfterTheWindow_freesAtOnce_andNothingCanBeSlashed() public {
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until);
        _allocate(operator1, set1, strategyA, 0);
        vm.assertEq(allocationManager.encumberedMagnitude(operator1, strategyA), 0, "freed at once");
        _assertRefused();
    }

    function test_attack_reRegistrationReopensTheSet_forNewSlashesOnly() public {
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until);
        _assertRefused();
        // The operator chose to come back: slashable again, by its own consent, after the notice its stakers get.
        _registerInSet(operator1, set1);
        _assertRefused();
        vm.warp(block.timestamp + NOTICE);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE / 2, "slashable again");
    }

    // ---------------------------------------------------------------- helpers

    function _assertRefused() internal {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(WAD));
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE, "alice untouched");
        vm.assertEq(_slashedShares(set1, strategyA), 0, "bucket empty");
    }
}
