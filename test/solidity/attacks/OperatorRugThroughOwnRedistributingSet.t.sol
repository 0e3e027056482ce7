// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 1, High): an operator registers as an AVS, creates an operator set with
/// itself as slasher and its own wallet as redistribution recipient, registers in it, allocates 100% of a strategy,
/// waits its allocation delay (60 s), slashes 100% and releases the bucket to its wallet. On `main` a staker who
/// queued a full withdrawal in the very block of the allocation lost everything: queued stake stays slashable, and
/// the allocation was slashable a minute later.
///
/// The defence (guarantee 9): every increase of a staker's exposure (an allocation increase, a registration, a new
/// slasher with its recipient, a strategy added back) takes effect one second after a withdrawal queued in its block
/// matures, so a staker who reacts at once keeps everything; and a redistributing set's slashed funds wait in an
/// escrow, with a pause of their own, before they reach the recipient. Bob, who stays delegated through the notice,
/// is the control: the slash is real and takes his stake, so the reacting staker's escape is no accident.
contract OperatorRugThroughOwnRedistributingSetTest is StakerProtectionHelpers {
    address internal rugger;
    address internal ruggerWallet;

    function setUp() public override {
        super.setUp();
        rugger = operator1;
        ruggerWallet = makeAddr("ruggerWallet");
        // The shipped parameters: a 60-second allocation delay.
        _registerOperator(rugger);
        _stakeWith(alice, rugger, strategyA, STAKE);
        _stakeWith(bob, rugger, strategyA, STAKE);
        _registerAVS(rugger);
    }

    // ---------------------------------------------------------------- the issue's scenario, step by step

    function test_attack_rugInOneBlock_stakerWhoQueuesInTheAllocationBlockKeepsEverything() public {
        // One block: the rugger's own redistributing set, its registration and a 100% allocation.
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        _registerInSet(rugger, rugSet);
        _allocate(rugger, rugSet, strategyA, uint64(WAD));
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);

        // The allocation delay later the rugger is not slashable in its own set yet.
        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
        _expectSlashRevert(
            rugger,
            rugSet,
            rugger,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, rugger, rugger, 1)
        );

        // The earliest it can slash is one second after alice's withdrawal matured.
        uint48 slashableFrom = avsRegistry.registration(rugger, rugSet).slashableFrom;
        vm.assertEq(slashableFrom, escape.maturity + 1, "slashable one second after a same-block withdrawal matures");
        vm.warp(slashableFrom);
        uint256 taken = _slashBy(rugger, rugSet, rugger, strategyA, WAD);

        vm.assertEq(taken, STAKE_SHARES, "the slash takes bob's stake only, who stayed through the notice");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice keeps all of her 100 tokens");
        _assertRuggerGetsOnlyBobsStakeAfterEscrow(rugSet);
    }

    // ---------------------------------------------------------------- one test per increase of exposure

    function test_attack_stakerWhoQueuesInTheAllocationBlock_keepsEverything() public {
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        // Registered long ago: only the allocation is new.
        _registerInSetAndWait(rugger, rugSet);

        _allocate(rugger, rugSet, strategyA, uint64(WAD));
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        (, , uint48 effectAt) = allocationManager.allocation(rugger, rugSet, strategyA);
        vm.assertGt(effectAt, block.timestamp + wq.withdrawalDelay(), "the increase waits past a same-block exit");

        // At the allocation delay the allocation is not in force: a slash takes nothing.
        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), 0, "nothing allocated yet, nothing taken");

        vm.warp(effectAt);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), STAKE_SHARES, "bob's stake only");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice keeps all of her 100 tokens");
        _assertRuggerGetsOnlyBobsStakeAfterEscrow(rugSet);
    }

    function test_attack_stakerWhoQueuesInTheRegistrationBlock_keepsEverything() public {
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        // Allocated while not registered: the allocation comes into force, then the registration revives it.
        _allocateAndWait(rugger, rugSet, strategyA, uint64(WAD));
        vm.assertEq(_current(rugger, rugSet, strategyA), WAD, "allocation in force before the registration");

        _registerInSet(rugger, rugSet);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);

        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
        _expectSlashRevert(
            rugger,
            rugSet,
            rugger,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, rugger, rugger, 1)
        );

        vm.warp(avsRegistry.registration(rugger, rugSet).slashableFrom);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), STAKE_SHARES, "bob's stake only");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice keeps all of her 100 tokens");
        _assertRuggerGetsOnlyBobsStakeAfterEscrow(rugSet);
    }

    function test_attack_stakerWhoQueuesInTheSlasherChangeBlock_keepsEverything() public {
        // A set that looked safe: slashed by a committee, redistributing to the AVS's treasury.
        address committee = makeAddr("committee");
        address treasury = makeAddr("treasury");
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), committee, treasury);
        _registerInSetAndWait(rugger, rugSet);
        _allocateAndWait(rugger, rugSet, strategyA, uint64(WAD));

        // The rugger, as the AVS, makes itself the slasher and its wallet the recipient.
        uint48 effectAt = _scheduleSlasherWith(rugSet, rugger, ruggerWallet);
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        vm.assertEq(effectAt, escape.maturity + 1, "the new slasher takes over after a same-block withdrawal");

        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
        _expectSlashRevert(
            rugger,
            rugSet,
            rugger,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, rugger, rugger, 1, committee)
        );

        vm.warp(effectAt);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), STAKE_SHARES, "bob's stake only");
        vm.assertEq(_bucketShares(rugSet, strategyA, treasury), 0, "nothing owed to the old recipient");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice keeps all of her 100 tokens");
        _assertRuggerGetsOnlyBobsStakeAfterEscrow(rugSet);
    }

    function test_attack_stakerWhoQueuesInTheStrategyReaddBlock_keepsEverything() public {
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        _registerInSetAndWait(rugger, rugSet);
        _allocateAndWait(rugger, rugSet, strategyA, uint64(WAD));
        // The rugger drops strategy A from its set ("no longer slashable here") but keeps the allocation.
        vm.prank(rugger);
        avsRegistry.removeStrategiesFromOperatorSet(1, _strategies(strategyA));
        vm.warp(block.timestamp + 30 days);

        vm.prank(rugger);
        avsRegistry.addStrategiesToOperatorSet(1, _strategies(strategyA));
        IWithdrawalQueue.Withdrawal memory escape = _queueAll(alice, strategyA);
        (bool member, uint48 slashableFrom) = avsRegistry.strategyMembership(rugSet, strategyA);
        vm.assertTrue(member, "A is back in the set");
        vm.assertEq(slashableFrom, escape.maturity + 1, "slashable again after a same-block withdrawal matures");

        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
        _expectSlashRevert(
            rugger,
            rugSet,
            rugger,
            strategyA,
            abi.encodeWithSelector(IAVSRegistry.StrategyNotSlashableYet.selector, rugger, 1, strategyA, slashableFrom)
        );

        vm.warp(slashableFrom);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), STAKE_SHARES, "bob's stake only");
        vm.assertEq(_completeAsTokens(escape), STAKE, "alice keeps all of her 100 tokens");
        _assertRuggerGetsOnlyBobsStakeAfterEscrow(rugSet);
    }

    // ---------------------------------------------------------------- the escrow

    function test_attack_redistributedFundsWaitInEscrowUntilReleasableAt() public {
        OperatorSet memory rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        _registerInSetAndWait(rugger, rugSet);
        _allocateAndWait(rugger, rugSet, strategyA, uint64(WAD));
        uint256 slashedAt = block.timestamp;
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, 0.5e18), STAKE_SHARES, "half of both stakes");
        (uint256 shares, uint48 releasableAt) = coordinator.bucket(rugSet, strategyA, ruggerWallet);
        vm.assertEq(shares, STAKE_SHARES, "in the wallet's escrowed bucket");
        vm.assertEq(releasableAt, slashedAt + ESCROW_DELAY, "held for the escrow delay");

        // Governance shortens the escrow: the bucket keeps its date, and a later slash into it, escrowed for the
        // shorter delay, never brings it forward.
        vm.warp(block.timestamp + 1);
        uint32 shortest = coordinator.MIN_ESCROW_DELAY();
        vm.prank(owner);
        coordinator.setEscrowDelay(shortest);
        vm.assertEq(_releasableAt(rugSet, strategyA, ruggerWallet), releasableAt, "the escrow kept its date");
        vm.warp(block.timestamp + 1);
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), STAKE_SHARES, "the other half");
        vm.assertEq(_releasableAt(rugSet, strategyA, ruggerWallet), releasableAt, "a later slash keeps the date");

        vm.warp(releasableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.EscrowNotOver.selector,
                rugger,
                1,
                strategyA,
                ruggerWallet,
                releasableAt,
                releasableAt - 1
            )
        );
        _release(rugSet, strategyA, ruggerWallet);
        vm.assertEq(tokenA.balanceOf(ruggerWallet), 0, "nothing paid during the escrow");

        vm.warp(releasableAt);
        vm.assertEq(_release(rugSet, strategyA, ruggerWallet), 2 * STAKE, "released at releasableAt, not before");
    }

    function test_attack_stolenSlasherKey_governancePausesThePayoutDuringTheEscrow() public {
        // The rugger's key, or an AVS's slasher key in a thief's hands: a 100% slash into a bucket it controls.
        OperatorSet memory rugSet = _slashedRugSet();
        uint48 releasableAt = _releasableAt(rugSet, strategyA, ruggerWallet);

        // The pauser (a quick key, not the timelock) stops payouts to recipients within the escrow.
        _pause(address(coordinator), uint256(1) << coordinator.PAUSE_REDISTRIBUTION());

        vm.warp(releasableAt + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IPauseControl.ActionPaused.selector, coordinator.PAUSE_REDISTRIBUTION())
        );
        _release(rugSet, strategyA, ruggerWallet);
        vm.assertEq(tokenA.balanceOf(ruggerWallet), 0, "the thief received nothing");
        vm.assertEq(_bucketShares(rugSet, strategyA, ruggerWallet), 2 * STAKE_SHARES, "the funds stay in the bucket");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), 2 * STAKE, "and in the strategy");
    }

    function test_attack_burningSetsAreNotEscrowedNorStoppedByTheRedistributionPause() public {
        // An honest burning set slashing the same operator: its bucket burns at once, even while payouts to
        // recipients are paused.
        _registerAVS(avs);
        OperatorSet memory burningSet = _createSet(2, _strategies(strategyA));
        _registerInSetAndWait(rugger, burningSet);
        _allocateAndWait(rugger, burningSet, strategyA, 0.5e18);
        _pause(address(coordinator), uint256(1) << coordinator.PAUSE_REDISTRIBUTION());

        uint256 taken = _slashBy(slasher, burningSet, rugger, strategyA, WAD);
        vm.assertEq(taken, STAKE_SHARES, "half of both stakes");
        (uint256 shares, uint48 releasableAt) = coordinator.bucket(burningSet, strategyA, address(0));
        vm.assertEq(shares, STAKE_SHARES, "in the burning bucket");
        vm.assertEq(releasableAt, 0, "no escrow for a burning set");
        vm.assertEq(_release(burningSet, strategyA, address(0)), STAKE, "burned at once");
        vm.assertEq(tokenA.balanceOf(coordinator.BURN_ADDRESS()), STAKE, "to the burn address");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The rugger's set, registered and 100% allocated, in force, and slashed 100% (both stakers stayed).
    function _slashedRugSet() internal returns (OperatorSet memory rugSet) {
        rugSet = _createRedistributingSet(rugger, 1, _strategies(strategyA), rugger, ruggerWallet);
        _registerInSetAndWait(rugger, rugSet);
        _allocateAndWait(rugger, rugSet, strategyA, uint64(WAD));
        vm.assertEq(_slashBy(rugger, rugSet, rugger, strategyA, WAD), 2 * STAKE_SHARES, "both stakes taken");
    }

    /// @dev The rugger's wallet is paid bob's 100 tokens, and only once the escrow is over.
    function _assertRuggerGetsOnlyBobsStakeAfterEscrow(OperatorSet memory rugSet) internal {
        uint48 releasableAt = _releasableAt(rugSet, strategyA, ruggerWallet);
        vm.assertEq(releasableAt, block.timestamp + ESCROW_DELAY, "the slashed funds wait in escrow");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.EscrowNotOver.selector,
                rugger,
                1,
                strategyA,
                ruggerWallet,
                releasableAt,
                block.timestamp
            )
        );
        _release(rugSet, strategyA, ruggerWallet);
        vm.warp(releasableAt);
        _release(rugSet, strategyA, ruggerWallet);
        vm.assertEq(tokenA.balanceOf(ruggerWallet), STAKE, "the wallet gets bob's 100 tokens, none of alice's");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 0, "bob, who stayed, lost his stake");
    }
}
