// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {MockERC1271Wallet} from "../../../contracts/mocks/MockERC1271Wallet.sol";

import {RecordingRegistrar} from "../attacks/mocks/RecordingRegistrar.sol";
import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice Registration by the AVS with the operator's signed consent: the EIP-712 digest, ECDSA and EIP-1271
/// signers, expiry, salts, and every field the signature binds.
contract AVSRegistryConsentTest is AVSHelpers {
    bytes32 internal constant SALT = keccak256("salt");
    uint32 internal constant SET_2 = 2;
    bytes internal constant DATA = "bls key";

    RecordingRegistrar internal registrar;
    OperatorSet internal set1;
    OperatorSet internal set2;
    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        registrar = new RecordingRegistrar();
        _registerAVS(avs);
        set1 = _createSet(avs, SET_ID, _strategies(strategyA), slasher, address(registrar), address(0));
        set2 = _createSet(SET_2, _strategies(strategyB));
        _registerOperator(operator1);
        expiry = block.timestamp + 1 days;
    }

    // ---------------------------------------------------------------- digest

    function test_registrationConsentDigest_matchesTheEIP712Formula() public view {
        vm.assertEq(
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID, SET_2), DATA, SALT, expiry),
            _consentDigest(operator1, avs, _setIds(SET_ID, SET_2), DATA, SALT, expiry),
            "independently built digest"
        );
        vm.assertEq(
            avsRegistry.registrationConsentDigest(operator1, avs, _noSetIds(), "", bytes32(0), 0),
            _consentDigest(operator1, avs, _noSetIds(), "", bytes32(0), 0),
            "empty arrays and bytes"
        );
        vm.assertEq(
            avsRegistry.domainSeparator(),
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(AVS_REGISTRY_NAME)),
                    keccak256(bytes(AVS_REGISTRY_VERSION)),
                    block.chainid,
                    address(avsRegistry)
                )
            ),
            "domain separator"
        );
    }

    function test_registrationConsentDigest_bindsEveryField() public view {
        bytes32 base = avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry);
        bytes32[6] memory variants = [
            avsRegistry.registrationConsentDigest(operator2, avs, _setIds(SET_ID), DATA, SALT, expiry),
            avsRegistry.registrationConsentDigest(operator1, stranger, _setIds(SET_ID), DATA, SALT, expiry),
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_2), DATA, SALT, expiry),
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID), "other", SALT, expiry),
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID), DATA, bytes32(0), expiry),
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry + 1)
        ];
        for (uint256 i; i < variants.length; ++i) {
            vm.assertNotEq(uint256(variants[i]), uint256(base), "each field changes the digest");
        }
        vm.assertNotEq(
            uint256(avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID, SET_2), DATA, SALT, expiry)),
            uint256(avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_2, SET_ID), DATA, SALT, expiry)),
            "the order of the sets too"
        );
    }

    // ---------------------------------------------------------------- ECDSA

    function test_registerOperatorWithConsent_registersSpendsTheSaltAndEmits() public {
        IAVSRegistry.Consent memory consent = _signConsent(
            operator1Key,
            operator1,
            avs,
            _setIds(SET_ID, SET_2),
            DATA,
            SALT,
            expiry
        );
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.ConsentSaltUsed(operator1, SALT);
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorRegisteredInSet(operator1, avs, SET_ID, uint48(block.timestamp + NOTICE));
        vm.expectEmit(address(avsRegistry));
        emit IAVSRegistry.OperatorRegisteredInSet(operator1, avs, SET_2, uint48(block.timestamp + NOTICE));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID, SET_2), DATA, consent);

        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "in set 1");
        vm.assertTrue(avsRegistry.isRegistered(operator1, set2), "in set 2");
        vm.assertTrue(avsRegistry.isConsentSaltSpent(operator1, SALT), "salt spent");
        vm.assertEq(registrar.lastData(), DATA, "the data reached the registrar");
        vm.assertEq(registrar.lastOperator(), operator1, "for the operator");
    }

    function test_registerOperatorWithConsent_acceptedAtExpiry() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        vm.warp(expiry);
        _submit(consent);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "accepted in its last second");
    }

    function test_registerOperatorWithConsent_revertsWhen_expired() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.ConsentExpired.selector, expiry, expiry + 1));
        _submit(consent);
        vm.assertFalse(avsRegistry.isConsentSaltSpent(operator1, SALT), "an expired consent spends nothing");
    }

    function test_registerOperatorWithConsent_revertsWhen_saltSpent() public {
        _submit(_consent(SALT));
        _deregisterFromSet(operator1, set1);
        // A fresh signature over the same salt: the salt alone refuses it.
        IAVSRegistry.Consent memory again = _consent(SALT);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.ConsentSaltSpent.selector, operator1, SALT));
        _submit(again);
    }

    function test_registerOperatorWithConsent_revertsWhen_signedByAnotherKey() public {
        (, uint256 otherKey) = makeAddrAndKey("not the operator");
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry);
        IAVSRegistry.Consent memory forged = IAVSRegistry.Consent({
            signature: signDigest(otherKey, digest),
            salt: SALT,
            expiry: expiry
        });
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        _submit(forged);
        vm.assertFalse(avsRegistry.isConsentSaltSpent(operator1, SALT), "a forged consent spends nothing");
    }

    function test_registerOperatorWithConsent_revertsWhen_signatureMalformed() public {
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry);
        IAVSRegistry.Consent memory consent = IAVSRegistry.Consent({signature: hex"1234", salt: SALT, expiry: expiry});
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        _submit(consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_dataDiffersFromTheSigned() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID), "other data", SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID), "other data", consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_setsDifferFromTheSigned() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID, SET_2), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID, SET_2), DATA, consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_expiryDiffersFromTheSigned() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        consent.expiry = expiry + 1 days;
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        _submit(consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_signerIsNotAnOperator() public {
        (address notOperator, uint256 key) = makeAddrAndKey("not an operator");
        IAVSRegistry.Consent memory consent = _signConsent(key, notOperator, avs, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotOperator.selector, notOperator));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(notOperator, _setIds(SET_ID), DATA, consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_registrarRejects_andSpendsNoSalt() public {
        bytes memory reason = abi.encodeWithSignature("Error(string)", "stake too low");
        registrar.reject(reason);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(registrar), reason));
        _submit(_consent(SALT));
        vm.assertFalse(avsRegistry.isConsentSaltSpent(operator1, SALT), "the consent can be used later");
    }

    function test_registerOperatorWithConsent_revertsWhen_noSets() public {
        IAVSRegistry.Consent memory consent = _signConsent(
            operator1Key,
            operator1,
            avs,
            _noSetIds(),
            DATA,
            SALT,
            expiry
        );
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NoOperatorSets.selector));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _noSetIds(), DATA, consent);
    }

    function test_registerOperatorWithConsent_revertsWhen_alreadyRegistered() public {
        _registerInSet(operator1, set1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.AlreadyRegisteredInSet.selector, operator1, avs, SET_ID));
        _submit(_consent(SALT));
    }

    function test_registerOperatorWithConsent_revertsWhen_paused() public {
        IAVSRegistry.Consent memory consent = _consent(SALT);
        _pause(address(avsRegistry), 1 << 0);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 0));
        _submit(consent);
    }

    function test_registerOperatorWithConsent_submittedByAnyoneButTheAVS_addressesTheirOwnSets() public {
        // The consent names the AVS; a stranger submitting it signs as the AVS of nothing.
        IAVSRegistry.Consent memory consent = _consent(SALT);
        bytes32 strangersDigest = _consentDigest(operator1, stranger, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, strangersDigest)
        );
        vm.prank(stranger);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID), DATA, consent);
    }

    // ---------------------------------------------------------------- EIP-1271

    function test_registerOperatorWithConsent_contractOperator() public {
        (address walletOwner, uint256 walletKey) = makeAddrAndKey("wallet owner");
        address wallet = address(new MockERC1271Wallet(walletOwner));
        _registerOperator(wallet);

        IAVSRegistry.Consent memory consent = _signConsent(walletKey, wallet, avs, _setIds(SET_ID), DATA, SALT, expiry);
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(wallet, _setIds(SET_ID), DATA, consent);
        vm.assertTrue(avsRegistry.isRegistered(wallet, set1), "the wallet's logic consented");
        vm.assertTrue(avsRegistry.isConsentSaltSpent(wallet, SALT), "its salt spent");
    }

    function test_registerOperatorWithConsent_revertsWhen_contractOperatorRefuses() public {
        (address walletOwner, ) = makeAddrAndKey("wallet owner");
        address wallet = address(new MockERC1271Wallet(walletOwner));
        _registerOperator(wallet);
        (, uint256 otherKey) = makeAddrAndKey("not the wallet owner");

        IAVSRegistry.Consent memory consent = _signConsent(otherKey, wallet, avs, _setIds(SET_ID), DATA, SALT, expiry);
        bytes32 digest = _consentDigest(wallet, avs, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, wallet, digest));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(wallet, _setIds(SET_ID), DATA, consent);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev operator1's consent to `avs`'s set 1 with `DATA`.
    function _consent(bytes32 salt) internal view returns (IAVSRegistry.Consent memory) {
        return _signConsent(operator1Key, operator1, avs, _setIds(SET_ID), DATA, salt, expiry);
    }

    function _submit(IAVSRegistry.Consent memory consent) internal {
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID), DATA, consent);
    }
}
