// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {CoreFixture} from "../utils/CoreFixture.sol";
import {SlashingHandler} from "./handlers/SlashingHandler.sol";

/// @notice Slashing guarantees (DESIGN.md 1 to 4) under random sequences of deposits, delegations,
/// undelegations, redelegations, withdrawals, completions, registrations and deregistrations in operator sets,
/// allocation changes and settlements, time passing, slashes and bucket releases.
///
/// The world: two AVSs with three operator sets (set 0 of AVS 0 burns and holds both strategies, set 1 of AVS 0
/// holds strategy A and redistributes to AVS 0's treasury, set 7 of AVS 1 holds both and redistributes to AVS 1's
/// treasury), three operators at the minimal allocation delay, four stakers. The set-up seeds it so that the first
/// call of a campaign can slash something: every actor has deposited, three stakers are delegated, every operator
/// is registered in every set with allocations in force. Only the handler is targeted; it is the slasher of every
/// set. Each invariant runs its own campaign of 64 runs of 64 calls (hardhat.config.ts; shorter in the coverage run).
contract SlashingInvariantTest is CoreFixture {
    SlashingHandler internal handler;

    address internal avs0;
    address internal avs1;
    address internal treasury0;
    address internal treasury1;

    function setUp() public override {
        super.setUp();
        avs0 = makeAddr("avs0");
        avs1 = makeAddr("avs1");
        treasury0 = makeAddr("treasury0");
        treasury1 = makeAddr("treasury1");
        vm.prank(avs0);
        avsRegistry.registerAVS("ipfs://avs0");
        vm.prank(avs1);
        avsRegistry.registerAVS("ipfs://avs1");

        IStrategy[] memory both = new IStrategy[](2);
        both[0] = strategyA;
        both[1] = strategyB;
        IStrategy[] memory onlyA = new IStrategy[](1);
        onlyA[0] = strategyA;
        IStrategy[] memory bothReversed = new IStrategy[](2);
        bothReversed[0] = strategyB;
        bothReversed[1] = strategyA;
        SlashingHandler.SetSpec[] memory specs = new SlashingHandler.SetSpec[](3);
        specs[0] = SlashingHandler.SetSpec(OperatorSet(avs0, 0), both, address(0));
        specs[1] = SlashingHandler.SetSpec(OperatorSet(avs0, 1), onlyA, treasury0);
        specs[2] = SlashingHandler.SetSpec(OperatorSet(avs1, 7), bothReversed, treasury1);

        address[] memory stakers = new address[](4);
        string[4] memory stakerNames = ["staker0", "staker1", "staker2", "staker3"];
        for (uint256 i; i < stakers.length; ++i) stakers[i] = makeAddr(stakerNames[i]);
        address[] memory operators = new address[](3);
        string[3] memory operatorNames = ["operator0", "operator1", "operator2"];
        for (uint256 i; i < operators.length; ++i) {
            operators[i] = makeAddr(operatorNames[i]);
            _registerOperator(operators[i]);
        }

        handler = new SlashingHandler(_protocol(), both, stakers, operators, specs);
        _seed();

        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = SlashingHandler.deposit.selector;
        selectors[1] = SlashingHandler.delegate.selector;
        selectors[2] = SlashingHandler.undelegate.selector;
        selectors[3] = SlashingHandler.redelegate.selector;
        selectors[4] = SlashingHandler.queueWithdrawal.selector;
        selectors[5] = SlashingHandler.completeWithdrawal.selector;
        selectors[6] = SlashingHandler.registerForSet.selector;
        selectors[7] = SlashingHandler.deregisterFromSet.selector;
        selectors[8] = SlashingHandler.modifyAllocation.selector;
        selectors[9] = SlashingHandler.settleAllocations.selector;
        selectors[10] = SlashingHandler.warp.selector;
        selectors[11] = SlashingHandler.slash.selector;
        selectors[12] = SlashingHandler.releaseSlashedFunds.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice The handler is not vacuous: one scripted pass through every action, each taking effect, and every
    /// kind of stake that must not escape a slash is reached by one: a queued withdrawal, a pending decrease, an
    /// operator that deregistered; a slash after the window is refused; an allocation of everything is slashed to
    /// nothing; both kinds of bucket are released.
    function test_handler_everyActionTakesEffect() public {
        bytes4[13] memory actions = _actions();
        uint256[13] memory callsBefore;
        for (uint256 i; i < actions.length; ++i) callsBefore[i] = handler.ghostCalls(actions[i]);
        address staker0 = handler.stakerAt(0);

        // Staker 0 (operator 0) queues 10 tokens' worth of A; operator 0 lowers its set-0 allocation of A from 0.4
        // to 0.1 and is ejected from set 1. None of it escapes the slashes a minute later.
        handler.queueWithdrawal(0, 0, 10e21, 1);
        handler.modifyAllocation(0, 0, 0, false, 0.1e18);
        handler.deregisterFromSet(0, 1, true);
        handler.warp(2 * 1 minutes);
        uint256 queuedBefore = _previewFirst();
        // Seed `(w << 8) | 3` slashes fraction w; a mask of 0 picks the set's first strategy, A.
        handler.slash(0, 0, 0, (uint256(0.5e18) << 8) | 3);
        vm.assertEq(allocationManager.maxMagnitude(handler.operatorAt(0), strategyA), 0.8e18, "half of 0.4 taken");
        vm.assertEq(_previewFirst(), (queuedBefore * 8) / 10, "the queued withdrawal lost a fifth");
        handler.slash(0, 1, 0, (uint256(0.5e18) << 8) | 3);
        vm.assertEq(handler.ghostPendingDecreaseHits(), 1, "the pending decrease was slashed");
        vm.assertEq(handler.ghostQueuedHits(), 2, "the queued withdrawal was slashed twice");
        vm.assertEq(handler.ghostDeregisteredHits(), 1, "the ejected operator was slashed");

        // Past the withdrawal delay: the ejected operator is out of set 1's reach, the decrease took effect.
        handler.warp(2 * (WITHDRAWAL_DELAY + 10) + 1);
        handler.slash(0, 1, 0, (uint256(0.5e18) << 8) | 3);
        vm.assertEq(handler.ghostRefusedSlashes(), 1, "slash after the window refused");
        handler.settleAllocations(0, 0);
        handler.modifyAllocation(0, 0, 0, true, 0.05e18);

        // Operator 1 allocated all of its B to set 7 (B is the set's first strategy): a slash of 1e18 (seed 0)
        // takes everything, and staker 2's B with it.
        handler.slash(1, 2, 0, 0);
        vm.assertEq(handler.ghostFullSlashes(), 1, "slashed to nothing");
        vm.assertEq(sm.withdrawableShares(handler.stakerAt(2), strategyB), 0, "staker 2's B is gone");
        // Set 7 redistributes: its bucket waits out the escrow (an odd seed is a long step: half of it).
        handler.warp(2 * ESCROW_DELAY + 1);
        handler.releaseSlashedFunds(0, 0);
        handler.releaseSlashedFunds(2, 0);
        vm.assertGt(tokenA.balanceOf(coordinator.BURN_ADDRESS()), 0, "set 0's A burned");
        vm.assertGt(tokenB.balanceOf(treasury1), 0, "set 7's B redistributed");

        uint256 tokensBefore = tokenA.balanceOf(staker0);
        handler.completeWithdrawal(0, true, true);
        // 0.2 then 0.15 of operator 0's magnitude of A went: the withdrawal pays 0.65 of its 10 tokens.
        vm.assertEq(tokenA.balanceOf(staker0) - tokensBefore, 6.5e18, "paid what the slashes left");
        handler.queueWithdrawal(2, 0, 1e21, 1);
        handler.completeWithdrawal(0, false, true);
        handler.delegate(3, 2);
        handler.redelegate(3, 0);
        handler.undelegate(0, true);
        handler.deposit(0, 1, 1e18);
        handler.registerForSet(0, 1);

        for (uint256 i; i < actions.length; ++i) {
            vm.assertGt(handler.ghostCalls(actions[i]), callsBefore[i], "action took effect");
        }
        vm.assertEq(handler.ghostEffectiveSlashes(), 3, "three slashes took something");
        invariant_noUnexpectedRevert();
        invariant_conservationIncludingBuckets();
        invariant_allocationsNeverExceedMaxMagnitude();
        invariant_aSlashNeverTouchesAnotherSetsStake();
        invariant_nothingEscapesASlash();
        invariant_slashesAreProportional();
        invariant_operatorStakeIsTheSumOfItsDelegatedPositions();
    }

    // ---------------------------------------------------------------- invariants

    /// @notice Every call the handler makes is valid by construction, and every refusal it provokes comes with
    /// the exact error expected, so nothing else may revert.
    function invariant_noUnexpectedRevert() public view {
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, _hex(handler.ghostLastRevert()));
    }

    /// @notice (1) Conservation, buckets included. Per strategy, what the strategy owes (every actor's withdrawable
    /// shares, what every pending withdrawal would pay, every bucket) never exceeds its total shares, and exceeds it
    /// by no more than rounding dust (at most one share per rounding operation and per item read down); its tokens,
    /// exactly what came in minus what went out, back all of it. A pending withdrawal counts for what completing it
    /// would pay: at its operator's current factor while it matures, at the factor of its maturity once matured
    /// (never less than today's, since later slashes no longer reach it), which is the stronger claim.
    function invariant_conservationIncludingBuckets() public view {
        uint256 count = handler.strategyCount();
        uint256[] memory owed = new uint256[](count);
        uint256 items = handler.actorCount() + handler.setCount();
        for (uint256 k; k < handler.pendingCount(); ++k) {
            IWithdrawalQueue.Withdrawal memory withdrawal = handler.pendingWithdrawal(k);
            (uint256[] memory shares, ) = wq.previewCompletion(withdrawal);
            for (uint256 leg; leg < shares.length; ++leg) {
                owed[_strategyIndex(withdrawal.strategies[leg])] += shares[leg];
                ++items;
            }
        }
        for (uint256 i; i < count; ++i) {
            IStrategy strategy = handler.strategyAt(i);
            for (uint256 a; a < handler.actorCount(); ++a) {
                owed[i] += sm.withdrawableShares(handler.actorAt(a), strategy);
            }
            for (uint256 k; k < handler.setCount(); ++k) {
                owed[i] += _slashedShares(handler.setAt(k), strategy);
            }

            uint256 total = strategy.totalShares();
            vm.assertLe(owed[i], total, "positions + pending withdrawals + buckets <= total shares");
            vm.assertLe(total - owed[i], handler.ghostRoundings(strategy) + items, "only rounding dust is unowed");
            uint256 balance = strategy.token().balanceOf(address(strategy));
            vm.assertEq(
                balance,
                handler.ghostDeposited(strategy) - handler.ghostWithdrawn(strategy),
                "balance == in - out"
            );
            vm.assertGe(balance, strategy.sharesToUnderlying(owed[i]), "tokens back everything owed");
            vm.assertGe(balance, strategy.sharesToUnderlying(total), "tokens back every share");
        }
    }

    /// @notice (2) Allocations never exceed the max magnitude. Per (operator, strategy): the allocations in force,
    /// and the magnitudes held by pending changes, sum to at most the encumbered magnitude, which is at most the
    /// max magnitude, at most 1e18, and the operator's slashing factor in the StrategyManager.
    function invariant_allocationsNeverExceedMaxMagnitude() public view {
        for (uint256 o; o < handler.operatorCount(); ++o) {
            address operator = handler.operatorAt(o);
            uint32 id = registry.operatorId(operator);
            for (uint256 i; i < handler.strategyCount(); ++i) {
                IStrategy strategy = handler.strategyAt(i);
                uint256 maxMagnitude = allocationManager.maxMagnitude(operator, strategy);
                uint256 encumbered = allocationManager.encumberedMagnitude(operator, strategy);
                uint256 inForce;
                uint256 held;
                for (uint256 k; k < handler.setCount(); ++k) {
                    (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(
                        operator,
                        handler.setAt(k),
                        strategy
                    );
                    inForce += current;
                    held += effectAt != 0 && pending > current ? pending : current;
                }
                vm.assertLe(maxMagnitude, WAD, "max magnitude <= 1e18");
                vm.assertLe(encumbered, maxMagnitude, "encumbered <= max magnitude");
                vm.assertLe(held, encumbered, "allocations and pending changes <= encumbered");
                vm.assertLe(inForce, maxMagnitude, "allocations in force <= max magnitude");
                vm.assertEq(
                    allocationManager.allocatableMagnitude(operator, strategy),
                    maxMagnitude - encumbered,
                    "allocatable == max - encumbered"
                );
                vm.assertEq(sm.slashingFactor(id, strategy), maxMagnitude, "slashing factor == max magnitude");
            }
        }
    }

    /// @notice (3) Unique stake: no slash changed the slashable stake of another (operator, set) at the same
    /// second, nor a factor it did not name.
    function invariant_aSlashNeverTouchesAnotherSetsStake() public view {
        _assertNone(SlashingHandler.Violation.UniqueStake);
        _assertNone(SlashingHandler.Violation.Overreach);
    }

    /// @notice (4) No escape: every withdrawal maturing after a slash, every decrease taking effect after it and
    /// every operator within the withdrawal delay of deregistering was reached by it; no allocation change or
    /// deregistration moved the slashable stake at once.
    function invariant_nothingEscapesASlash() public view {
        _assertNone(SlashingHandler.Violation.Escape);
    }

    /// @notice (5) Proportionality: a slash took `ceil(allocation * wad)` of magnitude, the same fraction
    /// `taken / maxMagnitudeBefore` from every staker delegated to the operator and every withdrawal of its still
    /// maturing (to within a share of rounding), and put exactly what they lost in the set's bucket.
    function invariant_slashesAreProportional() public view {
        _assertNone(SlashingHandler.Violation.Proportionality);
        _assertNone(SlashingHandler.Violation.Magnitude);
        _assertNone(SlashingHandler.Violation.Bucket);
        _assertNone(SlashingHandler.Violation.Book);
    }

    /// @notice Each operator's scaled stake in each strategy is the sum of the positions of the stakers delegated
    /// to it, its own included.
    function invariant_operatorStakeIsTheSumOfItsDelegatedPositions() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy strategy = handler.strategyAt(i);
            for (uint256 o; o < handler.operatorCount(); ++o) {
                uint32 id = registry.operatorId(handler.operatorAt(o));
                uint256 sum;
                for (uint256 a; a < handler.actorCount(); ++a) {
                    address actor = handler.actorAt(a);
                    if (sm.delegatedOperatorId(actor) == id) sum += sm.scaledShares(actor, strategy);
                }
                (uint256 stake, ) = sm.operatorStake(id, strategy);
                vm.assertEq(stake, sum, "operator stake == sum of its delegated positions");
            }
        }
    }

    // ---------------------------------------------------------------- internal

    function _actions() internal pure returns (bytes4[13] memory) {
        return
            [
                SlashingHandler.deposit.selector,
                SlashingHandler.delegate.selector,
                SlashingHandler.undelegate.selector,
                SlashingHandler.redelegate.selector,
                SlashingHandler.queueWithdrawal.selector,
                SlashingHandler.completeWithdrawal.selector,
                SlashingHandler.registerForSet.selector,
                SlashingHandler.deregisterFromSet.selector,
                SlashingHandler.modifyAllocation.selector,
                SlashingHandler.settleAllocations.selector,
                SlashingHandler.warp.selector,
                SlashingHandler.slash.selector,
                SlashingHandler.releaseSlashedFunds.selector
            ];
    }

    /// @dev What the first pending withdrawal (of one strategy) would pay now.
    function _previewFirst() internal view returns (uint256) {
        (uint256[] memory shares, ) = wq.previewCompletion(handler.pendingWithdrawal(0));
        return shares[0];
    }

    /// @dev Every actor deposits into both strategies; stakers 0 and 1 delegate to operator 0, staker 2 to operator
    /// 1, staker 3 stays undelegated; every operator registers in every set and allocates, operator 1 all of its
    /// strategy B to set 7; the notice passes.
    function _seed() internal {
        for (uint256 a; a < handler.actorCount(); ++a) {
            handler.deposit(a, 0, 100e18 + a * 1e18);
            handler.deposit(a, 1, 50e18 + a * 1e18);
        }
        handler.delegate(0, 0);
        handler.delegate(1, 0);
        handler.delegate(2, 1);
        for (uint256 o; o < handler.operatorCount(); ++o) {
            for (uint256 k; k < handler.setCount(); ++k) handler.registerForSet(o, k);
        }
        // (operator, set, strategy index in the set, magnitude): strategy 0 of set 2 is B.
        uint64[4][8] memory allocations = [
            [uint64(0), 0, 0, 0.4e18],
            [uint64(0), 0, 1, 0.5e18],
            [uint64(0), 1, 0, 0.3e18],
            [uint64(0), 2, 1, 0.2e18],
            [uint64(1), 0, 0, 0.5e18],
            [uint64(1), 2, 0, 1e18],
            [uint64(2), 2, 1, 0.6e18],
            [uint64(2), 0, 1, 0.3e18]
        ];
        for (uint256 i; i < allocations.length; ++i) {
            uint64[4] memory row = allocations[i];
            handler.modifyAllocation(row[0], row[1], row[2], true, row[3]);
        }
        // Registrations and allocation increases take effect after the notice (an odd seed is a long step: half of
        // it, the notice).
        handler.warp(2 * NOTICE + 1);
    }

    function _protocol() internal view returns (SlashingHandler.Protocol memory) {
        return
            SlashingHandler.Protocol({
                sm: IStrategyManager(address(sm)),
                wq: IWithdrawalQueue(address(wq)),
                registry: IOperatorRegistry(address(registry)),
                avsRegistry: IAVSRegistry(address(avsRegistry)),
                allocationManager: IAllocationManager(address(allocationManager)),
                coordinator: ISlashingCoordinator(address(coordinator))
            });
    }

    function _assertNone(SlashingHandler.Violation kind) internal view {
        vm.assertEq(handler.ghostViolations(kind), 0, handler.ghostLastViolation());
    }

    function _strategyIndex(IStrategy strategy) internal view returns (uint256 i) {
        while (address(handler.strategyAt(i)) != address(strategy)) ++i;
    }

    /// @dev `data` as 0x-prefixed hex, so that an unexpected revert reason can be read in the failure message.
    function _hex(bytes memory data) internal pure returns (string memory) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(2 + data.length * 2);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i; i < data.length; ++i) {
            out[2 + 2 * i] = digits[uint8(data[i]) >> 4];
            out[3 + 2 * i] = digits[uint8(data[i]) & 0x0f];
        }
        return string(out);
    }
}
