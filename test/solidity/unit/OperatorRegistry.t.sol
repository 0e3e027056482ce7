// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {OperatorRegistry} from "../../../contracts/delegation/OperatorRegistry.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {RegistryHelpers} from "../utils/RegistryHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The operator side of the registry: registration, operator ids, metadata, approvers, views, governance
/// and initialisation. Delegation itself is in `OperatorRegistryDelegation.t.sol`.
contract OperatorRegistryTest is RegistryHelpers {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    /// @dev Found off-line: the first two addresses `COLLISION_BASE + i` whose hashed ids are equal (0xf6979c0e).
    address internal constant COLLIDING_FIRST = 0xc0111de000000000000000000000000000001F51; // base + 8017
    address internal constant COLLIDING_SECOND = 0xC0111de000000000000000000000000000004506; // base + 17670
    uint32 internal constant COLLIDING_ID = 0xf6979c0e;
    /// @dev Found off-line: an address whose hashed id is 60 below 2^32, so that a run of taken ids wraps past it.
    address internal constant NEAR_TOP = 0xc0111De0000000000000000000000000011461c3; // base + 18112963
    uint32 internal constant NEAR_TOP_ID = 0xffffffc4;

    string internal constant URI = "https://operator.example/metadata.json";
    uint32 internal constant DELAY = 3 days;

    address internal operator;
    address internal alice;
    address internal stranger;
    address internal approver;

    function setUp() public override {
        super.setUp();
        operator = makeAddr("operator");
        alice = makeAddr("alice");
        stranger = makeAddr("stranger");
        approver = makeAddr("approver");
        vm.warp(1_700_000_000);
    }

    // ---------------------------------------------------------------- registerAsOperator

    function test_registerAsOperator_storesRecordAndDelegatesOperatorToItself() public {
        vm.prank(operator);
        uint32 id = registry.registerAsOperator(approver, DELAY, URI);

        vm.assertEq(id, _hashedId(operator), "id derived from the address");
        IOperatorRegistry.OperatorRecord memory record = registry.operatorRecord(id);
        vm.assertEq(record.operator, operator, "record operator");
        vm.assertEq(record.allocationDelay, DELAY, "record allocation delay");
        vm.assertEq(record.registeredAt, 1_700_000_000, "record registration time");
        vm.assertTrue(record.hasApprover, "record has approver");
        vm.assertTrue(registry.isOperator(operator), "is operator");
        vm.assertEq(registry.operatorId(operator), id, "operatorId view");
        vm.assertEq(registry.delegationApprover(operator), approver, "approver view");
        vm.assertEq(registry.delegatedTo(operator), operator, "delegated to itself");
        vm.assertEq(sm.delegatedOperatorId(operator), id, "the manager's header carries the id");
    }

    function test_registerAsOperator_emitsOperatorRegisteredWithMetadataURI() public {
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.OperatorRegistered(operator, _hashedId(operator), approver, DELAY, URI);
        vm.prank(operator);
        registry.registerAsOperator(approver, DELAY, URI);
    }

    /// @dev The interface promises that self-delegation at registration emits no `StakerDelegated`.
    function test_registerAsOperator_emitsNoStakerDelegated() public {
        vm.recordLogs();
        _registerOperator(operator);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(
            _countLogs(logs, address(registry), IOperatorRegistry.StakerDelegated.selector),
            0,
            "no StakerDelegated"
        );
        vm.assertEq(
            _countLogs(logs, address(registry), IOperatorRegistry.OperatorRegistered.selector),
            1,
            "one OperatorRegistered"
        );
    }

    function test_registerAsOperator_withoutApprover_recordsNone() public {
        uint32 id = _registerOperator(operator);
        vm.assertFalse(registry.operatorRecord(id).hasApprover, "no approver flag");
        vm.assertEq(registry.delegationApprover(operator), address(0), "no approver");
    }

    function test_registerAsOperator_bringsExistingDepositsIntoOwnStake() public {
        uint256 sharesA = _deposit(operator, strategyA, 10e18);
        uint256 sharesB = _deposit(operator, strategyB, 4e18);
        uint32 expectedId = _hashedId(operator);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(expectedId, strategyA, 10e21);
        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(expectedId, strategyB, 4e21);
        uint32 id = _registerOperator(operator);

        vm.assertEq(id, expectedId, "id");
        (uint256 scaledA, uint256 stakeA) = sm.operatorStake(id, strategyA);
        (uint256 scaledB, uint256 stakeB) = sm.operatorStake(id, strategyB);
        vm.assertEq(sharesA, 10e21, "shares minted in A");
        vm.assertEq(scaledA, sharesA, "scaled stake in A");
        vm.assertEq(stakeA, sharesA, "stake in A");
        vm.assertEq(scaledB, sharesB, "scaled stake in B");
        vm.assertEq(stakeB, sharesB, "stake in B");

        // The positions now carry the operator's id: its slashing factor reaches them.
        sm.setMagnitudeLost(id, strategyA, 0.25e18);
        vm.assertEq(sm.withdrawableShares(operator, strategyA), 7.5e21, "own position slashed with the operator");
        vm.assertEq(sm.withdrawableShares(operator, strategyB), sharesB, "other strategy untouched");
    }

    function test_registerAsOperator_acceptsDelaysAtBothBounds() public {
        address second = makeAddr("second");
        vm.prank(operator);
        uint32 low = registry.registerAsOperator(address(0), MIN_ALLOCATION_DELAY, URI);
        vm.prank(second);
        uint32 high = registry.registerAsOperator(address(0), MAX_ALLOCATION_DELAY, URI);
        vm.assertEq(registry.operatorRecord(low).allocationDelay, MIN_ALLOCATION_DELAY, "minimum delay");
        vm.assertEq(registry.operatorRecord(high).allocationDelay, MAX_ALLOCATION_DELAY, "maximum delay");
    }

    function test_registerAsOperator_revertsWhen_delayBelowMinimum() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.AllocationDelayOutOfBounds.selector,
                MIN_ALLOCATION_DELAY - 1,
                MIN_ALLOCATION_DELAY,
                MAX_ALLOCATION_DELAY
            )
        );
        vm.prank(operator);
        registry.registerAsOperator(address(0), MIN_ALLOCATION_DELAY - 1, URI);
    }

    function test_registerAsOperator_revertsWhen_delayAboveMaximum() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.AllocationDelayOutOfBounds.selector,
                MAX_ALLOCATION_DELAY + 1,
                MIN_ALLOCATION_DELAY,
                MAX_ALLOCATION_DELAY
            )
        );
        vm.prank(operator);
        registry.registerAsOperator(address(0), MAX_ALLOCATION_DELAY + 1, URI);
    }

    function test_registerAsOperator_revertsWhen_alreadyOperator() public {
        _registerOperator(operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.AlreadyOperator.selector, operator));
        vm.prank(operator);
        registry.registerAsOperator(address(0), DELAY, URI);
    }

    /// @dev A staker must leave its operator first: its stake cannot turn into an operator's own stake directly.
    function test_registerAsOperator_revertsWhen_callerIsDelegatedStaker() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.AlreadyDelegated.selector, alice, operator));
        vm.prank(alice);
        registry.registerAsOperator(address(0), DELAY, URI);
    }

    /// @dev The delay check comes after the "already registered" checks: the error names the real problem.
    function test_registerAsOperator_revertsWith_alreadyOperatorBeforeDelayCheck() public {
        _registerOperator(operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.AlreadyOperator.selector, operator));
        vm.prank(operator);
        registry.registerAsOperator(address(0), MAX_ALLOCATION_DELAY + 1, URI);
    }

    function test_registerAsOperator_revertsWhen_registrationPaused() public {
        _pauseRegistry(REGISTRATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_REGISTRATION()));
        vm.prank(operator);
        registry.registerAsOperator(address(0), DELAY, URI);
    }

    /// @dev Registration delegates through the manager directly, not through the paused `delegate` entry point.
    function test_registerAsOperator_worksWhileDelegationAndUndelegationPaused() public {
        _pauseRegistry(DELEGATION_FLAG | UNDELEGATION_FLAG);
        uint32 id = _registerOperator(operator);
        vm.assertEq(sm.delegatedOperatorId(operator), id, "registered and self-delegated");
    }

    function test_registerAsOperator_worksAgainAfterUnpause() public {
        _pauseRegistry(REGISTRATION_FLAG);
        vm.prank(owner);
        registry.unpause(REGISTRATION_FLAG);
        vm.assertFalse(registry.isOperator(operator), "not registered while paused");
        _registerOperator(operator);
        vm.assertTrue(registry.isOperator(operator), "registered after unpause");
    }

    /// @dev A former staker who left its operator is a fresh account: it can register, with its positions gone
    /// into the withdrawal queue.
    function test_registerAsOperator_worksAfterUndelegating() public {
        _registerOperator(operator);
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        _undelegate(alice, alice);

        uint32 id = _registerOperator(alice);
        vm.assertEq(registry.operatorId(alice), id, "alice is an operator");
        (uint256 scaled, ) = sm.operatorStake(id, strategyA);
        vm.assertEq(scaled, 0, "her old position is in the queue, not in her stake");
    }

    // ---------------------------------------------------------------- operator ids

    function test_operatorId_isHashedAddressNonZeroAndDistinct() public {
        address second = makeAddr("second");
        address third = makeAddr("third");
        uint32 a = _registerOperator(operator);
        uint32 b = _registerOperator(second);
        uint32 c = _registerOperator(third);
        vm.assertEq(a, _hashedId(operator), "first id");
        vm.assertEq(b, _hashedId(second), "second id");
        vm.assertEq(c, _hashedId(third), "third id");
        vm.assertNotEq(a, 0, "first non-zero");
        vm.assertNotEq(b, 0, "second non-zero");
        vm.assertNotEq(c, 0, "third non-zero");
        vm.assertNotEq(a, b, "first and second differ");
        vm.assertNotEq(b, c, "second and third differ");
        vm.assertNotEq(a, c, "first and third differ");
    }

    function test_operatorId_isStableAcrossLaterActivity() public {
        uint32 id = _registerOperator(operator);
        vm.warp(block.timestamp + 365 days);
        _registerOperator(makeAddr("later"));
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        vm.prank(operator);
        registry.setDelegationApprover(approver);
        vm.assertEq(registry.operatorId(operator), id, "same id");
        vm.assertEq(registry.operatorRecord(id).operator, operator, "same record");
        vm.assertEq(registry.operatorRecord(id).registeredAt, 1_700_000_000, "registration time kept");
    }

    /// @dev Two real addresses whose hashed ids collide: the later registrant takes the next id.
    function test_registerAsOperator_collidingAddresses_secondTakesNextId() public {
        vm.assertEq(_hashedId(COLLIDING_FIRST), COLLIDING_ID, "first hashes to the id");
        vm.assertEq(_hashedId(COLLIDING_SECOND), COLLIDING_ID, "second hashes to the same id");

        uint32 first = _registerOperator(COLLIDING_FIRST);
        uint32 second = _registerOperator(COLLIDING_SECOND);

        vm.assertEq(first, COLLIDING_ID, "first keeps the hashed id");
        vm.assertEq(second, COLLIDING_ID + 1, "second takes the next");
        vm.assertEq(registry.operatorRecord(first).operator, COLLIDING_FIRST, "first record intact");
        vm.assertEq(registry.operatorRecord(second).operator, COLLIDING_SECOND, "second record");
        vm.assertEq(registry.operatorId(COLLIDING_FIRST), first, "first's id view");
        vm.assertEq(registry.operatorId(COLLIDING_SECOND), second, "second's id view");
    }

    /// @dev Stakes of colliding operators stay apart: they are keyed by id, and the ids differ.
    function test_registerAsOperator_collidingAddresses_keepSeparateStakes() public {
        uint32 first = _registerOperator(COLLIDING_FIRST);
        uint32 second = _registerOperator(COLLIDING_SECOND);
        _deposit(alice, strategyA, 2e18);
        _delegate(alice, COLLIDING_SECOND);
        (uint256 firstStake, ) = sm.operatorStake(first, strategyA);
        (uint256 secondStake, ) = sm.operatorStake(second, strategyA);
        vm.assertEq(firstStake, 0, "first operator has none of it");
        vm.assertEq(secondStake, 2e21, "second operator has it all");
        vm.assertEq(registry.delegatedTo(alice), COLLIDING_SECOND, "delegated to the second");
    }

    /// @dev Occupies the hashed id and the next one by writing their records: registration skips both.
    function test_registerAsOperator_takenIds_skipToNextFree() public {
        uint32 hashed = _hashedId(operator);
        _occupyId(hashed, makeAddr("occupant0"));
        _occupyId(hashed + 1, makeAddr("occupant1"));
        vm.assertEq(registry.operatorRecord(hashed).operator, makeAddr("occupant0"), "slot layout as computed");

        uint32 id = _registerOperator(operator);
        vm.assertEq(id, hashed + 2, "first free id after the run");
        vm.assertEq(registry.operatorRecord(hashed).operator, makeAddr("occupant0"), "occupant left in place");
        vm.assertEq(registry.operatorRecord(id).operator, operator, "record written at the free id");
    }

    /// @dev A run of taken ids up to 2^32 - 1 wraps around; id 0 (which means "not delegated") is skipped.
    function test_registerAsOperator_idWrapsPastMaximumAndSkipsZero() public {
        vm.assertEq(_hashedId(NEAR_TOP), NEAR_TOP_ID, "hashed id near the top");
        address occupant = makeAddr("occupant");
        for (uint256 id = NEAR_TOP_ID; id <= type(uint32).max; ++id) {
            _occupyId(uint32(id), occupant);
        }

        uint32 assigned = _registerOperator(NEAR_TOP);
        vm.assertEq(assigned, 1, "wrapped to 1, skipping 0");
        vm.assertEq(registry.operatorRecord(0).operator, address(0), "id 0 never used");
        vm.assertEq(registry.operatorId(NEAR_TOP), 1, "id view");
        vm.assertTrue(registry.isOperator(NEAR_TOP), "is operator");
    }

    // ---------------------------------------------------------------- updateOperatorMetadataURI

    function test_updateOperatorMetadataURI_emitsNewURI() public {
        _registerOperator(operator);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.OperatorMetadataURIUpdated(operator, "ipfs://new");
        vm.prank(operator);
        registry.updateOperatorMetadataURI("ipfs://new");
    }

    function test_updateOperatorMetadataURI_revertsWhen_callerNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        vm.prank(stranger);
        registry.updateOperatorMetadataURI("ipfs://new");
    }

    /// @dev A delegated staker has an operator id in its header, but the id's record names another address.
    function test_updateOperatorMetadataURI_revertsWhen_callerIsDelegatedStaker() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, alice));
        vm.prank(alice);
        registry.updateOperatorMetadataURI("ipfs://new");
    }

    // ---------------------------------------------------------------- setDelegationApprover

    function test_setDelegationApprover_setsApproverAndEmits() public {
        uint32 id = _registerOperator(operator);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.DelegationApproverSet(operator, approver);
        vm.prank(operator);
        registry.setDelegationApprover(approver);

        vm.assertTrue(registry.operatorRecord(id).hasApprover, "record flag set");
        vm.assertEq(registry.delegationApprover(operator), approver, "approver view");
    }

    function test_setDelegationApprover_toZeroClearsApprover() public {
        uint32 id = _registerOperator(operator, approver);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.DelegationApproverSet(operator, address(0));
        vm.prank(operator);
        registry.setDelegationApprover(address(0));

        vm.assertFalse(registry.operatorRecord(id).hasApprover, "record flag cleared");
        vm.assertEq(registry.delegationApprover(operator), address(0), "no approver");
    }

    function test_setDelegationApprover_keepsRestOfRecord() public {
        vm.prank(operator);
        uint32 id = registry.registerAsOperator(address(0), DELAY, URI);
        vm.warp(block.timestamp + 1 days);
        vm.prank(operator);
        registry.setDelegationApprover(approver);
        IOperatorRegistry.OperatorRecord memory record = registry.operatorRecord(id);
        vm.assertEq(record.operator, operator, "operator kept");
        vm.assertEq(record.allocationDelay, DELAY, "delay kept");
        vm.assertEq(record.registeredAt, 1_700_000_000, "registration time kept");
    }

    function test_setDelegationApprover_revertsWhen_callerNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        vm.prank(stranger);
        registry.setDelegationApprover(approver);
    }

    function test_setDelegationApprover_revertsWhen_callerIsDelegatedStaker() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, alice));
        vm.prank(alice);
        registry.setDelegationApprover(alice);
    }

    // ---------------------------------------------------------------- views

    function test_isOperator_falseForStrangerDelegatedStakerAndZeroAddress() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.assertTrue(registry.isOperator(operator), "operator");
        vm.assertFalse(registry.isOperator(alice), "delegated staker");
        vm.assertFalse(registry.isOperator(stranger), "stranger");
        vm.assertFalse(registry.isOperator(address(0)), "zero address");
    }

    function test_operatorId_revertsWhen_stranger() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        registry.operatorId(stranger);
    }

    function test_operatorId_revertsWhen_delegatedStaker() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, alice));
        registry.operatorId(alice);
    }

    function test_operatorRecord_ofUnusedIdIsEmpty() public {
        uint32 id = _registerOperator(operator);
        IOperatorRegistry.OperatorRecord memory none = registry.operatorRecord(id + 1);
        vm.assertEq(none.operator, address(0), "operator");
        vm.assertEq(none.allocationDelay, 0, "delay");
        vm.assertEq(none.registeredAt, 0, "registration time");
        vm.assertFalse(none.hasApprover, "approver flag");
        vm.assertEq(registry.operatorRecord(0).operator, address(0), "id 0");
    }

    /// @dev A staker's header points at its operator's record, which has an approver; the staker has none.
    function test_delegationApprover_zeroForDelegatedStakerAndStranger() public {
        _registerOperator(operator, approver);
        vm.prank(approver);
        registry.delegate(operator, _noSignature(), bytes32(0));
        vm.assertEq(registry.delegationApprover(approver), address(0), "the approver, as a delegated staker");
        vm.assertEq(registry.delegationApprover(stranger), address(0), "stranger");
        vm.assertEq(registry.delegationApprover(operator), approver, "the operator's");
    }

    function test_delegatedTo_followsDelegationAndUndelegation() public {
        _registerOperator(operator);
        vm.assertEq(registry.delegatedTo(alice), address(0), "not delegated yet");
        _delegate(alice, operator);
        vm.assertEq(registry.delegatedTo(alice), operator, "delegated");
        vm.prank(alice);
        registry.undelegate(alice);
        vm.assertEq(registry.delegatedTo(alice), address(0), "undelegated");
        vm.assertEq(registry.delegatedTo(operator), operator, "operator to itself");
    }

    function test_isApproverSaltSpent_falseForUnusedSalt() public view {
        vm.assertFalse(registry.isApproverSaltSpent(approver, bytes32(0)), "zero salt");
        vm.assertFalse(registry.isApproverSaltSpent(approver, keccak256("salt")), "any salt");
    }

    function test_delegationApprovalDigest_matchesEIP712Formula() public {
        bytes32 salt = keccak256("salt");
        uint256 expiry = block.timestamp + 1 days;
        bytes32 expected = _approvalDigest(address(registry), block.chainid, alice, operator, salt, expiry);
        vm.assertEq(registry.delegationApprovalDigest(alice, operator, salt, expiry), expected, "digest");
        vm.assertEq(
            registry.domainSeparator(),
            _registryDomainSeparator(address(registry), block.chainid),
            "domain separator"
        );
        vm.assertEq(registry.DELEGATION_APPROVAL_TYPEHASH(), APPROVAL_TYPEHASH, "type hash");

        // The chain id is read at call time, not cached.
        vm.chainId(block.chainid + 5);
        vm.assertEq(
            registry.delegationApprovalDigest(alice, operator, salt, expiry),
            _approvalDigest(address(registry), block.chainid, alice, operator, salt, expiry),
            "digest on another chain"
        );
    }

    function test_delegationApprovalDigest_bindsEveryField() public view {
        bytes32 salt = keccak256("salt");
        uint256 expiry = 1_800_000_000;
        bytes32 base = registry.delegationApprovalDigest(alice, operator, salt, expiry);
        vm.assertNotEq(
            uint256(base),
            uint256(registry.delegationApprovalDigest(stranger, operator, salt, expiry)),
            "staker"
        );
        vm.assertNotEq(
            uint256(base),
            uint256(registry.delegationApprovalDigest(alice, stranger, salt, expiry)),
            "operator"
        );
        vm.assertNotEq(
            uint256(base),
            uint256(registry.delegationApprovalDigest(alice, operator, bytes32(0), expiry)),
            "salt"
        );
        vm.assertNotEq(
            uint256(base),
            uint256(registry.delegationApprovalDigest(alice, operator, salt, expiry + 1)),
            "expiry"
        );
    }

    function test_eip712Domain_publishesRegistryDomain() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            ,

        ) = registry.eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f, "fields");
        vm.assertEq(name, REGISTRY_NAME, "name");
        vm.assertEq(version, REGISTRY_VERSION, "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(registry), "the proxy");
    }

    function test_constantsAndWiring() public view {
        vm.assertEq(registry.MAX_ALLOCATION_DELAY(), 30 days, "hard delay limit");
        vm.assertEq(uint256(1) << registry.PAUSE_REGISTRATION(), REGISTRATION_FLAG, "registration bit");
        vm.assertEq(uint256(1) << registry.PAUSE_DELEGATION(), DELEGATION_FLAG, "delegation bit");
        vm.assertEq(uint256(1) << registry.PAUSE_UNDELEGATION(), UNDELEGATION_FLAG, "undelegation bit");
        vm.assertEq(
            registry.validPauseFlags(),
            REGISTRATION_FLAG | DELEGATION_FLAG | UNDELEGATION_FLAG,
            "valid pause flags"
        );
        vm.assertEq(registry.strategyManager(), address(sm), "strategy manager");
        vm.assertEq(registry.withdrawalQueue(), address(wq), "withdrawal queue");
        (uint32 min, uint32 max) = registry.allocationDelayBounds();
        vm.assertEq(min, MIN_ALLOCATION_DELAY, "minimum delay");
        vm.assertEq(max, MAX_ALLOCATION_DELAY, "maximum delay");
    }

    // ---------------------------------------------------------------- setAllocationDelayBounds

    function test_setAllocationDelayBounds_setsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.AllocationDelayBoundsSet(1 hours, 2 days);
        vm.prank(owner);
        registry.setAllocationDelayBounds(1 hours, 2 days);
        (uint32 min, uint32 max) = registry.allocationDelayBounds();
        vm.assertEq(min, 1 hours, "minimum");
        vm.assertEq(max, 2 days, "maximum");
    }

    function test_setAllocationDelayBounds_acceptsEqualBoundsAtHardLimit() public {
        vm.prank(owner);
        registry.setAllocationDelayBounds(30 days, 30 days);
        vm.prank(operator);
        registry.registerAsOperator(address(0), 30 days, URI);
        vm.assertEq(registry.operatorRecord(_hashedId(operator)).allocationDelay, 30 days, "30 days allowed");
    }

    function test_setAllocationDelayBounds_acceptsZeroMinimum() public {
        vm.prank(owner);
        registry.setAllocationDelayBounds(0, 0);
        vm.prank(operator);
        registry.registerAsOperator(address(0), 0, URI);
        vm.assertEq(registry.operatorRecord(_hashedId(operator)).allocationDelay, 0, "zero delay allowed");
    }

    function test_setAllocationDelayBounds_newBoundsApplyToLaterRegistrationsOnly() public {
        vm.prank(operator);
        uint32 id = registry.registerAsOperator(address(0), MIN_ALLOCATION_DELAY, URI);
        vm.prank(owner);
        registry.setAllocationDelayBounds(1 days, 2 days);

        vm.assertEq(registry.operatorRecord(id).allocationDelay, MIN_ALLOCATION_DELAY, "earlier operator keeps it");
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.AllocationDelayOutOfBounds.selector,
                MIN_ALLOCATION_DELAY,
                1 days,
                2 days
            )
        );
        vm.prank(stranger);
        registry.registerAsOperator(address(0), MIN_ALLOCATION_DELAY, URI);
    }

    function test_setAllocationDelayBounds_revertsWhen_minimumAboveMaximum() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidAllocationDelayBounds.selector, 2 days, 1 days, 30 days)
        );
        vm.prank(owner);
        registry.setAllocationDelayBounds(2 days, 1 days);
    }

    function test_setAllocationDelayBounds_revertsWhen_maximumAboveHardLimit() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidAllocationDelayBounds.selector, 0, 30 days + 1, 30 days)
        );
        vm.prank(owner);
        registry.setAllocationDelayBounds(0, 30 days + 1);
    }

    function test_setAllocationDelayBounds_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.setAllocationDelayBounds(1, 2);
    }

    function test_setAllocationDelayBounds_revertsWhen_callerIsPauser() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        registry.setAllocationDelayBounds(1, 2);
    }

    // ---------------------------------------------------------------- pause control, ownership, upgrades

    function test_pause_registryBitsByPauser() public {
        vm.expectEmit(address(registry));
        emit IPauseControl.Paused(pauser, UNDELEGATION_FLAG, UNDELEGATION_FLAG);
        _pauseRegistry(UNDELEGATION_FLAG);
        vm.assertTrue(registry.isPaused(registry.PAUSE_UNDELEGATION()), "undelegation paused");
        vm.assertFalse(registry.isPaused(registry.PAUSE_DELEGATION()), "delegation not paused");
    }

    function test_pause_revertsWhen_unknownBit() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, 1 << 3, 7));
        vm.prank(pauser);
        registry.pause(1 << 3);
    }

    function test_pause_revertsWhen_callerNeitherPauserNorOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseControlUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.pause(REGISTRATION_FLAG);
    }

    function test_unpause_revertsWhen_callerIsPauser() public {
        _pauseRegistry(REGISTRATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        registry.unpause(REGISTRATION_FLAG);
    }

    function test_setPauser_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        registry.setPauser(stranger);
    }

    function test_renounceOwnership_revertsAlways() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.OwnershipRenounceDisabled.selector));
        vm.prank(owner);
        registry.renounceOwnership();
    }

    function test_upgradeToAndCall_revertsWhen_callerNotOwner() public {
        address newImpl = address(
            OperatorRegistry(_deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(address(sm), address(wq))))
        );
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.upgradeToAndCall(newImpl, "");
    }

    function test_upgradeToAndCall_byOwnerKeepsOperators() public {
        uint32 id = _registerOperator(operator, approver);
        address newImpl = address(
            OperatorRegistry(_deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(address(sm), address(wq))))
        );
        vm.prank(owner);
        registry.upgradeToAndCall(newImpl, "");
        vm.assertEq(address(uint160(uint256(vm.load(address(registry), IMPLEMENTATION_SLOT)))), newImpl, "upgraded");
        vm.assertEq(registry.operatorId(operator), id, "operator kept");
        vm.assertEq(registry.delegationApprover(operator), approver, "approver kept");
    }

    // ---------------------------------------------------------------- initialize

    function test_initialize_revertsWhen_proxyAlreadyInitialised() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        registry.initialize(stranger, stranger, 0, 0);
    }

    function test_initialize_revertsWhen_calledOnImplementation() public {
        OperatorRegistry impl = OperatorRegistry(
            address(uint160(uint256(vm.load(address(registry), IMPLEMENTATION_SLOT))))
        );
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        impl.initialize(stranger, stranger, 0, 0);
    }

    function test_initialize_setsOwnerPauserAndBounds() public {
        address impl = address(
            OperatorRegistry(_deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(address(sm), address(wq))))
        );
        vm.expectEmit();
        emit IOperatorRegistry.AllocationDelayBoundsSet(5, 10);
        OperatorRegistry fresh = OperatorRegistry(
            address(
                ERC1967Proxy(
                    payable(
                        _deploy(
                            "ERC1967Proxy.sol:ERC1967Proxy",
                            abi.encode(impl, abi.encodeCall(OperatorRegistry.initialize, (stranger, alice, 5, 10)))
                        )
                    )
                )
            )
        );
        vm.assertEq(fresh.owner(), stranger, "owner");
        vm.assertEq(fresh.pauser(), alice, "pauser");
        (uint32 min, uint32 max) = fresh.allocationDelayBounds();
        vm.assertEq(min, 5, "minimum");
        vm.assertEq(max, 10, "maximum");
    }

    function test_initialize_revertsWhen_boundsInvalid() public {
        address impl = address(
            OperatorRegistry(_deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(address(sm), address(wq))))
        );
        bytes memory init = abi.encodeCall(OperatorRegistry.initialize, (owner, pauser, 10, 5));
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidAllocationDelayBounds.selector, 10, 5, 30 days)
        );
        ERC1967Proxy(payable(_deploy("ERC1967Proxy.sol:ERC1967Proxy", abi.encode(impl, init))));
    }
}
