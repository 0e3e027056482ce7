// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";

import {OracleFixture} from "../examples/OracleFixture.sol";

/// @notice The attack (issue 12, attack 3): an operator joins the example oracle with the minimum stake, then takes
/// its stake away and keeps reporting with nothing at risk. The old contract checked the minimum only at
/// registration. Now every report checks the operator's stake weight at report time, which is also the report's
/// weight; and registration counts the stake at the time the registration becomes slashable, not stake that is on
/// its way out.
contract OracleReportBelowMinimumStakeTest is OracleFixture {
    Node internal node;

    function setUp() public override {
        super.setUp();
        node = _node("node", 10e18);
        _join(node, 0.6e18); // 6 tokens at stake, 5 required
        _waitUntilReporting(node);
    }

    function test_attack_deallocateAfterJoining_thenReport_refused() public {
        _allocate(node.operator, oracleSet, strategyA, 0.01e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY); // the decrease took effect: 0.1 token at stake
        _assertRefused(0.1e21);
    }

    function test_attack_withdrawTheStakeAfterJoining_thenReport_refused() public {
        _queue(node.operator, strategyA, 9e21);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY); // the withdrawal matured: 1 token left, 0.6 at stake
        _assertRefused(0.6e21);
    }

    function test_attack_joinWithStakeAlreadyLeaving_refused() public {
        // A newcomer allocates 60% of 10 tokens, queues 9 of them for withdrawal, and registers while they are
        // still slashable: by the time its registration is slashable they are gone.
        Node memory newcomer = _node("newcomer", 10e18);
        _allocate(newcomer.operator, oracleSet, strategyA, 0.6e18);
        _queue(newcomer.operator, strategyA, 9e21);
        bytes memory reason = abi.encodeWithSelector(
            PriceOracleAVS.StakeBelowMinimum.selector,
            newcomer.operator,
            0.6e21,
            MINIMUM_STAKE,
            block.timestamp + NOTICE
        );
        vm.expectRevert(_rejection(reason));
        _registerInSet(newcomer.operator, oracleSet);
    }

    function test_control_withTheStakeStillThere_theReportLands() public {
        uint64 round = _report(node, 3_000e8);
        vm.assertTrue(oracle.hasReported(round, node.operator), "recorded");
    }

    function _assertRefused(uint256 stake) internal {
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(node, round, 3_000e8);
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceOracleAVS.StakeBelowMinimum.selector,
                node.operator,
                stake,
                MINIMUM_STAKE,
                block.timestamp
            )
        );
        oracle.submitPrice(round, 3_000e8, signature);
    }
}
