// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";
import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";

/// @notice The example AVS of docs/AVS_GUIDE.md, end to end on the real protocol: its registrar hook's minimum-stake
/// rule, its price rounds, and an operator who signs two prices for one round being slashed by whoever reports it.
contract PriceOracleAVSTest is CoreFixture {
    uint256 internal constant MINIMUM_STAKE = 5e21; // 5 tokens' worth of shares of a fresh strategy

    PriceOracleAVS internal oracle;
    IEquivocationSlasher internal slasher;
    address internal team;
    address internal treasury;
    address internal watcher;
    address internal nodeA;
    address internal nodeB;
    uint256 internal keyA;
    address internal keyAddressA;

    function setUp() public override {
        super.setUp();
        team = makeAddr("oracleTeam");
        treasury = makeAddr("treasury");
        watcher = makeAddr("watcher");
        nodeA = makeAddr("nodeA");
        nodeB = makeAddr("nodeB");
        (keyAddressA, keyA) = makeAddrAndKey("nodeA signing key");

        oracle = PriceOracleAVS(
            _deploy(
                "PriceOracleAVS.sol:PriceOracleAVS",
                abi.encode(address(avsRegistry), address(allocationManager), team, MINIMUM_STAKE)
            )
        );
        vm.prank(team);
        oracle.registerAVS("https://oracle.example/avs.json");
        slasher = IEquivocationSlasher(
            _deploy(
                "EquivocationSlasher.sol:EquivocationSlasher",
                abi.encode(address(coordinator), _oracleSet(), _strategies(), WAD / 10, WAD / 5, treasury)
            )
        );
        vm.prank(team);
        oracle.createOracleSet(slasher, _strategies());

        // Two operators with 10 tokens of their own stake each.
        _registerOperator(nodeA);
        _registerOperator(nodeB);
        _deposit(nodeA, strategyA, 10e18);
        _deposit(nodeB, strategyA, 10e18);
    }

    // ---------------------------------------------------------------- helpers

    function _oracleSet() internal view returns (OperatorSet memory) {
        return OperatorSet({avs: address(oracle), id: 0});
    }

    function _strategies() internal view returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = strategyA;
    }

    function _allocate(address operator, uint64 magnitude) internal {
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = magnitude;
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: _oracleSet(),
            strategies: _strategies(),
            magnitudes: magnitudes
        });
        vm.prank(operator);
        allocationManager.modifyAllocations(params);
        vm.warp(block.timestamp + MIN_ALLOCATION_DELAY);
    }

    function _setIds() internal pure returns (uint32[] memory ids) {
        ids = new uint32[](1);
    }

    function _join(address operator) internal {
        vm.prank(operator);
        avsRegistry.registerForOperatorSets(address(oracle), _setIds(), "");
    }

    function _registerKey(address operator, address key, uint256 pk) internal {
        bytes32 digest = slasher.keyRegistrationDigest(operator, key);
        vm.prank(operator);
        slasher.registerSigningKey(key, signDigest(pk, digest));
    }

    function _sign(uint256 pk, uint64 round, int256 price) internal view returns (bytes memory) {
        return signDigest(pk, slasher.attestationDigest(round, oracle.priceHash(price)));
    }

    /// @dev The next call reverts with the oracle's rejection of nodeA for holding `stake` slashable shares.
    function _expectRejection(uint256 stake, uint256 minimum) internal {
        bytes memory reason = abi.encodeWithSelector(
            PriceOracleAVS.InsufficientStake.selector,
            nodeA,
            strategyA,
            stake,
            minimum
        );
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(oracle), reason));
    }

    /// @dev nodeA allocated 60% (6 tokens slashable), joined, and registered its key.
    function _activeNodeA() internal {
        _allocate(nodeA, 6e17);
        _join(nodeA);
        _registerKey(nodeA, keyAddressA, keyA);
    }

    // ---------------------------------------------------------------- set-up and governance

    function test_createOracleSet_wiresSlasherRegistrarAndRecipient() public view {
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(_oracleSet());
        vm.assertEq(info.slasher, address(slasher), "the equivocation slasher slashes");
        vm.assertEq(info.registrar, address(oracle), "the oracle vets operators");
        vm.assertEq(info.redistributionRecipient, address(slasher), "slashed funds go to the slasher, for bounties");
        vm.assertTrue(avsRegistry.isAVS(address(oracle)), "the oracle contract is the AVS");
        vm.assertEq(address(oracle.strategies()[0]), address(strategyA), "its strategies");
    }

    function test_createOracleSet_revertsWhen_calledTwice() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.OracleSetExists.selector));
        vm.prank(team);
        oracle.createOracleSet(slasher, _strategies());
    }

    function test_ownerFunctions_revertWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, nodeA));
        vm.prank(nodeA);
        oracle.setMinimumStake(1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, nodeA));
        vm.prank(nodeA);
        oracle.registerAVS("x");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, nodeA));
        vm.prank(nodeA);
        oracle.createOracleSet(slasher, _strategies());
    }

    function test_setMinimumStake_appliesToLaterRegistrations() public {
        vm.expectEmit(address(oracle));
        emit PriceOracleAVS.MinimumStakeSet(7e21);
        vm.prank(team);
        oracle.setMinimumStake(7e21);
        vm.assertEq(oracle.minimumStake(), 7e21, "stored");
        _allocate(nodeA, 6e17); // 6 tokens: below the new minimum
        _expectRejection(6e21, 7e21);
        _join(nodeA);
    }

    // ---------------------------------------------------------------- the registrar hook

    function test_onRegister_acceptsEnoughSlashableStake() public {
        _allocate(nodeA, 6e17);
        _join(nodeA);
        vm.assertTrue(oracle.isActive(nodeA), "active");
        vm.assertEq(oracle.activeOperators(), 1, "counted");
    }

    function test_onRegister_rejectsTooLittleStake_withTheFactsInTheReason() public {
        _allocate(nodeA, 4e17); // 4 tokens slashable, 5 required
        _expectRejection(4e21, MINIMUM_STAKE);
        _join(nodeA);
        vm.assertFalse(avsRegistry.isRegistered(nodeA, _oracleSet()), "the registration was undone");
    }

    function test_onRegister_rejectsAnAllocationNotYetInForce() public {
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = 6e17;
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: _oracleSet(),
            strategies: _strategies(),
            magnitudes: magnitudes
        });
        vm.prank(nodeA);
        allocationManager.modifyAllocations(params);
        // The allocation delay has not passed: nothing is slashable yet, so nothing counts.
        _expectRejection(0, MINIMUM_STAKE);
        _join(nodeA);
    }

    function test_onDeregister_deactivates() public {
        _activeNodeA();
        vm.prank(nodeA);
        avsRegistry.deregisterFromOperatorSets(nodeA, address(oracle), _setIds());
        vm.assertFalse(oracle.isActive(nodeA), "inactive");
        vm.assertEq(oracle.activeOperators(), 0, "uncounted");
    }

    function test_hooks_revertWhen_callerNotAVSRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotAVSRegistry.selector, nodeA));
        vm.prank(nodeA);
        oracle.onRegister(nodeA, address(oracle), 0, "");
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotAVSRegistry.selector, nodeA));
        vm.prank(nodeA);
        oracle.onDeregister(nodeA, address(oracle), 0);
    }

    function test_hooks_revertWhen_calledForAnotherSet() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotOracleSet.selector, address(oracle), uint32(3)));
        vm.prank(address(avsRegistry));
        oracle.onRegister(nodeA, address(oracle), 3, "");
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotOracleSet.selector, nodeB, uint32(0)));
        vm.prank(address(avsRegistry));
        oracle.onDeregister(nodeA, nodeB, 0);
    }

    // ---------------------------------------------------------------- rounds

    function test_submitPrice_averagesActiveOperatorsReports() public {
        _activeNodeA();
        (address keyAddressB, uint256 keyB) = makeAddrAndKey("nodeB signing key");
        _allocate(nodeB, 6e17);
        _join(nodeB);
        _registerKey(nodeB, keyAddressB, keyB);

        vm.expectEmit(address(oracle));
        emit PriceOracleAVS.PriceReported(1, nodeA, 3_000);
        oracle.submitPrice(1, 3_000, _sign(keyA, 1, 3_000));
        oracle.submitPrice(1, 3_100, _sign(keyB, 1, 3_100));
        (int256 price, uint256 reports) = oracle.priceOf(1);
        vm.assertEq(price, 3_050, "average");
        vm.assertEq(reports, 2, "two reports");
        vm.assertTrue(oracle.hasReported(1, nodeA), "nodeA reported");
    }

    function test_submitPrice_revertsWhen_operatorReportsTwice() public {
        _activeNodeA();
        bytes memory signature = _sign(keyA, 1, 3_000);
        oracle.submitPrice(1, 3_000, signature);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.AlreadyReported.selector, nodeA, uint64(1)));
        oracle.submitPrice(1, 3_000, signature);
    }

    function test_submitPrice_revertsWhen_keyUnregistered() public {
        _activeNodeA();
        (address stranger, uint256 strangerKey) = makeAddrAndKey("stranger");
        bytes memory signature = _sign(strangerKey, 1, 3_000);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotActiveOperator.selector, stranger, address(0)));
        oracle.submitPrice(1, 3_000, signature);
    }

    function test_submitPrice_revertsWhen_operatorLeftTheSet() public {
        _activeNodeA();
        vm.prank(nodeA);
        avsRegistry.deregisterFromOperatorSets(nodeA, address(oracle), _setIds());
        bytes memory signature = _sign(keyA, 1, 3_000);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotActiveOperator.selector, keyAddressA, nodeA));
        oracle.submitPrice(1, 3_000, signature);
    }

    function test_priceOf_revertsWhen_noReports() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NoReports.selector, uint64(9)));
        oracle.priceOf(9);
    }

    // ---------------------------------------------------------------- a lie told twice

    function test_equivocation_slashesOnlyTheOraclesAllocation_andPaysTheWatcher() public {
        _activeNodeA();
        bytes memory honest = _sign(keyA, 7, 3_000);
        bytes memory lie = _sign(keyA, 7, 3_100);
        oracle.submitPrice(7, 3_000, honest);

        uint256 before = sm.withdrawableShares(nodeA, strategyA);
        bytes32 honestHash = oracle.priceHash(3_000);
        bytes32 lieHash = oracle.priceHash(3_100);
        vm.prank(watcher);
        slasher.reportEquivocation(7, honestHash, honest, lieHash, lie);

        // 10% of a 60% allocation: 6% of nodeA's stake.
        vm.assertEq(sm.withdrawableShares(nodeA, strategyA), (before * 94) / 100, "6% of the stake slashed");
        (uint64 current, , ) = allocationManager.allocation(nodeA, _oracleSet(), strategyA);
        vm.assertEq(current, 54e16, "the allocation lost 10%");

        coordinator.releaseSlashedFunds(_oracleSet(), strategyA, address(slasher));
        vm.prank(watcher);
        uint256 bounty = slasher.claimBounty(strategyA);
        vm.assertEq(bounty, 0.12e18, "a fifth of the 0.6 tokens slashed");
        vm.assertEq(tokenA.balanceOf(watcher), bounty, "paid to the watcher");
    }
}
