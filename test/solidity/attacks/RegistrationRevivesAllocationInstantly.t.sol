// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack: an operator allocates to a set while not registered in it. The allocation takes effect (after
/// the notice, like every increase), but nobody can slash it: the operator is not in the set, and its stakers have
/// no reason to leave. Then the operator registers, and on `main` the allocation in force was slashable in the same
/// block: the registration was an increase of exposure without notice. The same goes for an operator that left a set
/// and comes back, and for a registration the AVS submits with the operator's signed consent.
///
/// The defence (guarantee 9): a registration makes the operator slashable from `slashableFrom`, one second after a
/// withdrawal queued in its block matures, whatever the allocations in force; a staker who queues in that block
/// escapes, and one who stays (bob, the control) is slashed from then on.
contract RegistrationRevivesAllocationInstantlyTest is StakerProtectionHelpers {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _stakeWith(bob, operator1, strategyA, STAKE);
    }

    function test_attack_allocateWhileUnregistered_thenRegister_stakerWhoQueuesInTheRegistrationBlockEscapes() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        vm.assertEq(_current(operator1, set1, strategyA), WAD, "the allocation is in force");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, block.timestamp), 0, "but nobody can slash it");

        _registerInSet(operator1, set1);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        _assertSlashableOnlyAfterTheNotice(escape);
    }

    function test_attack_leaveAndComeBack_theNewRegistrationGivesNoticeAgain() public {
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        uint48 slashableUntil = _deregisterFromSet(operator1, set1);
        vm.warp(slashableUntil);
        vm.assertFalse(avsRegistry.isSlashable(operator1, set1), "out of the set's reach");

        _registerInSet(operator1, set1);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        _assertSlashableOnlyAfterTheNotice(escape);
    }

    function test_attack_registrationByConsent_givesTheSameNotice() public {
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        uint256 expiry = block.timestamp + 1 hours;
        IAVSRegistry.Consent memory consent = _signConsent(
            operator1Key,
            operator1,
            avs,
            _setIds(1),
            "",
            bytes32(uint256(1)),
            expiry
        );
        vm.prank(avs);
        avsRegistry.registerOperatorWithConsent(operator1, _setIds(1), "", consent);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        _assertSlashableOnlyAfterTheNotice(escape);
    }

    /// @dev The registration just made is slashable from one second after `escape` (queued in its block) matures:
    /// not a second before, and then only bob's stake is there to slash.
    function _assertSlashableOnlyAfterTheNotice(IWithdrawalQueue.Withdrawal memory escape) internal {
        uint48 slashableFrom = avsRegistry.registration(operator1, set1).slashableFrom;
        vm.assertEq(slashableFrom, escape.maturity + 1, "slashable one second after a same-block withdrawal matures");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, block.timestamp), 0, "nothing slashable now");
        vm.assertEq(_slashableStake(operator1, set1, strategyA, slashableFrom), STAKE_SHARES, "then bob's stake");

        vm.warp(slashableFrom - 1);
        _expectSlashRevert(
            slasher,
            set1,
            operator1,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, 1)
        );
        vm.warp(slashableFrom);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE_SHARES, "the slash takes bob's stake only");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice, who reacted to the registration, keeps everything");
    }
}
