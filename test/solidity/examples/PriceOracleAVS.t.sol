// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";
import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {OracleFixture} from "./OracleFixture.sol";

/// @notice The example AVS of docs/AVS_GUIDE.md, end to end on the real protocol: its settings and set, its
/// registrar hook (seats, and the minimum stake at the time a registration becomes slashable), rounds tied to time,
/// every way a report is refused, the stake-weighted median and its quorum, the slasher migration, and an operator
/// who signs two prices for one round being slashed, its funds escrowed and the watcher paid a bounty capped by the
/// operator's own loss. The robustness fuzz is in `PriceOracleAVSRobustness.t.sol`; the attacks of issue 12 are in
/// `test/solidity/attacks/Oracle*.t.sol`.
contract PriceOracleAVSTest is OracleFixture {
    uint256 internal constant PRICE = 3_000e8;

    // ---------------------------------------------------------------- settings

    function test_constructor_storesTheSettings_andRoundZeroStartsAtDeployment() public view {
        vm.assertEq(address(oracle.avsRegistry()), address(avsRegistry), "registry");
        vm.assertEq(address(oracle.allocationManager()), address(allocationManager), "allocation manager");
        vm.assertEq(oracle.owner(), team, "owner");
        vm.assertEq(oracle.minimumStake(), MINIMUM_STAKE, "minimum stake");
        vm.assertEq(oracle.maxOperators(), SEATS, "seats");
        vm.assertEq(oracle.quorum(), QUORUM, "quorum");
        vm.assertEq(oracle.roundDuration(), ROUND, "round duration");
        vm.assertEq(oracle.maxPrice(), MAX_PRICE, "max price");
        vm.assertEq(oracle.startTime(), block.timestamp, "round 0 starts at deployment");
        vm.assertEq(uint256(oracle.currentRound()), 0, "round 0 in progress");
    }

    function test_constructor_announcesTheSeatsAndTheMinimumStake() public {
        vm.expectEmit();
        emit PriceOracleAVS.MaxOperatorsSet(SEATS);
        vm.expectEmit();
        emit PriceOracleAVS.MinimumStakeSet(MINIMUM_STAKE);
        _deployOracle(_parameters());
    }

    function test_constructor_revertsWhen_roundDurationIsZero() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.roundDuration = 0;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidRoundDuration.selector, 0));
        _deployOracle(parameters);
    }

    function test_constructor_revertsWhen_maxPriceIsZero() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.maxPrice = 0;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidMaxPrice.selector, 0));
        _deployOracle(parameters);
    }

    function test_constructor_revertsWhen_quorumIsZero() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.quorum = 0;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidQuorum.selector, 0, SEATS));
        _deployOracle(parameters);
    }

    function test_constructor_revertsWhen_quorumExceedsTheSeats() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.quorum = SEATS + 1;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidQuorum.selector, SEATS + 1, SEATS));
        _deployOracle(parameters);
    }

    function test_constructor_revertsWhen_seatsExceedTheLimit() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.maxOperators = 33;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidMaxOperators.selector, 33, QUORUM, 32));
        _deployOracle(parameters);
    }

    function test_constructor_revertsWhen_minimumStakeIsZero() public {
        PriceOracleAVS.Parameters memory parameters = _parameters();
        parameters.minimumStake = 0;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.MinimumStakeZero.selector));
        _deployOracle(parameters);
    }

    function test_priceHash_isTheHashOfTheEncodedPrice() public view {
        vm.assertEq(oracle.priceHash(PRICE), keccak256(abi.encode(PRICE)), "keccak256(abi.encode(price))");
    }

    // ---------------------------------------------------------------- the set

    function test_createOracleSet_wiresSlasherRegistrarRecipientAndWeights() public view {
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(oracleSet);
        vm.assertEq(info.slasher, address(equivocationSlasher), "the equivocation slasher slashes");
        vm.assertEq(info.registrar, address(oracle), "the oracle vets operators");
        vm.assertEq(info.redistributionRecipient, address(equivocationSlasher), "slashed funds go to the slasher");
        vm.assertTrue(avsRegistry.isAVS(address(oracle)), "the oracle contract is the AVS");
        vm.assertEq(address(oracle.slasher()), address(equivocationSlasher), "the slasher in force");
        IStrategy[] memory list = oracle.strategies();
        uint256[] memory weights = oracle.strategyWeights();
        vm.assertEq(list.length, 2, "two strategies");
        vm.assertEq(address(list[0]), address(strategyA), "strategy A");
        vm.assertEq(address(list[1]), address(strategyB), "strategy B");
        vm.assertEq(weights[0], WEIGHT_A, "A's weight");
        vm.assertEq(weights[1], WEIGHT_B, "B's weight");
    }

    function test_createOracleSet_announcesTheWeights() public {
        PriceOracleAVS fresh = _freshOracle();
        IEquivocationSlasher freshSlasher = _deploySlasher(fresh.oracleSet());
        vm.expectEmit(address(fresh));
        emit PriceOracleAVS.StrategyWeightsSet(_oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
        vm.prank(team);
        fresh.createOracleSet(freshSlasher, _oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
    }

    function test_createOracleSet_revertsWhen_calledTwice() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.OracleSetExists.selector));
        vm.prank(team);
        oracle.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
    }

    function test_createOracleSet_revertsWhen_noStrategies() public {
        PriceOracleAVS fresh = _freshOracle();
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidStrategyCount.selector, 0, 8));
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, new IStrategy[](0), new uint256[](0));
    }

    function test_createOracleSet_revertsWhen_tooManyStrategies() public {
        PriceOracleAVS fresh = _freshOracle();
        IStrategy[] memory list = new IStrategy[](9);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidStrategyCount.selector, 9, 8));
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, list, new uint256[](9));
    }

    function test_createOracleSet_revertsWhen_weightsDoNotMatchTheStrategies() public {
        PriceOracleAVS fresh = _freshOracle();
        uint256[] memory one = new uint256[](1);
        one[0] = WAD;
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.StrategyWeightsLengthMismatch.selector, 2, 1));
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, _oracleStrategies(), one);
    }

    function test_createOracleSet_revertsWhen_aWeightIsZero() public {
        PriceOracleAVS fresh = _freshOracle();
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidStrategyWeight.selector, strategyB, 0, 1e34));
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(WAD, 0));
    }

    function test_createOracleSet_revertsWhen_aWeightExceedsTheMaximum() public {
        PriceOracleAVS fresh = _freshOracle();
        vm.expectRevert(
            abi.encodeWithSelector(PriceOracleAVS.InvalidStrategyWeight.selector, strategyA, 1e34 + 1, 1e34)
        );
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(1e34 + 1, WAD));
    }

    function test_createOracleSet_acceptsTheMaximumWeight() public {
        PriceOracleAVS fresh = _freshOracle();
        IEquivocationSlasher freshSlasher = _deploySlasher(fresh.oracleSet());
        vm.prank(team);
        fresh.createOracleSet(freshSlasher, _oracleStrategies(), _weights(1e34, 1));
        vm.assertEq(fresh.strategyWeights()[0], 1e34, "stored");
    }

    function test_createOracleSet_revertsWhen_theSlasherServesAnotherSet() public {
        PriceOracleAVS fresh = _freshOracle();
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceOracleAVS.SlasherForAnotherSet.selector,
                address(equivocationSlasher),
                address(oracle),
                uint32(0)
            )
        );
        vm.prank(team);
        fresh.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
    }

    // ---------------------------------------------------------------- the team's settings

    function test_ownerFunctions_revertWhen_callerNotOwner() public {
        bytes memory notOwner = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(notOwner);
        oracle.registerAVS("x");
        vm.expectRevert(notOwner);
        oracle.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
        vm.expectRevert(notOwner);
        oracle.scheduleSlasherMigration(equivocationSlasher);
        vm.expectRevert(notOwner);
        oracle.setMinimumStake(1);
        vm.expectRevert(notOwner);
        oracle.setMaxOperators(QUORUM);
        vm.expectRevert(notOwner);
        oracle.ejectOperator(operator1);
        vm.stopPrank();
    }

    function test_setMinimumStake_appliesToLaterRegistrationsAndReports() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);

        vm.expectEmit(address(oracle));
        emit PriceOracleAVS.MinimumStakeSet(7e21);
        vm.prank(team);
        oracle.setMinimumStake(7e21);
        vm.assertEq(oracle.minimumStake(), 7e21, "stored");

        // nodeA joined with 6 tokens at stake: it keeps its seat, but cannot report under the new bar.
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceOracleAVS.StakeBelowMinimum.selector,
                nodeA.operator,
                6e21,
                7e21,
                block.timestamp
            )
        );
        oracle.submitPrice(round, PRICE, signature);
        // And a newcomer with the same stake is not admitted.
        Node memory nodeB = _node("nodeB", 10e18);
        _allocate(nodeB.operator, oracleSet, strategyA, 0.6e18);
        bytes memory reason = abi.encodeWithSelector(
            PriceOracleAVS.StakeBelowMinimum.selector,
            nodeB.operator,
            6e21,
            7e21,
            block.timestamp + NOTICE
        );
        vm.expectRevert(_rejection(reason));
        _registerInSet(nodeB.operator, oracleSet);
    }

    function test_setMinimumStake_revertsWhen_zero() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.MinimumStakeZero.selector));
        vm.prank(team);
        oracle.setMinimumStake(0);
    }

    function test_setMaxOperators_storesAndAnnounces() public {
        vm.expectEmit(address(oracle));
        emit PriceOracleAVS.MaxOperatorsSet(32);
        vm.prank(team);
        oracle.setMaxOperators(32);
        vm.assertEq(oracle.maxOperators(), 32, "stored");
    }

    function test_setMaxOperators_revertsWhen_belowTheQuorum() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidMaxOperators.selector, QUORUM - 1, QUORUM, 32));
        vm.prank(team);
        oracle.setMaxOperators(QUORUM - 1);
    }

    function test_setMaxOperators_revertsWhen_aboveTheLimit() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.InvalidMaxOperators.selector, 33, QUORUM, 32));
        vm.prank(team);
        oracle.setMaxOperators(33);
    }

    function test_ejectOperator_freesTheSeat_andTheOperatorCanNeitherReportNorReturnAtOnce() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);

        vm.prank(team);
        oracle.ejectOperator(nodeA.operator);
        vm.assertFalse(avsRegistry.isRegistered(nodeA.operator, oracleSet), "deregistered");
        vm.assertFalse(oracle.isActive(nodeA.operator), "seat freed");
        vm.assertEq(oracle.activeOperators(), 0, "no seat taken");

        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.OperatorNotRegistered.selector, nodeA.operator));
        oracle.submitPrice(round, PRICE, signature);

        uint48 until = avsRegistry.slashableUntil(nodeA.operator, oracleSet);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAVSRegistry.PreviousRegistrationStillSlashable.selector,
                nodeA.operator,
                address(oracle),
                uint32(0),
                until
            )
        );
        _registerInSet(nodeA.operator, oracleSet);
    }

    // ---------------------------------------------------------------- the registrar hook

    function test_onRegister_countsTheStakeInForceWhenTheRegistrationBecomesSlashable() public {
        Node memory nodeA = _node("nodeA", 10e18);
        // The allocation is pending (it takes effect after the notice), as is the registration: both are in force
        // when the registration becomes slashable, which is when the hook counts the stake.
        _allocate(nodeA.operator, oracleSet, strategyA, 0.6e18);
        vm.assertEq(oracle.stakeWeight(nodeA.operator, uint48(block.timestamp)), 0, "nothing at stake yet");
        _registerInSet(nodeA.operator, oracleSet);
        uint48 slashableFrom = avsRegistry.registration(nodeA.operator, oracleSet).slashableFrom;
        vm.assertEq(slashableFrom, block.timestamp + NOTICE, "slashable after the notice");
        vm.assertEq(oracle.stakeWeight(nodeA.operator, slashableFrom), 6e21, "6 tokens at stake then");
        vm.assertTrue(oracle.isActive(nodeA.operator), "admitted");
        vm.assertEq(oracle.activeOperators(), 1, "one seat taken");
    }

    function test_onRegister_rejectsTooLittleStake_withTheFactsInTheReason() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _allocate(nodeA.operator, oracleSet, strategyA, 0.4e18); // 4 tokens, 5 required
        bytes memory reason = abi.encodeWithSelector(
            PriceOracleAVS.StakeBelowMinimum.selector,
            nodeA.operator,
            4e21,
            MINIMUM_STAKE,
            block.timestamp + NOTICE
        );
        vm.expectRevert(_rejection(reason));
        _registerInSet(nodeA.operator, oracleSet);
        vm.assertFalse(avsRegistry.isRegistered(nodeA.operator, oracleSet), "the registration was undone");
    }

    function test_onRegister_doesNotCountStakeThatLeavesBeforeTheRegistrationIsSlashable() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _allocate(nodeA.operator, oracleSet, strategyA, 0.6e18);
        vm.warp(block.timestamp + NOTICE); // the allocation is in force: 6 tokens allocated now
        // Half the stake starts leaving: it matures before a registration made now becomes slashable.
        _queue(nodeA.operator, strategyA, 5e21);
        vm.assertEq(oracle.stakeWeight(nodeA.operator, uint48(block.timestamp)), 0, "not registered: none now");
        bytes memory reason = abi.encodeWithSelector(
            PriceOracleAVS.StakeBelowMinimum.selector,
            nodeA.operator,
            3e21,
            MINIMUM_STAKE,
            block.timestamp + NOTICE
        );
        vm.expectRevert(_rejection(reason));
        _registerInSet(nodeA.operator, oracleSet);
    }

    function test_onRegister_addsUpTheStrategiesWithTheirWeights() public {
        Node memory nodeA = _node("nodeA", 2e18); // 2 tokens of A
        _deposit(nodeA.operator, strategyB, 1.5e18); // 1.5 tokens of B, each worth 2 of A
        _allocate(nodeA.operator, oracleSet, _strategies(strategyA, strategyB), _magnitudes(uint64(WAD), uint64(WAD)));
        _registerInSet(nodeA.operator, oracleSet);
        uint48 slashableFrom = avsRegistry.registration(nodeA.operator, oracleSet).slashableFrom;
        // 2 + 1.5 * 2 = 5 tokens' worth of A: the minimum exactly (3.5 as raw shares would not do).
        vm.assertEq(oracle.stakeWeight(nodeA.operator, slashableFrom), 5e21, "weighted sum");
        vm.assertTrue(oracle.isActive(nodeA.operator), "admitted");
    }

    function test_onRegister_revertsWhen_everySeatIsTaken() public {
        vm.prank(team);
        oracle.setMaxOperators(QUORUM);
        _join(_node("nodeA", 10e18), 0.6e18);
        _join(_node("nodeB", 10e18), 0.6e18);
        Node memory nodeC = _node("nodeC", 10e18);
        _allocate(nodeC.operator, oracleSet, strategyA, 0.6e18);
        vm.expectRevert(_rejection(abi.encodeWithSelector(PriceOracleAVS.OracleFull.selector, QUORUM)));
        _registerInSet(nodeC.operator, oracleSet);
    }

    function test_onDeregister_freesTheSeat() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        _deregisterFromSet(nodeA.operator, oracleSet);
        vm.assertFalse(oracle.isActive(nodeA.operator), "inactive");
        vm.assertEq(oracle.activeOperators(), 0, "uncounted");
    }

    function test_onDeregister_ofAnOperatorWithoutASeat_changesNothing() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        vm.prank(address(avsRegistry));
        oracle.onDeregister(stranger, address(oracle), 0);
        vm.assertEq(oracle.activeOperators(), 1, "nodeA still counted");
    }

    function test_hooks_revertWhen_callerNotAVSRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotAVSRegistry.selector, stranger));
        vm.prank(stranger);
        oracle.onRegister(stranger, address(oracle), 0, "");
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotAVSRegistry.selector, stranger));
        vm.prank(stranger);
        oracle.onDeregister(stranger, address(oracle), 0);
    }

    function test_hooks_revertWhen_calledForAnotherSet() public {
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotOracleSet.selector, address(oracle), uint32(3)));
        vm.prank(address(avsRegistry));
        oracle.onRegister(stranger, address(oracle), 3, "");
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.NotOracleSet.selector, stranger, uint32(0)));
        vm.prank(address(avsRegistry));
        oracle.onDeregister(stranger, stranger, 0);
    }

    // ---------------------------------------------------------------- rounds

    function test_rounds_followTime() public {
        uint256 start = oracle.startTime();
        vm.assertEq(oracle.roundStartsAt(0), start, "round 0 starts at deployment");
        vm.assertEq(oracle.roundStartsAt(5), start + 5 * ROUND, "round 5");
        vm.warp(start + ROUND - 1);
        vm.assertEq(uint256(oracle.currentRound()), 0, "round 0 until its last second");
        vm.warp(start + ROUND);
        vm.assertEq(uint256(oracle.currentRound()), 1, "round 1 from its first second");
        vm.warp(start + 10 * ROUND + 123);
        vm.assertEq(uint256(oracle.currentRound()), 10, "round 10");
    }

    function test_submitPrice_revertsWhen_theRoundIsInTheFuture() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round + 1, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOpen.selector, round + 1, round));
        oracle.submitPrice(round + 1, PRICE, signature);
    }

    function test_submitPrice_revertsWhen_theRoundIsOver() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.warp(oracle.roundStartsAt(round + 1));
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOpen.selector, round, round + 1));
        oracle.submitPrice(round, PRICE, signature);
    }

    function test_submitPrice_acceptsAReportUntilTheRoundsLastSecond() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        vm.warp(oracle.roundStartsAt(round + 1) - 1);
        _report(nodeA, PRICE);
        vm.assertTrue(oracle.hasReported(round, nodeA.operator), "recorded in its round");
    }

    function test_priceOf_revertsWhen_theRoundIsNotOver() public {
        (Node memory nodeA, Node memory nodeB) = _twoNodes();
        uint64 round = _waitUntilReporting(nodeB);
        _report(nodeA, PRICE);
        _report(nodeB, PRICE);
        uint256 endsAt = oracle.roundStartsAt(round + 1);
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOver.selector, round, endsAt));
        oracle.priceOf(round);
        vm.expectRevert(
            abi.encodeWithSelector(PriceOracleAVS.RoundNotOver.selector, round + 3, oracle.roundStartsAt(round + 4))
        );
        oracle.priceOf(round + 3);
    }

    function test_priceOf_isFinalOnceTheRoundIsOver() public {
        (Node memory nodeA, Node memory nodeB) = _twoNodes();
        uint64 round = _waitUntilReporting(nodeB);
        _report(nodeA, 3_000e8);
        _report(nodeB, 3_100e8);
        _startNextRound();
        (uint256 price, , uint256 totalWeight) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "equal weights: the lower middle");

        // Nothing reaches the round any more, and what happens to the operators later changes nothing.
        Node memory nodeC = _node("nodeC", 10e18);
        _join(nodeC, 0.6e18);
        bytes memory late = _sign(nodeC, round, 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RoundNotOpen.selector, round, round + 1));
        oracle.submitPrice(round, 1, late);
        _allocate(nodeA.operator, oracleSet, strategyA, 0);
        vm.warp(block.timestamp + 30 days);
        (uint256 later, , uint256 laterWeight) = oracle.priceOf(round);
        vm.assertEq(later, price, "same price");
        vm.assertEq(laterWeight, totalWeight, "same weights");
    }

    // ---------------------------------------------------------------- reports

    function test_submitPrice_recordsTheReport_withTheOperatorsStakeWeight() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectEmit(address(oracle));
        emit PriceOracleAVS.PriceReported(round, nodeA.operator, PRICE, 6e21);
        vm.prank(stranger); // anyone may relay a signed report
        oracle.submitPrice(round, PRICE, signature);
        vm.assertTrue(oracle.hasReported(round, nodeA.operator), "reported");
        vm.assertFalse(oracle.hasReported(round + 1, nodeA.operator), "in this round only");
        vm.assertEq(oracle.reportCount(round), 1, "one report");
    }

    function test_submitPrice_acceptsTheBounds() public {
        (Node memory nodeA, Node memory nodeB) = _twoNodes();
        _waitUntilReporting(nodeB);
        _report(nodeA, 1);
        _report(nodeB, MAX_PRICE);
    }

    function test_submitPrice_revertsWhen_thePriceIsZero() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round, 0);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PriceOutOfBounds.selector, 0, MAX_PRICE));
        oracle.submitPrice(round, 0, signature);
    }

    function test_submitPrice_revertsWhen_thePriceExceedsTheMaximum() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round, MAX_PRICE + 1);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PriceOutOfBounds.selector, MAX_PRICE + 1, MAX_PRICE));
        oracle.submitPrice(round, MAX_PRICE + 1, signature);
    }

    function test_submitPrice_revertsWhen_theKeyBelongsToNoOperator() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        (address strangerKey, uint256 strangerPrivateKey) = makeAddrAndKey("stranger key");
        bytes memory signature = _signWith(equivocationSlasher, strangerPrivateKey, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.UnknownKey.selector, strangerKey));
        oracle.submitPrice(round, PRICE, signature);
    }

    function test_submitPrice_revertsWhen_theSignatureIsForAnotherPrice() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        bytes memory signature = _sign(nodeA, round, PRICE);
        // Checked against another price, the signature recovers some unrelated key.
        address recovered = ECDSA.recover(
            equivocationSlasher.attestationDigest(round, _priceHash(PRICE + 1)),
            signature
        );
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.UnknownKey.selector, recovered));
        oracle.submitPrice(round, PRICE + 1, signature);
    }

    function test_submitPrice_revertsWhen_theSignatureIsMalformed() public {
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureLength.selector, 2));
        oracle.submitPrice(0, PRICE, hex"1234");
    }

    function test_submitPrice_revertsWhen_theKeyWasRotatedOut() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        (address newKey, uint256 newPrivateKey) = makeAddrAndKey("nodeA second key");
        _registerKey(nodeA.operator, newKey, newPrivateKey);

        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.RetiredKey.selector, nodeA.key, nodeA.operator, newKey));
        oracle.submitPrice(round, PRICE, signature);
        // The current key reports.
        oracle.submitPrice(round, PRICE, _signWith(equivocationSlasher, newPrivateKey, round, PRICE));
        vm.assertTrue(oracle.hasReported(round, nodeA.operator), "reported with its current key");
    }

    function test_submitPrice_revertsWhen_theKeyWasPunished() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _equivocate(nodeA, round);
        _startNextRound();
        uint64 next = oracle.currentRound();
        bytes memory signature = _sign(nodeA, next, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PunishedKey.selector, nodeA.key, nodeA.operator));
        oracle.submitPrice(next, PRICE, signature);
    }

    function test_submitPrice_revertsWhen_theOperatorLeftTheSet() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _deregisterFromSet(nodeA.operator, oracleSet);
        // Still slashable for the withdrawal delay, but no longer an operator of the oracle.
        vm.assertTrue(avsRegistry.isSlashable(nodeA.operator, oracleSet), "still slashable");
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.OperatorNotRegistered.selector, nodeA.operator));
        oracle.submitPrice(round, PRICE, signature);
    }

    function test_submitPrice_revertsWhen_theRegistrationWasNotSlashableWhenTheRoundBegan() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint48 slashableFrom = avsRegistry.registration(nodeA.operator, oracleSet).slashableFrom;
        vm.warp(slashableFrom); // slashable from now on, but the round in progress began earlier
        uint64 round = oracle.currentRound();
        uint256 roundStart = oracle.roundStartsAt(round);
        vm.assertLt(roundStart, slashableFrom, "the round began before");
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceOracleAVS.NotSlashableAtRoundStart.selector,
                nodeA.operator,
                round,
                slashableFrom,
                roundStart
            )
        );
        oracle.submitPrice(round, PRICE, signature);
        // From the next round on, it reports.
        _startNextRound();
        _report(nodeA, PRICE);
    }

    function test_submitPrice_revertsWhen_theOperatorReportedInTheRoundAlready() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _report(nodeA, PRICE);
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.AlreadyReported.selector, nodeA.operator, round));
        oracle.submitPrice(round, PRICE, signature);
    }

    function test_submitPrice_revertsWhen_theStakeFellBelowTheMinimum() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        _waitUntilReporting(nodeA);
        // nodeA lowers its allocation to 40%: once the decrease takes effect, 4 tokens are at stake.
        _allocate(nodeA.operator, oracleSet, strategyA, 0.4e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint64 round = oracle.currentRound();
        bytes memory signature = _sign(nodeA, round, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceOracleAVS.StakeBelowMinimum.selector,
                nodeA.operator,
                4e21,
                MINIMUM_STAKE,
                block.timestamp
            )
        );
        oracle.submitPrice(round, PRICE, signature);
    }

    // ---------------------------------------------------------------- the median and the quorum

    function test_priceOf_isTheMiddleOfAnOddCount() public {
        Node[] memory nodes = _nodes(3, 0.6e18);
        uint64 round = oracle.currentRound();
        _report(nodes[0], 3_200e8);
        _report(nodes[1], 2_900e8);
        _report(nodes[2], 3_000e8);
        _startNextRound();
        (uint256 price, uint256 reports, uint256 totalWeight) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "the middle price");
        vm.assertEq(reports, 3, "three reports");
        vm.assertEq(totalWeight, 18e21, "three times 6 tokens");
    }

    function test_priceOf_isTheLowerMiddleOfAnEvenCount() public {
        Node[] memory nodes = _nodes(4, 0.6e18);
        uint64 round = oracle.currentRound();
        _report(nodes[0], 4_000e8);
        _report(nodes[1], 1_000e8);
        _report(nodes[2], 3_000e8);
        _report(nodes[3], 2_000e8);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 2_000e8, "the lower of the two middle prices, not their average");
    }

    function test_priceOf_withTiedPrices() public {
        Node[] memory nodes = _nodes(4, 0.6e18);
        uint64 round = oracle.currentRound();
        _report(nodes[0], 3_000e8);
        _report(nodes[1], 3_000e8);
        _report(nodes[2], 3_000e8);
        _report(nodes[3], 1);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "the tied price holds three quarters of the weight");
    }

    function test_priceOf_followsTheStake_notTheHeadcount() public {
        Node memory heavy = _node("heavy", 30e18);
        _join(heavy, uint64(WAD)); // 30 tokens at stake
        Node[] memory light = _nodes(2, 0.6e18); // 6 tokens each
        uint64 round = oracle.currentRound();
        _report(heavy, 3_000e8);
        _report(light[0], 5_000e8);
        _report(light[1], 6_000e8);
        _startNextRound();
        (uint256 price, , uint256 totalWeight) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "30 of 42 tokens reported 3,000: two operators out of three cannot outvote it");
        vm.assertEq(totalWeight, 42e21, "total weight");
    }

    function test_priceOf_exactlyHalfTheWeight_takesTheLowerPrice() public {
        (Node memory nodeA, Node memory nodeB) = _twoNodes(); // 6 tokens each
        uint64 round = _waitUntilReporting(nodeB);
        _report(nodeA, 3_100e8);
        _report(nodeB, 3_000e8);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "half the weight at or below 3,000 is enough");
    }

    function test_priceOf_moreThanHalfTheWeight_takesItsPrice() public {
        Node memory nodeA = _node("nodeA", 10e18);
        Node memory nodeB = _node("nodeB", 10e18);
        _join(nodeA, 0.6e18); // 6 tokens, reports the lower price
        _join(nodeB, 0.7e18); // 7 tokens, reports the higher price
        uint64 round = _waitUntilReporting(nodeB);
        _report(nodeA, 3_000e8);
        _report(nodeB, 3_100e8);
        _startNextRound();
        (uint256 price, , ) = oracle.priceOf(round);
        vm.assertEq(price, 3_100e8, "7 of 13 tokens reported 3,100");
    }

    function test_priceOf_revertsWhen_theQuorumIsNotReached() public {
        Node memory nodeA = _node("nodeA", 10e18);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _report(nodeA, PRICE);
        _startNextRound();
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.QuorumNotReached.selector, round, 1, QUORUM));
        oracle.priceOf(round);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.QuorumNotReached.selector, round - 1, 0, QUORUM));
        oracle.priceOf(round - 1);
    }

    // ---------------------------------------------------------------- slasher migration

    function test_scheduleSlasherMigration_switchesAfterTheNotice_andReportsFollowTheSlasherInForce() public {
        (Node memory nodeA, Node memory nodeB) = _twoNodes();
        uint64 round = _waitUntilReporting(nodeB);
        IEquivocationSlasher next = _deploySlasher(oracleSet);

        vm.prank(team);
        uint48 effectAt = oracle.scheduleSlasherMigration(next);
        vm.assertEq(effectAt, block.timestamp + NOTICE, "after the notice");
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(oracleSet);
        vm.assertEq(info.pendingSlasher, address(next), "pending slasher");
        vm.assertEq(info.pendingRedistributionRecipient, address(next), "and recipient");

        // Until then, reports are checked against the slasher in force.
        vm.assertEq(address(oracle.slasher()), address(equivocationSlasher), "the old slasher still");
        _report(nodeA, PRICE);
        // nodeA registers its key with the new instance meanwhile; nodeB does not.
        _registerKeyWith(next, nodeA.operator, nodeA.key, nodeA.privateKey);

        vm.warp(effectAt);
        round = _startNextRound();
        vm.assertEq(address(oracle.slasher()), address(next), "the new slasher");
        bytes memory oldDomain = _signWith(equivocationSlasher, nodeA.privateKey, round, PRICE);
        address recovered = ECDSA.recover(next.attestationDigest(round, _priceHash(PRICE)), oldDomain);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.UnknownKey.selector, recovered));
        oracle.submitPrice(round, PRICE, oldDomain);
        oracle.submitPrice(round, PRICE, _signWith(next, nodeA.privateKey, round, PRICE));
        bytes memory fromB = _signWith(next, nodeB.privateKey, round, PRICE);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.UnknownKey.selector, nodeB.key));
        oracle.submitPrice(round, PRICE, fromB);

        // The new instance slashes, and keeps the slashed funds for its reporters.
        bytes memory truth = _signWith(next, nodeA.privateKey, round, PRICE);
        bytes memory lie = _signWith(next, nodeA.privateKey, round, PRICE + 1);
        vm.prank(watcher);
        next.reportEquivocation(round, _priceHash(PRICE), truth, _priceHash(PRICE + 1), lie);
        vm.assertGt(_slashedShares(oracleSet, strategyA), 0, "slashed into the new instance's bucket");
        vm.assertEq(_recipientOf(oracleSet), address(next), "the new instance receives");
    }

    function test_scheduleSlasherMigration_revertsWhen_theSlasherServesAnotherSet() public {
        IEquivocationSlasher other = _deploySlasher(_set(stranger, 0));
        vm.expectRevert(
            abi.encodeWithSelector(PriceOracleAVS.SlasherForAnotherSet.selector, address(other), stranger, uint32(0))
        );
        vm.prank(team);
        oracle.scheduleSlasherMigration(other);
    }

    // ---------------------------------------------------------------- a lie told twice

    function test_story_equivocationIsSlashed_escrowed_andPaysAWatcherACappedBounty() public {
        // nodeA has 10 tokens of its own and alice's 30; nodeB 10 of its own. Both allocate 60% to the oracle.
        Node memory nodeA = _node("nodeA", 10e18);
        _deposit(alice, strategyA, 30e18);
        _delegate(alice, nodeA.operator);
        Node memory nodeB = _node("nodeB", 10e18);
        _join(nodeA, 0.6e18);
        _join(nodeB, 0.6e18);
        uint64 round = _waitUntilReporting(nodeB);

        _report(nodeA, 3_000e8);
        _report(nodeB, 3_010e8);
        // nodeA's key signs a second price for the round: the oracle takes one report per operator...
        bytes memory honest = _sign(nodeA, round, 3_000e8);
        bytes memory lie = _sign(nodeA, round, 3_100e8);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.AlreadyReported.selector, nodeA.operator, round));
        oracle.submitPrice(round, 3_100e8, lie);
        // ...and a watcher who sees both signatures has nodeA slashed: 10% of its 60% allocation.
        uint256 slashedAt = block.timestamp;
        vm.prank(watcher);
        equivocationSlasher.reportEquivocation(round, _priceHash(3_000e8), honest, _priceHash(3_100e8), lie);
        vm.assertEq(sm.withdrawableShares(nodeA.operator, strategyA), 9.4e21, "nodeA lost 6% of its own stake");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 28.2e21, "alice lost 6% of hers");
        vm.assertEq(sm.withdrawableShares(nodeB.operator, strategyA), 10e21, "nodeB untouched");
        vm.assertEq(_current(nodeA.operator, oracleSet, strategyA), 0.54e18, "the allocation lost 10%");

        // The key is retired for good; the round's price stands on what was reported.
        _startNextRound();
        uint64 next = oracle.currentRound();
        bytes memory again = _sign(nodeA, next, 3_000e8);
        vm.expectRevert(abi.encodeWithSelector(PriceOracleAVS.PunishedKey.selector, nodeA.key, nodeA.operator));
        oracle.submitPrice(next, 3_000e8, again);
        (uint256 price, uint256 reports, uint256 totalWeight) = oracle.priceOf(round);
        vm.assertEq(price, 3_000e8, "nodeA carried 24 of 30 tokens");
        vm.assertEq(reports, 2, "two reports");
        vm.assertEq(totalWeight, 30e21, "weights at report time");

        // The slashed funds wait in escrow, then go to the slasher, which pays the watcher and the treasury.
        (uint256 escrowed, uint48 releasableAt) = coordinator.bucket(
            oracleSet,
            strategyA,
            address(equivocationSlasher)
        );
        vm.assertEq(escrowed, 2.4e21, "6% of 40 tokens");
        vm.assertEq(releasableAt, slashedAt + ESCROW_DELAY, "in escrow for the escrow delay");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.EscrowNotOver.selector,
                address(oracle),
                uint32(0),
                strategyA,
                address(equivocationSlasher),
                releasableAt,
                block.timestamp
            )
        );
        coordinator.releaseSlashedFunds(oracleSet, strategyA, address(equivocationSlasher));
        vm.warp(releasableAt);
        coordinator.releaseSlashedFunds(oracleSet, strategyA, address(equivocationSlasher));
        vm.prank(watcher);
        uint256 bounty = equivocationSlasher.claimBounty(strategyA);
        // A fifth of the 2.4 tokens slashed (0.48), within nodeA's own loss (0.6).
        vm.assertEq(bounty, 0.48e18, "the bounty");
        vm.assertEq(tokenA.balanceOf(watcher), bounty, "paid to the watcher");
        equivocationSlasher.sweepToTreasury(strategyA);
        vm.assertEq(tokenA.balanceOf(treasury), 1.92e18, "the rest to the treasury");

        // nodeA answers with a new key, and reports again from the round in progress.
        (address newKey, uint256 newPrivateKey) = makeAddrAndKey("nodeA second key");
        _registerKey(nodeA.operator, newKey, newPrivateKey);
        uint64 later = oracle.currentRound();
        oracle.submitPrice(later, 3_000e8, _signWith(equivocationSlasher, newPrivateKey, later, 3_000e8));
        vm.assertTrue(oracle.hasReported(later, nodeA.operator), "reporting again");
    }

    function test_story_theBountyIsCappedByTheOperatorsOwnLoss() public {
        // nodeA has 1 token of its own and bob's 40: a fifth of the slash would be 0.492 tokens, but nodeA itself
        // loses only 0.06.
        Node memory nodeA = _node("nodeA", 1e18);
        _deposit(bob, strategyA, 40e18);
        _delegate(bob, nodeA.operator);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _equivocate(nodeA, round);
        vm.assertEq(equivocationSlasher.bountyOwed(watcher, strategyA), 0.06e18, "capped at nodeA's own loss");
    }

    function test_story_anOperatorWithoutStakeOfItsOwn_earnsTheWatcherNothing() public {
        Node memory nodeA = _node("nodeA", 0);
        _deposit(bob, strategyA, 40e18);
        _delegate(bob, nodeA.operator);
        _join(nodeA, 0.6e18);
        uint64 round = _waitUntilReporting(nodeA);
        _equivocate(nodeA, round);
        vm.assertEq(sm.withdrawableShares(bob, strategyA), 37.6e21, "bob's stake was slashed");
        vm.assertEq(equivocationSlasher.bountyOwed(watcher, strategyA), 0, "but no bounty is owed");
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NoBountyOwed.selector, watcher, strategyA));
        vm.prank(watcher);
        equivocationSlasher.claimBounty(strategyA);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev An oracle whose set does not exist yet, registered as an AVS.
    function _freshOracle() internal returns (PriceOracleAVS fresh) {
        fresh = _deployOracle(_parameters());
        vm.prank(team);
        fresh.registerAVS("https://fresh.example/avs.json");
    }

    /// @dev Two nodes with 10 tokens of their own, joined at 60% (6 tokens at stake each).
    function _twoNodes() internal returns (Node memory nodeA, Node memory nodeB) {
        nodeA = _node("nodeA", 10e18);
        nodeB = _node("nodeB", 10e18);
        _join(nodeA, 0.6e18);
        _join(nodeB, 0.6e18);
    }

    /// @dev `count` nodes with 10 tokens of their own, joined at `magnitude`, ready to report in the round in
    /// progress.
    function _nodes(uint256 count, uint64 magnitude) internal returns (Node[] memory nodes) {
        nodes = new Node[](count);
        for (uint256 i; i < count; ++i) {
            // "node0", "node1"...: one digit, as there are at most `SEATS` of them.
            nodes[i] = _node(string.concat("node", string(abi.encodePacked(bytes1(uint8(48 + i))))), 10e18);
            _join(nodes[i], magnitude);
        }
        _waitUntilReporting(nodes[count - 1]);
    }

    /// @dev `node`'s key signs two prices for `round`, and the watcher reports them.
    function _equivocate(Node memory node, uint64 round) internal {
        bytes memory first = _sign(node, round, 3_000e8);
        bytes memory second = _sign(node, round, 3_100e8);
        vm.prank(watcher);
        equivocationSlasher.reportEquivocation(round, _priceHash(3_000e8), first, _priceHash(3_100e8), second);
    }
}
