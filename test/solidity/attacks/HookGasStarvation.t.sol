// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";
import {RecordingRegistrar} from "./mocks/RecordingRegistrar.sol";

/// @notice The attack: the caller of a deregistration (the operator, or the AVS ejecting it) sends just enough gas
/// for the deregistration to go through but not enough for the registrar hook to do its job, so that the AVS never
/// learns the operator left (its own books stay wrong, or its clean-up never runs). The defence: a deregistration
/// that calls a hook requires the hook's whole allowance (`InsufficientGasForHook`), so every outcome is either
/// "refused" or "the hook ran with its full `DEREGISTRATION_HOOK_GAS`". The tests sweep the caller's gas across
/// the boundary, 250 gas at a time, and check that no gas limit lands in between.
contract HookGasStarvationTest is AVSHelpers {
    /// @dev What the hook's entry point spends before it reads `gasleft()` (dispatch, argument decoding), with
    /// room to spare: a starved hook sees far less.
    uint256 internal constant HOOK_ENTRY_OVERHEAD = 2_000;

    RecordingRegistrar internal registrar;
    OperatorSet internal set1;
    uint256 internal hookGas;
    uint256 internal required;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        registrar = new RecordingRegistrar();
        _registerAVS(avs);
        set1 = _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(registrar), address(0));
        _registerOperator(operator1);
        _registerInSet(operator1, set1);
        hookGas = avsRegistry.DEREGISTRATION_HOOK_GAS();
        required = hookGas + hookGas / 63 + 10_000;
    }

    function test_attack_starvingTheHook_everyGasLimitIsRefusedOrFeedsTheHookInFull() public {
        uint256 refused;
        uint256 fed;
        for (uint256 gasLimit = 60_000; gasLimit <= 260_000; gasLimit += 250) {
            uint256 snapshot = vm.snapshotState();
            (bool ok, bytes memory data, bool hookFailed) = _deregisterWithGas(operator1, gasLimit);
            if (ok) {
                ++fed;
                vm.assertFalse(hookFailed, "a deregistration that went through did not starve its hook");
                vm.assertEq(registrar.deregistrations(), 1, "the hook ran");
                vm.assertGe(registrar.gasAtDeregistration(), hookGas - HOOK_ENTRY_OVERHEAD, "with its allowance");
            } else {
                ++refused;
                vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "still registered when refused");
                // Either the floor refused it, or the call ran out of gas after the hook (nothing was kept).
                if (data.length != 0) _assertInsufficientGasForHook(data);
            }
            vm.revertToState(snapshot);
        }
        vm.assertGt(refused, 0, "the sweep reached gas limits the floor refuses");
        vm.assertGt(fed, 0, "and gas limits that went through");
    }

    function test_attack_ejectionWithStarvingGas_isRefusedToo() public {
        vm.prank(avs);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(avsRegistry).call{gas: required}(
            abi.encodeCall(IAVSRegistry.deregisterFromOperatorSets, (operator1, avs, _setIds(SET_ID)))
        );
        vm.assertFalse(ok, "refused: the floor applies inside the call, after the proxy took its share");
        _assertInsufficientGasForHook(data);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "not ejected");
    }

    function test_control_enoughGas_feedsTheHookInFull() public {
        (bool ok, , bool hookFailed) = _deregisterWithGas(operator1, 1_000_000);
        vm.assertTrue(ok, "deregistered");
        vm.assertFalse(hookFailed, "no failure");
        vm.assertGe(registrar.gasAtDeregistration(), hookGas - HOOK_ENTRY_OVERHEAD, "the full allowance");
        vm.assertLe(registrar.gasAtDeregistration(), hookGas, "and no more");
    }

    // ---------------------------------------------------------------- helpers

    function _deregisterWithGas(
        address caller,
        uint256 gasLimit
    ) internal returns (bool ok, bytes memory data, bool hookFailed) {
        vm.recordLogs();
        vm.prank(caller);
        // solhint-disable-next-line avoid-low-level-calls
        (ok, data) = address(avsRegistry).call{gas: gasLimit}(
            abi.encodeCall(IAVSRegistry.deregisterFromOperatorSets, (operator1, avs, _setIds(SET_ID)))
        );
        Vm.Log[] memory logs = vm.getRecordedLogs();
        hookFailed = _countLogs(logs, address(avsRegistry), IAVSRegistry.DeregistrationHookFailed.selector) != 0;
    }

    function _assertInsufficientGasForHook(bytes memory data) internal view {
        vm.assertEq(bytes32(bytes4(data)), bytes32(IAVSRegistry.InsufficientGasForHook.selector), "the error");
        uint256 gasLeft;
        uint256 needed;
        assembly ("memory-safe") {
            gasLeft := mload(add(data, 0x24))
            needed := mload(add(data, 0x44))
        }
        vm.assertEq(needed, required, "required: allowance + 1/64 + overhead");
        vm.assertLt(gasLeft, needed, "below it");
    }
}
