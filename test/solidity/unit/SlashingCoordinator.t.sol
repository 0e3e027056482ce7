// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The SlashingCoordinator's entry points: `slash` (every revert path, its event, its ids) and
/// `releaseSlashedFunds` (burning and redistributing sets, its revert paths), and their independent pause bits.
/// The arithmetic of a slash has its own suite (`SlashingCoordinatorMath`).
contract SlashingCoordinatorTest is AVSHelpers {
    uint32 internal constant SET_2 = 2;
    uint64 internal constant HALF = 0.5e18;
    /// @dev Alice's 100 tokens in A, delegated to operator 1.
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;
    uint256 internal constant SLASHING_FLAG = 1 << 0;
    uint256 internal constant RELEASE_FLAG = 1 << 1;
    uint256 internal constant REDISTRIBUTION_FLAG = 1 << 2;

    /// @dev Set 1 burns, set 2 redistributes to `recipient`; each has its own slasher.
    OperatorSet internal set1;
    OperatorSet internal set2;
    address internal slasher2;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        slasher2 = makeAddr("slasher2");
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(avs, SET_2, _strategies(strategyA), slasher2, address(0), recipient);
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
        _allocateAndWait(operator1, set1, strategyA, HALF);
    }

    // ---------------------------------------------------------------- wiring

    function test_constantsAndWiring() public view {
        vm.assertEq(coordinator.PAUSE_SLASHING(), 0, "slashing bit");
        vm.assertEq(coordinator.PAUSE_RELEASE(), 1, "release bit");
        vm.assertEq(coordinator.PAUSE_REDISTRIBUTION(), 2, "redistribution bit");
        vm.assertEq(coordinator.validPauseFlags(), SLASHING_FLAG | RELEASE_FLAG | REDISTRIBUTION_FLAG, "three bits");
        vm.assertEq(coordinator.ownerOnlyPauseFlags(), SLASHING_FLAG, "slashing is paused by the owner only");
        vm.assertEq(coordinator.escrowDelay(), ESCROW_DELAY, "escrow delay");
        vm.assertEq(coordinator.MIN_ESCROW_DELAY(), 1 minutes, "shortest escrow");
        vm.assertEq(coordinator.MAX_ESCROW_DELAY(), 30 days, "longest escrow");
        vm.assertEq(coordinator.BURN_ADDRESS(), 0x000000000000000000000000000000000000dEaD, "burn address");
        vm.assertEq(coordinator.avsRegistry(), address(avsRegistry), "avs registry");
        vm.assertEq(coordinator.allocationManager(), address(allocationManager), "allocation manager");
        vm.assertEq(coordinator.strategyManager(), address(sm), "strategy manager");
        vm.assertEq(coordinator.withdrawalQueue(), address(wq), "withdrawal queue");
        vm.assertEq(coordinator.nextSlashId(), 1, "the first slash is slash 1");
    }

    // ---------------------------------------------------------------- slash: event, ids, return values

    function test_slash_emitsOperatorSlashedAndStrategySlashedWithEveryField() public {
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.OperatorSlashed(1, operator1, avs, SET_ID, "double signed at height 7");
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.StrategySlashed(1, strategyA, 0.3e18, HALF, 0.15e18, uint64(WAD), (STAKE * 15) / 100);
        vm.prank(slasher);
        (uint256 slashId, uint256[] memory shares) = coordinator.slash(
            operator1,
            set1,
            _strategies(strategyA),
            _wads(0.3e18),
            "double signed at height 7"
        );

        vm.assertEq(slashId, 1, "slash 1");
        vm.assertEq(shares.length, 1, "one strategy");
        vm.assertEq(shares[0], (STAKE * 15) / 100, "0.15 of the scaled stake");
        vm.assertEq(_slashedShares(set1, strategyA), shares[0], "in the bucket");
        vm.assertEq(coordinator.nextSlashId(), 2, "next id");
    }

    function test_slash_alsoEmitsTheFactorChange() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.SlashingFactorChanged(operator1Id, strategyA, 0.85e18);
        _slash(set1, operator1, strategyA, 0.3e18);
    }

    function test_slash_idsCountFromOne() public {
        (uint256 first, ) = _slash(set1, operator1, _strategies(strategyA), _wads(0.1e18));
        (uint256 second, ) = _slash(set1, operator1, _strategies(strategyA), _wads(0.1e18));
        // A slash that finds nothing to take still gets its id.
        (uint256 third, ) = _slash(set2, operator1, _strategies(strategyA), _wads(0.1e18));
        vm.assertEq(first, 1, "first");
        vm.assertEq(second, 2, "second");
        vm.assertEq(third, 3, "third");
        vm.assertEq(coordinator.nextSlashId(), 4, "next");
    }

    function test_slash_bucketsAccumulatePerSetAndStrategy() public {
        _allocateAndWait(operator1, set2, strategyA, 0.2e18);
        uint256 first = _slash(set1, operator1, strategyA, 0.5e18);
        uint256 second = _slash(set1, operator1, strategyA, 0.5e18);
        uint256 other = _slash(set2, operator1, strategyA, 0.5e18);
        vm.assertEq(_slashedShares(set1, strategyA), first + second, "set 1's bucket holds both");
        vm.assertEq(_slashedShares(set2, strategyA), other, "set 2's bucket its own");
        vm.assertEq(_slashedShares(set1, strategyB), 0, "B untouched");
    }

    // ---------------------------------------------------------------- slash: reverts

    function test_slash_revertsWhen_noStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.NoStrategies.selector));
        vm.prank(slasher);
        coordinator.slash(operator1, set1, _noStrategies(), new uint256[](0), "");
    }

    function test_slash_revertsWhen_fewerWadsThanStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.LengthMismatch.selector, 2, 1));
        vm.prank(slasher);
        coordinator.slash(operator1, set1, _strategies(strategyA, strategyB), _wads(0.1e18), "");
    }

    function test_slash_revertsWhen_moreWadsThanStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.LengthMismatch.selector, 1, 2));
        vm.prank(slasher);
        coordinator.slash(operator1, set1, _strategies(strategyA), _wads(0.1e18, 0.1e18), "");
    }

    function test_slash_revertsWhen_wadIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyA, 0));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(0));
    }

    function test_slash_revertsWhen_wadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyA, WAD + 1));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(WAD + 1));
    }

    function test_slash_revertsWhen_secondWadInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyB, 0));
        _slashAs(slasher, set1, operator1, _strategies(strategyA, strategyB), _wads(0.1e18, 0));
    }

    function test_slash_revertsWhen_callerIsNotTheSlasher() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, stranger, avs, SET_ID, slasher));
        vm.prank(stranger);
        coordinator.slash(operator1, set1, _strategies(strategyA), _wads(0.1e18), "");
    }

    function test_slash_revertsWhen_callerIsAnotherSetsSlasher() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, slasher2, avs, SET_ID, slasher));
        vm.prank(slasher2);
        coordinator.slash(operator1, set1, _strategies(strategyA), _wads(0.1e18), "");
    }

    function test_slash_revertsWhen_operatorNotSlashable() public {
        _registerOperator(operator2);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator2, avs, SET_ID));
        _slashAs(slasher, set1, operator2, _strategies(strategyA), _wads(0.1e18));
    }

    function test_slash_revertsWhen_strategyNotInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_2, strategyB));
        _slashAs(slasher2, set2, operator1, _strategies(strategyA, strategyB), _wads(0.1e18, 0.1e18));
    }

    function test_slash_revertsWhen_setNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, 9));
        vm.prank(slasher);
        coordinator.slash(operator1, _set(avs, 9), _strategies(strategyA), _wads(0.1e18), "");
    }

    function test_slash_revertsWhen_paused() public {
        vm.prank(owner);
        coordinator.pause(SLASHING_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 0));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(0.1e18));

        _unpause(address(coordinator), SLASHING_FLAG);
        _slash(set1, operator1, _strategies(strategyA), _wads(0.1e18));
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 0.95e18, "works once unpaused");
    }

    function test_slash_revertedSlashChangesNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_2, strategyB));
        _slashAs(slasher2, set2, operator1, _strategies(strategyA, strategyB), _wads(0.1e18, 0.1e18));
        vm.assertEq(coordinator.nextSlashId(), 1, "no id spent");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD, "no magnitude taken");
    }

    // ---------------------------------------------------------------- releaseSlashedFunds

    function test_releaseSlashedFunds_burns() public {
        uint256 shares = _slash(set1, operator1, strategyA, 0.3e18);
        uint256 vaultBefore = tokenA.balanceOf(address(strategyA));
        uint256 totalSharesBefore = strategyA.totalShares();
        address burn = coordinator.BURN_ADDRESS();

        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.SlashedFundsReleased(avs, SET_ID, strategyA, burn, shares, 15e18);
        vm.prank(stranger);
        (address to, uint256 amount) = coordinator.releaseSlashedFunds(set1, strategyA, address(0));

        vm.assertEq(to, burn, "burned");
        vm.assertEq(amount, 15e18, "0.15 of alice's 100 tokens");
        vm.assertEq(tokenA.balanceOf(burn), amount, "the burn address holds them");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), vaultBefore - amount, "the vault fell by the amount");
        vm.assertEq(strategyA.totalShares(), totalSharesBefore - shares, "the bucket's shares burned");
        vm.assertEq(_slashedShares(set1, strategyA), 0, "bucket emptied");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE - shares, "alice keeps the rest");
    }

    function test_releaseSlashedFunds_redistributes_afterTheEscrow() public {
        _allocateAndWait(operator1, set2, strategyA, HALF);
        uint48 releasableAt = uint48(block.timestamp + ESCROW_DELAY);
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.SlashedFundsEscrowed(1, strategyA, recipient, STAKE / 4, releasableAt);
        uint256 shares = _slash(set2, operator1, strategyA, 0.5e18);
        uint256 vaultBefore = tokenA.balanceOf(address(strategyA));
        (uint256 held, uint48 until) = coordinator.bucket(set2, strategyA, recipient);
        vm.assertEq(held, shares, "in escrow");
        vm.assertEq(until, releasableAt, "until the escrow ends");

        vm.warp(releasableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.EscrowNotOver.selector,
                avs,
                SET_2,
                strategyA,
                recipient,
                releasableAt,
                releasableAt - 1
            )
        );
        coordinator.releaseSlashedFunds(set2, strategyA, recipient);

        vm.warp(releasableAt);
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.SlashedFundsReleased(avs, SET_2, strategyA, recipient, shares, 25e18);
        (address to, uint256 amount) = coordinator.releaseSlashedFunds(set2, strategyA, recipient);

        vm.assertEq(to, recipient, "the set's recipient");
        vm.assertEq(amount, 25e18, "a quarter of alice's tokens");
        vm.assertEq(tokenA.balanceOf(recipient), amount, "paid");
        vm.assertEq(tokenA.balanceOf(address(strategyA)), vaultBefore - amount, "the vault fell by the amount");
        vm.assertEq(tokenA.balanceOf(coordinator.BURN_ADDRESS()), 0, "nothing burned");
    }

    /// @dev Every slash holds the whole bucket until its own escrow ends; a later slash never shortens it.
    function test_slash_laterSlashHoldsTheBucketLonger() public {
        _allocateAndWait(operator1, set2, strategyA, HALF);
        _slash(set2, operator1, strategyA, 0.1e18);
        uint48 first = uint48(block.timestamp + ESCROW_DELAY);
        vm.warp(block.timestamp + 1 days);
        _slash(set2, operator1, strategyA, 0.1e18);
        (, uint48 until) = coordinator.bucket(set2, strategyA, recipient);
        vm.assertEq(until, block.timestamp + ESCROW_DELAY, "held for the later slash's escrow");
        vm.assertGt(until, first, "longer than the first");

        // Governance shortening the escrow does not shorten a bucket's.
        vm.prank(owner);
        coordinator.setEscrowDelay(1 minutes);
        _slash(set2, operator1, strategyA, 0.1e18);
        (, uint48 after_) = coordinator.bucket(set2, strategyA, recipient);
        vm.assertEq(after_, until, "kept");
    }

    function test_releaseSlashedFunds_revertsWhen_redistributionPaused_byThePauser() public {
        _allocateAndWait(operator1, set2, strategyA, HALF);
        _slash(set2, operator1, strategyA, 0.5e18);
        _waitForEscrow(set2, strategyA);
        _pause(address(coordinator), REDISTRIBUTION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 2));
        coordinator.releaseSlashedFunds(set2, strategyA, recipient);
        // Burns carry on.
        _slash(set1, operator1, strategyA, 0.1e18);
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));

        _unpause(address(coordinator), REDISTRIBUTION_FLAG);
        (address to, ) = coordinator.releaseSlashedFunds(set2, strategyA, recipient);
        vm.assertEq(to, recipient, "paid once governance lets it");
    }

    function test_setEscrowDelay_ownerOnly_withinBounds() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", pauser));
        vm.prank(pauser);
        coordinator.setEscrowDelay(1 days);
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingCoordinator.EscrowDelayOutOfBounds.selector, 59, 1 minutes, 30 days)
        );
        vm.prank(owner);
        coordinator.setEscrowDelay(59);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.EscrowDelayOutOfBounds.selector,
                30 days + 1,
                1 minutes,
                30 days
            )
        );
        vm.prank(owner);
        coordinator.setEscrowDelay(30 days + 1);
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.EscrowDelaySet(ESCROW_DELAY, 1 days);
        vm.prank(owner);
        coordinator.setEscrowDelay(1 days);
        vm.assertEq(coordinator.escrowDelay(), 1 days, "set");
    }

    function test_releaseSlashedFunds_releasesOneBucketOnly() public {
        _allocateAndWait(operator1, set2, strategyA, HALF);
        _slash(set1, operator1, strategyA, 0.5e18);
        uint256 kept = _slash(set2, operator1, strategyA, 0.5e18);
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
        vm.assertEq(_slashedShares(set2, strategyA), kept, "set 2's bucket untouched");
    }

    function test_releaseSlashedFunds_revertsWhen_bucketEmpty() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingCoordinator.NothingToRelease.selector, avs, SET_ID, strategyA, address(0))
        );
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
    }

    function test_releaseSlashedFunds_revertsWhen_releasedAlready() public {
        _slash(set1, operator1, strategyA, 0.3e18);
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingCoordinator.NothingToRelease.selector, avs, SET_ID, strategyA, address(0))
        );
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
    }

    function test_releaseSlashedFunds_revertsWhen_slashTookNothing() public {
        _slash(set2, operator1, strategyA, 0.3e18);
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingCoordinator.NothingToRelease.selector, avs, SET_2, strategyA, recipient)
        );
        coordinator.releaseSlashedFunds(set2, strategyA, recipient);
    }

    function test_releaseSlashedFunds_revertsWhen_paused() public {
        _slash(set1, operator1, strategyA, 0.3e18);
        _pause(address(coordinator), RELEASE_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, 1));
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
    }

    // ---------------------------------------------------------------- the pause bits are independent

    function test_pause_slashingNeverBlocksRelease() public {
        _slash(set1, operator1, strategyA, 0.3e18);
        vm.prank(owner);
        coordinator.pause(SLASHING_FLAG);
        (, uint256 amount) = coordinator.releaseSlashedFunds(set1, strategyA, address(0));
        vm.assertEq(amount, 15e18, "released during a slashing pause");
    }

    function test_pause_releaseNeverBlocksSlashing() public {
        _pause(address(coordinator), RELEASE_FLAG);
        uint256 shares = _slash(set1, operator1, strategyA, 0.3e18);
        vm.assertEq(shares, (STAKE * 15) / 100, "slashed during a release pause");
    }

    /// @dev Only governance may pause slashing: clocks run on during a pause, so a pause would let a slashable
    /// operator deregister and its stakers withdraw out of a slash that was possible before it.
    function test_pause_slashing_revertsWhen_callerIsThePauser() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.PauseReservedForOwner.selector, pauser, SLASHING_FLAG));
        vm.prank(pauser);
        coordinator.pause(SLASHING_FLAG | RELEASE_FLAG);
        vm.assertEq(coordinator.pausedFlags(), 0, "nothing paused");
    }

    function test_pause_otherContractsPausesDoNotBlockSlashing() public {
        _pause(address(avsRegistry), 3);
        _pause(address(allocationManager), 1);
        _pause(address(wq), 3);
        _pause(address(sm), 3);
        uint256 shares = _slash(set1, operator1, strategyA, 0.3e18);
        vm.assertEq(shares, (STAKE * 15) / 100, "slashed while everything else is paused");
        (, uint256 amount) = coordinator.releaseSlashedFunds(set1, strategyA, address(0));
        vm.assertEq(amount, 15e18, "and released");
    }

    // ---------------------------------------------------------------- a token that blocks transfers

    function test_slash_ofAFrozenTokenWorks_andItsReleaseWaitsForTheToken() public {
        RevertingToken frozen = new RevertingToken(18);
        IStrategy frozenStrategy = factory.deployStrategy(IERC20(address(frozen)));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_strategies(frozenStrategy));
        vm.prank(avs);
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(frozenStrategy));
        _deposit(alice, frozenStrategy, 10e18);
        _allocateAndWait(operator1, set1, frozenStrategy, HALF);

        frozen.setFrozen(true);
        uint256 shares = _slash(set1, operator1, frozenStrategy, WAD);
        vm.assertEq(shares, 5e21, "the slash moved no token");

        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        coordinator.releaseSlashedFunds(set1, frozenStrategy, address(0));
        vm.assertEq(_slashedShares(set1, frozenStrategy), shares, "the bucket waits");

        frozen.setFrozen(false);
        (, uint256 amount) = coordinator.releaseSlashedFunds(set1, frozenStrategy, address(0));
        vm.assertEq(amount, 5e18, "released once the token moves");
    }

    function test_releaseSlashedFunds_withdrawsThroughTheStrategyManagerOnce() public {
        _slash(set1, operator1, strategyA, 0.3e18);
        vm.recordLogs();
        coordinator.releaseSlashedFunds(set1, strategyA, address(0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(
            _countLogs(logs, address(sm), IStrategyManager.SharesWithdrawnAsTokens.selector),
            1,
            "one withdrawal"
        );
    }
}
