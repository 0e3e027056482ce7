// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {RecordingRegistrar} from "../attacks/mocks/RecordingRegistrar.sol";
import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The AVS side of the AVSRegistry: registering an AVS, creating operator sets, changing their strategies
/// and registrar, scheduling a new slasher, and the views that report a set, each with its revert paths.
contract AVSRegistrySetsTest is AVSHelpers {
    address internal otherAVS;
    address internal newSlasher;
    RecordingRegistrar internal registrar;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        otherAVS = makeAddr("other avs");
        newSlasher = makeAddr("new slasher");
        registrar = new RecordingRegistrar();
        _registerAVS(avs);
    }

    // ---------------------------------------------------------------- constants and wiring

    function test_constants() public view {
        vm.assertEq(avsRegistry.PAUSE_REGISTRATION(), 0, "registration bit");
        vm.assertEq(avsRegistry.PAUSE_DEREGISTRATION(), 1, "deregistration bit");
        vm.assertEq(avsRegistry.validPauseFlags(), 3, "two pause bits, nothing else");
        vm.assertEq(avsRegistry.DEREGISTRATION_HOOK_GAS(), 100_000, "hook allowance");
        vm.assertEq(avsRegistry.MAX_REGISTRAR_REASON_BYTES(), 1024, "reason cap");
        vm.assertEq(avsRegistry.REGISTRATION_CONSENT_TYPEHASH(), CONSENT_TYPEHASH, "consent type hash");
        vm.assertEq(avsRegistry.operatorRegistry(), address(registry), "operator registry");
        vm.assertEq(avsRegistry.withdrawalQueue(), address(wq), "withdrawal queue");
    }

    function test_eip712Domain_isTheProxyOnThisChain() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying, , ) = avsRegistry
            .eip712Domain();
        vm.assertEq(bytes32(fields), bytes32(bytes1(0x0f)), "name, version, chain id, contract");
        vm.assertEq(name, AVS_REGISTRY_NAME, "name");
        vm.assertEq(version, AVS_REGISTRY_VERSION, "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifying, address(avsRegistry), "the proxy, not the implementation");
    }

    // ---------------------------------------------------------------- registerAVS

    function test_registerAVS_registersAndEmits() public {
        vm.assertFalse(avsRegistry.isAVS(otherAVS), "not yet");
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.AVSRegistered(otherAVS, "ipfs://other");
        vm.prank(otherAVS);
        avsRegistry.registerAVS("ipfs://other");
        vm.assertTrue(avsRegistry.isAVS(otherAVS), "registered");
    }

    function test_registerAVS_revertsWhen_alreadyRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.AVSAlreadyRegistered.selector, avs));
        vm.prank(avs);
        avsRegistry.registerAVS("ipfs://again");
    }

    // ---------------------------------------------------------------- updateAVSMetadataURI

    function test_updateAVSMetadataURI_emits() public {
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.AVSMetadataURIUpdated(avs, "ipfs://new");
        vm.prank(avs);
        avsRegistry.updateAVSMetadataURI("ipfs://new");
    }

    function test_updateAVSMetadataURI_revertsWhen_notAVS() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotAVS.selector, stranger));
        vm.prank(stranger);
        avsRegistry.updateAVSMetadataURI("ipfs://new");
    }

    // ---------------------------------------------------------------- createOperatorSet

    function test_createOperatorSet_storesTheConfigurationAndEmits() public {
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorSetCreated(avs, SET_ID, slasher, address(registrar), recipient);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyAddedToOperatorSet(avs, SET_ID, strategyA, 0);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyAddedToOperatorSet(avs, SET_ID, strategyB, 0);
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA, strategyB),
            slasher,
            address(registrar),
            recipient
        );

        vm.assertTrue(avsRegistry.operatorSetExists(set), "exists");
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, slasher, "slasher");
        vm.assertEq(info.pendingSlasher, address(0), "no slasher change");
        vm.assertEq(info.slasherEffectAt, 0, "no slasher change time");
        vm.assertEq(info.registrar, address(registrar), "registrar");
        vm.assertEq(info.redistributionRecipient, recipient, "recipient");
        vm.assertEq(info.strategyCount, 2, "two strategies");
        vm.assertEq(avsRegistry.operatorSetInfo(set).redistributionRecipient, recipient, "recipient view");
        vm.assertTrue(avsRegistry.isStrategyInSet(set, strategyA), "A in set");
        vm.assertTrue(avsRegistry.isStrategyInSet(set, strategyB), "B in set");
    }

    function test_createOperatorSet_burningSetWithoutRegistrar() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.registrar, address(0), "no registrar");
        vm.assertEq(info.redistributionRecipient, address(0), "burning");
        vm.assertEq(avsRegistry.operatorSetInfo(set).redistributionRecipient, address(0), "burning: recipient view");
        vm.assertEq(info.strategyCount, 1, "one strategy");
    }

    function test_createOperatorSet_withoutStrategies() public {
        OperatorSet memory set = _createSet(SET_ID, _noStrategies());
        vm.assertTrue(avsRegistry.operatorSetExists(set), "exists");
        vm.assertEq(avsRegistry.operatorSetInfo(set).strategyCount, 0, "no strategy");
    }

    function test_createOperatorSet_idsAreEachAVSsOwnNamespace() public {
        _registerAVS(otherAVS);
        OperatorSet memory mine = _createSet(SET_ID, _strategies(strategyA));
        OperatorSet memory theirs = _createSet(
            otherAVS,
            SET_ID,
            _strategies(strategyB),
            newSlasher,
            address(0),
            recipient
        );

        vm.assertEq(avsRegistry.operatorSetInfo(mine).slasher, slasher, "mine keeps its slasher");
        vm.assertEq(avsRegistry.operatorSetInfo(theirs).slasher, newSlasher, "theirs has its own");
        vm.assertTrue(avsRegistry.isStrategyInSet(mine, strategyA), "A in mine");
        vm.assertFalse(avsRegistry.isStrategyInSet(mine, strategyB), "B not in mine");
        vm.assertFalse(avsRegistry.isStrategyInSet(theirs, strategyA), "A not in theirs");
        vm.assertEq(avsRegistry.operatorSetInfo(mine).redistributionRecipient, address(0), "mine burns");
        vm.assertEq(avsRegistry.operatorSetInfo(theirs).redistributionRecipient, recipient, "theirs redistributes");
    }

    function test_createOperatorSet_largestId() public {
        OperatorSet memory set = _createSet(type(uint32).max, _strategies(strategyA));
        vm.assertTrue(avsRegistry.operatorSetExists(set), "the largest id works");
        vm.assertFalse(avsRegistry.operatorSetExists(_set(avs, 0)), "set 0 untouched");
    }

    function test_createOperatorSet_revertsWhen_notAVS() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotAVS.selector, stranger));
        vm.prank(stranger);
        avsRegistry.createOperatorSet(SET_ID, _strategies(strategyA), slasher, address(0), address(0));
    }

    function test_createOperatorSet_revertsWhen_setExists() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetAlreadyExists.selector, avs, SET_ID));
        vm.prank(avs);
        avsRegistry.createOperatorSet(SET_ID, _strategies(strategyB), newSlasher, address(0), address(0));
    }

    function test_createOperatorSet_revertsWhen_slasherIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidSlasher.selector));
        vm.prank(avs);
        avsRegistry.createOperatorSet(SET_ID, _strategies(strategyA), address(0), address(0), address(0));
    }

    function test_createOperatorSet_revertsWhen_strategyListedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyAlreadyInSet.selector, avs, SET_ID, strategyA));
        vm.prank(avs);
        avsRegistry.createOperatorSet(SET_ID, _strategies(strategyA, strategyA), slasher, address(0), address(0));
    }

    // ---------------------------------------------------------------- addStrategiesToOperatorSet

    function test_addStrategiesToOperatorSet_addsAndEmits() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyAddedToOperatorSet(avs, SET_ID, strategyB, 0);
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyB));
        vm.assertTrue(avsRegistry.isStrategyInSet(set, strategyB), "B added");
        vm.assertEq(avsRegistry.operatorSetInfo(set).strategyCount, 2, "count");
    }

    function test_addStrategiesToOperatorSet_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(9, _strategies(strategyA));
    }

    function test_addStrategiesToOperatorSet_revertsWhen_callerIsNotTheSetsAVS() public {
        _createSet(SET_ID, _strategies(strategyA));
        // Another account naming the same id addresses its own (inexistent) set, never this AVS's.
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, stranger, SET_ID));
        vm.prank(stranger);
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyB));
        vm.assertFalse(avsRegistry.isStrategyInSet(_set(avs, SET_ID), strategyB), "B not added");
    }

    function test_addStrategiesToOperatorSet_revertsWhen_strategyAlreadyInSet() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyAlreadyInSet.selector, avs, SET_ID, strategyA));
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyB, strategyA));
    }

    // ---------------------------------------------------------------- removeStrategiesFromOperatorSet

    function test_removeStrategiesFromOperatorSet_removesAndEmits() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA, strategyB));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyRemovedFromOperatorSet(avs, SET_ID, strategyA);
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyA));
        vm.assertFalse(avsRegistry.isStrategyInSet(set, strategyA), "A removed");
        vm.assertTrue(avsRegistry.isStrategyInSet(set, strategyB), "B stays");
        vm.assertEq(avsRegistry.operatorSetInfo(set).strategyCount, 1, "count");
    }

    function test_removeStrategiesFromOperatorSet_thenAddAgain() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        vm.startPrank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyA));
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyA));
        vm.stopPrank();
        vm.assertTrue(avsRegistry.isStrategyInSet(set, strategyA), "back in");
        vm.assertEq(avsRegistry.operatorSetInfo(set).strategyCount, 1, "counted once");
    }

    /// @dev Guarantee 9: operators' allocations to a removed strategy stay, so adding it back is an increase of
    /// exposure, slashable only after the notice; a strategy new to the set needs none.
    function test_addStrategiesToOperatorSet_addedBack_isSlashableOnlyAfterTheNotice() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        _registerOperator(operator1);
        _registerInSetAndWait(operator1, set);
        vm.startPrank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyA));
        uint48 from = uint48(block.timestamp + NOTICE);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyAddedToOperatorSet(avs, SET_ID, strategyA, from);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.StrategyAddedToOperatorSet(avs, SET_ID, strategyB, 0);
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategyA, strategyB));
        vm.stopPrank();

        (bool member, uint48 slashableFrom) = avsRegistry.strategyMembership(set, strategyA);
        vm.assertTrue(member, "A back in");
        vm.assertEq(slashableFrom, from, "A slashable after the notice");
        (member, slashableFrom) = avsRegistry.strategyMembership(set, strategyB);
        vm.assertTrue(member, "B in");
        vm.assertEq(slashableFrom, 0, "B slashable at once: new to the set");

        vm.warp(from - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.StrategyNotSlashableYet.selector, avs, SET_ID, strategyA, from)
        );
        avsRegistry.checkSlash(operator1, set, slasher, _strategies(strategyB, strategyA));
        vm.warp(from);
        avsRegistry.checkSlash(operator1, set, slasher, _strategies(strategyB, strategyA));
    }

    function test_removeStrategiesFromOperatorSet_revertsWhen_strategyNotInSet() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyB));
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyB));
    }

    function test_removeStrategiesFromOperatorSet_revertsWhen_strategyListedTwice() public {
        _createSet(SET_ID, _strategies(strategyA, strategyB));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyA));
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyA, strategyA));
    }

    function test_removeStrategiesFromOperatorSet_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(9, _strategies(strategyA));
    }

    // ---------------------------------------------------------------- setRegistrar

    function test_setRegistrar_setsAndEmits() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.RegistrarSet(avs, SET_ID, address(registrar));
        vm.prank(avs);
        avsRegistry.setRegistrar(SET_ID, address(registrar));
        vm.assertEq(avsRegistry.operatorSetInfo(set).registrar, address(registrar), "registrar");

        // The hook is called from now on.
        _registerOperator(operator1);
        _registerInSet(operator1, set);
        vm.assertEq(registrar.registrations(), 1, "hook called");
    }

    function test_setRegistrar_zeroRemovesTheHook() public {
        OperatorSet memory set = _createSet(
            avs,
            SET_ID,
            _strategies(strategyA),
            slasher,
            address(registrar),
            address(0)
        );
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.RegistrarSet(avs, SET_ID, address(0));
        vm.prank(avs);
        avsRegistry.setRegistrar(SET_ID, address(0));
        vm.assertEq(avsRegistry.operatorSetInfo(set).registrar, address(0), "no registrar");

        _registerOperator(operator1);
        _registerInSet(operator1, set);
        _deregisterFromSet(operator1, set);
        vm.assertEq(registrar.registrations(), 0, "not told of the registration");
        vm.assertEq(registrar.deregistrations(), 0, "not told of the deregistration");
    }

    function test_setRegistrar_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(avs);
        avsRegistry.setRegistrar(9, address(registrar));
    }

    // ---------------------------------------------------------------- scheduleSlasher

    function test_scheduleSlasher_takesEffectAfterTheNotice() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        // One second after a withdrawal queued now matures (guarantee 9).
        uint48 expected = uint48(block.timestamp + NOTICE);

        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.SlasherScheduled(avs, SET_ID, newSlasher, address(0), expected);
        uint48 effectAt = _scheduleSlasher(set, newSlasher);
        vm.assertEq(effectAt, expected, "now + withdrawal delay + 1");

        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, slasher, "old slasher in force");
        vm.assertEq(info.pendingSlasher, newSlasher, "new slasher pending");
        vm.assertEq(info.slasherEffectAt, effectAt, "pending until");

        vm.warp(effectAt - 1);
        info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, slasher, "old slasher in its last second");
        vm.assertEq(info.pendingSlasher, newSlasher, "still pending");

        vm.warp(effectAt);
        info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, newSlasher, "new slasher in force, with no transaction");
        vm.assertEq(info.pendingSlasher, address(0), "nothing pending");
        vm.assertEq(info.slasherEffectAt, 0, "no pending time");
    }

    function test_scheduleSlasher_secondScheduleReplacesAPendingOne() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        uint48 firstEffectAt = _scheduleSlasher(set, newSlasher);
        address third = makeAddr("third slasher");
        vm.warp(block.timestamp + 1 days);
        uint48 secondEffectAt = _scheduleSlasher(set, third);
        vm.assertEq(secondEffectAt, block.timestamp + NOTICE, "the notice starts again");

        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, slasher, "old slasher still in force");
        vm.assertEq(info.pendingSlasher, third, "the later schedule replaced the first");
        vm.assertEq(info.slasherEffectAt, secondEffectAt, "at the later time");

        // The first schedule's time passes without effect.
        vm.warp(firstEffectAt);
        vm.assertEq(avsRegistry.operatorSetInfo(set).slasher, slasher, "first schedule dropped");
        vm.warp(secondEffectAt);
        vm.assertEq(avsRegistry.operatorSetInfo(set).slasher, third, "second schedule in force");
    }

    function test_scheduleSlasher_afterAChangeTookEffect_keepsItInForceUntilTheNext() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        vm.warp(_scheduleSlasher(set, newSlasher));
        address third = makeAddr("third slasher");
        uint48 effectAt = _scheduleSlasher(set, third);

        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, newSlasher, "the change that took effect was written down");
        vm.assertEq(info.pendingSlasher, third, "the next one pending");
        vm.warp(effectAt);
        vm.assertEq(avsRegistry.operatorSetInfo(set).slasher, third, "then the next one");
    }

    function test_scheduleSlasher_usesTheWithdrawalDelayInForce() public {
        OperatorSet memory set = _createSet(SET_ID, _strategies(strategyA));
        vm.prank(owner);
        wq.setWithdrawalDelay(10 days);
        vm.assertEq(_scheduleSlasher(set, newSlasher), block.timestamp + 10 days + 1, "a longer delay at once");

        // A shorter delay glides in: until the windows promised under the longer one close, the notice ends with them.
        uint48 promised = uint48(block.timestamp + 10 days);
        vm.prank(owner);
        wq.setWithdrawalDelay(1 days);
        vm.assertEq(_scheduleSlasher(set, newSlasher), promised + 1, "not before the promised windows close");
        vm.warp(promised);
        vm.assertEq(_scheduleSlasher(set, newSlasher), block.timestamp + 1 days + 1, "the shorter delay in full");
    }

    function test_scheduleSlasher_movesARedistributingSetsRecipientWithTheSlasher() public {
        OperatorSet memory set = _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(0), recipient);
        address newRecipient = makeAddr("new recipient");
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.SlasherScheduled(avs, SET_ID, newSlasher, newRecipient, uint48(block.timestamp + NOTICE));
        vm.prank(avs);
        uint48 effectAt = avsRegistry.scheduleSlasher(SET_ID, newSlasher, newRecipient);

        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.redistributionRecipient, recipient, "old recipient in force");
        vm.assertEq(info.pendingRedistributionRecipient, newRecipient, "new recipient pending");
        vm.warp(effectAt);
        info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, newSlasher, "new slasher");
        vm.assertEq(info.redistributionRecipient, newRecipient, "new recipient, with it");
        vm.assertEq(info.pendingRedistributionRecipient, address(0), "nothing pending");

        // Written down when the next change is scheduled, and kept until that one takes effect.
        address third = makeAddr("third recipient");
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, slasher, third);
        info = avsRegistry.operatorSetInfo(set);
        vm.assertEq(info.slasher, newSlasher, "the change in force kept");
        vm.assertEq(info.redistributionRecipient, newRecipient, "its recipient kept");
    }

    function test_scheduleSlasher_revertsWhen_burningSetNamesARecipient() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.InvalidRedistributionRecipient.selector, avs, SET_ID, recipient, false)
        );
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, newSlasher, recipient);
    }

    function test_scheduleSlasher_revertsWhen_redistributingSetNamesNoRecipient() public {
        _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(0), recipient);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.InvalidRedistributionRecipient.selector, avs, SET_ID, address(0), true)
        );
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, newSlasher, address(0));
    }

    function test_scheduleSlasher_revertsWhen_slasherIsZero() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidSlasher.selector));
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, address(0), address(0));
    }

    function test_scheduleSlasher_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(avs);
        avsRegistry.scheduleSlasher(9, newSlasher, address(0));
    }

    function test_scheduleSlasher_revertsWhen_callerIsNotTheSetsAVS() public {
        _createSet(SET_ID, _strategies(strategyA));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, slasher, SET_ID));
        vm.prank(slasher);
        avsRegistry.scheduleSlasher(SET_ID, slasher, address(0));
    }

    // ---------------------------------------------------------------- views of unknown sets

    function test_views_ofAnUnknownSet() public view {
        OperatorSet memory unknown = _set(avs, 9);
        vm.assertFalse(avsRegistry.operatorSetExists(unknown), "does not exist");
        vm.assertFalse(avsRegistry.isStrategyInSet(unknown, strategyA), "holds nothing");
        vm.assertFalse(avsRegistry.isRegistered(operator1, unknown), "nobody registered");
        vm.assertFalse(avsRegistry.isSlashable(operator1, unknown), "nobody slashable");
        vm.assertEq(avsRegistry.slashableUntil(operator1, unknown), 0, "no window");
    }

    function test_operatorSetInfo_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        avsRegistry.operatorSetInfo(_set(avs, 9));
    }

    function test_isAVS_falseForStrangers() public view {
        vm.assertTrue(avsRegistry.isAVS(avs), "registered AVS");
        vm.assertFalse(avsRegistry.isAVS(stranger), "stranger");
    }
}
