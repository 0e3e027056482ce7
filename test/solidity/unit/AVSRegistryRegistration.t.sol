// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {RecordingRegistrar} from "../attacks/mocks/RecordingRegistrar.sol";
import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The operator side of the AVSRegistry: registering in sets by the operator's own transaction,
/// deregistering (by the operator, or ejected by the AVS), the registrar hook on both, the slashable window after
/// leaving, the pause bits, and the checks the allocation manager and the slashing coordinator rely on.
contract AVSRegistryRegistrationTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;
    uint256 internal constant REGISTRATION_FLAG = 1 << 0;
    uint256 internal constant DEREGISTRATION_FLAG = 1 << 1;

    RecordingRegistrar internal registrar;
    OperatorSet internal set1;
    OperatorSet internal set2;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        registrar = new RecordingRegistrar();
        _registerAVS(avs);
        set1 = _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(registrar), address(0));
        set2 = _createSet(SET_2, _strategies(strategyA, strategyB));
        _registerOperator(operator1);
    }

    // ---------------------------------------------------------------- registerForOperatorSets

    function test_registerForOperatorSets_registersInEverySetAndEmits() public {
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorRegisteredInSet(operator1, avs, SET_ID, uint48(block.timestamp + NOTICE));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorRegisteredInSet(operator1, avs, SET_2, uint48(block.timestamp + NOTICE));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");

        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "in set 1");
        vm.assertTrue(avsRegistry.isRegistered(operator1, set2), "in set 2");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), 0, "no window while registered");
        vm.assertFalse(avsRegistry.isRegistered(operator2, set1), "nobody else");
        // Guarantee 9: registering is an increase of exposure, slashable only after the notice.
        uint48 from = uint48(block.timestamp + NOTICE);
        vm.assertEq(avsRegistry.registration(operator1, set1).slashableFrom, from, "slashable from the notice's end");
        vm.assertFalse(avsRegistry.isSlashable(operator1, set1), "not slashable at once");
        vm.assertFalse(avsRegistry.isSlashableAt(operator1, set1, from - 1), "nor in the notice's last second");
        vm.assertTrue(avsRegistry.isSlashableAt(operator1, set1, from), "slashable from then on");
        vm.warp(from);
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "slashable in set 1");
        vm.assertTrue(avsRegistry.isSlashable(operator1, set2), "slashable in set 2");
    }

    function test_registerForOperatorSets_passesTheDataToTheRegistrar() public {
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID), "bls key");
        vm.assertEq(registrar.registrations(), 1, "told once");
        vm.assertEq(registrar.lastOperator(), operator1, "operator");
        vm.assertEq(registrar.lastAVS(), avs, "avs");
        vm.assertEq(registrar.lastSetId(), SET_ID, "set id");
        vm.assertEq(registrar.lastData(), bytes("bls key"), "data");
    }

    function test_registerForOperatorSets_setWithoutRegistrarCallsNoHook() public {
        _registerInSet(operator1, set2);
        vm.assertEq(registrar.registrations(), 0, "set 2 has no hook");
    }

    function test_registerForOperatorSets_againAfterTheWindowClosed() public {
        _registerInSetAndWait(operator1, set1);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertEq(until, block.timestamp + WITHDRAWAL_DELAY, "window");
        vm.warp(until);
        _registerInSet(operator1, set1);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "registered again");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), 0, "window gone while registered");
        vm.assertFalse(avsRegistry.isSlashable(operator1, set1), "not slashable before the new notice ends");
        vm.warp(block.timestamp + NOTICE);
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "slashable again");
    }

    /// @dev One window at a time: registering again while the last one is open would shorten it (the new
    /// registration's notice) or stretch it without notice.
    function test_registerForOperatorSets_revertsWhen_thePreviousWindowIsStillOpen() public {
        _registerInSetAndWait(operator1, set1);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAVSRegistry.PreviousRegistrationStillSlashable.selector,
                operator1,
                avs,
                SET_ID,
                until
            )
        );
        _registerInSet(operator1, set1);
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "the old window still runs");
    }

    /// @dev A registration left before its notice ended was slashable for no second outside its window.
    function test_deregisterFromOperatorSets_beforeTheNoticeEnded_neverSlashableOutsideTheWindow() public {
        _registerInSet(operator1, set1);
        uint48 from = avsRegistry.registration(operator1, set1).slashableFrom;
        vm.warp(block.timestamp + 1 days);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertFalse(avsRegistry.isSlashable(operator1, set1), "not slashable before its start");
        vm.assertTrue(avsRegistry.isSlashableAt(operator1, set1, from), "slashable at its start");
        vm.assertTrue(avsRegistry.isSlashableAt(operator1, set1, until - 1), "until its end");
        vm.assertFalse(avsRegistry.isSlashableAt(operator1, set1, until), "not after");
    }

    function test_registerForOperatorSets_revertsWhen_noSets() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NoOperatorSets.selector));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _noSetIds(), "");
    }

    function test_registerForOperatorSets_revertsWhen_notOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotOperator.selector, stranger));
        vm.prank(stranger);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID), "");
    }

    function test_registerForOperatorSets_revertsWhen_delegatedStakerIsNotAnOperator() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotOperator.selector, alice));
        vm.prank(alice);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID), "");
    }

    function test_registerForOperatorSets_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_2, 9), "");
        vm.assertFalse(avsRegistry.isRegistered(operator1, set2), "nothing registered: all or nothing");
    }

    function test_registerForOperatorSets_revertsWhen_avsIsNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, stranger, SET_ID));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(stranger, _setIds(SET_ID), "");
    }

    function test_registerForOperatorSets_revertsWhen_alreadyRegistered() public {
        _registerInSet(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.AlreadyRegisteredInSet.selector, operator1, avs, SET_ID));
        _registerInSet(operator1, set1);
    }

    function test_registerForOperatorSets_revertsWhen_setListedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.AlreadyRegisteredInSet.selector, operator1, avs, SET_2));
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_2, SET_2), "");
    }

    function test_registerForOperatorSets_revertsWhen_registrarRejects() public {
        bytes memory reason = abi.encodeWithSignature("Error(string)", "not on the allowlist");
        registrar.reject(reason);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), reason));
        _registerInSet(operator1, set1);
        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "not registered");
    }

    function test_registerForOperatorSets_revertsWhen_registrarRejectsWithoutReason() public {
        registrar.reject("");
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), ""));
        _registerInSet(operator1, set1);
    }

    function test_registerForOperatorSets_revertsWhen_paused() public {
        _pause(address(avsRegistry), REGISTRATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, avsRegistry.PAUSE_REGISTRATION()));
        _registerInSet(operator1, set1);

        _unpause(address(avsRegistry), REGISTRATION_FLAG);
        _registerInSet(operator1, set1);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "works once unpaused");
    }

    // ---------------------------------------------------------------- deregisterFromOperatorSets

    function test_deregisterFromOperatorSets_byTheOperator() public {
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
        uint48 until = uint48(block.timestamp + WITHDRAWAL_DELAY);

        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorDeregisteredFromSet(operator1, avs, SET_ID, until);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorDeregisteredFromSet(operator1, avs, SET_2, until);
        vm.prank(operator1);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID, SET_2));

        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "out of set 1");
        vm.assertFalse(avsRegistry.isRegistered(operator1, set2), "out of set 2");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), until, "set 1 window");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set2), until, "set 2 window");
        vm.assertEq(registrar.deregistrations(), 1, "set 1's hook told, set 2 has none");
        (address operator, uint32 setId, ) = registrar.deregistration();
        vm.assertEq(operator, operator1, "hook: operator");
        vm.assertEq(setId, SET_ID, "hook: set");
    }

    function test_deregisterFromOperatorSets_ejectedByTheAVS() public {
        _registerInSetAndWait(operator1, set1);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorDeregisteredFromSet(
            operator1,
            avs,
            SET_ID,
            uint48(block.timestamp + WITHDRAWAL_DELAY)
        );
        vm.prank(avs);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "ejected");
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "still slashable");
    }

    function test_deregisterFromOperatorSets_slashableForTheWithdrawalDelay() public {
        _registerInSetAndWait(operator1, set1);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "slashable right after");
        vm.warp(until - 1);
        vm.assertTrue(avsRegistry.isSlashable(operator1, set1), "slashable in the window's last second");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), until, "window unchanged");
        vm.warp(until);
        vm.assertFalse(avsRegistry.isSlashable(operator1, set1), "not at slashableUntil");
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), until, "the view still says when it ended");
    }

    function test_deregisterFromOperatorSets_hookFailureDoesNotBlock() public {
        _registerInSet(operator1, set1);
        registrar.failDeregistrations();
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.DeregistrationHookFailed(operator1, avs, SET_ID, address(registrar));
        _deregisterFromSet(operator1, set1);
        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "left anyway");
    }

    function test_deregisterFromOperatorSets_successfulHookEmitsNoFailure() public {
        _registerInSet(operator1, set1);
        vm.recordLogs();
        _deregisterFromSet(operator1, set1);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(
            _countLogs(logs, address(avsRegistry), IAVSRegistry.DeregistrationHookFailed.selector),
            0,
            "no failure reported"
        );
        vm.assertEq(registrar.deregistrations(), 1, "hook ran");
    }

    function test_deregisterFromOperatorSets_revertsWhen_callerIsNeitherOperatorNorAVS() public {
        _registerInSet(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.DeregistrationUnauthorized.selector, stranger, operator1));
        vm.prank(stranger);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
    }

    function test_deregisterFromOperatorSets_revertsWhen_slasherTriesToEject() public {
        _registerInSet(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.DeregistrationUnauthorized.selector, slasher, operator1));
        vm.prank(slasher);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
    }

    function test_deregisterFromOperatorSets_anotherAVSEjectsOnlyFromItsOwnSets() public {
        address otherAVS = makeAddr("other avs");
        _registerAVS(otherAVS);
        _registerInSet(operator1, set1);
        // Naming itself as the AVS, it can only address its own sets, where the operator is not registered.
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotRegisteredInSet.selector, operator1, otherAVS, SET_ID));
        vm.prank(otherAVS);
        avsRegistry.deregisterFromOperatorSets(operator1, otherAVS, _setIds(SET_ID));
        // Naming this AVS, it is neither the operator nor the AVS.
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.DeregistrationUnauthorized.selector, otherAVS, operator1));
        vm.prank(otherAVS);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_ID));
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "still registered");
    }

    function test_deregisterFromOperatorSets_revertsWhen_noSets() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NoOperatorSets.selector));
        vm.prank(operator1);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _noSetIds());
    }

    function test_deregisterFromOperatorSets_revertsWhen_notRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotRegisteredInSet.selector, operator1, avs, SET_ID));
        _deregisterFromSet(operator1, set1);
    }

    function test_deregisterFromOperatorSets_revertsWhen_deregisteredAlready() public {
        _registerInSet(operator1, set1);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotRegisteredInSet.selector, operator1, avs, SET_ID));
        _deregisterFromSet(operator1, set1);
        vm.assertEq(avsRegistry.slashableUntil(operator1, set1), until, "the window was not extended");
    }

    function test_deregisterFromOperatorSets_revertsWhen_setListedTwice() public {
        _registerInSet(operator1, set2);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotRegisteredInSet.selector, operator1, avs, SET_2));
        vm.prank(operator1);
        avsRegistry.deregisterFromOperatorSets(operator1, avs, _setIds(SET_2, SET_2));
    }

    function test_deregisterFromOperatorSets_revertsWhen_paused() public {
        _registerInSet(operator1, set1);
        _pause(address(avsRegistry), DEREGISTRATION_FLAG);
        vm.expectRevert(
            abi.encodeWithSelector(IPauseControl.ActionPaused.selector, avsRegistry.PAUSE_DEREGISTRATION())
        );
        _deregisterFromSet(operator1, set1);
    }

    function test_deregisterFromOperatorSets_revertsWhen_hookWouldBeStarvedOfGas() public {
        _registerInSet(operator1, set1);
        uint256 required = avsRegistry.DEREGISTRATION_HOOK_GAS() + avsRegistry.DEREGISTRATION_HOOK_GAS() / 63 + 10_000;
        vm.prank(operator1);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(avsRegistry).call{gas: 100_000}(
            abi.encodeCall(IAVSRegistry.deregisterFromOperatorSets, (operator1, avs, _setIds(SET_ID)))
        );
        vm.assertFalse(ok, "refused");
        vm.assertEq(bytes32(bytes4(data)), bytes32(IAVSRegistry.InsufficientGasForHook.selector), "the error");
        (uint256 gasLeft, uint256 needed) = _decodeGasError(data);
        vm.assertEq(needed, required, "required: the allowance, the 1/64 kept back and the call's overhead");
        vm.assertLt(gasLeft, needed, "gas left below it");
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "still registered");
    }

    function test_deregisterFromOperatorSets_noGasFloorWithoutRegistrar() public {
        _registerInSet(operator1, set2);
        vm.prank(operator1);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(avsRegistry).call{gas: 100_000}(
            abi.encodeCall(IAVSRegistry.deregisterFromOperatorSets, (operator1, avs, _setIds(SET_2)))
        );
        vm.assertTrue(ok, "no hook, no floor");
        vm.assertFalse(avsRegistry.isRegistered(operator1, set2), "deregistered");
    }

    // ---------------------------------------------------------------- the two pause bits are independent

    function test_pause_registrationNeverBlocksDeregistration() public {
        _registerInSet(operator1, set1);
        _pause(address(avsRegistry), REGISTRATION_FLAG);
        _deregisterFromSet(operator1, set1);
        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "left during a registration pause");
    }

    function test_pause_deregistrationNeverBlocksRegistration() public {
        _pause(address(avsRegistry), DEREGISTRATION_FLAG);
        _registerInSet(operator1, set1);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "joined during a deregistration pause");
    }

    function test_pause_revertsWhen_unknownFlag() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, 1 << 2, 3));
        vm.prank(pauser);
        avsRegistry.pause(1 << 2);
    }

    // ---------------------------------------------------------------- checkSlash

    function test_checkSlash_passesForTheSlasher_andTheCoordinatorKnowsWhereFundsGo() public {
        address redistributing = makeAddr("redistributing avs");
        _registerAVS(redistributing);
        OperatorSet memory paying = _createSet(
            redistributing,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(0),
            recipient
        );
        _registerInSet(operator1, set1);
        _registerInSetAndWait(operator1, paying);

        vm.assertEq(avsRegistry.checkSlash(operator1, set1, slasher, _strategies(strategyA)), address(0), "burned");
        vm.assertEq(avsRegistry.checkSlash(operator1, paying, slasher, _strategies(strategyA)), recipient, "paid");
    }

    function test_checkSlash_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        avsRegistry.checkSlash(operator1, _set(avs, 9), slasher, _strategies(strategyA));
    }

    function test_checkSlash_revertsWhen_callerIsNotTheSlasher() public {
        _registerInSet(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, avs, avs, SET_ID, slasher));
        avsRegistry.checkSlash(operator1, set1, avs, _strategies(strategyA));
    }

    function test_checkSlash_revertsWhen_operatorNotSlashable() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        avsRegistry.checkSlash(operator1, set1, slasher, _strategies(strategyA));
    }

    function test_checkSlash_revertsWhen_operatorRegisteredWithinTheNotice() public {
        _registerInSet(operator1, set1);
        vm.warp(block.timestamp + NOTICE - 1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        avsRegistry.checkSlash(operator1, set1, slasher, _strategies(strategyA));
    }

    function test_checkSlash_revertsWhen_strategyNotInSet() public {
        _registerInSetAndWait(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyB));
        avsRegistry.checkSlash(operator1, set1, slasher, _strategies(strategyA, strategyB));
    }

    function test_checkSlash_followsTheScheduledSlasher() public {
        _registerInSet(operator1, set1);
        address newSlasher = makeAddr("new slasher");
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        vm.warp(effectAt);
        avsRegistry.checkSlash(operator1, set1, newSlasher, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, slasher, avs, SET_ID, newSlasher));
        avsRegistry.checkSlash(operator1, set1, slasher, _strategies(strategyA));
    }

    // ---------------------------------------------------------------- checkAllocation

    function test_checkAllocation_reportsSlashability() public {
        vm.assertFalse(_slashableForAllocation(operator1, set1, _strategies(strategyA)), "never registered");
        _registerInSet(operator1, set1);
        vm.assertFalse(_slashableForAllocation(operator1, set1, _strategies(strategyA)), "registered, in the notice");
        vm.warp(block.timestamp + NOTICE);
        vm.assertTrue(_slashableForAllocation(operator1, set1, _strategies(strategyA)), "registered");
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertTrue(_slashableForAllocation(operator1, set1, _strategies(strategyA)), "in the window");
        vm.warp(until);
        vm.assertFalse(_slashableForAllocation(operator1, set1, _strategies(strategyA)), "after the window");
        vm.assertFalse(_slashableForAllocation(operator1, set1, _noStrategies()), "no strategy to check");
    }

    function test_checkAllocation_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        avsRegistry.checkAllocation(operator1, _set(avs, 9), _noStrategies());
    }

    function test_checkAllocation_revertsWhen_strategyNotInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyB));
        avsRegistry.checkAllocation(operator1, set1, _strategies(strategyB));
    }

    // ---------------------------------------------------------------- helpers

    function _decodeGasError(bytes memory data) internal pure returns (uint256 gasLeft, uint256 required) {
        assembly ("memory-safe") {
            gasLeft := mload(add(data, 0x24))
            required := mload(add(data, 0x44))
        }
    }
}
