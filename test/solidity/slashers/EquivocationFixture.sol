// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {SlasherFixture} from "./SlasherFixture.sol";

/// @notice What the equivocation slasher suites share: an instance slashing strategy A in the AVS's set, which
/// redistributes to it; two operators in the set, each with stake of its own as large as its one staker's, and a
/// registered key; and the EIP-712 digests built from the formula (not read from the contract, so that a wrong
/// domain or type hash in the contract shows). The operators' own stake matters: a reporter's bounty never exceeds
/// what the operator itself loses.
abstract contract EquivocationFixture is SlasherFixture {
    string internal constant EQUIVOCATION = "EquivocationSlasher.sol:EquivocationSlasher";
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant ATTESTATION_TYPEHASH = keccak256("Attestation(uint64 height,bytes32 payloadHash)");
    bytes32 internal constant KEY_REGISTRATION_TYPEHASH = keccak256("KeyRegistration(address operator,address key)");
    string internal constant NAME = "Palisade EquivocationSlasher";
    string internal constant VERSION = "1";

    uint256 internal constant SLASH_WAD = 0.1e18;
    uint256 internal constant BOUNTY_WAD = 0.2e18;
    /// @dev What one offence takes from operator1, who allocated everything: a tenth of alice's stake and a tenth of
    /// the operator's own, each worth exactly a tenth of its tokens at the fresh vault's price; the reporter is owed a
    /// fifth of it, less than the operator's own loss (a tenth of its deposit), so the cap does not bind here.
    uint256 internal constant STAKER_LOSS = SHARES / 10;
    uint256 internal constant SLASHED_SHARES = 2 * STAKER_LOSS;
    uint256 internal constant SLASHED_TOKENS = (2 * DEPOSIT) / 10;
    uint256 internal constant BOUNTY = SLASHED_TOKENS / 5;

    uint64 internal constant HEIGHT = 1234;
    bytes32 internal constant PAYLOAD_A = keccak256("block A");
    bytes32 internal constant PAYLOAD_B = keccak256("block B");

    IEquivocationSlasher internal slasher;
    address internal treasury;
    address internal reporter;
    address internal key1;
    uint256 internal key1Pk;
    address internal key2;
    uint256 internal key2Pk;
    /// @dev A key nobody registered.
    address internal key3;
    uint256 internal key3Pk;

    function setUp() public virtual override {
        super.setUp();
        treasury = makeAddr("treasury");
        reporter = makeAddr("reporter");
        (key1, key1Pk) = makeAddrAndKey("key1");
        (key2, key2Pk) = makeAddrAndKey("key2");
        (key3, key3Pk) = makeAddrAndKey("key3");

        slasher = _deployEquivocation(SET_ID, _list(strategyA), SLASH_WAD, BOUNTY_WAD, treasury);
        _createSet(SET_ID, _list(strategyA), address(slasher), address(slasher));

        _registerOperator(operator1);
        _registerOperator(operator2);
        // The operators' own stake, credited to themselves.
        _deposit(operator1, strategyA, DEPOSIT);
        _deposit(operator2, strategyA, DEPOSIT);
        _stake(alice, operator1, _list(strategyA));
        _stake(bob, operator2, _list(strategyA));
        _joinAndAllocate(operator1, SET_ID, _list(strategyA), uint64(WAD));
        _joinAndAllocate(operator2, SET_ID, _list(strategyA), uint64(WAD));
        _registerKey(slasher, operator1, key1Pk);
        _registerKey(slasher, operator2, key2Pk);
    }

    function _deployEquivocation(
        uint32 setId,
        IStrategy[] memory strategies,
        uint256 slashWad,
        uint256 bountyWad,
        address treasury_
    ) internal returns (IEquivocationSlasher) {
        return
            IEquivocationSlasher(
                _deploy(EQUIVOCATION, abi.encode(coordinator, _set(setId), strategies, slashWad, bountyWad, treasury_))
            );
    }

    // ---------------------------------------------------------------- digests and signatures

    function _domainSeparator(address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(NAME)),
                    keccak256(bytes(VERSION)),
                    chainId,
                    verifyingContract
                )
            );
    }

    function _typedDigest(
        address verifyingContract,
        uint256 chainId,
        bytes32 structHash
    ) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(verifyingContract, chainId), structHash));
    }

    function _attestationDigest(
        address verifyingContract,
        uint256 chainId,
        uint64 height,
        bytes32 payloadHash
    ) internal pure returns (bytes32) {
        return
            _typedDigest(verifyingContract, chainId, keccak256(abi.encode(ATTESTATION_TYPEHASH, height, payloadHash)));
    }

    /// @dev The digest of an attestation for the fixture's slasher on the current chain.
    function _attestationDigest(uint64 height, bytes32 payloadHash) internal view returns (bytes32) {
        return _attestationDigest(address(slasher), block.chainid, height, payloadHash);
    }

    function _keyRegistrationDigest(
        address verifyingContract,
        uint256 chainId,
        address operator,
        address key
    ) internal pure returns (bytes32) {
        return
            _typedDigest(verifyingContract, chainId, keccak256(abi.encode(KEY_REGISTRATION_TYPEHASH, operator, key)));
    }

    /// @dev `pk`'s attestation of `payloadHash` at `height`, for the fixture's slasher on the current chain.
    function _attest(uint256 pk, uint64 height, bytes32 payloadHash) internal view returns (bytes memory) {
        return signDigest(pk, _attestationDigest(height, payloadHash));
    }

    /// @dev `pk`'s proof that it answers for `operator` in `instance`, on the current chain.
    function _keyProof(
        IEquivocationSlasher instance,
        uint256 pk,
        address operator
    ) internal view returns (bytes memory) {
        return signDigest(pk, _keyRegistrationDigest(address(instance), block.chainid, operator, vm.addr(pk)));
    }

    function _registerKey(IEquivocationSlasher instance, address operator, uint256 pk) internal {
        bytes memory proof = _keyProof(instance, pk, operator);
        vm.prank(operator);
        instance.registerSigningKey(vm.addr(pk), proof);
    }

    // ---------------------------------------------------------------- reports

    function _report(
        uint64 height,
        bytes32 payloadHashA,
        bytes memory signatureA,
        bytes32 payloadHashB,
        bytes memory signatureB
    ) internal returns (uint256 slashId) {
        vm.prank(reporter);
        return slasher.reportEquivocation(height, payloadHashA, signatureA, payloadHashB, signatureB);
    }

    /// @dev `pk` signs `PAYLOAD_A` and `PAYLOAD_B` at `height`, and the reporter reports it.
    function _equivocate(uint256 pk, uint64 height) internal returns (uint256 slashId) {
        return _report(height, PAYLOAD_A, _attest(pk, height, PAYLOAD_A), PAYLOAD_B, _attest(pk, height, PAYLOAD_B));
    }
}
