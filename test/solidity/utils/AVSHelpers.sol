// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {CoreFixture} from "./CoreFixture.sol";
import {Vm} from "./Vm.sol";

/// @notice What the AVS, allocation and slashing suites share on top of `CoreFixture`: named actors, array
/// builders, the AVS's and the operator's actions (register an AVS, create a set, register an operator in it,
/// allocate and wait for the allocation delay, slash as the set's slasher), a registration consent built from the
/// EIP-712 formula (not read from the registry, so that a wrong domain or type hash in the contract shows) and
/// log counting.
abstract contract AVSHelpers is CoreFixture {
    /// @dev What a fresh vault mints per token unit (1,000 virtual shares over 1 virtual token): every deposit in
    /// these suites is made at that price, so 1e18 tokens are 1e21 shares.
    uint256 internal constant SHARES_PER_TOKEN = 1e3;

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant CONSENT_TYPEHASH = keccak256(
        "RegistrationConsent(address operator,address avs,uint32[] setIds,bytes data,bytes32 salt,uint256 expiry)"
    );
    string internal constant AVS_REGISTRY_NAME = "Palisade AVSRegistry";
    string internal constant AVS_REGISTRY_VERSION = "1";

    /// @dev The set every suite starts from: `avs`'s set 1, slashed by `slasher`.
    uint32 internal constant SET_ID = 1;

    address internal avs;
    address internal slasher;
    address internal operator1;
    uint256 internal operator1Key;
    address internal operator2;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal recipient;
    address internal stranger;

    function setUp() public virtual override {
        super.setUp();
        avs = makeAddr("avs");
        slasher = makeAddr("slasher");
        (operator1, operator1Key) = makeAddrAndKey("operator1");
        operator2 = makeAddr("operator2");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        recipient = makeAddr("recipient");
        stranger = makeAddr("stranger");
    }

    // ---------------------------------------------------------------- arrays

    function _strategies(IStrategy a) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = a;
    }

    function _strategies(IStrategy a, IStrategy b) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](2);
        list[0] = a;
        list[1] = b;
    }

    function _noStrategies() internal pure returns (IStrategy[] memory list) {}

    function _magnitudes(uint64 a) internal pure returns (uint64[] memory list) {
        list = new uint64[](1);
        list[0] = a;
    }

    function _magnitudes(uint64 a, uint64 b) internal pure returns (uint64[] memory list) {
        list = new uint64[](2);
        list[0] = a;
        list[1] = b;
    }

    function _wads(uint256 a) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = a;
    }

    function _wads(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        list[0] = a;
        list[1] = b;
    }

    function _setIds(uint32 a) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = a;
    }

    function _setIds(uint32 a, uint32 b) internal pure returns (uint32[] memory list) {
        list = new uint32[](2);
        list[0] = a;
        list[1] = b;
    }

    function _noSetIds() internal pure returns (uint32[] memory list) {}

    function _set(address setAVS, uint32 setId) internal pure returns (OperatorSet memory) {
        return OperatorSet({avs: setAVS, id: setId});
    }

    // ---------------------------------------------------------------- AVSs and sets

    function _registerAVS(address account) internal {
        vm.prank(account);
        avsRegistry.registerAVS("ipfs://avs");
    }

    /// @dev `setAVS` (a registered AVS) creates set `setId`.
    function _createSet(
        address setAVS,
        uint32 setId,
        IStrategy[] memory strategies,
        address setSlasher,
        address registrar,
        address setRecipient
    ) internal returns (OperatorSet memory set) {
        vm.prank(setAVS);
        avsRegistry.createOperatorSet(setId, strategies, setSlasher, registrar, setRecipient);
        return _set(setAVS, setId);
    }

    /// @dev `avs` creates a burning set `setId` over `strategies`, slashed by `slasher`, without registrar.
    function _createSet(uint32 setId, IStrategy[] memory strategies) internal returns (OperatorSet memory) {
        return _createSet(avs, setId, strategies, slasher, address(0), address(0));
    }

    /// @dev Schedules `newSlasher` for `set`, keeping its redistribution recipient (none for a burning set).
    function _scheduleSlasher(OperatorSet memory set, address newSlasher) internal returns (uint48 effectAt) {
        address setRecipient = avsRegistry.operatorSetInfo(set).redistributionRecipient;
        vm.prank(set.avs);
        return avsRegistry.scheduleSlasher(set.id, newSlasher, setRecipient);
    }

    // ---------------------------------------------------------------- operators

    /// @dev `operator` registers itself in `set`, with no data for the registrar.
    function _registerInSet(address operator, OperatorSet memory set) internal {
        vm.prank(operator);
        avsRegistry.registerForOperatorSets(set.avs, _setIds(set.id), "");
    }

    /// @dev `_registerInSet`, then the time passes until the registration is slashable (the notice).
    function _registerInSetAndWait(address operator, OperatorSet memory set) internal {
        _registerInSet(operator, set);
        vm.warp(avsRegistry.registration(operator, set).slashableFrom);
    }

    /// @dev `operator` deregisters itself from `set`; returns until when it stays slashable there.
    function _deregisterFromSet(address operator, OperatorSet memory set) internal returns (uint48) {
        vm.prank(operator);
        avsRegistry.deregisterFromOperatorSets(operator, set.avs, _setIds(set.id));
        return avsRegistry.slashableUntil(operator, set);
    }

    /// @dev `operator` changes its allocations of `strategies` in `set` to `magnitudes`.
    function _allocate(
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies,
        uint64[] memory magnitudes
    ) internal {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set,
            strategies: strategies,
            magnitudes: magnitudes
        });
        vm.prank(operator);
        allocationManager.modifyAllocations(params);
    }

    function _allocate(address operator, OperatorSet memory set, IStrategy strategy, uint64 magnitude) internal {
        _allocate(operator, set, _strategies(strategy), _magnitudes(magnitude));
    }

    /// @dev `_allocate`, then the time passes until increases are in force (the operator's allocation delay, and at
    /// least the notice), and until `operator`'s registration in `set`, if any, is slashable.
    function _allocateAndWait(
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies,
        uint64[] memory magnitudes
    ) internal {
        uint48 effectAt = allocationManager.increaseEffectAt(operator);
        _allocate(operator, set, strategies, magnitudes);
        uint48 slashableFrom = avsRegistry.registration(operator, set).slashableFrom;
        uint256 until = effectAt > slashableFrom ? effectAt : slashableFrom;
        if (until > block.timestamp) vm.warp(until);
    }

    function _allocateAndWait(address operator, OperatorSet memory set, IStrategy strategy, uint64 magnitude) internal {
        _allocateAndWait(operator, set, _strategies(strategy), _magnitudes(magnitude));
    }

    /// @dev `operator` is registered in `set` and has `magnitude` of `strategy` allocated there, in force.
    function _slashableIn(address operator, OperatorSet memory set, IStrategy strategy, uint64 magnitude) internal {
        _registerInSet(operator, set);
        _allocateAndWait(operator, set, strategy, magnitude);
    }

    // ---------------------------------------------------------------- slashing

    /// @dev The slasher of `set` in force now slashes `operator`. It reads the slasher first: after
    /// `vm.expectRevert`, use `_slashAs`.
    function _slash(
        OperatorSet memory set,
        address operator,
        IStrategy[] memory strategies,
        uint256[] memory wads
    ) internal returns (uint256 slashId, uint256[] memory shares) {
        address current = avsRegistry.operatorSetInfo(set).slasher;
        vm.prank(current);
        return coordinator.slash(operator, set, strategies, wads, "misbehaved");
    }

    /// @dev `caller` slashes `operator` in `set`: a single external call, so that it can follow `vm.expectRevert`.
    function _slashAs(
        address caller,
        OperatorSet memory set,
        address operator,
        IStrategy[] memory strategies,
        uint256[] memory wads
    ) internal returns (uint256 slashId, uint256[] memory shares) {
        vm.prank(caller);
        return coordinator.slash(operator, set, strategies, wads, "misbehaved");
    }

    /// @dev One strategy's slash; returns the shares it put in the bucket.
    function _slash(
        OperatorSet memory set,
        address operator,
        IStrategy strategy,
        uint256 wad
    ) internal returns (uint256) {
        (, uint256[] memory shares) = _slash(set, operator, _strategies(strategy), _wads(wad));
        return shares[0];
    }

    /// @dev Whether `operator` is slashable in `set` for an allocation change of `strategies` now
    /// (`AVSRegistry.checkAllocation`'s first answer).
    function _slashableForAllocation(
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies
    ) internal view returns (bool slashable) {
        (slashable, ) = avsRegistry.checkAllocation(operator, set, strategies);
    }

    // ---------------------------------------------------------------- reading

    function _current(address operator, OperatorSet memory set, IStrategy strategy) internal view returns (uint64 c) {
        (c, , ) = allocationManager.allocation(operator, set, strategy);
    }

    function _slashableStake(
        address operator,
        OperatorSet memory set,
        IStrategy strategy,
        uint256 timestamp
    ) internal view returns (uint256) {
        return allocationManager.slashableStake(operator, set, _strategies(strategy), uint48(timestamp))[0];
    }

    /// @dev `ceil(a * b / WAD)`, written out independently of the contracts' math library.
    function _mulWadUp(uint256 a, uint256 b) internal pure returns (uint256) {
        uint256 product = a * b;
        return product / WAD + (product % WAD == 0 ? 0 : 1);
    }

    // ---------------------------------------------------------------- consent

    /// @dev The EIP-712 digest of a registration consent for an AVSRegistry at `verifyingContract` on `chainId`.
    function _consentDigest(
        address verifyingContract,
        uint256 chainId,
        address operator,
        address consentAVS,
        uint32[] memory setIds,
        bytes memory data,
        bytes32 salt,
        uint256 expiry
    ) internal pure returns (bytes32) {
        // EIP-712: an array is encoded as the hash of its elements' encodings, each a 32-byte word.
        bytes memory encodedIds;
        for (uint256 i; i < setIds.length; ++i) encodedIds = abi.encodePacked(encodedIds, uint256(setIds[i]));
        bytes32 structHash = keccak256(
            abi.encode(CONSENT_TYPEHASH, operator, consentAVS, keccak256(encodedIds), keccak256(data), salt, expiry)
        );
        bytes32 domainSeparator = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256(bytes(AVS_REGISTRY_NAME)),
                keccak256(bytes(AVS_REGISTRY_VERSION)),
                chainId,
                verifyingContract
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev The digest for the fixture's AVSRegistry on the current chain.
    function _consentDigest(
        address operator,
        address consentAVS,
        uint32[] memory setIds,
        bytes memory data,
        bytes32 salt,
        uint256 expiry
    ) internal view returns (bytes32) {
        return _consentDigest(address(avsRegistry), block.chainid, operator, consentAVS, setIds, data, salt, expiry);
    }

    /// @dev `key`'s consent to registration in `consentAVS`'s sets `setIds`, for the fixture's AVSRegistry here.
    function _signConsent(
        uint256 key,
        address operator,
        address consentAVS,
        uint32[] memory setIds,
        bytes memory data,
        bytes32 salt,
        uint256 expiry
    ) internal view returns (IAVSRegistry.Consent memory) {
        return
            IAVSRegistry.Consent({
                signature: signDigest(key, _consentDigest(operator, consentAVS, setIds, data, salt, expiry)),
                salt: salt,
                expiry: expiry
            });
    }

    // ---------------------------------------------------------------- pausing and logs

    /// @dev The pauser pauses `flags` on `target`; the owner does when a flag is one only the owner may pause.
    function _pause(address target, uint256 flags) internal {
        bool ownerOnly = flags & IPauseControl(target).ownerOnlyPauseFlags() != 0;
        vm.prank(ownerOnly ? owner : pauser);
        IPauseControl(target).pause(flags);
    }

    function _unpause(address target, uint256 flags) internal {
        vm.prank(owner);
        IPauseControl(target).unpause(flags);
    }

    /// @dev How many of `logs` `emitter` emitted with first topic `topic0`.
    function _countLogs(Vm.Log[] memory logs, address emitter, bytes32 topic0) internal pure returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == emitter && logs[i].topics.length != 0 && logs[i].topics[0] == topic0) ++count;
        }
    }
}
