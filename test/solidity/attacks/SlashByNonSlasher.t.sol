// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: someone other than the set's slasher in force slashes an operator. The AVS itself, the
/// operator, another set's slasher, the slasher of a set with the same id at another AVS, the old slasher after a
/// change took effect, and the new slasher before it did. Every attempt is refused with `NotSlasher` and leaves
/// the operator's magnitudes, its stakers and the bucket untouched; the slasher in force succeeds each time, so
/// the refusals are about the caller and nothing else.
contract SlashByNonSlasherTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;

    address internal otherAVS;
    address internal otherSlasher;
    address internal newSlasher;
    OperatorSet internal set1;
    /// @dev `otherAVS`'s set with the same id, slashed by `otherSlasher`.
    OperatorSet internal twin;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        otherAVS = makeAddr("other avs");
        otherSlasher = makeAddr("other slasher");
        newSlasher = makeAddr("new slasher");
        _registerAVS(avs);
        _registerAVS(otherAVS);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        twin = _createSet(otherAVS, SET_ID, _strategies(strategyA), otherSlasher, address(0), address(0));
        _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _registerInSet(operator1, set1);
        _registerInSet(operator1, twin);
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocateAndWait(operator1, twin, strategyA, HALF);
    }

    function test_attack_strangerSlashes_refused() public {
        _assertRefused(stranger, slasher);
    }

    function test_attack_theAVSItselfSlashes_refused() public {
        _assertRefused(avs, slasher);
    }

    function test_attack_theOperatorSlashesItself_refused() public {
        _assertRefused(operator1, slasher);
    }

    function test_attack_theSlasherOfASetWithTheSameIdAtAnotherAVS_refused() public {
        _assertRefused(otherSlasher, slasher);
        // And the other way round: this set's slasher cannot reach the twin.
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, slasher, otherAVS, SET_ID, otherSlasher)
        );
        _slashAs(slasher, twin, operator1, _strategies(strategyA), _wads(WAD));
        vm.assertEq(_current(operator1, twin, strategyA), HALF, "the twin untouched");
    }

    function test_attack_newSlasherBeforeTheChangeTakesEffect_refused() public {
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        _assertRefused(newSlasher, slasher);
        vm.warp(effectAt - 1);
        _assertRefused(newSlasher, slasher);
        // The old slasher is still the one in force until then.
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(0.1e18));
        vm.assertEq(coordinator.nextSlashId(), 2, "the old slasher's slash went through");
    }

    function test_attack_oldSlasherAfterTheChangeTookEffect_refused() public {
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        vm.warp(effectAt);
        _assertRefused(slasher, newSlasher);
        _slashAs(newSlasher, set1, operator1, _strategies(strategyA), _wads(0.1e18));
        vm.assertEq(coordinator.nextSlashId(), 2, "the new slasher's slash went through");
    }

    function test_attack_replacedScheduleNeverTakesEffect() public {
        uint48 firstEffectAt = _scheduleSlasher(set1, newSlasher);
        address replacement = makeAddr("replacement slasher");
        vm.warp(block.timestamp + 1 days);
        _scheduleSlasher(set1, replacement);
        // The first schedule's time comes, but it was replaced: its slasher never gets the power.
        vm.warp(firstEffectAt);
        _assertRefused(newSlasher, slasher);
        _assertRefused(replacement, slasher);
    }

    function test_attack_scheduledChangeDoesNotShortenTheNotice() public {
        // An AVS (or whoever holds its key) cannot install a slasher with less notice than the withdrawal delay (plus a second),
        // even by scheduling again and again: each schedule restarts the delay.
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        for (uint256 i; i < 3; ++i) {
            vm.warp(effectAt - 1);
            effectAt = _scheduleSlasher(set1, newSlasher);
            vm.assertEq(effectAt, block.timestamp + NOTICE, "the full notice again");
            _assertRefused(newSlasher, slasher);
        }
    }

    function test_attack_nonSlasherCannotEvenSlashNothing() public {
        // Refused before any magnitude is read: an operator with nothing allocated is no softer a target.
        _registerOperator(operator2);
        _registerInSet(operator2, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, stranger, avs, SET_ID, slasher));
        _slashAs(stranger, set1, operator2, _strategies(strategyA), _wads(WAD));
        vm.assertEq(coordinator.nextSlashId(), 1, "no slash id spent");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev `attacker`'s full slash of operator 1 in set 1 is refused, naming `inForce` as the slasher, and
    /// changes nothing.
    function _assertRefused(address attacker, address inForce) internal {
        uint256 stakeBefore = sm.withdrawableShares(alice, strategyA);
        uint256 nextId = coordinator.nextSlashId();
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, attacker, avs, SET_ID, inForce));
        _slashAs(attacker, set1, operator1, _strategies(strategyA), _wads(WAD));

        vm.assertEq(sm.withdrawableShares(alice, strategyA), stakeBefore, "alice untouched");
        vm.assertEq(_slashedShares(set1, strategyA), 0, "bucket empty");
        vm.assertEq(coordinator.nextSlashId(), nextId, "no slash id spent");
        vm.assertEq(_current(operator1, set1, strategyA), HALF, "allocation untouched");
    }
}
