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
import {StakerProtectionHandler} from "./handlers/StakerProtectionHandler.sol";

/// @notice Guarantees 9 and 10 (DESIGN.md) under random sequences of governance changes of every delay and parameter
/// within its bounds, exposure changes, staker actions, slashes, releases and time. The handler
/// (`StakerProtectionHandler`) lists the actions and keeps its own model of when each exposure was announced.
///
/// The properties, in prose (each check sits in the handler and counts its failures in a ghost counter):
///
/// G9, no new risk without a way out:
/// - (9a) Every increase of exposure takes effect after a withdrawal queued in its block matures: an allocation
///   increase's `effectAt`, a registration's `slashableFrom`, a new slasher's `effectAt` and a strategy added back's
///   `slashableFrom` are all later than `now + withdrawalDelay()` at the increase (the registry's are exactly one
///   second later, an allocation's is `max(now + allocation delay, that)`).
/// - (9b) The sentinel: a staker per operator, always delegated to it, queues a full withdrawal in the block of every
///   increase of its operator's exposure. No slash that takes anything ever reaches a withdrawal (the sentinel's or
///   anyone's) that matures by `exit(t)`, the maturity of a withdrawal queued at the announcement `t` of an exposure
///   the slash relies on (the registration, the slasher in force, a strategy added back, the last allocation
///   increase in force): whoever reacted in that block, or left before, is out of its reach. And the handler's model
///   of the notices decides every slash it tries: what a notice forbids is refused, what the rules allow goes
///   through.
/// - (9c) Redistributed funds: a slash into a recipient's bucket holds it at least the escrow delay in force; no
///   release pays before `releasableAt`.
///
/// G10, windows only grow:
/// - (10a) Maturities never decrease in queue order (across stakers and operators), and each is `now +
///   withdrawalDelay()`; the delay in force never drops at once when governance cuts it.
/// - (10b) `slashableUntil` never decreases and is the end of a same-block exit; an escrow's `releasableAt` never
///   moves earlier.
/// - (10c) A veto request expires no later than its time plus the delay in force then, has a non-empty veto and
///   execution window, executes whenever tried inside it (against an operator registered at the request), and
///   every withdrawal queued or deregistration made after it ends no earlier than its expiry; after every
///   governance change a new request succeeds.
/// - (10d) No governance action changes a stored window: pending withdrawals' maturities, registrations, pending
///   allocation changes, slasher schedules, strategies' slashable-from dates, veto requests, escrows, operators'
///   scheduled allocation delays.
///
/// The world: AVS 0 with a burning set of A and B, a set of A redistributing to its treasury, and a burning set of A
/// slashed by a `VetoSlasher`; operator 0 is also an AVS, with its own set of A and B, slashed by itself and
/// redistributing to its wallet. Three operators (allocation delays of a minute, ten days and a minute), three
/// stakers and three sentinels. Each invariant runs its own campaign of 64 runs of 64 calls (hardhat.config.ts).
contract StakerProtectionInvariantTest is CoreFixture {
    StakerProtectionHandler internal handler;

    address internal avs0;
    address internal treasury;
    address internal wallet0;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        avs0 = makeAddr("avs0");
        treasury = makeAddr("treasury");
        wallet0 = makeAddr("wallet0");
        address slasherA = makeAddr("slasherA");
        address slasherB = makeAddr("slasherB");
        vm.prank(avs0);
        avsRegistry.registerAVS("ipfs://avs0");

        address[] memory operators = new address[](3);
        address[] memory sentinels = new address[](3);
        address[] memory stakers = new address[](3);
        uint32[3] memory allocationDelays = [MIN_ALLOCATION_DELAY, 10 days, MIN_ALLOCATION_DELAY];
        string[3] memory operatorNames = ["operator0", "operator1", "operator2"];
        string[3] memory sentinelNames = ["sentinel0", "sentinel1", "sentinel2"];
        string[3] memory stakerNames = ["staker0", "staker1", "staker2"];
        for (uint256 i; i < 3; ++i) {
            operators[i] = makeAddr(operatorNames[i]);
            sentinels[i] = makeAddr(sentinelNames[i]);
            stakers[i] = makeAddr(stakerNames[i]);
            vm.prank(operators[i]);
            registry.registerAsOperator(address(0), allocationDelays[i], "ipfs://operator");
        }
        // Operator 0 is its own AVS.
        vm.prank(operators[0]);
        avsRegistry.registerAVS("ipfs://operator0-avs");

        IStrategy[] memory both = new IStrategy[](2);
        both[0] = strategyA;
        both[1] = strategyB;
        IStrategy[] memory onlyA = new IStrategy[](1);
        onlyA[0] = strategyA;
        StakerProtectionHandler.SetSpec[] memory specs = new StakerProtectionHandler.SetSpec[](4);
        specs[0] = StakerProtectionHandler.SetSpec(OperatorSet(avs0, 0), both, slasherA, address(0), true);
        specs[1] = StakerProtectionHandler.SetSpec(OperatorSet(avs0, 1), onlyA, slasherB, treasury, true);
        specs[2] = StakerProtectionHandler.SetSpec(OperatorSet(avs0, 2), onlyA, address(0), address(0), false);
        specs[3] = StakerProtectionHandler.SetSpec(OperatorSet(operators[0], 5), both, operators[0], wallet0, true);
        address[] memory slasherCandidates = new address[](3);
        slasherCandidates[0] = slasherA;
        slasherCandidates[1] = slasherB;
        slasherCandidates[2] = operators[0];
        address[] memory recipientCandidates = new address[](3);
        recipientCandidates[0] = treasury;
        recipientCandidates[1] = wallet0;
        recipientCandidates[2] = operators[0];

        handler = new StakerProtectionHandler(
            _protocol(),
            both,
            stakers,
            operators,
            sentinels,
            specs,
            slasherCandidates,
            recipientCandidates
        );
        // Sentinels are delegated for good.
        IOperatorRegistry.ApproverSignature memory none;
        for (uint256 i; i < 3; ++i) {
            vm.prank(sentinels[i]);
            registry.delegate(operators[i], none, bytes32(0));
        }
        _seed();

        bytes4[] memory selectors = _actions();
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice The handler is not vacuous: one scripted pass through every action, each taking effect, and every
    /// check reached: sentinels react to a slasher change, the new slasher is refused a second before its notice
    /// ends and spares the sentinel at its end, its escrow refuses an early release and pays after, a delay cut
    /// glides in (a floored maturity), a veto request executes, one halves its window, a strategy added back refuses
    /// a slash during its notice.
    function test_handler_everyActionTakesEffect() public {
        bytes4[] memory actions = _actions();
        uint256[] memory callsBefore = new uint256[](actions.length);
        for (uint256 i; i < actions.length; ++i) callsBefore[i] = handler.ghostCalls(actions[i]);

        // Operator 0's own set gets a new slasher (slasher B) and recipient (operator 0's wallet): every operator
        // registered there is exposed, and its sentinel reacts in the block.
        uint256 exitsBefore = handler.ghostSentinelExits();
        handler.scheduleSlasher(3, 1, 1);
        vm.assertEq(handler.ghostSentinelExits(), exitsBefore + 3, "three sentinels reacted");
        // A second before the notice ends, the new slasher is refused; at its end it slashes and spares them.
        handler.slashAtNotice(0, 3, 0);
        vm.assertEq(handler.ghostNoticeRefusals(), 1, "refused a second early");
        handler.slashAtNotice(0, 3, 1);
        vm.assertGt(handler.ghostEffectiveSlashes(), 0, "the new slasher slashed");
        vm.assertGt(handler.ghostSentinelsSpared(), 0, "the sentinel that reacted was spared");
        // The escrow: refused early, paid after the escrow delay.
        handler.releaseSlashedFunds(3, 1, 0, 0);
        vm.assertEq(handler.ghostEscrowRefusals(), 1, "an early release refused");
        handler.warp(2 * ESCROW_DELAY + 1);
        handler.releaseSlashedFunds(3, 1, 0, 0);
        vm.assertEq(handler.ghostEscrowReleases(), 1, "released after the escrow");

        // Governance cuts the withdrawal delay to the minimum: it glides in, a new withdrawal is floored, and the
        // veto slasher takes a request at once, which executes.
        handler.setWithdrawalDelay(0);
        vm.assertEq(handler.ghostDelayCuts(), 1, "a cut");
        handler.queueWithdrawal(0, 0, 3);
        vm.assertGt(handler.ghostFlooredMaturities(), 0, "a maturity held up by the floor");
        handler.vetoExecute(handler.vetoRequestCount() - 1);
        vm.assertEq(handler.ghostVetoExecutions(), 1, "a veto request executed");
        // Once the cut is in force, a request halves its window.
        handler.warp(2 * 8 days + 1);
        handler.setEscrowDelay(1);
        handler.vetoRequest(1, 0.5e18);
        vm.assertGt(handler.ghostHalvedVetoWindows(), 0, "a halved veto window");
        handler.setAllocationDelayBounds(0, 1 days);
        handler.setAllocationDelay(1, 0);

        // B leaves set 0 and comes back: operator 2, allocated to it, is slashable there only after the notice.
        handler.toggleStrategy(0, 1);
        handler.toggleStrategy(0, 1);
        uint256 refusals = handler.ghostNoticeRefusals();
        handler.slash(2, 0, 2 << 2, 7);
        vm.assertEq(handler.ghostNoticeRefusals(), refusals + 1, "a strategy added back refused during its notice");

        // The rest of the staker's and operator's actions.
        handler.deregisterFromSet(2, 1, 0);
        handler.modifyAllocation(1, 0, 0, 1, 0.1e18);
        handler.undelegate(1);
        handler.delegate(1, 2);
        handler.deposit(1, 0, 1e18);
        handler.completeWithdrawal(0, 0, 1);
        handler.warp(2 * 31 days + 1);
        handler.registerForSet(2, 1);

        for (uint256 i; i < actions.length; ++i) {
            vm.assertGt(handler.ghostCalls(actions[i]), callsBefore[i], "action took effect");
        }
        invariant_noUnexpectedRevert();
        invariant_G9_noNewRiskWithoutAWayOut();
        invariant_G10_windowsOnlyGrow();
    }

    // ---------------------------------------------------------------- invariants

    /// @notice Every call the handler makes is one the rules allow (or whose refusal its model predicts with the
    /// exact error), so nothing else reverts; in particular no slash the rules allow is refused and no increase is
    /// dated other than documented.
    function invariant_noUnexpectedRevert() public view {
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, _hex(handler.ghostLastRevert()));
        _assertNone(StakerProtectionHandler.Violation.Liveness);
    }

    /// @notice G9 (9a, 9b, 9c above): no increase of exposure reaches a staker who reacted in its block, and
    /// redistributed funds wait out their escrow.
    function invariant_G9_noNewRiskWithoutAWayOut() public view {
        _assertNone(StakerProtectionHandler.Violation.Notice);
        _assertNone(StakerProtectionHandler.Violation.Sentinel);
        _assertNone(StakerProtectionHandler.Violation.Escrow);
    }

    /// @notice G10 (10a to 10d above): no window promised is cut short, whatever governance does, and the veto
    /// slasher stays usable.
    function invariant_G10_windowsOnlyGrow() public view {
        _assertNone(StakerProtectionHandler.Violation.Maturity);
        _assertNone(StakerProtectionHandler.Violation.Window);
        _assertNone(StakerProtectionHandler.Violation.Veto);
    }

    // ---------------------------------------------------------------- internal

    function _actions() internal pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](20);
        selectors[0] = StakerProtectionHandler.setWithdrawalDelay.selector;
        selectors[1] = StakerProtectionHandler.setEscrowDelay.selector;
        selectors[2] = StakerProtectionHandler.setAllocationDelayBounds.selector;
        selectors[3] = StakerProtectionHandler.setAllocationDelay.selector;
        selectors[4] = StakerProtectionHandler.deposit.selector;
        selectors[5] = StakerProtectionHandler.delegate.selector;
        selectors[6] = StakerProtectionHandler.undelegate.selector;
        selectors[7] = StakerProtectionHandler.queueWithdrawal.selector;
        selectors[8] = StakerProtectionHandler.completeWithdrawal.selector;
        selectors[9] = StakerProtectionHandler.registerForSet.selector;
        selectors[10] = StakerProtectionHandler.deregisterFromSet.selector;
        selectors[11] = StakerProtectionHandler.modifyAllocation.selector;
        selectors[12] = StakerProtectionHandler.scheduleSlasher.selector;
        selectors[13] = StakerProtectionHandler.toggleStrategy.selector;
        selectors[14] = StakerProtectionHandler.slash.selector;
        selectors[15] = StakerProtectionHandler.slashAtNotice.selector;
        selectors[16] = StakerProtectionHandler.releaseSlashedFunds.selector;
        selectors[17] = StakerProtectionHandler.vetoRequest.selector;
        selectors[18] = StakerProtectionHandler.vetoExecute.selector;
        selectors[19] = StakerProtectionHandler.warp.selector;
    }

    /// @dev Everyone deposits both strategies; staker i delegates to operator i; every operator registers in every
    /// set and allocates (operator 0 all of its B to its own set); the notices and allocation delays pass; the
    /// sentinels, which reacted to all of it, deposit again.
    function _seed() internal {
        // Actors: stakers 0-2, operators 3-5, sentinels 6-8.
        for (uint256 a; a < 9; ++a) {
            handler.deposit(a, 0, 100e18 + a * 1e18);
            handler.deposit(a, 1, 50e18 + a * 1e18);
        }
        for (uint256 i; i < 3; ++i) handler.delegate(i, i);
        for (uint256 o; o < 3; ++o) {
            for (uint256 k; k < 4; ++k) handler.registerForSet(o, k);
        }
        // (operator, set, strategy index in the set, magnitude).
        uint64[4][10] memory seeds = [
            [uint64(0), 0, 0, 0.2e18],
            [uint64(0), 1, 0, 0.2e18],
            [uint64(0), 2, 0, 0.3e18],
            [uint64(0), 3, 1, 1e18],
            [uint64(1), 0, 0, 0.4e18],
            [uint64(1), 2, 0, 0.4e18],
            [uint64(1), 3, 0, 0.2e18],
            [uint64(2), 1, 0, 0.5e18],
            [uint64(2), 0, 1, 0.5e18],
            [uint64(2), 3, 0, 0.3e18]
        ];
        for (uint256 i; i < seeds.length; ++i) {
            handler.modifyAllocation(seeds[i][0], seeds[i][1], seeds[i][2], 0, seeds[i][3]);
        }
        // An odd seed is a long step: eleven days, past the notice and operator 1's ten-day allocation delay.
        handler.warp(2 * 11 days + 1);
        for (uint256 a = 6; a < 9; ++a) {
            handler.deposit(a, 0, 100e18);
            handler.deposit(a, 1, 50e18);
        }
    }

    function _protocol() internal view returns (StakerProtectionHandler.Protocol memory) {
        return
            StakerProtectionHandler.Protocol({
                sm: IStrategyManager(address(sm)),
                wq: IWithdrawalQueue(address(wq)),
                registry: IOperatorRegistry(address(registry)),
                avsRegistry: IAVSRegistry(address(avsRegistry)),
                allocationManager: IAllocationManager(address(allocationManager)),
                coordinator: ISlashingCoordinator(address(coordinator)),
                owner: owner
            });
    }

    function _assertNone(StakerProtectionHandler.Violation kind) internal view {
        vm.assertEq(handler.ghostViolations(kind), 0, handler.ghostLastViolation());
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
