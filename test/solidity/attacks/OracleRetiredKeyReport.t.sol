// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";

import {OracleFixture} from "../examples/OracleFixture.sol";

/// @notice The attack (issue 12, attack 3): whoever holds a key an operator rotated out (a leaked key, the reason
/// for the rotation) signs prices for the example oracle in the operator's name. The old contract accepted any key
/// that had ever belonged to an operator. Now a report must be signed by the operator's current key, and never by
/// a key punished for equivocation.
contract OracleRetiredKeyReportTest is OracleFixture {
    Node internal node;
    address internal newKey;
    uint256 internal newPrivateKey;

    function setUp() public override {
        super.setUp();
        node = _node("node", 10e18);
        _join(node, 0.6e18);
        _waitUntilReporting(node);
        (newKey, newPrivateKey) = makeAddrAndKey("node's new key");
    }

    function test_attack_reportSignedWithARotatedOutKey_refused() public {
        // The operator rotates after its key leaked; the thief signs with the old one.
        _registerKey(node.operator, newKey, newPrivateKey);
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(node, round, 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RetiredKey.selector, node.key, node.operator, newKey));
        oracle.submitPrice(round, 1, signature);
        vm.assertFalse(oracle.hasReported(round, node.operator), "nothing recorded in the operator's name");
    }

    function test_attack_reportSignedWithAPunishedKey_refused() public {
        // The key equivocated and was punished; the operator has not registered a new one yet.
        uint64 round = oracle.currentRound();
        bytes memory first = _sign(node, round, 3_000e8);
        bytes memory second = _sign(node, round, 3_100e8);
        vm.prank(watcher);
        equivocationSlasher.reportEquivocation(round, _priceHash(3_000e8), first, _priceHash(3_100e8), second);
        vm.assertTrue(equivocationSlasher.isKeyPunished(node.key), "punished");
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PunishedKey.selector, node.key, node.operator));
        oracle.submitPrice(round, 3_000e8, first);
    }

    function test_control_theCurrentKey_reports() public {
        _registerKey(node.operator, newKey, newPrivateKey);
        uint64 round = oracle.currentRound();
        oracle.submitPrice(round, 3_000e8, _signWith(equivocationSlasher, newPrivateKey, round, 3_000e8));
        vm.assertTrue(oracle.hasReported(round, node.operator), "recorded");
    }
}
