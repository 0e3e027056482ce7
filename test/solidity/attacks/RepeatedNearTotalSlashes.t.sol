// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: a slasher hammers an operator with slashes of 99% (or 100% less one wei) until its slashing
/// factor is a few wei, then to zero, hoping to break the share math: scaled shares of a new deposit (shares
/// divided by a tiny factor) overflowing, deposits locked for everyone, a new staker's deposit hit by slashes
/// made before it, or more claims than the vault holds. None of it happens: new stakers of the operator keep what
/// they deposit until the next slash, huge deposits at the floor factor still fit, stakers of other operators
/// deposit and withdraw as before, and once the factor is below the floor (1e9) only that operator refuses new
/// stake.
contract RepeatedNearTotalSlashesTest is AVSHelpers {
    uint256 internal constant NEAR_TOTAL = 0.99e18;
    /// @dev A billion tokens of 18 decimals: far above any real deposit.
    uint256 internal constant WHALE = 1e27;

    OperatorSet internal set1;
    uint32 internal operator1Id;
    uint32 internal operator2Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        operator2Id = _registerOperator(operator2);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _deposit(bob, strategyA, 100e18);
        _delegate(bob, operator2);
        _slashableIn(operator1, set1, strategyA, uint64(WAD));
    }

    function test_attack_repeated99PercentSlashes_newStakersAreNotHitByPastSlashes() public {
        // The allocation (and the max magnitude) fall by 100x per slash: 1e18, 1e16, ..., 1e2, 1. New stake is
        // credited while the factor is at least the floor (1e9), so that a slash's rounding stays bounded for it.
        for (uint256 i; i < 9; ++i) {
            _slash(set1, operator1, strategyA, NEAR_TOTAL);
            uint256 factor = WAD / 100 ** (i + 1);
            vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), factor, "max magnitude");

            address newcomer = address(uint160(0x1000 + i));
            uint256 shares = _deposit(newcomer, strategyA, WHALE);
            if (factor < 1e9) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IStrategyManager.SlashingFactorBelowFloor.selector,
                        operator1Id,
                        strategyA,
                        factor,
                        1e9
                    )
                );
                _delegate(newcomer, operator1);
                vm.assertEq(sm.withdrawableShares(newcomer, strategyA), shares, "the refused newcomer keeps it all");
                continue;
            }
            _delegate(newcomer, operator1);
            uint256 withdrawable = sm.withdrawableShares(newcomer, strategyA);
            vm.assertLe(withdrawable, shares, "never more than deposited");
            vm.assertGe(withdrawable + 1, shares, "the newcomer keeps its deposit: past slashes do not reach it");
            _assertClaimsWithinShares(i + 1);
        }
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 1, "a factor of one wei");
        _assertClaimsWithinShares(9);
    }

    /// @dev At the floor and above, a whale's deposit scales up by up to 1e9 and still fits.
    function test_attack_whaleAtTheFloor_fitsAndStaysWhole() public {
        _slash(set1, operator1, strategyA, WAD - 1e9);
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 1e9, "the floor itself");
        address whale = makeAddr("whale");
        uint256 whaleShares = _deposit(whale, strategyA, WHALE);
        _delegate(whale, operator1);
        vm.assertEq(sm.withdrawableShares(whale, strategyA), whaleShares, "worth its deposit");
        _deposit(whale, strategyA, WHALE);
        vm.assertEq(sm.withdrawableShares(whale, strategyA), 2 * whaleShares, "a second deposit adds up");
    }

    function test_attack_repeatedSlashes_newcomerIsHitByLaterSlashesOnly() public {
        _slash(set1, operator1, strategyA, NEAR_TOTAL);
        uint256 shares = _deposit(carol, strategyA, 50e18);
        _delegate(carol, operator1);
        vm.assertEq(sm.withdrawableShares(carol, strategyA), shares, "whole after the first slash");
        _slash(set1, operator1, strategyA, NEAR_TOTAL);
        vm.assertEq(sm.withdrawableShares(carol, strategyA), shares / 100, "the next slash takes 99% of it");
    }

    /// @dev A factor of one wei: a slash of 1e-18 would round up to the whole unit left and take everything credited
    /// since, so nothing new is credited to the operator any more; its stakers' stake elsewhere is untouched.
    function test_attack_oneSlashOfAllButOneWei_refusesNewStake() public {
        _slash(set1, operator1, strategyA, WAD - 1);
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 1, "ceil(1e18 x (1 - 1e-18)) taken");
        uint256 shares = _deposit(carol, strategyA, WHALE);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operator1Id, strategyA, 1, 1e9)
        );
        _delegate(carol, operator1);
        IWithdrawalQueue.Withdrawal memory exit = _queue(carol, strategyA, shares);
        vm.warp(exit.maturity);
        _complete(exit, true);
        vm.assertEq(tokenA.balanceOf(carol), WHALE, "carol leaves whole");
    }

    function test_attack_slashedToZero_onlyThatOperatorRefusesNewStake() public {
        for (uint256 i; i < 10; ++i) _slash(set1, operator1, strategyA, NEAR_TOTAL);
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0, "factor zero after ten");

        // The operator's stakers cannot add stake there any more...
        tokenA.mint(alice, 1e18);
        vm.prank(alice);
        tokenA.approve(address(strategyA), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operator1Id, strategyA, 0, 1e9)
        );
        vm.prank(alice);
        sm.deposit(strategyA, 1e18);

        // ...but another operator's stakers deposit and withdraw as before.
        uint256 shares = _deposit(bob, strategyA, WHALE);
        vm.assertEq(shares, WHALE * SHARES_PER_TOKEN, "priced as before: the vault's price did not move");
        IWithdrawalQueue.Withdrawal memory exit = _queue(bob, strategyA, sm.withdrawableShares(bob, strategyA));
        vm.warp(exit.maturity);
        _complete(exit, true);
        vm.assertEq(tokenA.balanceOf(bob), WHALE + 100e18, "bob leaves whole");

        // And alice can still leave the slashed operator (with nothing) and stake elsewhere.
        IWithdrawalQueue.Withdrawal memory left = _undelegate(alice, alice);
        vm.warp(left.maturity);
        _complete(left, true);
        vm.assertEq(tokenA.balanceOf(alice), 1e18, "nothing paid for the slashed stake");
        vm.prank(alice);
        sm.deposit(strategyA, 1e18);
        _delegate(alice, operator2);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 1e21, "alice restaked with operator 2");
    }

    function test_attack_slashesOfNothingAfterZero_costNothing() public {
        for (uint256 i; i < 10; ++i) _slash(set1, operator1, strategyA, NEAR_TOTAL);
        vm.assertEq(_current(operator1, set1, strategyA), 0, "nothing allocated any more");
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), 0, "a further slash takes nothing");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0, "and moves nothing");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The buckets plus every position never exceed the vault's shares. Newcomers are `0x1000 + i`.
    function _assertClaimsWithinShares(uint256 newcomers) internal view {
        uint256 claims =
            _slashedShares(set1, strategyA) +
                sm.withdrawableShares(alice, strategyA) +
                sm.withdrawableShares(bob, strategyA);
        for (uint256 i; i < newcomers; ++i) claims += sm.withdrawableShares(address(uint160(0x1000 + i)), strategyA);
        vm.assertLe(claims, strategyA.totalShares(), "claims within the vault's shares");
    }
}
