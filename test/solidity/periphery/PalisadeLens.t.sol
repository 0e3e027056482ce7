// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IPalisadeLens} from "../../../contracts/interfaces/IPalisadeLens.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {LensFixture} from "./LensFixture.sol";

/// @notice The lens's views, each against the core's own getters, and every revert path: a core of two
/// deployments, mismatched list lengths, and a slash preview's bad arguments. Addresses that are not operators
/// and sets that do not exist give zeros, never a revert.
contract PalisadeLensTest is LensFixture {
    uint32 internal constant SET_2 = 2;
    uint32 internal constant MISSING_SET = 99;
    uint64 internal constant HALF = 0.5e18;
    uint64 internal constant FIFTH = 0.2e18;
    /// @dev Alice's 100 tokens in A, delegated to operator 1, and operator 1's own 10.
    uint256 internal constant ALICE_A = 100e18 * SHARES_PER_TOKEN;
    uint256 internal constant OWN_A = 10e18 * SHARES_PER_TOKEN;

    /// @dev Set 1 holds A and B and burns; set 2 holds A and redistributes to `recipient`.
    OperatorSet internal set1;
    OperatorSet internal set2;
    OperatorSet internal missingSet;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA, strategyB));
        set2 = _createSet(avs, SET_2, _strategies(strategyA), slasher, address(0), recipient);
        missingSet = _set(avs, MISSING_SET);
        operator1Id = _registerOperator(operator1);
        _deposit(operator1, strategyA, 10e18);
        _deposit(alice, strategyA, 100e18);
        _deposit(alice, strategyB, 50e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
    }

    // ---------------------------------------------------------------- construction

    function test_constructor_recordsTheCore() public view {
        vm.assertEq(address(lens.strategyManager()), address(sm), "strategy manager");
        vm.assertEq(address(lens.withdrawalQueue()), address(wq), "withdrawal queue");
        vm.assertEq(address(lens.operatorRegistry()), address(registry), "operator registry");
        vm.assertEq(address(lens.avsRegistry()), address(avsRegistry), "avs registry");
        vm.assertEq(address(lens.allocationManager()), address(allocationManager), "allocation manager");
        vm.assertEq(address(lens.slashingCoordinator()), address(coordinator), "slashing coordinator");
    }

    function test_constructor_revertsOnAContractTheOthersAreNotWiredTo() public {
        vm.expectRevert(abi.encodeWithSelector(IPalisadeLens.CoreAddressMismatch.selector, stranger, address(wq)));
        _deploy(
            "PalisadeLens.sol:PalisadeLens",
            abi.encode(sm, stranger, registry, avsRegistry, allocationManager, coordinator)
        );
    }

    function test_constructor_revertsOnSwappedAddresses() public {
        // The registries swapped: each is a real core contract, in the wrong place.
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeLens.CoreAddressMismatch.selector, address(avsRegistry), address(registry))
        );
        _deploy(
            "PalisadeLens.sol:PalisadeLens",
            abi.encode(sm, wq, avsRegistry, registry, allocationManager, coordinator)
        );
    }

    // ---------------------------------------------------------------- operatorViews

    function test_operatorViews_recordAndStake() public {
        // Operator 2 has an approver and a change of allocation delay on its way.
        address approver = makeAddr("approver");
        _registerOperator(operator2, approver);
        vm.prank(operator2);
        registry.setAllocationDelay(2 days);
        _deposit(operator2, strategyB, 7e18);

        OperatorSet[] memory sets = _sets(set1, set2);
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        IPalisadeLens.OperatorView[] memory views = lens.operatorViews(
            _addresses(operator1, operator2, stranger),
            sets,
            strategies
        );
        vm.assertEq(views.length, 3, "one view per operator");
        _assertOperatorView(views[0], operator1, sets, strategies);
        _assertOperatorView(views[1], operator2, sets, strategies);
        _assertOperatorView(views[2], stranger, sets, strategies);

        // The figures themselves, beyond their agreement with the getters.
        vm.assertEq(views[0].stakes[0].delegatedShares, ALICE_A + OWN_A, "alice's and its own stake in A");
        vm.assertEq(views[0].stakes[1].delegatedShares, 50e18 * SHARES_PER_TOKEN, "alice's stake in B");
        vm.assertEq(views[0].stakes[0].slashingFactor, WAD, "never slashed");
        vm.assertEq(views[0].stakes[0].allocatableMagnitude, WAD, "nothing allocated");
        vm.assertEq(views[1].delegationApprover, approver, "operator 2's approver");
        vm.assertEq(views[1].pendingAllocationDelay, 2 days, "the scheduled delay");
        vm.assertEq(views[1].pendingAllocationDelayEffectAt, block.timestamp + MIN_ALLOCATION_DELAY, "after the old");
        vm.assertEq(views[1].allocationDelay, MIN_ALLOCATION_DELAY, "the old delay is in force");
    }

    function test_operatorViews_allocationsInForcePendingAndSlashable() public {
        // In force: half of A in set 1, a fifth of A in set 2. Then, in one second: alice queues a quarter of her
        // A, set 1's A decreases to a fifth and set 1's B increases to a fifth. The decrease and the withdrawal
        // both wait the withdrawal delay: the withdrawal has matured when the decrease takes effect.
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        _queue(alice, strategyA, ALICE_A / 4);
        _allocate(operator1, set1, strategyA, FIFTH);
        _allocate(operator1, set1, strategyB, FIFTH);

        OperatorSet[] memory sets = _sets(set1, set2);
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        IPalisadeLens.OperatorView memory view_ = lens.operatorViews(_addresses(operator1), sets, strategies)[0];
        _assertOperatorView(view_, operator1, sets, strategies);

        IPalisadeLens.AllocationView memory decreasing = view_.sets[0].allocations[0];
        vm.assertEq(decreasing.current, HALF, "the decrease is not in force");
        vm.assertEq(decreasing.pending, FIFTH, "its target");
        vm.assertEq(decreasing.slashableShares, (ALICE_A + OWN_A) / 2, "half of everything, queued included");
        vm.assertEq(
            decreasing.slashableSharesAtEffect,
            ((ALICE_A * 3) / 4 + OWN_A) / 5,
            "a fifth of what is left once the withdrawal matured"
        );
        IPalisadeLens.AllocationView memory increasing = view_.sets[0].allocations[1];
        vm.assertEq(increasing.current, 0, "the increase is not in force yet");
        vm.assertEq(increasing.slashableShares, 0, "nothing slashable yet");
        vm.assertEq(increasing.slashableSharesAtEffect, (50e18 * SHARES_PER_TOKEN) / 5, "a fifth of B from then");
        IPalisadeLens.AllocationView memory outside = view_.sets[1].allocations[1];
        vm.assertFalse(outside.inSet, "set 2 does not hold B");
        vm.assertEq(outside.slashableShares + outside.slashableSharesAtEffect, 0, "nothing to slash there");
        vm.assertEq(view_.stakes[0].encumberedMagnitude, HALF + FIFTH, "a pending decrease counts at its old value");
        vm.assertEq(view_.stakes[0].allocatableMagnitude, WAD - HALF - FIFTH, "allocatable");
    }

    function test_operatorViews_deregistered_slashableForTheWithdrawalDelayOnly() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        OperatorSet[] memory sets = _sets(set1);
        IStrategy[] memory strategies = _strategies(strategyA);

        IPalisadeLens.OperatorSetMembership memory inWindow = lens
            .operatorViews(_addresses(operator1), sets, strategies)[0]
            .sets[0];
        _assertMembership(inWindow, operator1, set1, strategies);
        vm.assertFalse(inWindow.registered, "deregistered");
        vm.assertTrue(inWindow.slashable, "still slashable");
        vm.assertEq(inWindow.slashableUntil, until, "until the window ends");
        vm.assertEq(inWindow.allocations[0].slashableShares, (ALICE_A + OWN_A) / 2, "its allocation still counts");

        vm.warp(until);
        IPalisadeLens.OperatorSetMembership memory afterWindow = lens
            .operatorViews(_addresses(operator1), sets, strategies)[0]
            .sets[0];
        _assertMembership(afterWindow, operator1, set1, strategies);
        vm.assertFalse(afterWindow.slashable, "not slashable at the window's end");
        vm.assertEq(afterWindow.allocations[0].slashableShares, 0, "nothing slashable");
        vm.assertEq(afterWindow.allocations[0].current, HALF, "though still allocated");
    }

    function test_operatorViews_strategyTheSetDropped_isAllocatedButNotSlashable() public {
        _allocateAndWait(operator1, set1, strategyB, HALF);
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategyB));
        OperatorSet[] memory sets = _sets(set1);
        IStrategy[] memory strategies = _strategies(strategyB);

        IPalisadeLens.AllocationView memory allocation = lens
            .operatorViews(_addresses(operator1), sets, strategies)[0]
            .sets[0]
            .allocations[0];
        vm.assertFalse(allocation.inSet, "dropped");
        vm.assertEq(allocation.current, HALF, "still allocated");
        vm.assertEq(allocation.slashableShares, 0, "not slashable");
    }

    function test_operatorViews_notAnOperator_isZeroButSized() public view {
        OperatorSet[] memory sets = _sets(set1, set2);
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        // Alice is a staker delegated to operator 1, the stranger a fresh address: neither is an operator.
        IPalisadeLens.OperatorView[] memory views = lens.operatorViews(
            _addresses(alice, stranger, address(0)),
            sets,
            strategies
        );
        for (uint256 i; i < views.length; ++i) {
            vm.assertEq(views[i].stakes.length, 2, "stakes sized");
            vm.assertEq(views[i].sets.length, 2, "sets sized");
            _assertZeroOperatorView(views[i], 2);
        }
        vm.assertEq(views[0].operator, alice, "the address asked for");
        vm.assertEq(views[1].operator, stranger, "in order");
    }

    function test_operatorViews_setThatDoesNotExist_isZero() public view {
        OperatorSet[] memory sets = _sets(missingSet);
        IStrategy[] memory strategies = _strategies(strategyA);
        IPalisadeLens.OperatorView memory view_ = lens.operatorViews(_addresses(operator1), sets, strategies)[0];
        _assertOperatorView(view_, operator1, sets, strategies);
        IPalisadeLens.OperatorSetMembership memory membership = view_.sets[0];
        vm.assertEq(membership.operatorSet.id, MISSING_SET, "the set asked for");
        vm.assertFalse(membership.registered || membership.slashable, "not registered");
        vm.assertFalse(membership.allocations[0].inSet, "holds nothing");
    }

    function test_operatorViews_emptyLists() public view {
        vm.assertEq(lens.operatorViews(new address[](0), _sets(set1), _strategies(strategyA)).length, 0, "none");
        IPalisadeLens.OperatorView memory view_ = lens.operatorViews(_addresses(operator1), _noSets(), _noStrategies())[
            0
        ];
        vm.assertTrue(view_.isOperator, "the record still");
        vm.assertEq(view_.stakes.length + view_.sets.length, 0, "no stake, no set");
    }

    function test_operatorViews_afterASlash() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _slash(set1, operator1, strategyA, 0.5e18);
        OperatorSet[] memory sets = _sets(set1, set2);
        IStrategy[] memory strategies = _strategies(strategyA);
        IPalisadeLens.OperatorView memory view_ = lens.operatorViews(_addresses(operator1), sets, strategies)[0];
        _assertOperatorView(view_, operator1, sets, strategies);
        vm.assertEq(view_.stakes[0].maxMagnitude, WAD - HALF / 2, "a quarter lost");
        vm.assertEq(view_.stakes[0].slashingFactor, WAD - HALF / 2, "the factor with it");
        vm.assertEq(view_.stakes[0].delegatedShares, ((ALICE_A + OWN_A) * 3) / 4, "three quarters left");
    }

    // ---------------------------------------------------------------- operatorViews: the notice (guarantee 9)

    function test_operatorViews_registrationInItsNotice_isSlashableOnlyFromItsSlashableFrom() public {
        // Operator 2 registers in set 1 and allocates half of A in the same block: neither is slashable yet, and
        // both become so at the same time, one second after a withdrawal queued now matures.
        _registerOperator(operator2);
        _deposit(bob, strategyA, 20e18);
        _delegate(bob, operator2);
        _registerInSet(operator2, set1);
        _allocate(operator2, set1, strategyA, HALF);
        OperatorSet[] memory sets = _sets(set1);
        IStrategy[] memory strategies = _strategies(strategyA);

        IPalisadeLens.OperatorSetMembership memory membership = lens
            .operatorViews(_addresses(operator2), sets, strategies)[0]
            .sets[0];
        _assertMembership(membership, operator2, set1, strategies);
        vm.assertTrue(membership.registered, "registered");
        vm.assertFalse(membership.slashable, "not slashable during the notice");
        uint48 slashableFrom = membership.slashableFrom;
        vm.assertEq(slashableFrom, block.timestamp + NOTICE, "slashable from the notice's end");
        IPalisadeLens.AllocationView memory allocation = membership.allocations[0];
        vm.assertEq(allocation.effectAt, slashableFrom, "the increase waits the notice too");
        vm.assertEq(allocation.slashableShares, 0, "nothing slashable now");
        vm.assertEq(
            allocation.slashableSharesAtEffect,
            (20e18 * SHARES_PER_TOKEN) / 2,
            "not slashable now, slashable later: half of bob's A from then"
        );

        vm.warp(slashableFrom);
        membership = lens.operatorViews(_addresses(operator2), sets, strategies)[0].sets[0];
        _assertMembership(membership, operator2, set1, strategies);
        vm.assertTrue(membership.slashable, "slashable once the notice passed");
        vm.assertEq(membership.allocations[0].slashableShares, (20e18 * SHARES_PER_TOKEN) / 2, "half of bob's A");
    }

    function test_operatorViews_strategyAddedBack_isSlashableOnlyAfterItsNotice() public {
        _allocateAndWait(operator1, set1, strategyB, HALF);
        _removeAndAddBack(strategyB);
        OperatorSet[] memory sets = _sets(set1);
        IStrategy[] memory strategies = _strategies(strategyB);

        IPalisadeLens.OperatorSetMembership memory membership = lens
            .operatorViews(_addresses(operator1), sets, strategies)[0]
            .sets[0];
        _assertMembership(membership, operator1, set1, strategies);
        IPalisadeLens.AllocationView memory allocation = membership.allocations[0];
        vm.assertTrue(allocation.inSet, "back in the set");
        uint48 strategyFrom = allocation.strategySlashableFrom;
        vm.assertEq(strategyFrom, block.timestamp + NOTICE, "slashable after the notice");
        vm.assertEq(allocation.current, HALF, "the old allocation came back with it");
        vm.assertEq(allocation.slashableShares, 0, "not slashable during the notice");

        vm.warp(strategyFrom);
        membership = lens.operatorViews(_addresses(operator1), sets, strategies)[0].sets[0];
        _assertMembership(membership, operator1, set1, strategies);
        vm.assertEq(membership.allocations[0].slashableShares, (50e18 * SHARES_PER_TOKEN) / 2, "half of B from then");
    }

    function test_operatorViews_membershipCarriesTheSetsSlashersAndRecipients() public {
        address nextSlasher = makeAddr("nextSlasher");
        address nextRecipient = makeAddr("nextRecipient");
        vm.prank(avs);
        uint48 effectAt = avsRegistry.scheduleSlasher(SET_2, nextSlasher, nextRecipient);
        OperatorSet[] memory sets = _sets(set1, set2);
        IStrategy[] memory strategies = _strategies(strategyA);

        IPalisadeLens.OperatorView memory view_ = lens.operatorViews(_addresses(operator1), sets, strategies)[0];
        _assertOperatorView(view_, operator1, sets, strategies);
        IAVSRegistry.OperatorSetInfo memory burning = view_.sets[0].info;
        vm.assertEq(burning.slasher, slasher, "set 1's slasher");
        vm.assertEq(burning.redistributionRecipient, address(0), "set 1 burns");
        IAVSRegistry.OperatorSetInfo memory redistributing = view_.sets[1].info;
        vm.assertEq(redistributing.redistributionRecipient, recipient, "set 2 pays its recipient");
        vm.assertEq(redistributing.pendingSlasher, nextSlasher, "a new slasher on its way");
        vm.assertEq(redistributing.pendingRedistributionRecipient, nextRecipient, "with a new recipient");
        vm.assertEq(redistributing.slasherEffectAt, effectAt, "after the notice");

        vm.warp(effectAt);
        view_ = lens.operatorViews(_addresses(operator1), sets, strategies)[0];
        _assertOperatorView(view_, operator1, sets, strategies);
        vm.assertEq(view_.sets[1].info.slasher, nextSlasher, "the new slasher in force");
        vm.assertEq(view_.sets[1].info.redistributionRecipient, nextRecipient, "and its recipient with it");
    }

    // ---------------------------------------------------------------- setViews

    function test_setViews_configurationMembersAndTotals() public {
        // Members: operator 1 (half of A in force), operator 2 (a fifth of A pending), the stranger (not an
        // operator), operator 3 (an operator, not registered in the set). One slash left a bucket.
        address operator3 = makeAddr("operator3");
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _registerOperator(operator2);
        _deposit(bob, strategyA, 20e18);
        _delegate(bob, operator2);
        _registerInSet(operator2, set1);
        _allocateAndWait(operator2, set1, strategyA, HALF);
        _registerOperator(operator3);
        uint256 bucket = _slash(set1, operator2, strategyA, 0.1e18);

        IStrategy[][] memory strategies = new IStrategy[][](1);
        strategies[0] = _strategies(strategyA, strategyB);
        address[][] memory members = new address[][](1);
        members[0] = new address[](4);
        members[0][0] = operator1;
        members[0][1] = operator2;
        members[0][2] = stranger;
        members[0][3] = operator3;
        IPalisadeLens.SetView memory view_ = lens.setViews(_sets(set1), strategies, members)[0];

        vm.assertTrue(view_.exists, "exists");
        _assertInfo(view_.info, _info(set1));
        vm.assertEq(view_.strategies.length, 2, "the strategies asked for");
        vm.assertEq(address(view_.strategies[1]), address(strategyB), "in order");
        vm.assertTrue(view_.inSet[0] && view_.inSet[1], "both in the set");
        vm.assertEq(view_.slashedSharesPending[0], bucket, "the bucket of A");
        vm.assertEq(view_.slashedSharesPending[1], 0, "none of B");
        for (uint256 k; k < 2; ++k) {
            (uint256 shares, uint48 releasableAt) = coordinator.bucket(set1, strategies[0][k], address(0));
            vm.assertEq(view_.slashedSharesPending[k], shares, "the burning bucket, as the coordinator reports it");
            vm.assertEq(view_.slashedSharesReleasableAt[k], releasableAt, "burnable whenever");
            (, uint48 strategyFrom) = avsRegistry.strategyMembership(set1, strategies[0][k]);
            vm.assertEq(view_.strategySlashableFrom[k], strategyFrom, "strategy slashable from");
        }
        vm.assertEq(view_.members.length, 4, "one view per member");
        uint256[] memory totals = new uint256[](2);
        for (uint256 m; m < 4; ++m) {
            _assertMember(view_.members[m], members[0][m], set1, strategies[0]);
            totals[0] += view_.members[m].slashableShares[0];
            totals[1] += view_.members[m].slashableShares[1];
        }
        vm.assertEq(view_.totalSlashableShares[0], totals[0], "total of A");
        vm.assertEq(view_.totalSlashableShares[1], totals[1], "total of B");
        vm.assertEq(view_.members[0].slashableShares[0], (ALICE_A + OWN_A) / 2, "operator 1: half of A");
        vm.assertGt(view_.members[1].slashableShares[0], 0, "operator 2: slashed, some left");
        vm.assertFalse(view_.members[3].registered || view_.members[3].slashable, "operator 3 is not registered");
    }

    function test_setViews_redistributingSetsRecipient() public view {
        IStrategy[][] memory strategies = new IStrategy[][](1);
        strategies[0] = _strategies(strategyA);
        address[][] memory members = new address[][](1);
        IPalisadeLens.SetView memory view_ = lens.setViews(_sets(set2), strategies, members)[0];
        vm.assertEq(view_.info.redistributionRecipient, recipient, "recipient");
        _assertInfo(view_.info, _info(set2));
        vm.assertEq(view_.members.length, 0, "no member asked for");
    }

    function test_setViews_redistributingSet_escrowedBucketOfTheRecipientInForce() public {
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        uint256 slashed = _slash(set2, operator1, strategyA, 0.5e18);
        IStrategy[][] memory strategies = new IStrategy[][](1);
        strategies[0] = _strategies(strategyA);
        address[][] memory members = new address[][](1);
        members[0] = _addresses(operator1);

        IPalisadeLens.SetView memory view_ = lens.setViews(_sets(set2), strategies, members)[0];
        (uint256 shares, uint48 releasableAt) = coordinator.bucket(set2, strategyA, recipient);
        vm.assertEq(view_.slashedSharesPending[0], shares, "the recipient's bucket");
        vm.assertEq(shares, slashed, "what the slash took");
        vm.assertEq(view_.slashedSharesReleasableAt[0], releasableAt, "its escrow's end");
        vm.assertEq(releasableAt, block.timestamp + ESCROW_DELAY, "the escrow delay after the slash");
        _assertMember(view_.members[0], operator1, set2, strategies[0]);
    }

    function test_setViews_strategyAddedBackAndMemberInItsNotice() public {
        _allocateAndWait(operator1, set1, strategyB, HALF);
        _removeAndAddBack(strategyB);
        _registerOperator(operator2);
        _registerInSet(operator2, set1);
        IStrategy[][] memory strategies = new IStrategy[][](1);
        strategies[0] = _strategies(strategyA, strategyB);
        address[][] memory members = new address[][](1);
        members[0] = new address[](2);
        members[0][0] = operator1;
        members[0][1] = operator2;

        IPalisadeLens.SetView memory view_ = lens.setViews(_sets(set1), strategies, members)[0];
        for (uint256 k; k < 2; ++k) {
            (bool member, uint48 strategyFrom) = avsRegistry.strategyMembership(set1, strategies[0][k]);
            vm.assertEq(view_.inSet[k], member, "in set");
            vm.assertEq(view_.strategySlashableFrom[k], strategyFrom, "strategy slashable from");
        }
        vm.assertEq(view_.strategySlashableFrom[1], block.timestamp + NOTICE, "B: after its notice");
        _assertMember(view_.members[0], operator1, set1, strategies[0]);
        _assertMember(view_.members[1], operator2, set1, strategies[0]);
        vm.assertEq(view_.members[0].allocated[1], HALF, "operator 1's B came back allocated");
        vm.assertEq(view_.members[0].slashableShares[1], 0, "and is not slashable during the notice");
        vm.assertTrue(view_.members[1].registered, "operator 2 registered");
        vm.assertFalse(view_.members[1].slashable, "not slashable yet");
        vm.assertEq(view_.members[1].slashableFrom, block.timestamp + NOTICE, "from the notice's end");
    }

    function test_setViews_setThatDoesNotExist_isZeroButSized() public view {
        IStrategy[][] memory strategies = new IStrategy[][](1);
        strategies[0] = _strategies(strategyA);
        address[][] memory members = new address[][](1);
        members[0] = _addresses(operator1);
        IPalisadeLens.SetView memory view_ = lens.setViews(_sets(missingSet), strategies, members)[0];
        vm.assertFalse(view_.exists, "does not exist");
        vm.assertEq(view_.operatorSet.id, MISSING_SET, "the set asked for");
        vm.assertEq(view_.info.slasher, address(0), "no configuration");
        vm.assertEq(address(view_.strategies[0]), address(strategyA), "the strategies asked for");
        vm.assertFalse(view_.inSet[0], "holds nothing");
        vm.assertEq(view_.totalSlashableShares[0] + view_.slashedSharesPending[0], 0, "zero");
        IPalisadeLens.MemberView memory member = view_.members[0];
        vm.assertEq(member.operator, operator1, "the member asked for");
        vm.assertEq(member.delegatedShares.length, 1, "sized");
        vm.assertEq(member.delegatedShares[0] + member.maxMagnitude[0], 0, "zero");
    }

    function test_setViews_severalSetsInOrder() public {
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        IStrategy[][] memory strategies = new IStrategy[][](2);
        strategies[0] = _strategies(strategyB);
        strategies[1] = _strategies(strategyA);
        address[][] memory members = new address[][](2);
        members[0] = _addresses(operator1);
        members[1] = _addresses(operator1);
        IPalisadeLens.SetView[] memory views = lens.setViews(_sets(set1, set2), strategies, members);
        vm.assertEq(views[0].operatorSet.id, SET_ID, "set 1 first");
        vm.assertEq(views[1].operatorSet.id, SET_2, "set 2 second");
        _assertMember(views[0].members[0], operator1, set1, strategies[0]);
        _assertMember(views[1].members[0], operator1, set2, strategies[1]);
        vm.assertEq(views[1].totalSlashableShares[0], (ALICE_A + OWN_A) / 5, "a fifth of A in set 2");
    }

    function test_setViews_revertsWhenTheStrategyListsDoNotMatchTheSets() public {
        IStrategy[][] memory strategies = new IStrategy[][](1);
        address[][] memory members = new address[][](2);
        OperatorSet[] memory sets = _sets(set1, set2);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeLens.SetListsLengthMismatch.selector, 2, 1, 2));
        lens.setViews(sets, strategies, members);
    }

    function test_setViews_revertsWhenTheMemberListsDoNotMatchTheSets() public {
        IStrategy[][] memory strategies = new IStrategy[][](2);
        address[][] memory members = new address[][](3);
        OperatorSet[] memory sets = _sets(set1, set2);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeLens.SetListsLengthMismatch.selector, 2, 2, 3));
        lens.setViews(sets, strategies, members);
    }

    // ---------------------------------------------------------------- stakerView

    function test_stakerView_positionsAndPendingWithdrawals() public {
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyB, 20e18 * SHARES_PER_TOKEN);
        IPalisadeLens.StakerView memory view_ = lens.stakerView(alice);

        vm.assertEq(view_.staker, alice, "staker");
        vm.assertEq(view_.delegatedTo, operator1, "delegated to operator 1");
        vm.assertEq(view_.operatorId, operator1Id, "its id");
        vm.assertEq(view_.depositNonce, sm.nonces(alice), "nonce");
        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = sm.stakerPositions(
            alice
        );
        vm.assertEq(view_.positions.length, 2, "A and B");
        for (uint256 i; i < strategies.length; ++i) {
            IPalisadeLens.PositionView memory position = view_.positions[i];
            vm.assertEq(address(position.strategy), address(strategies[i]), "position: strategy");
            vm.assertEq(address(position.token), address(strategies[i].token()), "position: token");
            vm.assertEq(position.scaledShares, scaled[i], "position: scaled");
            vm.assertEq(position.withdrawableShares, withdrawable[i], "position: withdrawable");
            vm.assertEq(position.underlying, strategies[i].sharesToUnderlying(withdrawable[i]), "position: underlying");
        }
        vm.assertEq(view_.positions[1].underlying, 30e18, "30 of alice's 50 B tokens left");
        vm.assertEq(view_.pending.length, 1, "one withdrawal");
        vm.assertEq(view_.pending[0].nonce, withdrawal.nonce, "its nonce");
        vm.assertEq(view_.pending[0].maturity, withdrawal.maturity, "its maturity");
        vm.assertEq(view_.pending[0].rootPrefix, bytes26(wq.withdrawalRoot(withdrawal)), "its root's prefix");
    }

    function test_stakerView_operatorIsDelegatedToItself() public view {
        IPalisadeLens.StakerView memory view_ = lens.stakerView(operator1);
        vm.assertEq(view_.delegatedTo, operator1, "itself");
        vm.assertEq(view_.operatorId, operator1Id, "its own id");
        vm.assertEq(view_.positions[0].withdrawableShares, OWN_A, "its own position");
    }

    function test_stakerView_unknownStaker_isEmpty() public view {
        IPalisadeLens.StakerView memory view_ = lens.stakerView(stranger);
        vm.assertEq(view_.staker, stranger, "staker");
        vm.assertEq(view_.delegatedTo, address(0), "not delegated");
        vm.assertEq(view_.operatorId, 0, "no operator");
        vm.assertEq(view_.depositNonce, 0, "no nonce used");
        vm.assertEq(view_.positions.length + view_.pending.length, 0, "nothing");
    }

    // ---------------------------------------------------------------- previewSlash: figures

    function test_previewSlash_equalsTheSlash() public {
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF, FIFTH));
        _queue(alice, strategyA, ALICE_A / 3);
        IPalisadeLens.SlashPreview memory preview = _slashAndCompare(
            operator1,
            set1,
            _strategies(strategyA, strategyB),
            _wads(0.3e18, 1e18)
        );
        IPalisadeLens.StrategySlashPreview memory a = preview.strategies[0];
        vm.assertEq(a.magnitudeTaken, 0.15e18, "30% of half");
        vm.assertGt(a.queuedSharesSlashed, 0, "the queued withdrawal is reached");
        vm.assertGt(a.operatorOwnSharesSlashed, 0, "so is the operator's own position");
        vm.assertEq(preview.strategies[1].magnitudeTaken, FIFTH, "all of B's allocation");
        vm.assertEq(preview.otherSets.length, 0, "no other set asked for");
    }

    function test_previewSlash_roundsTheMagnitudeUp() public {
        // 3 wei of magnitude, a third slashed: the AllocationManager takes 1, rounded up from 0.999...
        _allocateAndWait(operator1, set1, strategyA, 3);
        IPalisadeLens.SlashPreview memory preview = _slashAndCompare(
            operator1,
            set1,
            _strategies(strategyA),
            _wads(WAD / 3)
        );
        vm.assertEq(preview.strategies[0].magnitudeTaken, 1, "rounded up");
    }

    function test_previewSlash_pendingChanges_equalTheSlash() public {
        // A decrease pending on A, an increase pending on B: the slash applies to what is in force now.
        _allocateAndWait(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(HALF, FIFTH));
        _allocate(operator1, set1, _strategies(strategyA, strategyB), _magnitudes(FIFTH, HALF));
        _slashAndCompare(operator1, set1, _strategies(strategyA, strategyB), _wads(0.4e18, 0.4e18));
    }

    function test_previewSlash_changeThatTookEffectUnsettled_equalsTheSlash() public {
        // The increase took effect but nobody settled it: the preview, like the slash, applies to the new value.
        uint48 effectAt = allocationManager.increaseEffectAt(operator1);
        _allocate(operator1, set1, strategyA, HALF);
        vm.warp(effectAt);
        IPalisadeLens.SlashPreview memory preview = _slashAndCompare(
            operator1,
            set1,
            _strategies(strategyA),
            _wads(0.5e18)
        );
        vm.assertEq(preview.strategies[0].allocationBefore, HALF, "the increase in force");
    }

    function test_previewSlash_strategyNamedTwice_equalsTheSlash() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        IStrategy[] memory strategies = new IStrategy[](3);
        strategies[0] = strategyA;
        strategies[1] = strategyB;
        strategies[2] = strategyA;
        uint256[] memory wads = new uint256[](3);
        wads[0] = 0.5e18;
        wads[1] = 0.5e18;
        wads[2] = 0.5e18;
        IPalisadeLens.SlashPreview memory preview = _slashAndCompare(operator1, set1, strategies, wads);
        vm.assertEq(preview.strategies[2].allocationBefore, HALF / 2, "the second slash starts where the first left");
        vm.assertEq(preview.strategies[1].magnitudeTaken, 0, "nothing allocated in B: nothing taken");
    }

    function test_previewSlash_afterEarlierSlashes_equalsTheSlash() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        _slash(set2, operator1, strategyA, 0.7e18);
        _queue(alice, strategyA, ALICE_A / 7);
        _slashAndCompare(operator1, set1, _strategies(strategyA), _wads(0.33e18));
    }

    function test_previewSlash_notSlashable_takesNothing() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.warp(until);
        IStrategy[] memory strategies = _strategies(strategyA);
        IPalisadeLens.SlashPreview memory preview = lens.previewSlash(
            operator1,
            set1,
            strategies,
            _wads(WAD),
            _sets(set1, set2)
        );
        vm.assertFalse(preview.slashable, "not slashable");
        IPalisadeLens.StrategySlashPreview memory p = preview.strategies[0];
        vm.assertEq(address(p.strategy), address(strategyA), "the strategy");
        vm.assertEq(p.allocationBefore, HALF, "the allocation, for the record");
        vm.assertEq(p.maxMagnitudeBefore, WAD, "the max magnitude");
        vm.assertEq(p.maxMagnitudeAfter, WAD, "unchanged");
        vm.assertEq(
            p.magnitudeTaken +
                p.delegatedSharesSlashed +
                p.queuedSharesSlashed +
                p.totalSharesSlashed +
                p.operatorOwnSharesSlashed +
                p.tokensSlashed,
            0,
            "nothing taken"
        );
        for (uint256 i; i < preview.otherSets.length; ++i) {
            vm.assertEq(
                preview.otherSets[i].slashableSharesAfter,
                preview.otherSets[i].slashableSharesBefore,
                "nothing changes"
            );
        }
        // And the slash itself refuses.
        address setSlasher = _info(set1).slasher;
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _slashAs(setSlasher, set1, operator1, strategies, _wads(WAD));
    }

    function test_previewSlash_notAnOperator_takesNothing() public view {
        IPalisadeLens.SlashPreview memory preview = lens.previewSlash(
            stranger,
            set1,
            _strategies(strategyA),
            _wads(WAD),
            _sets(set2)
        );
        vm.assertFalse(preview.slashable, "not slashable");
        vm.assertEq(preview.strategies[0].totalSharesSlashed, 0, "nothing taken");
        vm.assertEq(preview.otherSets[0].slashableSharesBefore, 0, "nothing slashable elsewhere");
    }

    // ---------------------------------------------------------------- previewSlash: other sets

    /// @dev Unique stake, on a stake small enough to see the rounding: bob's 1,000 shares delegated to operator 2,
    /// half allocated to each set; set 1 slashes a third of its half. The core's view of set 2's slashable stake
    /// reads 500 shares before and after: the slash leaves it untouched. The preview computes set 2's figure after
    /// from the state after the slash, the way the design states unique stake: set 2's magnitude over the max
    /// magnitude after (0.5 / 0.8333 = 0.6), times the operator's stake after in whole shares (833.33 rounded down to
    /// 833): 499.8, so 499. The third of a share lost to rounding is worth 0.2 share to set 2, enough to cross a
    /// whole share. It can never cost more than one: less than a share is lost, and the set's part of it is at most
    /// all of it, since no set holds more than the max magnitude. The slashed set, listed too, shows the slash.
    function test_previewSlash_otherSets_keepTheirStakeUpToOneShareOfRounding() public {
        _registerOperator(operator2);
        _deposit(bob, strategyA, 1);
        _delegate(bob, operator2);
        vm.prank(operator2);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, SET_2), "");
        _allocateAndWait(operator2, set1, strategyA, HALF);
        _allocateAndWait(operator2, set2, strategyA, HALF);
        IStrategy[] memory strategies = _strategies(strategyA);
        uint256[] memory wads = _wads(WAD / 3);

        IPalisadeLens.SlashPreview memory preview = lens.previewSlash(
            operator2,
            set1,
            strategies,
            wads,
            _sets(set2, set1)
        );
        IPalisadeLens.OtherSetImpact memory other = preview.otherSets[0];
        vm.assertEq(other.operatorSet.id, SET_2, "set 2");
        vm.assertEq(other.slashableSharesBefore, 500, "half of 1,000 shares");
        vm.assertEq(other.slashableSharesAfter, 499, "computed after: one share of rounding");
        IPalisadeLens.OtherSetImpact memory slashed = preview.otherSets[1];
        vm.assertEq(slashed.slashableSharesBefore, 500, "set 1 before");
        vm.assertEq(slashed.slashableSharesAfter, 333, "set 1 after: a third of its half taken");

        _slashAndCompare(operator2, set1, strategies, wads);
        vm.assertEq(_slashableStake(operator2, set2, strategyA, block.timestamp), 500, "set 2 untouched");
        vm.assertEq(_slashableStake(operator2, set1, strategyA, block.timestamp), 333, "set 1 slashed");
    }

    function test_previewSlash_otherSets_setMajorOrderAndUnslashedStrategies() public {
        // Set 2 allocates A only; B is not in set 2. Nothing of B is allocated in set 1: B's slash takes nothing.
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocateAndWait(operator1, set2, strategyA, FIFTH);
        IPalisadeLens.SlashPreview memory preview = lens.previewSlash(
            operator1,
            set1,
            _strategies(strategyA, strategyB),
            _wads(0.5e18, 0.5e18),
            _sets(set2, missingSet)
        );
        vm.assertEq(preview.otherSets.length, 4, "two sets times two strategies");
        vm.assertEq(preview.otherSets[0].operatorSet.id, SET_2, "set 2, A");
        vm.assertEq(address(preview.otherSets[1].strategy), address(strategyB), "set 2, B");
        vm.assertEq(preview.otherSets[2].operatorSet.id, MISSING_SET, "then the missing set");
        vm.assertEq(preview.otherSets[0].slashableSharesBefore, (ALICE_A + OWN_A) / 5, "a fifth of A");
        vm.assertApproxEqAbs(
            preview.otherSets[0].slashableSharesAfter,
            preview.otherSets[0].slashableSharesBefore,
            1,
            "set 2 keeps its stake"
        );
        for (uint256 i = 1; i < 4; ++i) {
            vm.assertEq(
                preview.otherSets[i].slashableSharesBefore + preview.otherSets[i].slashableSharesAfter,
                0,
                "nothing slashable: B outside set 2, and a set that does not exist"
            );
        }
    }

    // ---------------------------------------------------------------- previewSlash: reverts

    function test_previewSlash_revertsWithoutStrategies() public {
        IStrategy[] memory none = _noStrategies();
        uint256[] memory noWads = new uint256[](0);
        vm.expectRevert(ISlashingCoordinator.NoStrategies.selector);
        lens.previewSlash(operator1, set1, none, noWads, _noSets());
    }

    function test_previewSlash_revertsOnLengthMismatch() public {
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        uint256[] memory wads = _wads(WAD);
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.LengthMismatch.selector, 2, 1));
        lens.previewSlash(operator1, set1, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsOnAZeroWad() public {
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        uint256[] memory wads = _wads(WAD, 0);
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyB, 0));
        lens.previewSlash(operator1, set1, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsOnAWadAboveOne() public {
        IStrategy[] memory strategies = _strategies(strategyA);
        uint256[] memory wads = _wads(WAD + 1);
        vm.expectRevert(abi.encodeWithSelector(ISlashingCoordinator.InvalidWad.selector, strategyA, WAD + 1));
        lens.previewSlash(operator1, set1, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsForASetThatDoesNotExist() public {
        IStrategy[] memory strategies = _strategies(strategyA);
        uint256[] memory wads = _wads(WAD);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, MISSING_SET));
        lens.previewSlash(operator1, missingSet, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsForAStrategyOutsideTheSet() public {
        IStrategy[] memory strategies = _strategies(strategyA, strategyB);
        uint256[] memory wads = _wads(WAD, WAD);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_2, strategyB));
        lens.previewSlash(operator1, set2, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsForAStrategyOutsideTheSet_evenWhenNotSlashable() public {
        IStrategy[] memory strategies = _strategies(strategyB);
        uint256[] memory wads = _wads(WAD);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_2, strategyB));
        lens.previewSlash(stranger, set2, strategies, wads, _noSets());
    }

    function test_previewSlash_revertsForAStrategyAddedBackInItsNotice_asTheSlashDoes() public {
        _allocateAndWait(operator1, set1, strategyB, HALF);
        _removeAndAddBack(strategyB);
        (, uint48 strategyFrom) = avsRegistry.strategyMembership(set1, strategyB);
        IStrategy[] memory strategies = _strategies(strategyB);
        uint256[] memory wads = _wads(WAD);
        bytes memory notYet = abi.encodeWithSelector(
            IAVSRegistry.StrategyNotSlashableYet.selector,
            avs,
            SET_ID,
            strategyB,
            strategyFrom
        );
        vm.expectRevert(notYet);
        lens.previewSlash(operator1, set1, strategies, wads, _noSets());
        vm.expectRevert(notYet);
        _slashAs(slasher, set1, operator1, strategies, wads);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The AVS removes `strategy` from set 1 and adds it back in the same block: its notice starts now.
    function _removeAndAddBack(IStrategy strategy) internal {
        vm.startPrank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _strategies(strategy));
        avsRegistry.addStrategiesToOperatorSet(SET_ID, _strategies(strategy));
        vm.stopPrank();
    }

    /// @dev Every field of `member` against the core's getters.
    function _assertMember(
        IPalisadeLens.MemberView memory member,
        address operator,
        OperatorSet memory set,
        IStrategy[] memory strategies
    ) internal view {
        vm.assertEq(member.operator, operator, "member: address");
        vm.assertEq(member.slashableShares.length, strategies.length, "member: sized");
        bool isOperator = registry.isOperator(operator);
        vm.assertEq(member.registered, avsRegistry.isRegistered(operator, set), "member: registered");
        vm.assertEq(member.slashable, avsRegistry.isSlashable(operator, set), "member: slashable");
        vm.assertEq(
            member.slashableFrom,
            isOperator ? avsRegistry.registration(operator, set).slashableFrom : 0,
            "member: slashable from"
        );
        vm.assertEq(member.slashableUntil, avsRegistry.slashableUntil(operator, set), "member: until");
        for (uint256 k; k < strategies.length; ++k) {
            IStrategy strategy = strategies[k];
            uint256 delegated;
            if (isOperator) (, delegated) = sm.operatorStake(registry.operatorId(operator), strategy);
            vm.assertEq(member.delegatedShares[k], delegated, "member: delegated");
            vm.assertEq(
                member.slashableShares[k],
                _slashableStake(operator, set, strategy, block.timestamp),
                "member: slashable shares"
            );
            vm.assertEq(member.allocated[k], _current(operator, set, strategy), "member: allocated");
            vm.assertEq(
                member.maxMagnitude[k],
                isOperator ? allocationManager.maxMagnitude(operator, strategy) : 0,
                "member: max magnitude"
            );
            vm.assertEq(
                member.encumberedMagnitude[k],
                allocationManager.encumberedMagnitude(operator, strategy),
                "member: encumbered"
            );
        }
    }
}
