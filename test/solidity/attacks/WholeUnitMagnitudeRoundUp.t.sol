// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 6, Low): a slash takes whole units of magnitude, rounded up. Once an
/// operator's max magnitude has fallen to 1, one unit is all of it: on `main` a slash of 1e-18 of an allocation took
/// 100% of the stake delegated after the big slash.
///
/// The defence: stake is credited to an operator only while its slashing factor is at least 1e9
/// (`ScaledShares.MIN_CREDIT_FACTOR`), so one unit of magnitude is at most 1e-9 of any share ever credited: a slash of
/// fraction `w` takes at most `w` of a staker's stake plus 1e-9 of the shares it brought (plus a share of rounding),
/// however far the factor falls afterwards.
contract WholeUnitMagnitudeRoundUpTest is StakerProtectionHelpers {
    uint256 internal constant FLOOR = 1e9;

    OperatorSet internal set1;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        _registerAVS(avs);
        set1 = _createSet(1, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
    }

    function test_attack_operatorAtMaxMagnitudeOne_cannotTakeNewStake() public {
        // The big slash: all but one unit.
        _slash(set1, operator1, strategyA, WAD - 1);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), 1, "max magnitude 1");

        // A newcomer who delegated first cannot deposit into it...
        _delegate(carol, operator1);
        _expectDepositRefused(carol, 1);
        // ...nor one who deposited first delegate to it.
        _deposit(bob, strategyA, STAKE);
        vm.expectRevert(_belowFloor(1));
        _delegate(bob, operator1);

        // The 1e-18 slash that took 100% of new stake on `main` finds only the 1e-18 of alice's stake the big slash
        // left.
        uint256 aliceDust = sm.withdrawableShares(alice, strategyA);
        vm.assertEq(aliceDust, STAKE_SHARES / WAD, "alice kept 1e-18 of her stake");
        vm.assertEq(_slash(set1, operator1, strategyA, 1), aliceDust, "the last unit takes alice's dust only");
        vm.assertEq(tokenA.balanceOf(carol), STAKE, "carol's tokens never entered");
        vm.assertEq(_worth(bob, strategyA), STAKE, "bob's stake stayed out of reach");
    }

    function test_attack_belowTheFloorRefused_atTheFloorTheRoundUpIsOneBillionth() public {
        // One unit below the floor: refused.
        _slash(set1, operator1, strategyA, WAD - (FLOOR - 1));
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), FLOOR - 1, "factor just below the floor");
        _delegate(carol, operator1);
        _expectDepositRefused(carol, FLOOR - 1);

        // Another operator at exactly the floor takes stake, and a 1e-18 slash takes one unit: 1e-9 of it.
        _registerOperator(operator2);
        _registerInSetAndWait(operator2, set1);
        _allocateAndWait(operator2, set1, strategyA, uint64(WAD));
        _slash(set1, operator2, strategyA, WAD - FLOOR);
        uint32 operator2Id = registry.operatorId(operator2);
        vm.assertEq(sm.slashingFactor(operator2Id, strategyA), FLOOR, "factor at the floor");
        uint256 brought = _deposit(bob, strategyA, STAKE);
        _delegate(bob, operator2);
        uint256 before = sm.withdrawableShares(bob, strategyA);
        vm.assertEq(before, brought, "credited whole");

        _slash(set1, operator2, strategyA, 1);
        vm.assertEq(sm.slashingFactor(operator2Id, strategyA), FLOOR - 1, "one unit taken");
        uint256 loss = before - sm.withdrawableShares(bob, strategyA);
        vm.assertLe(loss, brought / FLOOR + 1, "a 1e-18 slash took at most 1e-9 of bob's stake");
    }

    function test_attack_aFlooredOperatorsStakerStillLeavesAsTokens() public {
        // Bob queued his stake out before the big slash; he delegates to the floored operator with no position
        // left. Completing as shares would credit it, and is refused; as tokens it pays in full.
        _deposit(bob, strategyA, STAKE);
        IWithdrawalQueue.Withdrawal memory exit = _queueAll(bob, strategyA);
        _slash(set1, operator1, strategyA, WAD - 1);
        _delegate(bob, operator1);
        vm.warp(exit.maturity);
        vm.expectRevert(_belowFloor(1));
        vm.prank(bob);
        wq.completeWithdrawal(exit, false, bob);
        vm.assertEq(_completeAsTokens(exit), STAKE, "undelegated stake was never exposed: paid in full");
    }

    /// @notice A slash of fraction `w` takes at most `w` of a staker's stake plus 1e-9 of the shares it brought, plus
    /// one share of rounding, whatever the operator's factor when the stake arrived (at least the floor) and however
    /// low earlier slashes pushed it since (below the floor included).
    function testFuzz_attack_aSlashOfFractionWTakesAtMostWPlusOneBillionthOfTheSharesBrought(
        uint256 creditFactor,
        uint256 amount,
        uint256 interimWad,
        uint256 wad
    ) public {
        creditFactor = bound(creditFactor, FLOOR, WAD);
        amount = bound(amount, 1, 1e27);
        interimWad = bound(interimWad, 0, WAD - 1);
        wad = bound(wad, 1, WAD);
        // The allocation is all of the max magnitude: a slash of `WAD - f` leaves a factor of exactly `f`.
        if (creditFactor != WAD) _slash(set1, operator1, strategyA, WAD - creditFactor);
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), creditFactor, "the factor at credit");

        uint256 brought = _deposit(carol, strategyA, amount);
        _delegate(carol, operator1);
        if (interimWad != 0) _slash(set1, operator1, strategyA, interimWad);
        uint256 before = sm.withdrawableShares(carol, strategyA);

        _slash(set1, operator1, strategyA, wad);
        uint256 loss = before - sm.withdrawableShares(carol, strategyA);
        uint256 oneBillionth = (brought + FLOOR - 1) / FLOOR;
        vm.assertLe(loss, _mulWadUp(before, wad) + oneBillionth + 1, "loss <= w * stake + 1e-9 * shares brought");
    }

    // ---------------------------------------------------------------- helpers

    function _belowFloor(uint256 factor) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IStrategyManager.SlashingFactorBelowFloor.selector,
                operator1Id,
                strategyA,
                factor,
                FLOOR
            );
    }

    /// @dev `staker`, delegated to operator 1 (at factor `factor`), tries to deposit and is refused.
    function _expectDepositRefused(address staker, uint256 factor) internal {
        tokenA.mint(staker, STAKE);
        vm.prank(staker);
        tokenA.approve(address(strategyA), STAKE);
        vm.expectRevert(_belowFloor(factor));
        vm.prank(staker);
        sm.deposit(strategyA, STAKE);
    }
}
