// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {AVSRegistry} from "../../../contracts/avs/AVSRegistry.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: an AVS (or whoever saw the signature) replays an operator's registration consent to make it
/// slashable somewhere it never agreed to: a second time with the same salt (after the operator left), for another
/// AVS, on another chain, on another AVSRegistry deployment, or for sets it did not sign for. Every replay is
/// refused and spends nothing; each test also shows the consent working where it was meant to, so that the
/// refusal comes from what changed.
contract ConsentReplayTest is AVSHelpers {
    bytes32 internal constant SALT = keccak256("salt");
    uint32 internal constant SET_2 = 2;
    bytes internal constant DATA = "bls key";

    address internal otherAVS;
    OperatorSet internal set1;
    OperatorSet internal otherSet;
    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        otherAVS = makeAddr("other avs");
        _registerAVS(avs);
        _registerAVS(otherAVS);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        _createSet(SET_2, _strategies(strategyA));
        otherSet = _createSet(
            otherAVS,
            SET_ID,
            _strategies(strategyA),
            makeAddr("other slasher"),
            address(0),
            address(0)
        );
        _registerOperator(operator1);
        expiry = block.timestamp + 1 days;
    }

    function test_replay_sameSaltAfterTheOperatorLeft_refused() public {
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        _submit(avs, _setIds(SET_ID), consent);
        _deregisterFromSet(operator1, set1);

        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.ConsentSaltSpent.selector, operator1, SALT));
        _submit(avs, _setIds(SET_ID), consent);
        vm.assertFalse(avsRegistry.isRegistered(operator1, set1), "the operator stays out");
    }

    function test_replay_sameSaltForOtherSets_refused() public {
        _submit(avs, _setIds(SET_ID), _consent(avs, _setIds(SET_ID)));
        // Even a fresh signature over the spent salt: the salt is spent for every purpose.
        IAVSRegistry.Consent memory forSet2 = _consent(avs, _setIds(SET_2));
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.ConsentSaltSpent.selector, operator1, SALT));
        _submit(avs, _setIds(SET_2), forSet2);
    }

    function test_replay_forSetsNotSigned_refused() public {
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID, SET_2), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        _submit(avs, _setIds(SET_ID, SET_2), consent);

        _submit(avs, _setIds(SET_ID), consent);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "accepted for the set it names");
    }

    function test_replay_byAnotherAVS_refused() public {
        IAVSRegistry.Consent memory forAVS = _consent(avs, _setIds(SET_ID));
        // The other AVS has a set with the same id: only the AVS in the digest tells them apart.
        bytes32 otherDigest = _consentDigest(operator1, otherAVS, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, otherDigest));
        _submit(otherAVS, _setIds(SET_ID), forAVS);
        vm.assertFalse(avsRegistry.isRegistered(operator1, otherSet), "not in the other AVS's set");
        vm.assertFalse(avsRegistry.isConsentSaltSpent(operator1, SALT), "nothing spent");

        _submit(avs, _setIds(SET_ID), forAVS);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "accepted by the AVS it names");
    }

    function test_replay_onAnotherChain_refused() public {
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        uint256 forkChainId = block.chainid + 1;
        vm.chainId(forkChainId);

        bytes32 forkDigest = _consentDigest(
            address(avsRegistry),
            forkChainId,
            operator1,
            avs,
            _setIds(SET_ID),
            DATA,
            SALT,
            expiry
        );
        vm.assertEq(
            avsRegistry.registrationConsentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry),
            forkDigest,
            "the registry follows the chain id"
        );
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, forkDigest));
        _submit(avs, _setIds(SET_ID), consent);
    }

    function test_replay_consentMadeForAnotherChain_refusedHere() public {
        bytes32 mainnetDigest = _consentDigest(
            address(avsRegistry),
            1,
            operator1,
            avs,
            _setIds(SET_ID),
            DATA,
            SALT,
            expiry
        );
        IAVSRegistry.Consent memory consent = IAVSRegistry.Consent({
            signature: signDigest(operator1Key, mainnetDigest),
            salt: SALT,
            expiry: expiry
        });
        bytes32 localDigest = _consentDigest(operator1, avs, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, localDigest));
        _submit(avs, _setIds(SET_ID), consent);

        vm.chainId(1);
        _submit(avs, _setIds(SET_ID), consent);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "accepted on the chain it was made for");
    }

    function test_replay_onAnotherAVSRegistryDeployment_refused() public {
        AVSRegistry other = _deploySecondAVSRegistry();
        vm.prank(avs);
        other.registerAVS("ipfs://avs");
        vm.prank(avs);
        other.createOperatorSet(SET_ID, _strategies(strategyA), slasher, address(0), address(0));

        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        bytes32 otherDigest = _consentDigest(
            address(other),
            block.chainid,
            operator1,
            avs,
            _setIds(SET_ID),
            DATA,
            SALT,
            expiry
        );
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, otherDigest));
        vm.prank(avs);
        other.registerOperatorWithConsent(operator1, _setIds(SET_ID), DATA, consent);
        vm.assertFalse(other.isConsentSaltSpent(operator1, SALT), "nothing spent there");

        _submit(avs, _setIds(SET_ID), consent);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "accepted by the registry it was made for");
    }

    function test_replay_withOtherData_refused() public {
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        bytes32 digest = _consentDigest(operator1, avs, _setIds(SET_ID), "attacker's key", SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, digest));
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(SET_ID), "attacker's key", consent);
    }

    function test_replay_afterExpiry_refused() public {
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.ConsentExpired.selector, expiry, expiry + 1));
        _submit(avs, _setIds(SET_ID), consent);
    }

    function test_replay_frontRunningTheAVSWithTheConsent_registersNothingElse() public {
        // Someone who saw the consent in the mempool submits it first: as the caller is the AVS in the digest,
        // a front-runner can only produce a digest of its own, which the signature does not cover.
        IAVSRegistry.Consent memory consent = _consent(avs, _setIds(SET_ID));
        bytes32 strangersDigest = _consentDigest(operator1, stranger, _setIds(SET_ID), DATA, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.InvalidConsentSignature.selector, operator1, strangersDigest)
        );
        _submit(stranger, _setIds(SET_ID), consent);
        _submit(avs, _setIds(SET_ID), consent);
        vm.assertTrue(avsRegistry.isRegistered(operator1, set1), "the AVS's submission still works");
    }

    // ---------------------------------------------------------------- helpers

    function _consent(address consentAVS, uint32[] memory setIds) internal view returns (IAVSRegistry.Consent memory) {
        return _signConsent(operator1Key, operator1, consentAVS, setIds, DATA, SALT, expiry);
    }

    function _submit(address submitter, uint32[] memory setIds, IAVSRegistry.Consent memory consent) internal {
        vm.prank(submitter);
        avsRegistry.registerOperatorWithConsent(operator1, setIds, DATA, consent);
    }

    /// @dev A second AVSRegistry behind its own proxy, over the same operator registry and withdrawal queue.
    function _deploySecondAVSRegistry() internal returns (AVSRegistry) {
        address implementation = _deploy(
            "AVSRegistry.sol:AVSRegistry",
            abi.encode(address(registry), address(wq), address(coordinator))
        );
        return
            AVSRegistry(
                _deploy(
                    "ERC1967Proxy.sol:ERC1967Proxy",
                    abi.encode(implementation, abi.encodeCall(AVSRegistry.initialize, (owner, pauser)))
                )
            );
    }
}
