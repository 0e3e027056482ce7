// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";
import {GasBurningRegistrar} from "./mocks/GasBurningRegistrar.sol";
import {RecordingRegistrar} from "./mocks/RecordingRegistrar.sol";
import {ReturnBombRegistrar} from "./mocks/ReturnBombRegistrar.sol";

/// @notice The attack: an AVS installs a hostile registrar hook to trap operators or grief callers. A hook may
/// reject registrations (that is its right: the reason reaches the caller, capped at `MAX_REGISTRAR_REASON_BYTES`),
/// but it cannot stop an operator from leaving (a hook that burns all its gas or reverts on deregistration is
/// reported in `DeregistrationHookFailed` and the operator leaves), cannot make a caller pay for a huge payload
/// (return data is never copied beyond the cap), and hurts no other AVS.
contract HostileRegistrarHookTest is AVSHelpers {
    /// @dev A payload far larger than any reason worth relaying: 1 MiB, about 2.2 million gas of memory to whoever
    /// holds it in memory.
    uint256 internal constant HUGE = 1 << 20;
    /// @dev The largest payload a deregistration hook can afford within its 100,000 gas, with room to spare:
    /// 160 KiB, about 67,000 gas of memory.
    uint256 internal constant LARGE = 160 << 10;

    address internal otherAVS;
    /// @dev A well-behaved AVS's set, to show the damage stays with the hostile AVS.
    OperatorSet internal otherSet;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        otherAVS = makeAddr("other avs");
        _registerAVS(avs);
        _registerAVS(otherAVS);
        otherSet = _createSet(otherAVS, SET_ID, _strategies(strategyA), slasher, address(0), address(0));
        _registerOperator(operator1);
    }

    // ---------------------------------------------------------------- rejections reach the caller

    function test_attack_revertingHook_itsReasonReachesTheCaller() public {
        RecordingRegistrar registrar = new RecordingRegistrar();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        bytes memory reason = abi.encodeWithSignature("NotAllowlisted(address)", operator1);
        registrar.reject(reason);

        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), reason));
        _registerInSet(operator1, set);
        _assertOtherAVSUnaffected();
    }

    function test_attack_revertingHook_reasonOfExactlyTheCap_reachesTheCallerWhole() public {
        RecordingRegistrar registrar = new RecordingRegistrar();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        bytes memory reason = _pattern(avsRegistry.MAX_REGISTRAR_REASON_BYTES());
        registrar.reject(reason);

        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), reason));
        _registerInSet(operator1, set);
    }

    function test_attack_revertingHook_longReasonIsTruncatedToTheCap() public {
        RecordingRegistrar registrar = new RecordingRegistrar();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        uint256 cap = avsRegistry.MAX_REGISTRAR_REASON_BYTES();
        bytes memory reason = _pattern(cap + 1);
        registrar.reject(reason);

        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), _pattern(cap))
        );
        _registerInSet(operator1, set);
    }

    // ---------------------------------------------------------------- gas burning

    function test_attack_gasBurningHookOnDeregistration_operatorStillLeaves() public {
        GasBurningRegistrar registrar = new GasBurningRegistrar();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        _registerInSet(operator1, set);

        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorDeregisteredFromSet(
            operator1,
            avs,
            SET_ID,
            uint48(block.timestamp + WITHDRAWAL_DELAY)
        );
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.DeregistrationHookFailed(operator1, avs, SET_ID, address(registrar));
        uint256 gasBefore = gasleft();
        _deregisterFromSet(operator1, set);
        uint256 used = gasBefore - gasleft();

        vm.assertFalse(avsRegistry.isRegistered(operator1, set), "left");
        vm.assertLt(used, avsRegistry.DEREGISTRATION_HOOK_GAS() + 100_000, "the hook burned its allowance only");
    }

    function test_attack_gasBurningHookOnDeregistration_ejectionStillWorks() public {
        GasBurningRegistrar registrar = new GasBurningRegistrar();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        _registerInSet(operator1, set);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.DeregistrationHookFailed(operator1, avs, SET_ID, address(registrar));
        vm.prank(avs);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
        vm.assertFalse(avsRegistry.isRegistered(operator1, set), "ejected");
    }

    function test_attack_gasBurningHookOnRegistration_blocksOnlyItsOwnAVS() public {
        GasBurningRegistrar registrar = new GasBurningRegistrar();
        registrar.burnRegistrations();
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );

        // Out of gas, the hook returns no data: an empty reason.
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), ""));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets{gas: 2_000_000}(avs, _setIds(SET_ID), "");
        vm.assertFalse(avsRegistry.isRegistered(operator1, set), "not registered");
        _assertOtherAVSUnaffected();
    }

    function test_attack_manySetsWithGasBurningHooks_operatorLeavesThemAll() public {
        GasBurningRegistrar registrar = new GasBurningRegistrar();
        _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(registrar), address(0));
        _createSet(avs, 2, _strategies(strategyA), slasher, address(registrar), address(0));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, 2), "");

        vm.recordLogs();
        vm.prank(operator1);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID, 2));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(
            _countLogs(logs, address(avsRegistry), IAVSRegistry.DeregistrationHookFailed.selector),
            2,
            "each failure reported"
        );
        vm.assertFalse(avsRegistry.isRegistered(operator1, _set(avs, SET_ID)), "out of set 1");
        vm.assertFalse(avsRegistry.isRegistered(operator1, _set(avs, 2)), "out of set 2");
    }

    // ---------------------------------------------------------------- return bombs

    function test_attack_returnBombOnRegistration_isNotCopied() public {
        uint256 baseline = _registrationGas(address(0), 7);
        ReturnBombRegistrar bomb = new ReturnBombRegistrar(HUGE, false);
        uint256 used = _registrationGas(address(bomb), SET_ID);

        vm.assertTrue(avsRegistry.isRegistered(operator1, _set(avs, SET_ID)), "accepted: the hook returned");
        // The hook pays for its own memory; copying the payload would cost the caller as much again.
        vm.assertLt(used, baseline + _memoryCost(HUGE) + 200_000, "the caller did not copy the payload");
    }

    function test_attack_revertBombOnRegistration_reasonTruncated_andNotCopied() public {
        uint256 baseline = _registrationGas(address(0), 7);
        ReturnBombRegistrar bomb = new ReturnBombRegistrar(HUGE, true);
        _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(bomb), address(0));

        uint256 gasBefore = gasleft();
        vm.prank(operator1);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory revertData) = address(avsRegistry).call(
            abi.encodeCall(IAVSRegistry.registerForOperatorSets, (avs, _setIds(SET_ID), ""))
        );
        uint256 used = gasBefore - gasleft();

        vm.assertFalse(ok, "rejected");
        bytes memory expectedReason = _bombPrefix(bomb, avsRegistry.MAX_REGISTRAR_REASON_BYTES());
        vm.assertEq(
            revertData,
            abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(bomb), expectedReason),
            "the first MAX_REGISTRAR_REASON_BYTES bytes of the payload"
        );
        vm.assertLt(used, baseline + _memoryCost(HUGE) + 200_000, "the caller did not copy the payload");
    }

    function test_attack_returnBombOnDeregistration_isNotCopied() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        _registerInSet(operator1, set);
        _registerInSet(operator1, otherSet);
        uint256 baseline = _deregistrationGas(otherSet);

        ReturnBombRegistrar bomb = new ReturnBombRegistrar(LARGE, false);
        vm.prank(avs);
        avsRegistry.setRegistrar(SET_ID, address(bomb));
        vm.recordLogs();
        uint256 used = _deregistrationGas(set);

        vm.assertFalse(avsRegistry.isRegistered(operator1, set), "left");
        vm.assertEq(
            _countLogs(vm.getRecordedLogs(), address(avsRegistry), IAVSRegistry.DeregistrationHookFailed.selector),
            0,
            "the hook returned its payload: it did not fail"
        );
        // At most the hook's allowance on top of a deregistration without hook; copying would add the payload's
        // memory a second time, beyond it.
        vm.assertLt(used, baseline + avsRegistry.DEREGISTRATION_HOOK_GAS() + 30_000, "the payload was not copied");
    }

    function test_attack_revertBombOnDeregistration_operatorStillLeaves() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        _registerInSet(operator1, set);
        _registerInSet(operator1, otherSet);
        uint256 baseline = _deregistrationGas(otherSet);

        ReturnBombRegistrar bomb = new ReturnBombRegistrar(LARGE, true);
        vm.prank(avs);
        avsRegistry.setRegistrar(SET_ID, address(bomb));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.DeregistrationHookFailed(operator1, avs, SET_ID, address(bomb));
        uint256 used = _deregistrationGas(set);

        vm.assertFalse(avsRegistry.isRegistered(operator1, set), "left");
        vm.assertLt(used, baseline + avsRegistry.DEREGISTRATION_HOOK_GAS() + 30_000, "the payload was not copied");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The other AVS's set still takes operator 1, and operator 1 still leaves it.
    function _assertOtherAVSUnaffected() internal {
        _registerInSet(operator1, otherSet);
        vm.assertTrue(avsRegistry.isRegistered(operator1, otherSet), "another AVS's registration works");
        _deregisterFromSet(operator1, otherSet);
        vm.assertFalse(avsRegistry.isRegistered(operator1, otherSet), "and its deregistration");
    }

    /// @dev Creates `avs`'s set `setId` with `registrar` and measures operator 1's registration in it.
    function _registrationGas(address registrar, uint32 setId) internal returns (uint256 used) {
        _createSet(avs, setId, _strategies(strategyA), slasher, registrar, address(0));
        uint256 gasBefore = gasleft();
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(setId), "");
        used = gasBefore - gasleft();
    }

    function _deregistrationGas(OperatorSet memory set) internal returns (uint256 used) {
        uint256 gasBefore = gasleft();
        vm.prank(operator1);
        avsRegistry.deregisterFromOperatorSets(operator1, set.avs, _setIds(set.id));
        used = gasBefore - gasleft();
    }

    /// @dev What holding `size` bytes of memory costs (EIP-150 memory expansion from nothing).
    function _memoryCost(uint256 size) internal pure returns (uint256) {
        uint256 words = (size + 31) / 32;
        return 3 * words + (words * words) / 512;
    }

    /// @dev `size` recognisable bytes: byte `i` is `i % 251`.
    function _pattern(uint256 size) internal pure returns (bytes memory data) {
        data = new bytes(size);
        for (uint256 i; i < size; ++i) data[i] = bytes1(uint8(i % 251));
    }

    /// @dev The first `size` bytes of `bomb`'s payload (a multiple of 32 within its pattern).
    function _bombPrefix(ReturnBombRegistrar bomb, uint256 size) internal view returns (bytes memory prefix) {
        for (uint256 i; i < size / 32; ++i) prefix = abi.encodePacked(prefix, bomb.patternWord(i));
    }
}
