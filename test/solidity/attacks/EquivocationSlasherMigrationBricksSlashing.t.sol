// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 5, Low): an AVS follows the documented migration of its equivocation slasher
/// (deploy a new instance, schedule it as the set's slasher). On `main` the set was left with no working equivocation
/// slashing: the redistribution recipient stayed the old instance, so the new one refused every key
/// (`SetNotRedistributingToSlasher`), and an operator could equivocate for free.
///
/// The defence: the recipient moves with the slasher (`scheduleSlasher(setId, newInstance, newInstance)`), the new
/// instance accepts keys while it is the pending recipient, slashes after the notice and pays its reporters from its
/// own escrowed bucket, and the old instance still pays the bounties it owed from the buckets filled for it. Tested
/// end to end, from the old instance's report to the treasury's sweep.
contract EquivocationSlasherMigrationBricksSlashingTest is StakerProtectionHelpers {
    uint32 internal constant SET = 1;
    uint256 internal constant OWN_STAKE = 50e18;

    address internal treasury;
    address internal oldReporter;
    address internal newReporter;
    OperatorSet internal set1;
    IEquivocationSlasher internal oldInstance;
    IEquivocationSlasher internal newInstance;
    uint256 internal op1OldKey;
    uint256 internal op2OldKey;
    uint256 internal op1NewKey;
    uint256 internal op2NewKey;

    function setUp() public override {
        super.setUp();
        treasury = makeAddr("treasury");
        oldReporter = makeAddr("oldReporter");
        newReporter = makeAddr("newReporter");
        (, op1OldKey) = makeAddrAndKey("op1OldKey");
        (, op2OldKey) = makeAddrAndKey("op2OldKey");
        (, op1NewKey) = makeAddrAndKey("op1NewKey");
        (, op2NewKey) = makeAddrAndKey("op2NewKey");
        _registerAVS(avs);
        set1 = _set(avs, SET);
        // The testnet parameters: 10% per incident, 20% to the reporter.
        oldInstance = _deployEquivocation(set1, _strategies(strategyA), 0.1e18, 0.2e18, treasury);
        _createRedistributingSet(avs, SET, _strategies(strategyA), address(oldInstance), address(oldInstance));

        // Each operator has 50 tokens of its own and 100 of a staker's, all allocated to the set.
        _registerOperator(operator1);
        _registerOperator(operator2);
        _deposit(operator1, strategyA, OWN_STAKE);
        _deposit(operator2, strategyA, OWN_STAKE);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _stakeWith(bob, operator2, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _registerInSetAndWait(operator2, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        _allocateAndWait(operator2, set1, strategyA, uint64(WAD));
        _registerKey(oldInstance, operator1, op1OldKey);
        _registerKey(oldInstance, operator2, op2OldKey);
    }

    function test_attack_documentedMigration_bothInstancesSlashAndPayEndToEnd() public {
        // Under the old instance: operator 1 equivocates. 10% of 150 tokens; the bounty is 20% of 15 = 3 tokens
        // (below operator 1's own loss of 5).
        _reportEquivocation(oldInstance, oldReporter, op1OldKey, 7);
        vm.assertEq(oldInstance.bountyOwed(oldReporter, strategyA), 3e18, "the old instance owes its reporter 3");
        uint48 oldReleasableAt = _releasableAt(set1, strategyA, address(oldInstance));

        // The migration, as documented: a new instance (20% per incident, 25% bounty), scheduled as both slasher and
        // recipient; operators register their keys with it as soon as it is scheduled.
        newInstance = _deployEquivocation(set1, _strategies(strategyA), 0.2e18, 0.25e18, treasury);
        uint48 effectAt = _scheduleSlasherWith(set1, address(newInstance), address(newInstance));
        vm.assertEq(effectAt, block.timestamp + NOTICE, "after the notice");
        _registerKey(newInstance, operator1, op1NewKey);
        _registerKey(newInstance, operator2, op2NewKey);
        vm.assertEq(newInstance.signingKeyOf(operator2), vm.addr(op2NewKey), "keys accepted by the pending recipient");

        // Before the notice is over, the old instance is the slasher: the new one cannot slash yet.
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(newInstance), avs, SET, oldInstance)
        );
        _reportEquivocation(newInstance, newReporter, op2NewKey, 8);

        // After it, the new instance slashes and the old one no longer can.
        vm.warp(effectAt);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(oldInstance), avs, SET, newInstance)
        );
        _reportEquivocation(oldInstance, oldReporter, op2OldKey, 9);

        // Operator 2 equivocates under the new instance: 20% of 150 = 30 tokens; 25% of it is 7.5 (below its own loss
        // of 10).
        _reportEquivocation(newInstance, newReporter, op2NewKey, 10);
        vm.assertEq(newInstance.bountyOwed(newReporter, strategyA), 7.5e18, "the new instance owes its reporter");
        vm.assertEq(_bucketShares(set1, strategyA, address(newInstance)), 30e21, "its own bucket, in escrow");
        vm.assertEq(_bucketShares(set1, strategyA, address(oldInstance)), 15e21, "the old bucket is untouched");

        // Each instance pays its own reporters out of its own bucket.
        vm.warp(_releasableAt(set1, strategyA, address(newInstance)));
        vm.assertGe(block.timestamp, oldReleasableAt, "both escrows are over");
        vm.prank(newReporter);
        vm.assertEq(newInstance.claimBounty(strategyA), 7.5e18, "the new instance pays its reporter");
        vm.prank(oldReporter);
        vm.assertEq(oldInstance.claimBounty(strategyA), 3e18, "the old instance still pays what it owed");
        vm.assertEq(tokenA.balanceOf(newReporter), 7.5e18, "new reporter paid");
        vm.assertEq(tokenA.balanceOf(oldReporter), 3e18, "old reporter paid");

        // And the rest of each bucket goes to the treasury.
        oldInstance.sweepToTreasury(strategyA);
        newInstance.sweepToTreasury(strategyA);
        vm.assertEq(tokenA.balanceOf(treasury), 12e18 + 22.5e18, "the rest of both buckets to the treasury");
        vm.assertEq(_worth(alice, strategyA), 90e18, "alice lost one 10% slash");
        vm.assertEq(_worth(bob, strategyA), 80e18, "bob lost one 20% slash");
    }

    function test_attack_theNewInstanceRefusesKeysBeforeItIsScheduled() public {
        // The check that made `main`'s migration fail still stands for an instance nobody scheduled.
        newInstance = _deployEquivocation(set1, _strategies(strategyA), 0.2e18, 0.25e18, treasury);
        bytes32 structHash = keccak256(abi.encode(KEY_REGISTRATION_TYPEHASH, operator1, vm.addr(op1NewKey)));
        bytes memory proof = signDigest(op1NewKey, _equivocationDigest(address(newInstance), structHash));
        vm.expectRevert(
            abi.encodeWithSelector(
                IEquivocationSlasher.SetNotRedistributingToSlasher.selector,
                avs,
                SET,
                address(oldInstance)
            )
        );
        vm.prank(operator1);
        newInstance.registerSigningKey(vm.addr(op1NewKey), proof);
    }
}
