// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {EquivocationAccomplice} from "./mocks/EquivocationAccomplice.sol";
import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 2, Medium): with the testnet parameters (slash 10%, bounty 20% of what is
/// slashed), an operator with no stake of its own signs conflicting payloads at 40 heights and an accomplice reports
/// them all in one transaction. On `main` that was 40 slashes: 98.5 of a delegator's 100 tokens gone, 19.70 paid to
/// the accomplice, which is to say to the operator.
///
/// The defence: one key, one incident (every equivocation of a key is one fault, punished once, and the key is
/// retired), and a bounty capped at what the offender's own stake loses, so that reporting one's own operator never
/// pays. The fuzz test checks the second half over slash and bounty fractions, own and delegated stake, heights and
/// several keys: the accomplice's total bounty in tokens never exceeds the operator's own loss in tokens.
contract SelfReportedEquivocationPaysTest is StakerProtectionHelpers {
    /// @dev The testnet parameters.
    uint256 internal constant SLASH_WAD = 0.1e18;
    uint256 internal constant BOUNTY_WAD = 0.2e18;
    uint256 internal constant HEIGHTS = 40;
    uint32 internal constant EQUIVOCATION_SET = 1;

    address internal treasury;
    address internal mastermind;
    EquivocationAccomplice internal accomplice;
    IEquivocationSlasher internal equivocationSlasher;
    OperatorSet internal set1;
    uint256 internal key1Pk;

    function setUp() public override {
        super.setUp();
        treasury = makeAddr("treasury");
        mastermind = makeAddr("mastermind");
        accomplice = new EquivocationAccomplice(mastermind);
        (, key1Pk) = makeAddrAndKey("key1");
        _registerAVS(avs);
        _registerOperator(operator1);
    }

    // ---------------------------------------------------------------- the issue's scenario

    function test_attack_fortyHeightsReportedInOneTransaction_slashOnceAndPayNothing() public {
        // The operator has no stake of its own; alice delegated 100 tokens to it.
        _deploySlasherAndJoin(SLASH_WAD, BOUNTY_WAD, 0, STAKE);

        (uint256 slashes, bytes[] memory refusals) = accomplice.reportAll(
            equivocationSlasher,
            _proofs(key1Pk, 1, HEIGHTS)
        );

        vm.assertEq(slashes, 1, "forty equivocations of one key are one incident: one slash");
        for (uint256 i = 1; i < HEIGHTS; ++i) {
            vm.assertEq(
                refusals[i],
                abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, vm.addr(key1Pk), operator1),
                "every later report is refused: the key is retired"
            );
        }
        vm.assertTrue(equivocationSlasher.isKeyPunished(vm.addr(key1Pk)), "the key's incident is closed");
        vm.assertEq(_worth(alice, strategyA), 90e18, "alice keeps 90 of her 100 tokens: one 10% slash");
        vm.assertEq(equivocationSlasher.bountyOwed(address(accomplice), strategyA), 0, "no bounty: no own loss");

        // After the escrow, the accomplice has nothing to claim and the slashed tokens go to the treasury.
        vm.warp(_releasableAt(set1, strategyA, address(equivocationSlasher)));
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.NoBountyOwed.selector, address(accomplice), strategyA)
        );
        accomplice.claimFor(equivocationSlasher, strategyA);
        _release(set1, strategyA, address(equivocationSlasher));
        equivocationSlasher.sweepToTreasury(strategyA);
        vm.assertEq(tokenA.balanceOf(treasury), 10e18, "the ten slashed tokens go to the treasury");
        vm.assertEq(tokenA.balanceOf(mastermind), 0, "the operator's side earned nothing");
    }

    function test_attack_aNewKeyIsANewIncident_andStillPaysNothing() public {
        _deploySlasherAndJoin(SLASH_WAD, BOUNTY_WAD, 0, STAKE);
        accomplice.reportAll(equivocationSlasher, _proofs(key1Pk, 1, HEIGHTS));

        // The retired key cannot come back; a new key can, and its equivocations are a new incident.
        bytes32 keyProof = keccak256(abi.encode(KEY_REGISTRATION_TYPEHASH, operator1, vm.addr(key1Pk)));
        bytes memory proof = signDigest(key1Pk, _equivocationDigest(address(equivocationSlasher), keyProof));
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.KeyAlreadyPunished.selector, vm.addr(key1Pk), operator1)
        );
        vm.prank(operator1);
        equivocationSlasher.registerSigningKey(vm.addr(key1Pk), proof);

        (, uint256 key2Pk) = makeAddrAndKey("key2");
        _registerKey(equivocationSlasher, operator1, key2Pk);
        (uint256 slashes, ) = accomplice.reportAll(equivocationSlasher, _proofs(key2Pk, 1, HEIGHTS));
        vm.assertEq(slashes, 1, "one slash for the second key's incident");
        vm.assertEq(_worth(alice, strategyA), 81e18, "two incidents, two 10% slashes");
        vm.assertEq(equivocationSlasher.bountyOwed(address(accomplice), strategyA), 0, "still no bounty");
    }

    function test_attack_operatorWithOwnStake_bountyIsCappedAtItsOwnLoss() public {
        // 10 tokens of its own, 100 of alice's: a 10% slash takes 1 + 10 tokens; 20% of 11 is 2.2, but the operator
        // itself lost only 1.
        _deploySlasherAndJoin(SLASH_WAD, BOUNTY_WAD, 10e18, STAKE);
        uint256 ownBefore = _worth(operator1, strategyA);

        (uint256 slashes, ) = accomplice.reportAll(equivocationSlasher, _proofs(key1Pk, 1, HEIGHTS));

        uint256 ownLoss = ownBefore - _worth(operator1, strategyA);
        vm.assertEq(slashes, 1, "one slash");
        vm.assertEq(ownLoss, 1e18, "the operator lost a tenth of its 10 tokens");
        uint256 bounty = equivocationSlasher.bountyOwed(address(accomplice), strategyA);
        vm.assertEq(bounty, 1e18, "the bounty is capped at the operator's own loss");

        vm.warp(_releasableAt(set1, strategyA, address(equivocationSlasher)));
        accomplice.claimFor(equivocationSlasher, strategyA);
        vm.assertEq(tokenA.balanceOf(mastermind), bounty, "paid in full after the escrow");
        vm.assertLe(tokenA.balanceOf(mastermind), ownLoss, "the pair earns at most what the operator lost");
    }

    /// @notice Over slash and bounty fractions, the operator's own stake, delegated stake, the number of heights
    /// equivocated and the number of keys burnt, an accomplice reporting everything in one transaction per key
    /// slashes at most once per key and earns, in tokens, at most what the operator's own stake lost.
    function testFuzz_attack_accompliceBountyNeverExceedsTheOperatorsOwnLoss(
        uint256 slashWad,
        uint256 bountyWad,
        uint256 ownStake,
        uint256 delegated,
        uint256 heights,
        uint256 keys
    ) public {
        slashWad = bound(slashWad, 1, WAD);
        bountyWad = bound(bountyWad, 0, WAD);
        ownStake = bound(ownStake, 0, 1e27);
        delegated = bound(delegated, 0, 1e27);
        heights = bound(heights, 1, 6);
        keys = bound(keys, 1, 3);
        _deploySlasherAndJoin(slashWad, bountyWad, ownStake, delegated);
        // Valued at the vault's price before any release: a fresh vault's 1,000 shares per token throughout.
        uint256 ownBefore = _worth(operator1, strategyA);

        for (uint256 k; k < keys; ++k) {
            uint256 pk = uint256(keccak256(abi.encode("equivocating key", k)));
            if (k != 0) _registerKey(equivocationSlasher, operator1, pk);
            else pk = key1Pk;
            (uint256 slashes, ) = accomplice.reportAll(equivocationSlasher, _proofs(pk, 1 + k * 100, heights));
            vm.assertLe(slashes, 1, "one key, one incident: at most one slash");
        }

        uint256 ownLoss = ownBefore - _worth(operator1, strategyA);
        uint256 bounty = equivocationSlasher.bountyOwed(address(accomplice), strategyA);
        vm.assertLe(bounty, ownLoss, "the accomplice's bounty <= the operator's own loss, in tokens");

        if (bounty != 0) {
            vm.warp(_releasableAt(set1, strategyA, address(equivocationSlasher)));
            accomplice.claimFor(equivocationSlasher, strategyA);
            vm.assertLe(tokenA.balanceOf(mastermind), ownLoss, "what the accomplice takes home <= the own loss");
        }
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Deploys the slasher for set 1 (its slasher and recipient); the operator deposits `ownStake` tokens of its
    /// own, alice delegates `delegated`; the operator joins, allocates everything and registers key 1, in force.
    function _deploySlasherAndJoin(uint256 slashWad, uint256 bountyWad, uint256 ownStake, uint256 delegated) internal {
        set1 = _set(avs, EQUIVOCATION_SET);
        equivocationSlasher = _deployEquivocation(set1, _strategies(strategyA), slashWad, bountyWad, treasury);
        _createRedistributingSet(
            avs,
            EQUIVOCATION_SET,
            _strategies(strategyA),
            address(equivocationSlasher),
            address(equivocationSlasher)
        );
        if (ownStake != 0) _deposit(operator1, strategyA, ownStake);
        if (delegated != 0) _stakeWith(alice, operator1, strategyA, delegated);
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        _registerKey(equivocationSlasher, operator1, key1Pk);
    }

    /// @dev `pk` signs two payloads at each of `count` heights from `firstHeight`.
    function _proofs(
        uint256 pk,
        uint256 firstHeight,
        uint256 count
    ) internal view returns (EquivocationAccomplice.Proof[] memory proofs) {
        proofs = new EquivocationAccomplice.Proof[](count);
        for (uint256 i; i < count; ++i) {
            // Safe cast: the tests use a few hundred heights.
            uint64 height = uint64(firstHeight + i);
            bytes32 a = keccak256(abi.encode("block A", height));
            bytes32 b = keccak256(abi.encode("block B", height));
            proofs[i] = EquivocationAccomplice.Proof({
                height: height,
                payloadHashA: a,
                signatureA: _attest(equivocationSlasher, pk, height, a),
                payloadHashB: b,
                signatureB: _attest(equivocationSlasher, pk, height, b)
            });
        }
    }
}
