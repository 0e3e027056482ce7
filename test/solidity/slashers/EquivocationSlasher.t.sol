// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {SignatureDomain} from "../../../contracts/mixins/SignatureDomain.sol";

import {FakeStrategy} from "../attacks/mocks/FakeStrategy.sol";
import {EquivocationFixture} from "./EquivocationFixture.sol";

/// @notice The equivocation slasher's configuration, keys and reports: a valid report slashes the key's operator
/// and records the reporter's bounty; replayed and forged proofs, and keys without proof of possession, are refused
/// with their exact errors. Bounties, claims and sweeps are in `EquivocationSlasherBounty.t.sol`.
contract EquivocationSlasherTest is EquivocationFixture {
    /// @dev The order of the secp256k1 group: `n - s` is the high-s twin of a signature's `s`.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /// @dev The key an attestation signature recovers to under the fixture slasher's digest, whoever made it.
    function _recovered(uint64 height, bytes32 payloadHash, bytes memory signature) internal view returns (address) {
        return ECDSA.recover(_attestationDigest(height, payloadHash), signature);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_setsConfiguration() public view {
        vm.assertEq(address(slasher.coordinator()), address(coordinator), "coordinator");
        OperatorSet memory set = slasher.operatorSet();
        vm.assertEq(set.avs, avs, "avs");
        vm.assertEq(uint256(set.id), SET_ID, "set id");
        IStrategy[] memory configured = slasher.strategies();
        vm.assertEq(configured.length, 1, "one strategy");
        vm.assertEq(address(configured[0]), address(strategyA), "strategy A");
        vm.assertEq(slasher.slashWad(), SLASH_WAD, "slash wad");
        vm.assertEq(slasher.bountyWad(), BOUNTY_WAD, "bounty wad");
        vm.assertEq(slasher.treasury(), treasury, "treasury");
        vm.assertEq(slasher.ATTESTATION_TYPEHASH(), ATTESTATION_TYPEHASH, "attestation type hash");
        vm.assertEq(slasher.KEY_REGISTRATION_TYPEHASH(), KEY_REGISTRATION_TYPEHASH, "key registration type hash");
    }

    function test_eip712Domain_isThisContractOnThisChain() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = SignatureDomain(
            address(slasher)
        ).eip712Domain();
        vm.assertEq(name, NAME, "name");
        vm.assertEq(version, VERSION, "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(slasher), "verifying contract");
        vm.assertEq(
            slasher.attestationDigest(HEIGHT, PAYLOAD_A),
            _attestationDigest(HEIGHT, PAYLOAD_A),
            "attestation digest follows the formula"
        );
        vm.assertEq(
            slasher.keyRegistrationDigest(operator1, key1),
            _keyRegistrationDigest(address(slasher), block.chainid, operator1, key1),
            "key registration digest follows the formula"
        );
    }

    function test_constructor_revertsWhen_coordinatorIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.ZeroAddress.selector));
        _deploy(EQUIVOCATION, abi.encode(address(0), _set(), _list(strategyA), SLASH_WAD, BOUNTY_WAD, treasury));
    }

    function test_constructor_revertsWhen_avsIsZero() public {
        OperatorSet memory set = OperatorSet({avs: address(0), id: SET_ID});
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.ZeroAddress.selector));
        _deploy(EQUIVOCATION, abi.encode(coordinator, set, _list(strategyA), SLASH_WAD, BOUNTY_WAD, treasury));
    }

    function test_constructor_revertsWhen_treasuryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.ZeroAddress.selector));
        _deployEquivocation(SET_ID, _list(strategyA), SLASH_WAD, BOUNTY_WAD, address(0));
    }

    function test_constructor_revertsWhen_slashWadIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.InvalidSlashWad.selector, 0));
        _deployEquivocation(SET_ID, _list(strategyA), 0, BOUNTY_WAD, treasury);
    }

    function test_constructor_revertsWhen_slashWadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.InvalidSlashWad.selector, WAD + 1));
        _deployEquivocation(SET_ID, _list(strategyA), WAD + 1, BOUNTY_WAD, treasury);
    }

    function test_constructor_revertsWhen_bountyWadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.InvalidBountyWad.selector, WAD + 1));
        _deployEquivocation(SET_ID, _list(strategyA), SLASH_WAD, WAD + 1, treasury);
    }

    function test_constructor_acceptsTheExtremes() public {
        IEquivocationSlasher extreme = _deployEquivocation(SET_ID, _list(strategyA, strategyB), WAD, WAD, treasury);
        vm.assertEq(extreme.slashWad(), WAD, "the whole allocation per offence");
        vm.assertEq(extreme.bountyWad(), WAD, "everything to the reporter");
        vm.assertEq(extreme.strategies().length, 2, "two strategies");
        IEquivocationSlasher noBounty = _deployEquivocation(SET_ID, _list(strategyA), 1, 0, treasury);
        vm.assertEq(noBounty.bountyWad(), 0, "no bounty");
    }

    function test_constructor_revertsWhen_noStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NoStrategies.selector));
        _deployEquivocation(SET_ID, new IStrategy[](0), SLASH_WAD, BOUNTY_WAD, treasury);
    }

    function test_constructor_revertsWhen_tooManyStrategies() public {
        IStrategy[] memory nine = new IStrategy[](9);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.TooManyStrategies.selector, 9, 8));
        _deployEquivocation(SET_ID, nine, SLASH_WAD, BOUNTY_WAD, treasury);
    }

    function test_constructor_keepsEightStrategiesInOrder() public {
        IStrategy[] memory eight = new IStrategy[](8);
        eight[0] = strategyA;
        eight[1] = strategyB;
        for (uint256 i = 2; i < 8; ++i) {
            eight[i] = factory.deployStrategy(IERC20(address(new MockERC20("Extra", "EXT", 18))));
        }
        IStrategy[] memory configured = _deployEquivocation(SET_ID, eight, SLASH_WAD, BOUNTY_WAD, treasury)
            .strategies();
        vm.assertEq(configured.length, 8, "eight strategies");
        for (uint256 i; i < 8; ++i) vm.assertEq(address(configured[i]), address(eight[i]), "in order");
    }

    function test_constructor_revertsWhen_strategyListedTwice() public {
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.DuplicateToken.selector, strategyA, address(tokenA))
        );
        _deployEquivocation(SET_ID, _list(strategyA, strategyA), SLASH_WAD, BOUNTY_WAD, treasury);
    }

    function test_constructor_revertsWhen_twoStrategiesShareAToken() public {
        IStrategy twin = IStrategy(address(new FakeStrategy(address(sm), IERC20(address(tokenA)), 0)));
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.DuplicateToken.selector, twin, address(tokenA)));
        _deployEquivocation(SET_ID, _list(strategyA, twin), SLASH_WAD, BOUNTY_WAD, treasury);
    }

    // ---------------------------------------------------------------- registerSigningKey

    function test_registerSigningKey_linksTheKeyToTheOperator() public {
        address operator3 = makeAddr("operator3");
        _registerOperator(operator3);
        _joinSet(operator3, SET_ID);
        bytes memory proof = _keyProof(slasher, key3Pk, operator3);

        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SigningKeyRegistered(operator3, key3, address(0));
        vm.prank(operator3);
        slasher.registerSigningKey(key3, proof);

        vm.assertEq(slasher.operatorOfKey(key3), operator3, "key's operator");
        vm.assertEq(slasher.signingKeyOf(operator3), key3, "operator's key");
    }

    function test_registerSigningKey_revertsWhen_keyIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.InvalidKey.selector));
        vm.prank(operator1);
        slasher.registerSigningKey(address(0), _keyProof(slasher, key3Pk, operator1));
    }

    function test_registerSigningKey_revertsWhen_callerNotRegisteredInSet() public {
        bytes memory proof = _keyProof(slasher, key3Pk, stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.OperatorNotRegistered.selector, stranger, avs, SET_ID)
        );
        vm.prank(stranger);
        slasher.registerSigningKey(key3, proof);
    }

    /// @dev An operator that left the set is still slashable for a while, but cannot take on new keys.
    function test_registerSigningKey_revertsWhen_callerLeftTheSet() public {
        _leaveSet(operator1, SET_ID);
        bytes memory proof = _keyProof(slasher, key3Pk, operator1);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.OperatorNotRegistered.selector, operator1, avs, SET_ID)
        );
        vm.prank(operator1);
        slasher.registerSigningKey(key3, proof);
    }

    function test_registerSigningKey_revertsWhen_setBurnsItsSlashedFunds() public {
        uint32 burning = SET_ID + 1;
        IEquivocationSlasher misconfigured = _deployEquivocation(burning, _list(strategyA), SLASH_WAD, 0, treasury);
        _createSet(burning, _list(strategyA), address(misconfigured), address(0));
        _joinSet(operator1, burning);
        bytes memory proof = _keyProof(misconfigured, key1Pk, operator1);

        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SetNotRedistributingToSlasher.selector,
                avs,
                burning,
                address(0)
            )
        );
        vm.prank(operator1);
        misconfigured.registerSigningKey(key1, proof);
    }

    function test_registerSigningKey_revertsWhen_setRedistributesElsewhere() public {
        uint32 elsewhere = SET_ID + 1;
        IEquivocationSlasher misconfigured = _deployEquivocation(elsewhere, _list(strategyA), SLASH_WAD, 0, treasury);
        _createSet(elsewhere, _list(strategyA), address(misconfigured), treasury);
        _joinSet(operator1, elsewhere);
        bytes memory proof = _keyProof(misconfigured, key1Pk, operator1);

        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SetNotRedistributingToSlasher.selector,
                avs,
                elsewhere,
                treasury
            )
        );
        vm.prank(operator1);
        misconfigured.registerSigningKey(key1, proof);
    }

    /// @dev No proof of possession: the operator signs for a key it does not hold.
    function test_registerSigningKey_revertsWhen_proofNotSignedByTheKey() public {
        bytes memory forged = signDigest(
            uint256(keccak256("operator1")),
            _keyRegistrationDigest(address(slasher), block.chainid, operator1, key3)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.InvalidKeySignature.selector,
                key3,
                _keyRegistrationDigest(address(slasher), block.chainid, operator1, key3)
            )
        );
        vm.prank(operator1);
        slasher.registerSigningKey(key3, forged);
        vm.assertEq(slasher.operatorOfKey(key3), address(0), "key still free");
    }

    function test_registerSigningKey_revertsWhen_proofIsMalformed() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.InvalidKeySignature.selector,
                key3,
                _keyRegistrationDigest(address(slasher), block.chainid, operator1, key3)
            )
        );
        vm.prank(operator1);
        slasher.registerSigningKey(key3, hex"1234");
    }

    /// @dev The key agreed to answer for operator2; operator1 cannot use that proof to claim it.
    function test_registerSigningKey_revertsWhen_proofNamesAnotherOperator() public {
        bytes memory proofForOperator2 = _keyProof(slasher, key3Pk, operator2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.InvalidKeySignature.selector,
                key3,
                _keyRegistrationDigest(address(slasher), block.chainid, operator1, key3)
            )
        );
        vm.prank(operator1);
        slasher.registerSigningKey(key3, proofForOperator2);
    }

    /// @dev A proof made for another slasher (hence another set) does not register a key here.
    function test_registerSigningKey_revertsWhen_proofForAnotherSlasher() public {
        IEquivocationSlasher other = _deployEquivocation(SET_ID + 1, _list(strategyA), SLASH_WAD, 0, treasury);
        bytes memory proofForOther = _keyProof(other, key3Pk, operator1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.InvalidKeySignature.selector,
                key3,
                _keyRegistrationDigest(address(slasher), block.chainid, operator1, key3)
            )
        );
        vm.prank(operator1);
        slasher.registerSigningKey(key3, proofForOther);
    }

    /// @dev Even with the key's genuine agreement, a key answers for one operator only.
    function test_registerSigningKey_revertsWhen_keyOwnedByAnotherOperator() public {
        bytes memory proof = _keyProof(slasher, key1Pk, operator2);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.KeyOwnedByAnotherOperator.selector, key1, operator1)
        );
        vm.prank(operator2);
        slasher.registerSigningKey(key1, proof);
        vm.assertEq(slasher.operatorOfKey(key1), operator1, "still operator1's");
    }

    function test_registerSigningKey_rotationKeepsTheOldKeyAnsweringForTheOperator() public {
        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SigningKeyRegistered(operator1, key3, key1);
        _registerKey(slasher, operator1, key3Pk);

        vm.assertEq(slasher.signingKeyOf(operator1), key3, "new current key");
        vm.assertEq(slasher.operatorOfKey(key3), operator1, "new key is operator1's");
        vm.assertEq(slasher.operatorOfKey(key1), operator1, "old key still is");

        // The old key cannot be handed to another operator either.
        bytes memory proof = _keyProof(slasher, key1Pk, operator2);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.KeyOwnedByAnotherOperator.selector, key1, operator1)
        );
        vm.prank(operator2);
        slasher.registerSigningKey(key1, proof);
    }

    function test_registerSigningKey_operatorMayReturnToAnOldKey() public {
        _registerKey(slasher, operator1, key3Pk);
        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SigningKeyRegistered(operator1, key1, key3);
        _registerKey(slasher, operator1, key1Pk);
        vm.assertEq(slasher.signingKeyOf(operator1), key1, "back to the first key");
    }

    // ---------------------------------------------------------------- reportEquivocation

    function test_reportEquivocation_slashesAndRecordsTheBounty() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);

        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.EquivocationReported(
            operator1,
            HEIGHT,
            reporter,
            key1,
            PAYLOAD_A,
            PAYLOAD_B,
            1,
            _amounts(BOUNTY)
        );
        uint256 slashId = _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        vm.assertEq(slashId, 1, "the coordinator's first slash");
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD - SLASH_WAD, "a tenth of the allocation");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "max magnitude");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), SHARES - STAKER_LOSS, "staker lost a tenth");
        vm.assertEq(_slashedShares(_set(), strategyA), SLASHED_SHARES, "bucket");
        vm.assertTrue(slasher.isKeyPunished(key1), "offence recorded");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY, "reporter's bounty");
        vm.assertEq(slasher.totalBountyOwed(strategyA), BOUNTY, "total owed");
        vm.assertEq(_allocation(operator2, SET_ID, strategyA), WAD, "the other operator untouched");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), SHARES, "the other operator's staker untouched");
    }

    function test_reportEquivocation_withoutBountyRecordsNothingOwed() public {
        uint32 setId = SET_ID + 1;
        IEquivocationSlasher noBounty = _deployEquivocation(setId, _list(strategyB), SLASH_WAD, 0, treasury);
        _createSet(setId, _list(strategyB), address(noBounty), address(noBounty));
        _stake(carol, operator1, _list(strategyB));
        _joinAndAllocate(operator1, setId, _list(strategyB), uint64(WAD));
        _registerKey(noBounty, operator1, key1Pk);
        bytes memory sigA = signDigest(key1Pk, _attestationDigest(address(noBounty), block.chainid, HEIGHT, PAYLOAD_A));
        bytes memory sigB = signDigest(key1Pk, _attestationDigest(address(noBounty), block.chainid, HEIGHT, PAYLOAD_B));
        vm.prank(reporter);
        noBounty.reportEquivocation(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyB), WAD - SLASH_WAD, "slashed");
        vm.assertEq(noBounty.bountyOwed(reporter, strategyB), 0, "no bounty");
        vm.assertEq(noBounty.totalBountyOwed(strategyB), 0, "nothing owed");
    }

    function test_reportEquivocation_slashesEveryConfiguredStrategy() public {
        uint32 setId = SET_ID + 1;
        IEquivocationSlasher both = _deployEquivocation(
            setId,
            _list(strategyA, strategyB),
            SLASH_WAD,
            BOUNTY_WAD,
            treasury
        );
        _createSet(setId, _list(strategyA, strategyB), address(both), address(both));
        _stake(carol, operator1, _list(strategyB));
        _deposit(operator1, strategyB, DEPOSIT);
        _joinAndAllocate(operator1, setId, _list(strategyB), uint64(WAD));
        _registerKey(both, operator1, key1Pk);
        bytes memory sigA = signDigest(key1Pk, _attestationDigest(address(both), block.chainid, HEIGHT, PAYLOAD_A));
        bytes memory sigB = signDigest(key1Pk, _attestationDigest(address(both), block.chainid, HEIGHT, PAYLOAD_B));

        vm.prank(reporter);
        both.reportEquivocation(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        // Strategy A is wholly allocated to the fixture's set, so this set slashes nothing there; B loses a tenth.
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "nothing allocated here in A");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyB), WAD - SLASH_WAD, "B slashed");
        vm.assertEq(both.bountyOwed(reporter, strategyA), 0, "no bounty where nothing was slashed");
        vm.assertEq(both.bountyOwed(reporter, strategyB), BOUNTY, "bounty in B");
    }

    /// @dev One key, one incident: another height signed twice by the punished key is the same fault.
    function test_reportEquivocation_anotherHeightOfAPunishedKeyIsTheSameIncident() public {
        _equivocate(key1Pk, HEIGHT);
        bytes memory sigA = _attest(key1Pk, HEIGHT + 1, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT + 1, PAYLOAD_B);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, key1, operator1));
        _report(HEIGHT + 1, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "slashed once");
        vm.assertTrue(slasher.isKeyPunished(key1), "the key's incident is closed");
        vm.assertFalse(slasher.isKeyPunished(key2), "another operator's key untouched");
    }

    /// @dev Reporting one's own operator never pays: an operator with no stake of its own loses nothing to the
    /// slash, so its accomplice is owed nothing; its delegators' stake is still slashed (see the attack suite).
    function test_reportEquivocation_bountyCappedAtTheOperatorsOwnLoss() public {
        uint256 ownBefore = sm.withdrawableShares(operator1, strategyA);
        _equivocate(key1Pk, HEIGHT);
        uint256 ownLoss = ownBefore - sm.withdrawableShares(operator1, strategyA);
        vm.assertEq(ownLoss, STAKER_LOSS, "a tenth of the operator's own stake");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY, "a fifth of the slash: below the cap");
        vm.assertLe(BOUNTY, strategyA.sharesToUnderlying(ownLoss), "within the operator's own loss");

        // Operator 2 withdraws its own stake first: a report against it pays nothing.
        IWithdrawalQueue.Withdrawal memory own = _queue(operator2, strategyA, SHARES);
        vm.warp(own.maturity);
        _complete(own, true);
        _equivocate(key2Pk, HEIGHT);
        vm.assertEq(allocationManager.maxMagnitude(operator2, strategyA), WAD - SLASH_WAD, "slashed all the same");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY, "nothing more owed");
    }

    /// @dev A proof that slashes nothing (the allocation not in force yet) is refused and leaves the key's incident
    /// open, so that it can be reported once the allocation applies.
    function test_reportEquivocation_revertsWhen_nothingSlashed() public {
        _registerOperator(carol);
        uint256 carolKeyPk = uint256(keccak256("carol's key"));
        address carolKey = vm.addr(carolKeyPk);
        _deposit(carol, strategyA, DEPOSIT);
        _joinSet(carol, SET_ID);
        vm.warp(block.timestamp + NOTICE);
        _registerKey(slasher, carol, carolKeyPk);
        _allocate(carol, SET_ID, _list(strategyA), uint64(WAD));

        bytes memory sigA = _attest(carolKeyPk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(carolKeyPk, HEIGHT, PAYLOAD_B);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NothingSlashed.selector, carol, carolKey));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertFalse(slasher.isKeyPunished(carolKey), "incident open");

        vm.warp(block.timestamp + NOTICE);
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertTrue(slasher.isKeyPunished(carolKey), "punished once it takes something");
        vm.assertEq(allocationManager.maxMagnitude(carol, strategyA), WAD - SLASH_WAD, "slashed");
    }

    function test_reportEquivocation_anotherOperatorAtTheSameHeightIsItsOwnOffence() public {
        _equivocate(key1Pk, HEIGHT);
        _equivocate(key2Pk, HEIGHT);
        vm.assertEq(allocationManager.maxMagnitude(operator2, strategyA), WAD - SLASH_WAD, "operator2 slashed");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), 2 * BOUNTY, "two bounties");
    }

    /// @dev Rotation: offences signed with the old key stay punishable after the operator moved to a new one.
    function test_reportEquivocation_oldKeyAfterRotationStillSlashesTheOperator() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        _registerKey(slasher, operator1, key3Pk);

        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "old key's offence");

        _equivocate(key3Pk, HEIGHT + 1);
        vm.assertTrue(slasher.isKeyPunished(key1), "new key's offence too");
    }

    function test_reportEquivocation_reachesAnOperatorWithinTheDelayOfLeaving() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        _equivocate(key1Pk, HEIGHT);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "slashed on the way out");
    }

    function test_reportEquivocation_revertsWhen_operatorLeftMoreThanTheDelayAgo() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertFalse(slasher.isKeyPunished(key1), "nothing recorded");
    }

    /// @dev A refused slash leaves no trace: the offence can be reported once slashing resumes.
    function test_reportEquivocation_revertsWhen_slashingPaused() public {
        uint8 flag = coordinator.PAUSE_SLASHING();
        vm.prank(owner);
        coordinator.pause(1 << flag);
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, flag));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        vm.prank(owner);
        coordinator.unpause(1 << flag);
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertTrue(slasher.isKeyPunished(key1), "reported once unpaused");
    }

    function test_reportEquivocation_revertsWhen_slasherReplaced() public {
        address replacement = makeAddr("replacement");
        address setRecipient = _recipientOf(_set(SET_ID));
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, replacement, setRecipient);
        vm.warp(block.timestamp + NOTICE);
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(slasher), avs, SET_ID, replacement)
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    /// @dev The AVS removed a configured strategy from the set: reports stop (documented in the interface).
    function test_reportEquivocation_revertsWhen_configuredStrategyRemovedFromSet() public {
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _list(strategyA));
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyA));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    // ---------------------------------------------------------------- replayed proofs

    function test_attack_replayedProofRejected() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, key1, operator1));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "slashed once");
    }

    function test_attack_reversedPairRejected() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);

        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, key1, operator1));
        _report(HEIGHT, PAYLOAD_B, sigB, PAYLOAD_A, sigA);
    }

    /// @dev A third payload at the same height is the same offence, not a new one.
    function test_attack_anotherPairAtTheSameHeightRejected() public {
        _equivocate(key1Pk, HEIGHT);
        bytes32 payloadC = keccak256("block C");
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, key1, operator1));
        _report(HEIGHT, PAYLOAD_A, _attest(key1Pk, HEIGHT, PAYLOAD_A), payloadC, _attest(key1Pk, HEIGHT, payloadC));
    }

    /// @dev A punished key is retired for good: its operator cannot register it again to sign with it.
    function test_attack_punishedKeyRegisteredAgainRejected() public {
        _equivocate(key1Pk, HEIGHT);
        bytes memory registration = signDigest(key1Pk, slasher.keyRegistrationDigest(operator1, key1));
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, key1, operator1));
        vm.prank(operator1);
        slasher.registerSigningKey(key1, registration);
    }

    /// @dev A new key after the incident is a new start: its own equivocation is a new incident.
    function test_reportEquivocation_theNextKeysEquivocationIsANewIncident() public {
        _equivocate(key1Pk, HEIGHT);
        _registerKey(slasher, operator1, key3Pk);
        _equivocate(key3Pk, HEIGHT);
        vm.assertEq(
            allocationManager.maxMagnitude(operator1, strategyA),
            ((WAD - SLASH_WAD) * (WAD - SLASH_WAD)) / WAD,
            "slashed twice, each a tenth of what was left"
        );
    }

    // ---------------------------------------------------------------- forged proofs

    function test_attack_forgedByAnUnregisteredKey() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.UnregisteredKey.selector, key3));
        _equivocate(key3Pk, HEIGHT);
    }

    /// @dev Two operators' keys each signing one payload prove nothing against either.
    function test_attack_forgedWithTwoDifferentKeys() public {
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.SignersDiffer.selector, key1, key2));
        _report(HEIGHT, PAYLOAD_A, _attest(key1Pk, HEIGHT, PAYLOAD_A), PAYLOAD_B, _attest(key2Pk, HEIGHT, PAYLOAD_B));
    }

    /// @dev Different payloads at different heights are honest behaviour: the second signature, checked against the
    /// reported height, recovers to some unrelated address.
    function test_attack_forgedFromTwoHeights() public {
        bytes memory sigB = _attest(key1Pk, HEIGHT + 1, PAYLOAD_B);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SignersDiffer.selector,
                key1,
                _recovered(HEIGHT, PAYLOAD_B, sigB)
            )
        );
        _report(HEIGHT, PAYLOAD_A, _attest(key1Pk, HEIGHT, PAYLOAD_A), PAYLOAD_B, sigB);
    }

    function test_attack_identicalPayloadsRejected() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.IdenticalPayloads.selector, HEIGHT, PAYLOAD_A));
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_A, sigA);
    }

    /// @dev Attestations made for another slasher (another set) are not offences in this one.
    function test_attack_signaturesForAnotherSlasher() public {
        IEquivocationSlasher other = _deployEquivocation(SET_ID + 1, _list(strategyA), SLASH_WAD, 0, treasury);
        bytes memory sigA = signDigest(key1Pk, _attestationDigest(address(other), block.chainid, HEIGHT, PAYLOAD_A));
        bytes memory sigB = signDigest(key1Pk, _attestationDigest(address(other), block.chainid, HEIGHT, PAYLOAD_B));
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SignersDiffer.selector,
                _recovered(HEIGHT, PAYLOAD_A, sigA),
                _recovered(HEIGHT, PAYLOAD_B, sigB)
            )
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    /// @dev Attestations made on this chain are worthless on a fork with another chain id.
    function test_attack_signaturesReplayedOnAnotherChain() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key1Pk, HEIGHT, PAYLOAD_B);
        vm.chainId(block.chainid + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SignersDiffer.selector,
                _recovered(HEIGHT, PAYLOAD_A, sigA),
                _recovered(HEIGHT, PAYLOAD_B, sigB)
            )
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    /// @dev Attestations made for another chain id are worthless here.
    function test_attack_signaturesMadeForAnotherChain() public {
        uint256 otherChain = block.chainid + 1;
        bytes memory sigA = signDigest(key1Pk, _attestationDigest(address(slasher), otherChain, HEIGHT, PAYLOAD_A));
        bytes memory sigB = signDigest(key1Pk, _attestationDigest(address(slasher), otherChain, HEIGHT, PAYLOAD_B));
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SignersDiffer.selector,
                _recovered(HEIGHT, PAYLOAD_A, sigA),
                _recovered(HEIGHT, PAYLOAD_B, sigB)
            )
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    function test_attack_malformedSignatureRejected() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.InvalidAttestationSignature.selector, HEIGHT, PAYLOAD_B)
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, hex"deadbeef");
    }

    /// @dev The high-s twin of a valid signature is refused, so no signature has a second valid form.
    function test_attack_highSTwinRejected() public {
        bytes memory sigA = _attest(key1Pk, HEIGHT, PAYLOAD_A);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key1Pk, _attestationDigest(HEIGHT, PAYLOAD_B));
        bytes memory twin = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.InvalidAttestationSignature.selector, HEIGHT, PAYLOAD_B)
        );
        _report(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, twin);
    }

    /// @dev A signature recovering to nothing (`v` neither 27 nor 28) is refused, not read as the zero key.
    function test_attack_unrecoverableSignatureRejected() public {
        (, bytes32 r, bytes32 s) = vm.sign(key1Pk, _attestationDigest(HEIGHT, PAYLOAD_A));
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.InvalidAttestationSignature.selector, HEIGHT, PAYLOAD_A)
        );
        _report(HEIGHT, PAYLOAD_A, abi.encodePacked(r, s, uint8(29)), PAYLOAD_B, _attest(key1Pk, HEIGHT, PAYLOAD_B));
    }

    // ---------------------------------------------------------------- gas
}
