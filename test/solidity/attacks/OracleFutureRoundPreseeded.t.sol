// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";

import {OracleFixture} from "../examples/OracleFixture.sol";

/// @notice The attack (issue 12, attack 3): an operator of the example oracle reports for rounds that have not
/// begun, so that its price is there first (and, on the old contract, alone) when the round comes, or for a round
/// that is over, to change a price consumers have already read. Rounds are now tied to time: only the round in
/// progress accepts reports, so a round's reports, and its price, are final once it is over.
contract OracleFutureRoundPreseededTest is OracleFixture {
    Node internal attacker;
    Node internal honest;

    function setUp() public override {
        super.setUp();
        attacker = _node("attacker", 10e18);
        honest = _node("honest", 10e18);
        _join(attacker, 0.6e18);
        _join(honest, 0.6e18);
        _waitUntilReporting(honest);
    }

    function test_attack_preseedTheNextRound_refused() public {
        _assertRefused(oracle.currentRound() + 1);
    }

    function test_attack_preseedARoundFarAhead_refused() public {
        _assertRefused(oracle.currentRound() + 1_000);
        _assertRefused(type(uint64).max);
    }

    function test_attack_reportForARoundThatIsOver_refused() public {
        uint64 round = _report(honest, 3_000e8);
        _startNextRound();
        _assertRefused(round);
        _assertRefused(0);
    }

    function test_attack_aPriceSignedAheadOfItsRound_isKeptNowhere() public {
        // Signed ahead of time for the next round: refused now, and nothing is kept for when the round begins,
        // where the attacker reports like everyone else, once.
        uint64 next = oracle.currentRound() + 1;
        bytes memory signature = _sign(attacker, next, 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOpen.selector, next, next - 1));
        oracle.submitPrice(next, 1, signature);
        vm.assertEq(oracle.reportCount(next), 0, "nothing waits in the next round");
    }

    function test_control_theSameReportInTheRoundInProgress_lands() public {
        uint64 round = _report(attacker, 3_000e8);
        vm.assertTrue(oracle.hasReported(round, attacker.operator), "recorded");
    }

    function _assertRefused(uint64 round) internal {
        uint64 current = oracle.currentRound();
        bytes memory signature = _sign(attacker, round, 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOpen.selector, round, current));
        oracle.submitPrice(round, 1, signature);
        vm.assertFalse(oracle.hasReported(round, attacker.operator), "nothing recorded");
    }
}
