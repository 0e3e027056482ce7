// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The StrategyManager's side of slashing: `slashOperator`, the one way a slashing factor moves (only the
/// AllocationManager, only downwards, recorded with its time), and the coordinator's right to withdraw shares as
/// tokens, which is its only other door into the manager.
contract StrategyManagerSlashingTest is AVSHelpers {
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
    }

    // ---------------------------------------------------------------- slashOperator

    function test_slashOperator_lowersTheFactorReturnsTheStakeAndEmits() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.SlashingFactorChanged(operator1Id, strategyA, 0.6e18);
        uint256 delegated = _slashOperator(operator1Id, 0.6e18);

        vm.assertEq(delegated, STAKE, "the delegated stake in scaled shares");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0.6e18, "factor");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), (STAKE * 6) / 10, "alice reads through it");
        vm.assertEq(sm.scaledShares(alice, strategyA), STAKE, "her scaled shares unchanged");
        (uint256 scaled, uint256 shares) = sm.operatorStake(operator1Id, strategyA);
        vm.assertEq(scaled, STAKE, "operator's scaled stake unchanged");
        vm.assertEq(shares, (STAKE * 6) / 10, "its value");
    }

    function test_slashOperator_recordsEachChangeWithItsTime() public {
        uint256 start = block.timestamp;
        vm.warp(start + 1 days);
        _slashOperator(operator1Id, 0.8e18);
        vm.warp(start + 2 days);
        _slashOperator(operator1Id, 0.5e18);

        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(start)), WAD, "before any");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(start + 1 days - 1)), WAD, "just before");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(start + 1 days)), 0.8e18, "first");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(start + 2 days - 1)), 0.8e18, "between");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, uint48(start + 2 days)), 0.5e18, "second");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyB), WAD, "B untouched");
    }

    function test_slashOperator_equalFactorIsAccepted() public {
        _slashOperator(operator1Id, 0.6e18);
        _slashOperator(operator1Id, 0.6e18);
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), 0.6e18, "unchanged");
    }

    function test_slashOperator_toZero() public {
        _slashOperator(operator1Id, 0);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0, "nothing left");
    }

    function test_slashOperator_ofAnOperatorWithoutStake_returnsZero() public {
        uint32 id = _registerOperator(operator2);
        vm.assertEq(_slashOperator(id, 0.5e18), 0, "no delegated stake");
    }

    function test_slashOperator_revertsWhen_callerIsNotTheAllocationManager() public {
        address[4] memory callers = [address(coordinator), address(wq), address(registry), stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyAllocationManager.selector, callers[i]));
            vm.prank(callers[i]);
            sm.slashOperator(operator1Id, strategyA, 0.5e18);
        }
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), WAD, "untouched");
    }

    function test_slashOperator_revertsWhen_factorWouldRise() public {
        _slashOperator(operator1Id, 0.5e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.SlashingFactorIncrease.selector,
                operator1Id,
                strategyA,
                0.5e18,
                0.5e18 + 1
            )
        );
        _slashOperator(operator1Id, 0.5e18 + 1);
    }

    function test_slashOperator_revertsWhen_aboveWAD() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.SlashingFactorIncrease.selector,
                operator1Id,
                strategyA,
                WAD,
                WAD + 1
            )
        );
        _slashOperator(operator1Id, uint64(WAD + 1));
    }

    // ---------------------------------------------------------------- deposits after a slash

    function test_depositAfterASlash_isScaledAtTheLoweredFactor() public {
        _slashOperator(operator1Id, 0.5e18);
        _deposit(alice, strategyA, 10e18);
        vm.assertEq(sm.scaledShares(alice, strategyA), STAKE + 20e21, "10e21 shares at 0.5: 20e21 scaled");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), STAKE / 2 + 10e21, "the new shares are whole");
    }

    function test_depositAfterASlashToZero_revertsForTheOperatorsStakers() public {
        _slashOperator(operator1Id, 0);
        tokenA.mint(alice, 10e18);
        vm.prank(alice);
        tokenA.approve(address(strategyA), 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operator1Id, strategyA, 0, 1e9)
        );
        vm.prank(alice);
        sm.deposit(strategyA, 10e18);

        // Another operator's staker deposits as usual.
        _registerOperator(operator2);
        _deposit(bob, strategyA, 10e18);
        _delegate(bob, operator2);
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 10e21, "bob unaffected");
    }

    function test_delegatingToAnOperatorSlashedToZero_reverts() public {
        _slashOperator(operator1Id, 0);
        _deposit(bob, strategyA, 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.SlashingFactorBelowFloor.selector, operator1Id, strategyA, 0, 1e9)
        );
        _delegate(bob, operator1);
    }

    // ---------------------------------------------------------------- withdrawSharesAsTokens

    function test_withdrawSharesAsTokens_revertsWhen_callerIsNeitherQueueNorCoordinator() public {
        address[3] memory callers = [address(allocationManager), address(avsRegistry), stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueueOrCoordinator.selector, callers[i])
            );
            vm.prank(callers[i]);
            sm.withdrawSharesAsTokens(strategyA, stranger, 1e21);
        }
    }

    function test_withdrawSharesAsTokens_revertsWhen_coordinatorAsksForZeroShares() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroShares.selector));
        vm.prank(address(coordinator));
        sm.withdrawSharesAsTokens(strategyA, recipient, 0);
    }

    function test_wiring() public view {
        vm.assertEq(sm.allocationManager(), address(allocationManager), "allocation manager");
        vm.assertEq(sm.slashingCoordinator(), address(coordinator), "coordinator");
    }

    // ---------------------------------------------------------------- helpers

    function _slashOperator(uint32 id, uint64 maxMagnitude) internal returns (uint256) {
        vm.prank(address(allocationManager));
        return sm.slashOperator(id, strategyA, maxMagnitude);
    }
}
