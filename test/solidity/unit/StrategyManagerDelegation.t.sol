// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {RegistryHelpers} from "../utils/RegistryHelpers.sol";

/// @notice The delegation books of the StrategyManager, with the real registry and queue: who may call
/// `delegate`/`undelegate`, how an operator's stake follows deposits, withdrawals, completions, delegation and
/// undelegation across strategies, and how a slashing factor below WAD (set through the harness) rescales
/// positions, with the rounding always in the protocol's favour.
contract StrategyManagerDelegationTest is RegistryHelpers {
    /// @dev A deposit of 1e18 + 1 wei into a fresh vault: 1,000 shares per wei, and not a multiple of 3.
    uint256 internal constant ODD_AMOUNT = 1e18 + 1;
    uint256 internal constant ODD_SHARES = 1_000_000_000_000_000_001_000;
    /// @dev A slashing factor of 0.3 (0.7 lost): dividing by it rounds for most share counts.
    uint64 internal constant LOST_70 = 0.7e18;
    uint256 internal constant FACTOR_30 = 0.3e18;
    /// @dev `ODD_SHARES * WAD / FACTOR_30`, rounded down (exact: ...336666.67).
    uint256 internal constant ODD_SCALED_AT_30 = 3_333_333_333_333_333_336_666;
    /// @dev `ODD_SCALED_AT_30 * FACTOR_30 / WAD`, rounded down: one share less than brought.
    uint256 internal constant ODD_WITHDRAWABLE_AT_30 = 1_000_000_000_000_000_000_999;

    address internal operator;
    uint32 internal operatorId;
    address internal other;
    uint32 internal otherId;
    address internal alice;
    address internal bob;
    IStrategy internal strategyC;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        operator = makeAddr("operator");
        other = makeAddr("other operator");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        operatorId = _registerOperator(operator);
        otherId = _registerOperator(other);
        (, strategyC) = _newStrategy("TokenC");
    }

    // ---------------------------------------------------------------- access

    function test_delegate_revertsWhen_callerNotRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyOperatorRegistry.selector, alice));
        vm.prank(alice);
        sm.delegate(alice, operatorId);
    }

    function test_delegate_revertsWhen_callerIsOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyOperatorRegistry.selector, owner));
        vm.prank(owner);
        sm.delegate(alice, operatorId);
    }

    function test_delegate_revertsWhen_callerIsWithdrawalQueue() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyOperatorRegistry.selector, address(wq)));
        vm.prank(address(wq));
        sm.delegate(alice, operatorId);
    }

    function test_undelegate_revertsWhen_callerNotRegistry() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyOperatorRegistry.selector, operator));
        vm.prank(operator);
        sm.undelegate(alice);
    }

    function test_delegate_revertsWhen_operatorIdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidOperatorId.selector, 0));
        vm.prank(address(registry));
        sm.delegate(alice, 0);
    }

    function test_delegate_revertsWhen_stakerDelegated() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StakerAlreadyDelegated.selector, alice, operatorId));
        vm.prank(address(registry));
        sm.delegate(alice, otherId);
    }

    function test_undelegate_revertsWhen_stakerNotDelegated() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.NotDelegated.selector, alice));
        vm.prank(address(registry));
        sm.undelegate(alice);
    }

    /// @dev The manager's half of an undelegation, alone: every position leaves at once and is handed back.
    function test_undelegate_returnsEveryPositionAndClearsThem() public {
        uint256 sharesA = _deposit(alice, strategyA, 1e18);
        uint256 sharesC = _deposit(alice, strategyC, 3e18);
        _delegate(alice, operator);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, 0);
        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesRemoved(alice, strategyA, sharesA);
        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyC, 0);
        vm.expectEmit(address(sm));
        emit IStrategyManager.SharesRemoved(alice, strategyC, sharesC);
        vm.prank(address(registry));
        (uint32 left, IStrategy[] memory strategies, uint256[] memory scaled) = sm.undelegate(alice);

        vm.assertEq(left, operatorId, "operator left");
        vm.assertEq(strategies.length, 2, "two strategies");
        vm.assertEq(address(strategies[0]), address(strategyA), "first strategy");
        vm.assertEq(address(strategies[1]), address(strategyC), "second strategy");
        vm.assertEq(scaled[0], sharesA, "first amount");
        vm.assertEq(scaled[1], sharesC, "second amount");
        vm.assertEq(sm.delegatedOperatorId(alice), 0, "header cleared");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "list cleared");
        vm.assertEq(sm.stakerStrategies(alice).length, 0, "no strategies");
        vm.assertEq(sm.scaledShares(alice, strategyC), 0, "position cleared");
    }

    // ---------------------------------------------------------------- operator stake follows the books

    function test_operatorStake_followsDepositsOfSeveralStakersAndStrategies() public {
        _delegate(alice, operator);
        _delegate(bob, operator);
        _deposit(alice, strategyA, 1e18);
        _deposit(alice, strategyB, 2e18);
        _deposit(bob, strategyA, 3e18);
        _deposit(bob, strategyC, 4e18);
        _assertStake(operatorId, strategyA, 4e21);
        _assertStake(operatorId, strategyB, 2e21);
        _assertStake(operatorId, strategyC, 4e21);
        _assertStake(otherId, strategyA, 0);
    }

    function test_operatorStake_ignoresUndelegatedDeposits() public {
        _delegate(alice, operator);
        _deposit(alice, strategyA, 1e18);
        _deposit(bob, strategyA, 5e18);
        _assertStake(operatorId, strategyA, 1e21);
    }

    function test_operatorStake_fallsWhenWithdrawalQueued() public {
        _deposit(alice, strategyA, 5e18);
        _deposit(alice, strategyB, 1e18);
        _delegate(alice, operator);

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 2e21);
        vm.assertEq(withdrawal.operatorId, operatorId, "queued out of the operator's stake");
        _assertStake(operatorId, strategyA, 3e21);
        _assertStake(operatorId, strategyB, 1e21);
        vm.assertEq(sm.scaledShares(alice, strategyA), 3e21, "position debited");
    }

    function test_operatorStake_restoredWhenCompletedAsShares() public {
        _deposit(alice, strategyA, 5e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 2e21);
        vm.warp(withdrawal.maturity);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, 5e21);
        _complete(withdrawal, false);
        _assertStake(operatorId, strategyA, 5e21);
    }

    function test_operatorStake_notRestoredWhenCompletedAsTokens() public {
        _deposit(alice, strategyA, 5e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 2e21);
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);
        _assertStake(operatorId, strategyA, 3e21);
        vm.assertEq(tokenA.balanceOf(alice), 2e18, "tokens paid");
    }

    /// @dev Completion as shares credits the staker's operator of today, not the one the withdrawal left.
    function test_operatorStake_completionAsSharesAfterRedelegationGoesToNewOperator() public {
        _deposit(alice, strategyA, 5e18);
        _deposit(alice, strategyB, 1e18);
        _delegate(alice, operator);
        vm.recordLogs();
        vm.prank(alice);
        registry.redelegate(other, _noSignature(), bytes32(0));
        IWithdrawalQueue.Withdrawal memory withdrawal = _lastQueued();

        vm.warp(withdrawal.maturity);
        _complete(withdrawal, false);
        _assertStake(operatorId, strategyA, 0);
        _assertStake(operatorId, strategyB, 0);
        _assertStake(otherId, strategyA, 5e21);
        _assertStake(otherId, strategyB, 1e21);
    }

    function test_operatorStake_delegationAndUndelegationAcrossStrategies() public {
        _deposit(alice, strategyA, 1e18);
        _deposit(alice, strategyB, 2e18);
        _deposit(alice, strategyC, 3e18);
        _deposit(bob, strategyB, 7e18);
        _delegate(bob, operator);
        _delegate(alice, operator);
        _assertStake(operatorId, strategyA, 1e21);
        _assertStake(operatorId, strategyB, 9e21);
        _assertStake(operatorId, strategyC, 3e21);

        _undelegate(alice, alice);
        _assertStake(operatorId, strategyA, 0);
        _assertStake(operatorId, strategyB, 7e21);
        _assertStake(operatorId, strategyC, 0);

        _deposit(alice, strategyC, 1e18);
        _delegate(alice, other);
        _assertStake(otherId, strategyC, 1e21);
        _assertStake(operatorId, strategyC, 0);
    }

    /// @dev An operator's own deposits are part of its stake like any staker's.
    function test_operatorStake_includesOperatorsOwnDeposits() public {
        _deposit(operator, strategyA, 2e18);
        _delegate(alice, operator);
        _deposit(alice, strategyA, 1e18);
        _assertStake(operatorId, strategyA, 3e21);
    }

    // ---------------------------------------------------------------- slashing factor

    function test_setMagnitudeLost_emitsSlashingFactorChangedAndLowersFactor() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.SlashingFactorChanged(operatorId, strategyA, FACTOR_30);
        sm.setMagnitudeLost(operatorId, strategyA, LOST_70);
        vm.assertEq(sm.slashingFactor(operatorId, strategyA), FACTOR_30, "factor in A");
        vm.assertEq(sm.slashingFactor(operatorId, strategyB), WAD, "factor in B untouched");
        vm.assertEq(sm.slashingFactor(otherId, strategyA), WAD, "other operator untouched");
    }

    function test_slashingFactor_isWadForUndelegatedAndNeverSlashed() public view {
        vm.assertEq(sm.slashingFactor(0, strategyA), WAD, "undelegated");
        vm.assertEq(sm.slashingFactor(operatorId, strategyA), WAD, "never slashed");
        vm.assertEq(sm.slashingFactorAt(0, strategyA, uint48(block.timestamp)), WAD, "undelegated, at a time");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, uint48(block.timestamp)), WAD, "no history");
    }

    /// @dev Undelegated stake is at factor WAD even if something wrote a loss under id 0.
    function test_slashingFactor_ofIdZeroStaysWadWhateverIsStored() public {
        sm.setMagnitudeLost(0, strategyA, 0.5e18);
        _deposit(alice, strategyA, 1e18);
        vm.assertEq(sm.slashingFactor(0, strategyA), WAD, "factor");
        vm.assertEq(sm.slashingFactorAt(0, strategyA, uint48(block.timestamp)), WAD, "factor at now");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 1e21, "undelegated position whole");
    }

    function test_slashingFactorAt_returnsFactorAsOfPastTimestamps() public {
        uint48 t0 = uint48(block.timestamp);
        vm.warp(t0 + 100);
        sm.setMagnitudeLost(operatorId, strategyA, 0.1e18);
        vm.warp(t0 + 200);
        sm.setMagnitudeLost(operatorId, strategyA, 0.3e18);
        vm.warp(t0 + 300);

        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0), WAD, "before any slash");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0 + 99), WAD, "a second before the first");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0 + 100), 0.9e18, "in the second of the first");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0 + 199), 0.9e18, "between the two");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0 + 200), 0.7e18, "in the second of the second");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, t0 + 300), 0.7e18, "now");
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyB, t0 + 300), WAD, "other strategy");
        vm.assertEq(sm.slashingFactor(operatorId, strategyA), 0.7e18, "today's factor");
    }

    /// @dev Two slashes in one second: the history keeps the last, as `slashingFactor` does.
    function test_slashingFactorAt_keepsLastChangeWithinOneSecond() public {
        sm.setMagnitudeLost(operatorId, strategyA, 0.1e18);
        sm.setMagnitudeLost(operatorId, strategyA, 0.2e18);
        vm.assertEq(sm.slashingFactorAt(operatorId, strategyA, uint48(block.timestamp)), 0.8e18, "last of the second");
    }

    function test_delegate_atReducedFactorRescalesPositionRoundingDown() public {
        vm.assertEq(_deposit(alice, strategyA, ODD_AMOUNT), ODD_SHARES, "shares minted");
        uint256 sharesB = _deposit(alice, strategyB, 2e18);
        sm.setMagnitudeLost(operatorId, strategyA, LOST_70);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, ODD_SCALED_AT_30);
        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyB, sharesB);
        _delegate(alice, operator);

        vm.assertEq(sm.scaledShares(alice, strategyA), ODD_SCALED_AT_30, "rescaled, rounded down");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), ODD_WITHDRAWABLE_AT_30, "worth at most what it was");
        vm.assertEq(sm.scaledShares(alice, strategyB), sharesB, "unslashed strategy unchanged");
        (uint256 scaled, uint256 shares) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, ODD_SCALED_AT_30, "operator's scaled stake");
        vm.assertEq(shares, ODD_WITHDRAWABLE_AT_30, "operator's stake in shares");
    }

    function test_deposit_atReducedFactorCreditsScaledRoundedDown() public {
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, LOST_70);
        tokenA.mint(alice, ODD_AMOUNT);
        vm.prank(alice);
        tokenA.approve(address(strategyA), ODD_AMOUNT);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, ODD_SCALED_AT_30);
        vm.expectEmit(address(sm));
        emit IStrategyManager.Deposited(alice, strategyA, ODD_AMOUNT, ODD_SHARES, ODD_SCALED_AT_30);
        vm.prank(alice);
        uint256 shares = sm.deposit(strategyA, ODD_AMOUNT);

        vm.assertEq(shares, ODD_SHARES, "strategy shares");
        vm.assertEq(sm.scaledShares(alice, strategyA), ODD_SCALED_AT_30, "credited scaled");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), ODD_WITHDRAWABLE_AT_30, "withdrawable");
    }

    function test_withdrawableShares_isScaledTimesTodaysFactor() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, 0.4e18);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0.6e21, "at 0.6");
        (uint256 scaled, uint256 shares) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, 1e21, "scaled stake unchanged by the slash");
        vm.assertEq(shares, 0.6e21, "stake in shares at 0.6");

        sm.setMagnitudeLost(operatorId, strategyA, 0.5e18);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0.5e21, "at 0.5");
        (IStrategy[] memory strategies, uint256[] memory scaledList, uint256[] memory withdrawable) = sm
            .stakerPositions(alice);
        vm.assertEq(address(strategies[0]), address(strategyA), "positions strategy");
        vm.assertEq(scaledList[0], 1e21, "positions scaled");
        vm.assertEq(withdrawable[0], 0.5e21, "positions withdrawable");
    }

    /// @dev A slash before a deposit does not reach the deposit: it is credited at the lowered factor.
    function test_deposit_afterSlashIsWorthItsFullShares() public {
        _delegate(alice, operator);
        _deposit(alice, strategyA, 1e18);
        sm.setMagnitudeLost(operatorId, strategyA, 0.5e18);
        _deposit(alice, strategyA, 1e18);
        vm.assertEq(sm.scaledShares(alice, strategyA), 3e21, "1e21 + 1e21 / 0.5");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 1.5e21, "half of the first, all of the second");
    }

    function test_removeShares_partialAtReducedFactorDebitsScaledRoundedUp() public {
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, LOST_70);
        _deposit(alice, strategyA, ODD_AMOUNT);

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 1e20);
        // 1e20 / 0.3 = 333...333.33, rounded up.
        uint256 debited = 333_333_333_333_333_333_334;
        vm.assertEq(withdrawal.scaledShares[0], debited, "debited, rounded up");
        vm.assertEq(sm.scaledShares(alice, strategyA), ODD_SCALED_AT_30 - debited, "position");
        (uint256 scaled, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, ODD_SCALED_AT_30 - debited, "operator stake debited alike");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 900_000_000_000_000_000_999, "left withdrawable");
    }

    /// @dev Asking for everything withdrawable takes the whole position, dust included.
    function test_removeShares_wholeWithdrawableAtReducedFactorTakesDust() public {
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, LOST_70);
        _deposit(alice, strategyA, ODD_AMOUNT);

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, ODD_WITHDRAWABLE_AT_30);
        vm.assertEq(withdrawal.scaledShares[0], ODD_SCALED_AT_30, "whole position");
        vm.assertEq(sm.scaledShares(alice, strategyA), 0, "nothing left");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "strategy delisted");
        (uint256 scaled, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, 0, "operator stake emptied");
    }

    function test_removeShares_revertsWhen_moreThanWithdrawableAtReducedFactor() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, 0.5e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategyA, 0.5e21 + 1, 0.5e21)
        );
        vm.prank(address(wq));
        sm.removeShares(alice, strategyA, 0.5e21 + 1);
    }

    /// @dev Stake queued before a slash, completed as shares after it, comes back worth what the slash left.
    function test_completionAsShares_afterSlashRestoresScaledStake() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 0.4e21);
        sm.setMagnitudeLost(operatorId, strategyA, 0.5e18);
        vm.warp(withdrawal.maturity);

        uint256[] memory paid = _complete(withdrawal, false);
        vm.assertEq(paid[0], 0.2e21, "paid at the factor before maturity");
        vm.assertEq(sm.scaledShares(alice, strategyA), 1e21, "0.6e21 + 0.2e21 / 0.5");
        (uint256 scaled, uint256 shares) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, 1e21, "scaled stake");
        vm.assertEq(shares, 0.5e21, "stake in shares");
    }

    // ---------------------------------------------------------------- fully slashed

    function test_deposit_revertsWhen_operatorFullySlashed() public {
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(WAD));
        tokenA.mint(alice, 1e18);
        vm.prank(alice);
        tokenA.approve(address(strategyA), 1e18);

        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operatorId, strategyA, 0, 1e9)
        );
        vm.prank(alice);
        sm.deposit(strategyA, 1e18);

        // Other strategies of the operator still take deposits.
        _deposit(alice, strategyB, 1e18);
        vm.assertEq(sm.scaledShares(alice, strategyB), 1e21, "deposit in B");
    }

    function test_delegate_revertsWhen_operatorFullySlashedInHeldStrategy() public {
        _deposit(alice, strategyB, 1e18);
        _deposit(alice, strategyA, 1e18);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(WAD));
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operatorId, strategyA, 0, 1e9)
        );
        _delegateWith(alice, operator, _noSignature(), bytes32(0));
        vm.assertEq(sm.delegatedOperatorId(alice), 0, "not delegated");
        (uint256 scaledB, ) = sm.operatorStake(operatorId, strategyB);
        vm.assertEq(scaledB, 0, "nothing moved, B included");
    }

    function test_delegate_worksWhen_fullySlashedOnlyInStrategyNotHeld() public {
        _deposit(alice, strategyB, 1e18);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(WAD));
        _delegate(alice, operator);
        _assertStake(operatorId, strategyB, 1e21);
    }

    /// @dev A withdrawal cannot come back as shares into the stake of an operator fully slashed in that strategy
    /// (nothing can be credited at factor zero); completing it as tokens still pays the staker.
    function test_completionAsShares_revertsWhen_currentOperatorFullySlashed() public {
        _deposit(alice, strategyA, 1e18);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 0.4e21);
        _delegate(alice, operator);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(WAD));
        vm.warp(withdrawal.maturity);

        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operatorId, strategyA, 0, 1e9)
        );
        vm.prank(alice);
        wq.completeWithdrawal(withdrawal, false, alice);

        _complete(withdrawal, true);
        vm.assertEq(tokenA.balanceOf(alice), 0.4e18, "paid as tokens instead");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Delegation at any factor credits at most the shares brought, and loses at most one.
    function testFuzz_delegate_rescaledPositionNeverWorthMoreThanShares(uint256 amount, uint256 lost) public {
        amount = bound(amount, 1, 1e27);
        lost = bound(lost, 0, WAD - 1);
        uint256 shares = _deposit(alice, strategyA, amount);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(lost));
        uint256 factor = WAD - lost;

        _delegate(alice, operator);
        uint256 scaled = sm.scaledShares(alice, strategyA);
        uint256 withdrawable = sm.withdrawableShares(alice, strategyA);
        vm.assertEq(scaled, (shares * WAD) / factor, "scaled = shares * WAD / factor, rounded down");
        vm.assertLe(withdrawable, shares, "never worth more than brought");
        vm.assertGe(withdrawable + 1, shares, "at most one share lost to rounding");
        (uint256 stakeScaled, uint256 stakeShares) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(stakeScaled, scaled, "operator stake is the position");
        vm.assertEq(stakeShares, withdrawable, "operator stake in shares");
    }

    /// @dev A deposit at any factor, onto any prior position, raises what the staker can withdraw by at most the
    /// shares it brought.
    function testFuzz_deposit_creditedScaledNeverWorthMoreThanShares(
        uint256 prior,
        uint256 amount,
        uint256 lost
    ) public {
        prior = bound(prior, 0, 1e27);
        amount = bound(amount, 1, 1e27);
        lost = bound(lost, 0, WAD - 1);
        _delegate(alice, operator);
        if (prior != 0) _deposit(alice, strategyA, prior);
        sm.setMagnitudeLost(operatorId, strategyA, uint64(lost));
        uint256 factor = WAD - lost;
        uint256 scaledBefore = sm.scaledShares(alice, strategyA);
        uint256 withdrawableBefore = sm.withdrawableShares(alice, strategyA);

        uint256 shares = _deposit(alice, strategyA, amount);
        uint256 credited = sm.scaledShares(alice, strategyA) - scaledBefore;
        vm.assertEq(credited, (shares * WAD) / factor, "credited = shares * WAD / factor, rounded down");
        vm.assertLe((credited * factor) / WAD, shares, "the credit alone is worth at most the shares");
        vm.assertLe(
            sm.withdrawableShares(alice, strategyA),
            withdrawableBefore + shares,
            "withdrawable grows by at most the shares"
        );
        (uint256 stakeScaled, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(stakeScaled, scaledBefore + credited, "operator stake grows by the credit");
    }

    /// @dev After any sequence of deposits, delegations, undelegations, withdrawals, completions as shares and
    /// slashes, each operator's stake in each strategy is the sum of the positions delegated to it.
    function testFuzz_operatorStake_equalsSumOfPositionsAfterRandomSequence(uint256 seed) public {
        address[3] memory stakers = [alice, bob, makeAddr("carol")];
        IWithdrawalQueue.Withdrawal[] memory pending = new IWithdrawalQueue.Withdrawal[](16);
        uint256 pendingCount;

        for (uint256 step; step < 16; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            address staker = stakers[(r >> 8) % 3];
            IStrategy strategy = ((r >> 16) & 1) == 0 ? strategyA : strategyB;
            address target = ((r >> 24) & 1) == 0 ? operator : other;
            uint256 action = r % 6;

            if (action == 0) {
                _deposit(staker, strategy, bound(r >> 32, 1, 1e24));
            } else if (action == 1) {
                if (sm.delegatedOperatorId(staker) == 0) _delegate(staker, target);
            } else if (action == 2) {
                if (sm.delegatedOperatorId(staker) != 0) {
                    if (sm.stakerStrategyCount(staker) != 0) pending[pendingCount++] = _undelegate(staker, staker);
                    else _undelegateWithoutPositions(staker);
                }
            } else if (action == 3) {
                uint256 available = sm.withdrawableShares(staker, strategy);
                if (available != 0) pending[pendingCount++] = _queue(staker, strategy, bound(r >> 32, 1, available));
            } else if (action == 4) {
                uint32 id = target == operator ? operatorId : otherId;
                uint256 current = WAD - sm.slashingFactor(id, strategy);
                // At most half of what is left: the factor falls but never reaches zero.
                uint256 next = current + bound(r >> 32, 0, (WAD - current) / 2);
                sm.setMagnitudeLost(id, strategy, uint64(next));
            } else if (pendingCount != 0) {
                IWithdrawalQueue.Withdrawal memory withdrawal = pending[--pendingCount];
                if (block.timestamp < withdrawal.maturity) vm.warp(withdrawal.maturity);
                _complete(withdrawal, false);
            }
            _assertStakeIsSumOfPositions(stakers);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _assertStake(uint32 id, IStrategy strategy, uint256 expected) internal view {
        (uint256 scaled, uint256 shares) = sm.operatorStake(id, strategy);
        vm.assertEq(scaled, expected, "operator's scaled stake");
        // Unslashed in these tests: scaled shares are strategy shares.
        vm.assertEq(shares, expected, "operator's stake in shares");
    }

    function _undelegateWithoutPositions(address staker) internal {
        vm.prank(staker);
        bytes32 root = registry.undelegate(staker);
        vm.assertEq(root, bytes32(0), "no withdrawal without positions");
    }

    function _assertStakeIsSumOfPositions(address[3] memory stakers) internal view {
        uint32[2] memory ids = [operatorId, otherId];
        IStrategy[2] memory strategies = [strategyA, strategyB];
        for (uint256 i; i < 2; ++i) {
            for (uint256 j; j < 2; ++j) {
                uint256 sum;
                for (uint256 k; k < 3; ++k) {
                    if (sm.delegatedOperatorId(stakers[k]) == ids[i]) sum += sm.scaledShares(stakers[k], strategies[j]);
                }
                (uint256 scaled, ) = sm.operatorStake(ids[i], strategies[j]);
                vm.assertEq(scaled, sum, "operator stake is the sum of its stakers' positions");
            }
        }
    }
}
