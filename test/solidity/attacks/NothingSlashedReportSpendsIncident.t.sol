// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 8): an operator's key equivocates while its allocation to the set is not in
/// force yet. A friend reports it at once: the slash takes nothing, and on `main` the report still spent that
/// (operator, height), so the real proof could never be used once the allocation came into force.
///
/// The defence: a proof that slashes nothing reverts `NothingSlashed` (and one the coordinator refuses reverts with
/// its error), so the key's incident stays open and the same proof slashes once the operator has something at stake.
contract NothingSlashedReportSpendsIncidentTest is StakerProtectionHelpers {
    uint64 internal constant HEIGHT = 42;

    IEquivocationSlasher internal equivocationSlasher;
    OperatorSet internal set1;
    address internal friend;
    address internal watcher;
    uint256 internal keyPk;
    address internal key;

    function setUp() public override {
        super.setUp();
        friend = makeAddr("friend");
        watcher = makeAddr("watcher");
        (key, keyPk) = makeAddrAndKey("operatorKey");
        _registerAVS(avs);
        set1 = _set(avs, 1);
        equivocationSlasher = _deployEquivocation(set1, _strategies(strategyA), 0.1e18, 0.2e18, makeAddr("treasury"));
        _createRedistributingSet(
            avs,
            1,
            _strategies(strategyA),
            address(equivocationSlasher),
            address(equivocationSlasher)
        );
        _registerOperator(operator1);
        _deposit(operator1, strategyA, 10e18);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _registerKey(equivocationSlasher, operator1, keyPk);
    }

    function test_attack_reportBeforeTheAllocationIsInForce_revertsAndLeavesTheKeyReportable() public {
        _allocate(operator1, set1, strategyA, uint64(WAD));

        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NothingSlashed.selector, operator1, key));
        _reportEquivocation(equivocationSlasher, friend, keyPk, HEIGHT);
        vm.assertFalse(equivocationSlasher.isKeyPunished(key), "the key's incident is still open");

        // The same equivocation, reported once the allocation is in force, slashes.
        (, , uint48 effectAt) = allocationManager.allocation(operator1, set1, strategyA);
        vm.warp(effectAt);
        _reportEquivocation(equivocationSlasher, watcher, keyPk, HEIGHT);
        vm.assertTrue(equivocationSlasher.isKeyPunished(key), "now the incident is closed");
        vm.assertEq(_worth(alice, strategyA), 90e18, "the slash took its 10%");
        vm.assertGt(equivocationSlasher.bountyOwed(watcher, strategyA), 0, "and the watcher is owed a bounty");
    }

    function test_attack_reportTheCoordinatorRefuses_leavesTheKeyReportable() public {
        // Allocated, but the operator left the set and came back: its new registration is not slashable yet.
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
        uint48 slashableUntil = _deregisterFromSet(operator1, set1);
        vm.warp(slashableUntil);
        _registerInSet(operator1, set1);

        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, 1));
        _reportEquivocation(equivocationSlasher, friend, keyPk, HEIGHT);
        vm.assertFalse(equivocationSlasher.isKeyPunished(key), "the key's incident is still open");

        vm.warp(avsRegistry.registration(operator1, set1).slashableFrom);
        _reportEquivocation(equivocationSlasher, watcher, keyPk, HEIGHT);
        vm.assertTrue(equivocationSlasher.isKeyPunished(key), "now the incident is closed");
        vm.assertEq(_worth(alice, strategyA), 90e18, "the slash took its 10%");
    }
}
