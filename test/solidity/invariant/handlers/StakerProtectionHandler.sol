// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAVSRegistry} from "../../../../contracts/interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../../../../contracts/interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../../../../contracts/interfaces/IOperatorRegistry.sol";
import {ISlashingCoordinator} from "../../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../../contracts/interfaces/IStrategyManager.sol";
import {IVetoSlasher} from "../../../../contracts/interfaces/IVetoSlasher.sol";
import {IWithdrawalQueue} from "../../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../../contracts/libraries/OperatorSetLib.sol";

import {IMintableToken} from "../../utils/DeployFixture.sol";
import {PalisadeTest} from "../../utils/PalisadeTest.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives Palisade through everything that changes a staker's exposure or a promised window, to check
/// guarantees 9 (no new risk without a way out) and 10 (windows only grow):
/// - governance: the withdrawal delay up and down (to the minimum, a day, a week, the maximum, anything between),
///   the escrow delay, the allocation delay bounds (down to zero); operators: their own allocation delays;
/// - exposure: allocation increases and decreases, registrations and deregistrations, slasher changes with their
///   recipients, strategies removed, added for the first time and added back;
/// - stakers: deposits, delegations, undelegations, withdrawals queued and completed;
/// - slashes by each set's slasher in force (an operator that is its own AVS and slasher among them), probes at the
///   boundary of every notice, releases of escrowed and burnt funds (some tried early), time passing;
/// - a `VetoSlasher` on a set of its own: requests, executions, and a request after every governance change.
///
/// A sentinel staker per operator, always delegated to it, queues a full withdrawal in the block of every increase
/// of its operator's exposure (when it holds stake) and deposits again later. The handler keeps its own model of
/// each exposure: `exit(t)`, the maturity of a withdrawal queued at its announcement `t`, and when the rules say it
/// may take effect (`exit(t) + 1`), independent of the contracts' stored dates.
///
/// Inputs are bounded to calls that must succeed, or whose refusal the model predicts with one of a known set of
/// errors; anything else is an unexpected revert. A handler's revert is invisible to the campaign, so nothing here
/// asserts: every check records its violations in a ghost counter that an invariant asserts is zero.
contract StakerProtectionHandler is PalisadeTest {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MIN_CREDIT_FACTOR = 1e9;
    uint256 internal constant MIN_DEPOSIT = 1e15;
    uint256 internal constant MAX_DEPOSIT = 1e24;
    uint256 internal constant SHORT_WARP = 10 minutes;
    /// @dev Past the longest withdrawal delay, so that one warp can mature everything.
    uint256 internal constant LONG_WARP = 31 days;
    uint32 internal constant MAX_DELAY = 30 days;
    string internal constant VETO = "VetoSlasher.sol:VetoSlasher";
    uint32 internal constant VETO_WINDOW = 1 days;
    uint32 internal constant EXECUTION_WINDOW = 2 days;

    /// @notice The protocol's entry points.
    struct Protocol {
        IStrategyManager sm;
        IWithdrawalQueue wq;
        IOperatorRegistry registry;
        IAVSRegistry avsRegistry;
        IAllocationManager allocationManager;
        ISlashingCoordinator coordinator;
        address owner;
    }

    /// @notice A set the handler creates: `changeable` sets get slasher changes and strategy toggles; the one that
    /// is not is the veto set, whose slasher (`slasher == address(0)`: the handler's `VetoSlasher`) never changes.
    struct SetSpec {
        OperatorSet set;
        IStrategy[] strategies;
        address slasher;
        address recipient;
        bool changeable;
    }

    /// @notice What a violation broke.
    /// - `Notice` (G9): an increase of exposure dated no later than a same-block withdrawal's maturity, or a slash the
    ///   notice forbids let through.
    /// - `Sentinel` (G9): a slash reached a withdrawal that matured by the end of the exit window, as it stood at the
    ///   announcement, of an exposure the slash used (one queued in the announcement's block, or before).
    /// - `Escrow` (G9): redistributed funds released before their `releasableAt`, or escrowed for less than the
    ///   escrow delay.
    /// - `Maturity` (G10): a withdrawal maturing before one queued earlier, or at another time than the delay in
    ///   force says.
    /// - `Window` (G10): a `slashableUntil`, `releasableAt` or other stored window moved earlier, or changed by
    ///   governance.
    /// - `Veto` (G10): a veto request that could not execute inside its window, whose expiry outlives the delay in
    ///   force at the request, or a new request refused after a parameter change.
    /// - `Liveness`: a slash the rules allow refused, or an increase dated later than its documented formula.
    enum Violation {
        Notice,
        Sentinel,
        Escrow,
        Maturity,
        Window,
        Veto,
        Liveness
    }

    /// @dev A pending withdrawal as the event published it, with what the checks need without decoding it.
    struct Pending {
        bytes data;
        uint32 operatorId;
        uint48 maturity;
        bool sentinel;
    }

    /// @dev The handler's own dates of an operator's standing in a set; `noticeExit` is `exit(t)` of its last
    /// registration (likewise below for a slasher, a strategy added back, an allocation increase).
    struct RegistrationModel {
        bool registered;
        uint48 noticeExit;
        uint48 slashableFrom;
        uint48 slashableUntil;
    }

    /// @dev The handler's own dates of a set's slasher: the one in force and the one scheduled.
    struct SlasherModel {
        address current;
        address currentRecipient;
        uint48 currentNoticeExit;
        address pending;
        address pendingRecipient;
        uint48 pendingNoticeExit;
        uint48 pendingEffect;
    }

    /// @dev The handler's own dates of a strategy in a set.
    struct MembershipModel {
        bool member;
        bool everRemoved;
        uint48 noticeExit;
        uint48 slashableFrom;
    }

    /// @dev An allocation as the handler models it: the magnitude in force and one pending change (from the targets
    /// it asked for and the documented effect of slashes), and `exit(t)` of the last increase in force and of a
    /// pending one.
    struct AllocationModel {
        uint64 current;
        uint64 pending;
        uint48 pendingEffect;
        bool pendingIncrease;
        uint48 inForceNoticeExit;
        uint48 pendingNoticeExit;
    }

    /// @dev A veto request as made.
    struct VetoRequest {
        uint256 id;
        address operator;
        bool registeredAtRequest;
        uint48 slashableUntilAtRequest;
        uint48 vetoDeadline;
        uint48 expiresAt;
        uint256 wad;
        bool open;
    }

    /// @dev What a slash's checks compare, read just before it.
    struct SlashBefore {
        uint64[] maxMagnitudes;
        address recipient;
        uint256[] bucketShares;
        uint48[] releasableAt;
    }

    IStrategyManager internal immutable sm;
    IWithdrawalQueue internal immutable wq;
    IOperatorRegistry internal immutable registry;
    IAVSRegistry internal immutable avsRegistry;
    IAllocationManager internal immutable allocationManager;
    ISlashingCoordinator internal immutable coordinator;
    address internal immutable owner;
    IVetoSlasher public immutable vetoSlasher;

    IStrategy[] internal strategies;
    address[] internal stakers;
    address[] internal operators;
    address[] internal sentinels;
    /// @dev Stakers, operators and sentinels: everyone who deposits.
    address[] internal actors;
    OperatorSet[] internal sets;
    mapping(uint256 setIndex => IStrategy[]) internal setStrategies;
    mapping(uint256 setIndex => bool) internal changeable;
    mapping(uint256 setIndex => bool) internal redistributing;
    uint256 internal vetoSetIndex;
    address[] internal slasherCandidates;
    address[] internal recipientCandidates;

    Pending[] internal pending;
    VetoRequest[] internal vetoRequests;

    mapping(address operator => mapping(uint256 setIndex => RegistrationModel)) internal registrations;
    mapping(uint256 setIndex => SlasherModel) internal slashers;
    mapping(uint256 setIndex => mapping(IStrategy strategy => MembershipModel)) internal memberships;
    mapping(address operator => mapping(uint256 setIndex => mapping(IStrategy strategy => AllocationModel)))
        internal allocations;
    /// @dev The latest maturity of any withdrawal queued so far.
    uint48 internal lastMaturity;

    // ---------------------------------------------------------------- ghosts: activity
    mapping(bytes4 selector => uint256) public ghostCalls;
    mapping(bytes4 selector => uint256) public ghostSkips;
    /// @dev Sentinel withdrawals queued in the block of an increase of their operator's exposure.
    uint256 public ghostSentinelExits;
    /// @dev Slashes that took something and relied on an exposure a sentinel had reacted to in its block, the
    /// sentinel's withdrawal left untouched.
    uint256 public ghostSentinelsSpared;
    /// @dev Slashes that took something.
    uint256 public ghostEffectiveSlashes;
    /// @dev Slashes refused because a notice had not ended (registration, slasher, strategy added back).
    uint256 public ghostNoticeRefusals;
    /// @dev Releases refused because the escrow was not over.
    uint256 public ghostEscrowRefusals;
    uint256 public ghostEscrowReleases;
    uint256 public ghostVetoExecutions;
    /// @dev Veto requests whose window had to be halved (delay in force at most the veto window).
    uint256 public ghostHalvedVetoWindows;
    /// @dev Governance changes made, and those that shortened the withdrawal delay.
    uint256 public ghostGovernanceChanges;
    uint256 public ghostDelayCuts;
    /// @dev Withdrawals queued while a shortened delay glided in (the floor held their maturity up).
    uint256 public ghostFlooredMaturities;

    // ---------------------------------------------------------------- ghosts: violations (must stay 0)
    mapping(Violation kind => uint256) public ghostViolations;
    string public ghostLastViolation;
    uint256 public ghostUnexpectedReverts;
    bytes public ghostLastRevert;

    constructor(
        Protocol memory protocol,
        IStrategy[] memory strategies_,
        address[] memory stakers_,
        address[] memory operators_,
        address[] memory sentinels_,
        SetSpec[] memory sets_,
        address[] memory slasherCandidates_,
        address[] memory recipientCandidates_
    ) {
        sm = protocol.sm;
        wq = protocol.wq;
        registry = protocol.registry;
        avsRegistry = protocol.avsRegistry;
        allocationManager = protocol.allocationManager;
        coordinator = protocol.coordinator;
        owner = protocol.owner;
        for (uint256 i; i < strategies_.length; ++i) strategies.push(strategies_[i]);
        for (uint256 i; i < stakers_.length; ++i) stakers.push(stakers_[i]);
        for (uint256 i; i < operators_.length; ++i) operators.push(operators_[i]);
        for (uint256 i; i < sentinels_.length; ++i) sentinels.push(sentinels_[i]);
        for (uint256 i; i < stakers_.length; ++i) actors.push(stakers_[i]);
        for (uint256 i; i < operators_.length; ++i) actors.push(operators_[i]);
        for (uint256 i; i < sentinels_.length; ++i) actors.push(sentinels_[i]);
        for (uint256 i; i < slasherCandidates_.length; ++i) slasherCandidates.push(slasherCandidates_[i]);
        for (uint256 i; i < recipientCandidates_.length; ++i) recipientCandidates.push(recipientCandidates_[i]);
        for (uint256 i; i < actors.length; ++i) {
            for (uint256 j; j < strategies.length; ++j) {
                IERC20 token = strategies[j].token();
                vm.prank(actors[i]);
                token.approve(address(strategies[j]), type(uint256).max);
            }
        }

        address veto;
        for (uint256 k; k < sets_.length; ++k) {
            SetSpec memory spec = sets_[k];
            address setSlasher = spec.slasher;
            if (!spec.changeable) {
                // The veto set: requested by this handler (the owner), vetoed by nobody in these campaigns.
                veto = _deploy(
                    VETO,
                    abi.encode(coordinator, spec.set, address(this), address(this), VETO_WINDOW, EXECUTION_WINDOW)
                );
                setSlasher = veto;
                vetoSetIndex = k;
            }
            vm.prank(spec.set.avs);
            avsRegistry.createOperatorSet(spec.set.id, spec.strategies, setSlasher, address(0), spec.recipient);
            sets.push(spec.set);
            for (uint256 j; j < spec.strategies.length; ++j) {
                setStrategies[k].push(spec.strategies[j]);
                memberships[k][spec.strategies[j]].member = true;
            }
            changeable[k] = spec.changeable;
            redistributing[k] = spec.recipient != address(0);
            slashers[k].current = setSlasher;
            slashers[k].currentRecipient = spec.recipient;
        }
        vetoSlasher = IVetoSlasher(veto);
    }

    // ================================================================ governance

    /// @dev The withdrawal delay: the minimum, a day, a week, the maximum, or anything between, one time in five each.
    function setWithdrawalDelay(uint256 seed) external {
        uint32[4] memory picks = [wq.MIN_WITHDRAWAL_DELAY(), uint32(1 days), uint32(7 days), MAX_DELAY];
        uint32 delay =
            seed % 5 < 4
                ? picks[seed % 5]
                : uint32(bound(seed >> 8, wq.MIN_WITHDRAWAL_DELAY(), wq.MAX_WITHDRAWAL_DELAY()));
        uint32 inForce = wq.withdrawalDelay();
        bytes32 windowsBefore = _windowsDigest();

        vm.prank(owner);
        try wq.setWithdrawalDelay(delay) {
            if (delay < inForce) ++ghostDelayCuts;
            // Whatever it did, the delay in force never drops at once: windows promised until now stay.
            if (wq.withdrawalDelay() < inForce) _flag(Violation.Window, "a delay change cut the delay in force");
            _afterGovernance(windowsBefore);
            ++ghostCalls[this.setWithdrawalDelay.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function setEscrowDelay(uint256 seed) external {
        uint32 delay =
            seed % 3 == 0
                ? coordinator.MIN_ESCROW_DELAY()
                : uint32(bound(seed >> 8, coordinator.MIN_ESCROW_DELAY(), coordinator.MAX_ESCROW_DELAY()));
        bytes32 windowsBefore = _windowsDigest();

        vm.prank(owner);
        try coordinator.setEscrowDelay(delay) {
            _afterGovernance(windowsBefore);
            ++ghostCalls[this.setEscrowDelay.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Bounds of the allocation delays operators choose, down to zero (the notice still applies).
    function setAllocationDelayBounds(uint256 minSeed, uint256 maxSeed) external {
        uint32 max = uint32(bound(maxSeed, 0, MAX_DELAY));
        uint32 min = minSeed % 2 == 0 ? 0 : uint32(bound(minSeed >> 8, 0, max));
        bytes32 windowsBefore = _windowsDigest();

        vm.prank(owner);
        try registry.setAllocationDelayBounds(min, max) {
            _afterGovernance(windowsBefore);
            ++ghostCalls[this.setAllocationDelayBounds.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev An operator schedules a new allocation delay within the bounds.
    function setAllocationDelay(uint256 operatorSeed, uint256 seed) external {
        address operator = operators[operatorSeed % operators.length];
        (uint32 min, uint32 max) = registry.allocationDelayBounds();
        uint32 delay = seed % 3 == 0 ? min : uint32(bound(seed >> 8, min, max));

        vm.prank(operator);
        try registry.setAllocationDelay(delay) {
            ++ghostCalls[this.setAllocationDelay.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ================================================================ stakers

    function deposit(uint256 actorSeed, uint256 strategySeed, uint256 amount) external {
        address actor = actors[actorSeed % actors.length];
        IStrategy strategy = strategies[strategySeed % strategies.length];
        uint32 operatorId = sm.delegatedOperatorId(actor);
        if (operatorId != 0 && sm.slashingFactor(operatorId, strategy) < MIN_CREDIT_FACTOR) {
            _skip(this.deposit.selector);
            return;
        }
        amount = bound(amount, MIN_DEPOSIT, MAX_DEPOSIT);
        IMintableToken(address(strategy.token())).mint(actor, amount);

        vm.prank(actor);
        try sm.deposit(strategy, amount) {
            ++ghostCalls[this.deposit.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function delegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = stakers[stakerSeed % stakers.length];
        address operator = operators[operatorSeed % operators.length];
        if (sm.delegatedOperatorId(staker) != 0 || !_canReceive(registry.operatorId(operator))) {
            _skip(this.delegate.selector);
            return;
        }
        IOperatorRegistry.ApproverSignature memory none;

        vm.prank(staker);
        try registry.delegate(operator, none, bytes32(0)) {
            ++ghostCalls[this.delegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function undelegate(uint256 stakerSeed) external {
        address staker = stakers[stakerSeed % stakers.length];
        if (sm.delegatedOperatorId(staker) == 0) {
            _skip(this.undelegate.selector);
            return;
        }
        vm.recordLogs();
        vm.prank(staker);
        try registry.undelegate(staker) {
            _recordQueued(false);
            ++ghostCalls[this.undelegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev A staker or an operator queues part of one position, or all of it one time in three.
    function queueWithdrawal(uint256 actorSeed, uint256 strategySeed, uint256 shares) external {
        address actor = actors[actorSeed % (stakers.length + operators.length)];
        IStrategy strategy = strategies[strategySeed % strategies.length];
        uint256 withdrawable = sm.withdrawableShares(actor, strategy);
        if (withdrawable == 0) {
            _skip(this.queueWithdrawal.selector);
            return;
        }
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = shares % 3 == 0 ? withdrawable : bound(shares >> 2, 1, withdrawable);
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: _one(strategy), shares: amounts});

        vm.recordLogs();
        vm.prank(actor);
        try wq.queueWithdrawals(requests) {
            _recordQueued(false);
            ++ghostCalls[this.queueWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Completes a pending withdrawal, waiting for its maturity one time in two; as shares when its staker's
    /// operator can take them, else as tokens.
    function completeWithdrawal(uint256 indexSeed, uint256 asTokensSeed, uint256 waitSeed) external {
        if (pending.length == 0) {
            _skip(this.completeWithdrawal.selector);
            return;
        }
        uint256 index = indexSeed % pending.length;
        Pending memory entry = pending[index];
        bool asTokens = asTokensSeed % 2 == 0;
        if (block.timestamp < entry.maturity) {
            if (waitSeed % 2 == 0) {
                _skip(this.completeWithdrawal.selector);
                return;
            }
            vm.warp(entry.maturity);
        }
        IWithdrawalQueue.Withdrawal memory withdrawal = abi.decode(entry.data, (IWithdrawalQueue.Withdrawal));
        if (!asTokens && !_canReceive(sm.delegatedOperatorId(withdrawal.staker))) asTokens = true;

        vm.prank(withdrawal.staker);
        try wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker) {
            pending[index] = pending[pending.length - 1];
            pending.pop();
            ++ghostCalls[this.completeWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ================================================================ operators: exposure

    function registerForSet(uint256 operatorSeed, uint256 setSeed) external {
        uint256 o = operatorSeed % operators.length;
        address operator = operators[o];
        uint256 k = setSeed % sets.length;
        RegistrationModel memory model = registrations[operator][k];
        if (model.registered || block.timestamp < model.slashableUntil) {
            _skip(this.registerForSet.selector);
            return;
        }
        OperatorSet memory set = sets[k];
        uint48 exitNow = _exitNow();

        vm.prank(operator);
        try avsRegistry.registerForOperatorSets(set.avs, _ids(set.id), "") {
            registrations[operator][k] = RegistrationModel({
                registered: true,
                noticeExit: exitNow,
                slashableFrom: exitNow + 1,
                slashableUntil: model.slashableUntil
            });
            uint48 slashableFrom = avsRegistry.registration(operator, set).slashableFrom;
            _checkNotice(slashableFrom, exitNow, true, "a registration slashable before a same-block exit ends");
            _sentinelReacts(o);
            ++ghostCalls[this.registerForSet.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev By the operator or, one time in two, an ejection by the AVS.
    function deregisterFromSet(uint256 operatorSeed, uint256 setSeed, uint256 byAVSSeed) external {
        address operator = operators[operatorSeed % operators.length];
        uint256 k = setSeed % sets.length;
        if (!registrations[operator][k].registered) {
            _skip(this.deregisterFromSet.selector);
            return;
        }
        OperatorSet memory set = sets[k];
        uint48 previousUntil = avsRegistry.registration(operator, set).slashableUntil;
        uint48 exitNow = _exitNow();

        vm.prank(byAVSSeed % 2 == 0 ? set.avs : operator);
        try avsRegistry.deregisterFromOperatorSets(operator, set.avs, _ids(set.id)) {
            registrations[operator][k].registered = false;
            registrations[operator][k].slashableUntil = exitNow;
            uint48 until = avsRegistry.registration(operator, set).slashableUntil;
            if (until < previousUntil) _flag(Violation.Window, "slashableUntil decreased");
            if (until != exitNow) _flag(Violation.Window, "slashableUntil is not the end of a same-block exit");
            if (k == vetoSetIndex) {
                for (uint256 r; r < vetoRequests.length; ++r) {
                    VetoRequest memory request = vetoRequests[r];
                    if (request.open && request.operator == operator && until < request.expiresAt) {
                        _flag(Violation.Veto, "an operator leaving after a request escapes it before its expiry");
                    }
                }
            }
            ++ghostCalls[this.deregisterFromSet.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Raises an allocation (all that is allocatable one time in four) or lowers it (to zero one time in four).
    function modifyAllocation(
        uint256 operatorSeed,
        uint256 setSeed,
        uint256 strategySeed,
        uint256 increaseSeed,
        uint256 magnitude
    ) external {
        bool increase = increaseSeed % 2 == 0;
        uint256 o = operatorSeed % operators.length;
        address operator = operators[o];
        uint256 k = setSeed % sets.length;
        IStrategy strategy = setStrategies[k][strategySeed % setStrategies[k].length];
        OperatorSet memory set = sets[k];
        (uint64 current, , uint48 pendingAt) = allocationManager.allocation(operator, set, strategy);
        // The view counts decreases that took effect but were not settled as encumbered: an increase within it is
        // always possible (the contract settles them first).
        uint64 allocatable = allocationManager.allocatableMagnitude(operator, strategy);
        if (pendingAt != 0) {
            _skip(this.modifyAllocation.selector);
            return;
        }
        if (current == 0) increase = true;
        if (increase && (!memberships[k][strategy].member || allocatable == 0)) {
            if (current == 0) {
                _skip(this.modifyAllocation.selector);
                return;
            }
            increase = false;
        }
        bool extreme = (magnitude >> 64) % 4 == 1;
        uint64 target;
        if (increase) target = current + uint64(extreme ? allocatable : bound(magnitude, 1, allocatable));
        else target = extreme ? 0 : uint64(bound(magnitude, 0, current - 1));
        uint48 exitNow = _exitNow();
        uint256 allocationDelay = registry.allocationDelayOf(registry.operatorId(operator));

        AllocationModel storage model = allocations[operator][k][strategy];
        _roll(model);
        if (model.current != current) _flag(Violation.Liveness, "the allocation in force differs from the model");
        bool slashable = _slashableModel(operator, k);

        vm.prank(operator);
        try allocationManager.modifyAllocations(_params(set, strategy, target)) {
            (, , uint48 effectAt) = allocationManager.allocation(operator, set, strategy);
            if (increase) {
                _checkNotice(effectAt, exitNow, false, "an allocation increase in force before a same-block exit ends");
                uint256 chosen = block.timestamp + allocationDelay;
                if (effectAt != (chosen > exitNow + 1 ? chosen : exitNow + 1)) {
                    _flag(Violation.Liveness, "an increase dated other than max(allocation delay, notice)");
                }
                model.pendingNoticeExit = exitNow;
                _sentinelReacts(o);
            } else if (slashable && effectAt != exitNow) {
                // G10: stake leaving a set where it is slashable stays for the whole exit window.
                _flag(Violation.Window, "a decrease left the slash's reach before a same-block exit ends");
            } else if (!slashable && effectAt != 0) {
                _flag(Violation.Liveness, "a decrease out of every slash's reach did not take effect at once");
            }
            if (effectAt == 0) {
                model.current = target;
            } else {
                model.pending = target;
                model.pendingEffect = effectAt;
                model.pendingIncrease = increase;
            }
            ++ghostCalls[this.modifyAllocation.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev The AVS of a changeable set schedules a slasher (an operator among the candidates) with a recipient.
    function scheduleSlasher(uint256 setSeed, uint256 slasherSeed, uint256 recipientSeed) external {
        uint256 k = setSeed % sets.length;
        if (!changeable[k]) {
            _skip(this.scheduleSlasher.selector);
            return;
        }
        OperatorSet memory set = sets[k];
        address newSlasher = slasherCandidates[slasherSeed % slasherCandidates.length];
        address newRecipient =
            redistributing[k] ? recipientCandidates[recipientSeed % recipientCandidates.length] : address(0);
        uint48 exitNow = _exitNow();

        vm.prank(set.avs);
        try avsRegistry.scheduleSlasher(set.id, newSlasher, newRecipient) returns (uint48 effectAt) {
            SlasherModel storage model = slashers[k];
            _rollSlasher(model);
            model.pending = newSlasher;
            model.pendingRecipient = newRecipient;
            model.pendingNoticeExit = exitNow;
            model.pendingEffect = effectAt;
            _checkNotice(effectAt, exitNow, true, "a new slasher in force before a same-block exit ends");
            for (uint256 o; o < operators.length; ++o) if (_exposedTo(operators[o], k)) _sentinelReacts(o);
            ++ghostCalls[this.scheduleSlasher.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Removes a strategy from a changeable set, or adds it (for the first time, or back).
    function toggleStrategy(uint256 setSeed, uint256 strategySeed) external {
        uint256 k = setSeed % sets.length;
        if (!changeable[k]) {
            _skip(this.toggleStrategy.selector);
            return;
        }
        OperatorSet memory set = sets[k];
        IStrategy strategy = strategies[strategySeed % strategies.length];
        MembershipModel storage model = memberships[k][strategy];
        uint48 exitNow = _exitNow();
        bool adding = !model.member;

        vm.prank(set.avs);
        if (adding) {
            try avsRegistry.addStrategiesToOperatorSet(set.id, _one(strategy)) {
                _afterAdd(k, strategy, exitNow);
                ++ghostCalls[this.toggleStrategy.selector];
            } catch (bytes memory reason) {
                _unexpected(reason);
            }
        } else {
            try avsRegistry.removeStrategiesFromOperatorSet(set.id, _one(strategy)) {
                model.member = false;
                model.everRemoved = true;
                ++ghostCalls[this.toggleStrategy.selector];
            } catch (bytes memory reason) {
                _unexpected(reason);
            }
        }
    }

    /// @dev A strategy joined set `k`: one added back gives notice, and the sentinels of the operators allocated to
    /// it react; one added for the first time needs none.
    function _afterAdd(uint256 k, IStrategy strategy, uint48 exitNow) internal {
        MembershipModel storage model = memberships[k][strategy];
        model.member = true;
        if (_indexOf(setStrategies[k], strategy) == setStrategies[k].length) setStrategies[k].push(strategy);
        (, uint48 slashableFrom) = avsRegistry.strategyMembership(sets[k], strategy);
        if (model.everRemoved) {
            model.noticeExit = exitNow;
            model.slashableFrom = exitNow + 1;
            _checkNotice(slashableFrom, exitNow, true, "a strategy added back slashable before a same-block exit");
            for (uint256 o; o < operators.length; ++o) {
                if (_allocatedTo(operators[o], k, strategy)) _sentinelReacts(o);
            }
        } else if (slashableFrom > block.timestamp) {
            _flag(Violation.Liveness, "a first-time strategy given a notice it needs not");
        }
    }

    // ================================================================ slashing

    /// @dev The slasher in force of a set (the pending one one time in four, to probe its notice) slashes an
    /// operator in a non-empty subset of the set's strategies (members or not), each by a fraction in (0, 1e18].
    function slash(uint256 operatorSeed, uint256 setSeed, uint256 strategyMask, uint256 wadSeed) external {
        uint256 k = setSeed % sets.length;
        if (k == vetoSetIndex) {
            _skip(this.slash.selector);
            return;
        }
        SlasherModel memory model = slashers[k];
        (address inForce, , ) = _slasherInForce(k);
        address caller = strategyMask % 4 == 3 && model.pending != address(0) ? model.pending : inForce;
        _slash(operators[operatorSeed % operators.length], k, caller, _pickStrategies(k, strategyMask >> 2), wadSeed);
        ++ghostCalls[this.slash.selector];
    }

    /// @dev Warps to the second before (or the second of) the next notice to end for an operator in a set, and
    /// slashes there, as the slasher that notice is about.
    function slashAtNotice(uint256 operatorSeed, uint256 setSeed, uint256 seed) external {
        uint256 k = setSeed % sets.length;
        address operator = operators[operatorSeed % operators.length];
        if (k == vetoSetIndex) {
            _skip(this.slashAtNotice.selector);
            return;
        }
        (uint256 next, address caller) = _nextNoticeEnd(operator, k);
        if (next == 0) {
            _skip(this.slashAtNotice.selector);
            return;
        }
        uint256 at = seed % 2 == 0 ? next - 1 : next;
        if (at > block.timestamp) vm.warp(at);
        _slash(operator, k, caller, setStrategies[k], (seed >> 1) | 1);
        ++ghostCalls[this.slashAtNotice.selector];
    }

    /// @dev Releases a bucket: the burning one, or one escrowed for a recipient; one time in two it tries even during
    /// the escrow, which must be refused.
    function releaseSlashedFunds(
        uint256 setSeed,
        uint256 strategySeed,
        uint256 recipientSeed,
        uint256 earlySeed
    ) external {
        uint256 k = setSeed % sets.length;
        OperatorSet memory set = sets[k];
        IStrategy strategy = strategies[strategySeed % strategies.length];
        // One time in two the recipient in force (whose bucket slashes fill now), else any that may be owed.
        (, , address inForce) = _slasherInForce(k);
        address bucketRecipient = inForce;
        if (recipientSeed % 2 == 1 && redistributing[k]) {
            bucketRecipient = recipientCandidates[(recipientSeed >> 1) % recipientCandidates.length];
        }
        (uint256 shares, uint48 releasableAt) = coordinator.bucket(set, strategy, bucketRecipient);
        if (shares == 0 || (block.timestamp < releasableAt && earlySeed % 2 != 0)) {
            _skip(this.releaseSlashedFunds.selector);
            return;
        }

        try coordinator.releaseSlashedFunds(set, strategy, bucketRecipient) {
            if (block.timestamp < releasableAt) _flag(Violation.Escrow, "released before releasableAt");
            if (bucketRecipient != address(0)) ++ghostEscrowReleases;
            ++ghostCalls[this.releaseSlashedFunds.selector];
        } catch (bytes memory reason) {
            if (bytes4(reason) == ISlashingCoordinator.EscrowNotOver.selector && block.timestamp < releasableAt) {
                ++ghostEscrowRefusals;
                ++ghostCalls[this.releaseSlashedFunds.selector];
            } else {
                _unexpected(reason);
            }
        }
    }

    // ================================================================ the veto slasher

    /// @dev Requests a slash of an operator slashable in the veto set.
    function vetoRequest(uint256 operatorSeed, uint256 wadSeed) external {
        address operator = operators[operatorSeed % operators.length];
        if (!_slashableModel(operator, vetoSetIndex)) {
            _skip(this.vetoRequest.selector);
            return;
        }
        _request(operator, bound(wadSeed, 1, WAD));
        ++ghostCalls[this.vetoRequest.selector];
    }

    /// @dev Executes an open request: at its veto deadline if that has not come, or wherever time is.
    function vetoExecute(uint256 indexSeed) external {
        if (vetoRequests.length == 0) {
            _skip(this.vetoExecute.selector);
            return;
        }
        VetoRequest storage request = vetoRequests[indexSeed % vetoRequests.length];
        if (!request.open) {
            _skip(this.vetoExecute.selector);
            return;
        }
        if (block.timestamp < request.vetoDeadline) vm.warp(request.vetoDeadline);
        bool mustExecute =
            block.timestamp < request.expiresAt &&
                (request.registeredAtRequest || block.timestamp < request.slashableUntilAtRequest);
        IStrategy[] memory list = setStrategies[vetoSetIndex];
        SlashBefore memory before = _beforeSlash(request.operator, vetoSetIndex, list);

        try vetoSlasher.executeSlash(request.id, list, _wadList(request.wad), "veto") {
            request.open = false;
            if (block.timestamp >= request.expiresAt) _flag(Violation.Veto, "a request executed after its expiry");
            _afterSlash(request.operator, vetoSetIndex, list, _wadList(request.wad), before);
            ++ghostVetoExecutions;
            ++ghostCalls[this.vetoExecute.selector];
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            if (mustExecute) {
                _flag(Violation.Veto, "a request could not execute inside its window");
                _unexpected(reason);
            } else if (selector == IVetoSlasher.RequestExpired.selector) {
                request.open = false;
                ++ghostCalls[this.vetoExecute.selector];
            } else if (selector != IAVSRegistry.OperatorNotSlashable.selector) {
                _unexpected(reason);
            }
        }
    }

    // ================================================================ time

    function warp(uint256 seconds_) external {
        uint256 step = seconds_ % 2 == 0 ? bound(seconds_ >> 1, 1, SHORT_WARP) : bound(seconds_ >> 1, 1, LONG_WARP);
        vm.warp(block.timestamp + step);
        ++ghostCalls[this.warp.selector];
    }

    // ================================================================ views for the test

    function vetoRequestCount() external view returns (uint256) {
        return vetoRequests.length;
    }

    // ================================================================ internal: slashing

    function _slash(address operator, uint256 k, address caller, IStrategy[] memory list, uint256 wadSeed) internal {
        uint256[] memory wads = new uint256[](list.length);
        for (uint256 j; j < list.length; ++j) {
            uint256 seed = uint256(keccak256(abi.encode(wadSeed, j)));
            wads[j] = seed % 4 == 0 ? WAD : bound(seed >> 2, 1, WAD);
        }
        SlashBefore memory before = _beforeSlash(operator, k, list);
        (bool allowed, bool noticeRunning) = _slashAllowed(operator, k, caller, list);

        vm.prank(caller);
        try coordinator.slash(operator, sets[k], list, wads, "invariant") {
            if (!allowed) _flag(Violation.Notice, "a slash the rules forbid went through");
            _afterSlash(operator, k, list, wads, before);
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            bool known =
                selector == IAVSRegistry.OperatorNotSlashable.selector ||
                    selector == IAVSRegistry.NotSlasher.selector ||
                    selector == IAVSRegistry.StrategyNotInSet.selector ||
                    selector == IAVSRegistry.StrategyNotSlashableYet.selector;
            if (allowed) {
                _flag(Violation.Liveness, "a slash the rules allow was refused");
                _unexpected(reason);
            } else if (!known) {
                _unexpected(reason);
            } else if (noticeRunning) {
                ++ghostNoticeRefusals;
            }
        }
    }

    /// @dev The max magnitudes and the buckets of the recipient in force before a slash.
    function _beforeSlash(
        address operator,
        uint256 k,
        IStrategy[] memory list
    ) internal view returns (SlashBefore memory before) {
        before.maxMagnitudes = new uint64[](list.length);
        before.bucketShares = new uint256[](list.length);
        before.releasableAt = new uint48[](list.length);
        (, , before.recipient) = _slasherInForce(k);
        for (uint256 j; j < list.length; ++j) {
            before.maxMagnitudes[j] = allocationManager.maxMagnitude(operator, list[j]);
            if (before.recipient != address(0)) {
                (before.bucketShares[j], before.releasableAt[j]) = coordinator.bucket(
                    sets[k],
                    list[j],
                    before.recipient
                );
            }
        }
    }

    /// @dev Checks a slash that went through (G9): no withdrawal that matured by the end of the exit window of any
    /// exposure the slash used, as that window stood when the exposure was announced, was reached by it. Those
    /// windows are the registration's, the slasher's in force, each slashed strategy's if it was added back, and its
    /// last allocation increase in force; a withdrawal queued when (or before) one was announced matures by its
    /// end. Also: a redistributing set's escrow holds what it received for at least the escrow delay and never moves
    /// earlier.
    function _afterSlash(
        address operator,
        uint256 k,
        IStrategy[] memory list,
        uint256[] memory wads,
        SlashBefore memory before
    ) internal {
        uint48 latestExit;
        bool effective;
        for (uint256 j; j < list.length; ++j) {
            // The model's allocation in force, not the contract's: an increase applied early shows here.
            AllocationModel storage model = allocations[operator][k][list[j]];
            _roll(model);
            uint256 expected = Math.mulDiv(model.current, wads[j], WAD, Math.Rounding.Ceil);
            uint256 taken = before.maxMagnitudes[j] - allocationManager.maxMagnitude(operator, list[j]);
            if (taken > expected) _flag(Violation.Notice, "a slash took more than its fraction of what is in force");
            else if (taken < expected) _flag(Violation.Liveness, "a slash took less than its fraction");
            // The documented effect on a pending change: a decrease keeps its proportion, an increase its size.
            if (model.pendingEffect != 0) {
                if (model.pending < model.current)
                    model.pending = uint64(Math.mulDiv(model.pending, WAD - wads[j], WAD));
                else model.pending -= uint64(expected);
            }
            model.current -= uint64(expected);
            if (expected == 0) continue;
            effective = true;
            uint48 noticeExit = model.inForceNoticeExit;
            if (noticeExit > latestExit) latestExit = noticeExit;
            noticeExit = memberships[k][list[j]].noticeExit;
            if (noticeExit > latestExit) latestExit = noticeExit;
        }
        if (!effective) return;
        ++ghostEffectiveSlashes;
        uint48 registrationExit = registrations[operator][k].noticeExit;
        if (registrationExit > latestExit) latestExit = registrationExit;
        (, uint48 slasherExit, ) = _slasherInForce(k);
        if (slasherExit > latestExit) latestExit = slasherExit;

        uint32 operatorId = registry.operatorId(operator);
        for (uint256 i; i < pending.length; ++i) {
            Pending memory entry = pending[i];
            if (entry.operatorId != operatorId || entry.maturity > latestExit) continue;
            if (entry.maturity > block.timestamp) {
                _flag(Violation.Sentinel, "a slash reached a withdrawal that left before the exposure it used");
            } else if (entry.sentinel && entry.maturity == latestExit) {
                ++ghostSentinelsSpared;
            }
        }

        if (before.recipient == address(0)) return;
        uint256 escrowEnd = block.timestamp + coordinator.escrowDelay();
        for (uint256 j; j < list.length; ++j) {
            (uint256 shares, uint48 releasableAt) = coordinator.bucket(sets[k], list[j], before.recipient);
            if (releasableAt < before.releasableAt[j]) _flag(Violation.Window, "a slash brought an escrow forward");
            if (shares > before.bucketShares[j] && releasableAt < escrowEnd) {
                _flag(Violation.Escrow, "slashed funds escrowed for less than the escrow delay");
            }
        }
    }

    /// @dev Whether the rules, as the handler dates them, let `caller` slash `operator` in set `k` in `list` now, and
    /// whether a refusal would be due to a notice still running (registration, slasher, strategy added back).
    function _slashAllowed(
        address operator,
        uint256 k,
        address caller,
        IStrategy[] memory list
    ) internal view returns (bool allowed, bool noticeRunning) {
        (address inForce, , ) = _slasherInForce(k);
        RegistrationModel memory registration = registrations[operator][k];
        allowed = caller == inForce && _slashableModel(operator, k);
        if (caller != inForce && caller == slashers[k].pending) noticeRunning = true;
        if (registration.registered && block.timestamp < registration.slashableFrom) noticeRunning = true;
        for (uint256 j; j < list.length; ++j) {
            MembershipModel memory membership = memberships[k][list[j]];
            if (!membership.member) allowed = false;
            if (block.timestamp < membership.slashableFrom) {
                allowed = false;
                if (membership.member) noticeRunning = true;
            }
        }
    }

    function _slashableModel(address operator, uint256 k) internal view returns (bool) {
        RegistrationModel memory model = registrations[operator][k];
        return block.timestamp >= model.slashableFrom && (model.registered || block.timestamp < model.slashableUntil);
    }

    /// @dev The first notice still running for `operator` in set `k` (its registration, the set's next slasher, a
    /// strategy added back, an allocation increase), and the slasher a slash at its end would come from.
    function _nextNoticeEnd(address operator, uint256 k) internal view returns (uint256 next, address caller) {
        (address inForce, , ) = _slasherInForce(k);
        caller = inForce;
        RegistrationModel memory registration = registrations[operator][k];
        if (registration.registered && registration.slashableFrom > block.timestamp) next = registration.slashableFrom;
        SlasherModel memory model = slashers[k];
        if (model.pending != address(0) && model.pendingEffect > block.timestamp) {
            if (next == 0 || model.pendingEffect < next) {
                next = model.pendingEffect;
                caller = model.pending;
            }
        }
        for (uint256 j; j < setStrategies[k].length; ++j) {
            IStrategy strategy = setStrategies[k][j];
            uint256 from = memberships[k][strategy].slashableFrom;
            if (from > block.timestamp && (next == 0 || from < next)) {
                next = from;
                caller = inForce;
            }
            AllocationModel memory allocation = allocations[operator][k][strategy];
            if (allocation.pendingIncrease && allocation.pendingEffect > block.timestamp) {
                if (next == 0 || allocation.pendingEffect < next) {
                    next = allocation.pendingEffect;
                    caller = inForce;
                }
            }
        }
    }

    // ================================================================ internal: the veto slasher

    function _request(address operator, uint256 wad) internal returns (bool) {
        uint32 delay = wq.withdrawalDelay();
        RegistrationModel memory model = registrations[operator][vetoSetIndex];
        try vetoSlasher.requestSlash(operator, setStrategies[vetoSetIndex], _wadList(wad), "veto") returns (
            uint256 id
        ) {
            IVetoSlasher.RequestInfo memory info = vetoSlasher.request(id);
            if (info.expiresAt > block.timestamp + delay) {
                _flag(Violation.Veto, "a request outlives the delay in force at its making");
            }
            if (info.vetoDeadline >= info.expiresAt || info.vetoDeadline <= block.timestamp) {
                _flag(Violation.Veto, "a request with an empty veto or execution window");
            }
            if (delay <= VETO_WINDOW) ++ghostHalvedVetoWindows;
            vetoRequests.push(
                VetoRequest({
                    id: id,
                    operator: operator,
                    registeredAtRequest: model.registered,
                    slashableUntilAtRequest: model.slashableUntil,
                    vetoDeadline: info.vetoDeadline,
                    expiresAt: info.expiresAt,
                    wad: wad,
                    open: true
                })
            );
            return true;
        } catch (bytes memory reason) {
            _flag(Violation.Veto, "a request against a slashable operator was refused");
            _unexpected(reason);
            return false;
        }
    }

    // ================================================================ internal: governance

    /// @dev After a governance change: every stored window is as it was, and the veto slasher still takes a request
    /// (against the first operator slashable in its set, if any).
    function _afterGovernance(bytes32 windowsBefore) internal {
        if (_windowsDigest() != windowsBefore) _flag(Violation.Window, "a governance change moved a stored window");
        ++ghostGovernanceChanges;
        for (uint256 o; o < operators.length; ++o) {
            if (_slashableModel(operators[o], vetoSetIndex)) {
                _request(operators[o], 1);
                break;
            }
        }
    }

    /// @dev A digest of every window Palisade has promised: pending withdrawals' maturities, registrations,
    /// allocations and their pending changes, slashers and their schedules, strategies' slashable-from dates, veto
    /// requests, escrowed buckets and operators' scheduled allocation delays.
    function _windowsDigest() internal view returns (bytes32 digest) {
        for (uint256 a; a < actors.length; ++a) {
            digest = keccak256(abi.encode(digest, wq.pendingWithdrawals(actors[a])));
        }
        for (uint256 o; o < operators.length; ++o) {
            uint32 id = registry.operatorId(operators[o]);
            (uint32 pendingDelay, uint48 pendingAt) = registry.pendingAllocationDelay(id);
            digest = keccak256(abi.encode(digest, pendingDelay, pendingAt, registry.allocationDelayOf(id)));
            for (uint256 k; k < sets.length; ++k) {
                digest = keccak256(abi.encode(digest, avsRegistry.registration(operators[o], sets[k])));
                for (uint256 s; s < strategies.length; ++s) {
                    (uint64 current, uint64 pendingMagnitude, uint48 effectAt) = allocationManager.allocation(
                        operators[o],
                        sets[k],
                        strategies[s]
                    );
                    digest = keccak256(abi.encode(digest, current, pendingMagnitude, effectAt));
                }
            }
        }
        for (uint256 k; k < sets.length; ++k) {
            digest = keccak256(abi.encode(digest, avsRegistry.operatorSetInfo(sets[k])));
            for (uint256 s; s < strategies.length; ++s) {
                (bool member, uint48 from) = avsRegistry.strategyMembership(sets[k], strategies[s]);
                digest = keccak256(abi.encode(digest, member, from));
                (uint256 shares, uint48 releasableAt) = coordinator.bucket(sets[k], strategies[s], address(0));
                digest = keccak256(abi.encode(digest, shares, releasableAt));
                for (uint256 r; r < recipientCandidates.length; ++r) {
                    (shares, releasableAt) = coordinator.bucket(sets[k], strategies[s], recipientCandidates[r]);
                    digest = keccak256(abi.encode(digest, shares, releasableAt));
                }
            }
        }
        for (uint256 i; i < vetoRequests.length; ++i) {
            digest = keccak256(abi.encode(digest, vetoSlasher.request(vetoRequests[i].id)));
        }
    }

    // ================================================================ internal: the model

    /// @dev The maturity of a withdrawal queued now, which every increase of exposure made now must outlast.
    function _exitNow() internal view returns (uint48) {
        return uint48(block.timestamp + wq.withdrawalDelay());
    }

    /// @dev `effectAt` must come after `exitNow` (G9); the registry's notices end exactly one second after it.
    function _checkNotice(uint48 effectAt, uint48 exitNow, bool exact, string memory what) internal {
        if (effectAt <= exitNow) _flag(Violation.Notice, what);
        else if (exact && effectAt != exitNow + 1) _flag(Violation.Liveness, "a notice longer than documented");
    }

    /// @dev Writes down a change of the model whose time has come.
    function _roll(AllocationModel storage model) internal {
        if (model.pendingEffect != 0 && block.timestamp >= model.pendingEffect) {
            model.current = model.pending;
            if (model.pendingIncrease) model.inForceNoticeExit = model.pendingNoticeExit;
            model.pending = 0;
            model.pendingEffect = 0;
            model.pendingIncrease = false;
        }
    }

    function _rollSlasher(SlasherModel storage model) internal {
        if (model.pending != address(0) && block.timestamp >= model.pendingEffect) {
            model.current = model.pending;
            model.currentRecipient = model.pendingRecipient;
            model.currentNoticeExit = model.pendingNoticeExit;
        }
        model.pending = address(0);
    }

    function _slasherInForce(uint256 k) internal view returns (address slasher_, uint48 noticeExit, address recipient) {
        SlasherModel memory model = slashers[k];
        if (model.pending != address(0) && block.timestamp >= model.pendingEffect) {
            return (model.pending, model.pendingNoticeExit, model.pendingRecipient);
        }
        return (model.current, model.currentNoticeExit, model.currentRecipient);
    }

    /// @dev Whether a new slasher of set `k` adds to `operator`'s exposure: it is registered there, still within its
    /// window, or holds an allocation there.
    function _exposedTo(address operator, uint256 k) internal view returns (bool) {
        RegistrationModel memory model = registrations[operator][k];
        if (model.registered || block.timestamp < model.slashableUntil) return true;
        for (uint256 s; s < strategies.length; ++s) if (_allocatedTo(operator, k, strategies[s])) return true;
        return false;
    }

    function _allocatedTo(address operator, uint256 k, IStrategy strategy) internal view returns (bool) {
        (uint64 current, uint64 pendingMagnitude, ) = allocationManager.allocation(operator, sets[k], strategy);
        return current != 0 || pendingMagnitude != 0;
    }

    /// @dev Operator `o`'s sentinel queues everything it holds, in the block of an increase of `o`'s exposure.
    function _sentinelReacts(uint256 o) internal {
        address sentinel = sentinels[o];
        uint256 count;
        for (uint256 s; s < strategies.length; ++s) if (sm.withdrawableShares(sentinel, strategies[s]) != 0) ++count;
        if (count == 0) return;
        IStrategy[] memory list = new IStrategy[](count);
        uint256[] memory amounts = new uint256[](count);
        uint256 n;
        for (uint256 s; s < strategies.length; ++s) {
            uint256 shares = sm.withdrawableShares(sentinel, strategies[s]);
            if (shares == 0) continue;
            list[n] = strategies[s];
            amounts[n++] = shares;
        }
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: list, shares: amounts});

        vm.recordLogs();
        vm.prank(sentinel);
        try wq.queueWithdrawals(requests) {
            _recordQueued(true);
            ++ghostSentinelExits;
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Records every withdrawal the logs announce since `vm.recordLogs()`, checking its maturity: the delay in
    /// force from now, never before the previous withdrawal's (G10).
    function _recordQueued(bool sentinel) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint48 expected = _exitNow();
        (uint32 governanceDelay, ) = wq.delayParameters();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(wq) || logs[i].topics[0] != IWithdrawalQueue.WithdrawalQueued.selector) {
                continue;
            }
            IWithdrawalQueue.Withdrawal memory withdrawal = abi.decode(logs[i].data, (IWithdrawalQueue.Withdrawal));
            if (withdrawal.maturity < lastMaturity) _flag(Violation.Maturity, "a later withdrawal matures earlier");
            if (withdrawal.maturity != expected) _flag(Violation.Maturity, "maturity != now + the delay in force");
            if (withdrawal.maturity > block.timestamp + governanceDelay) ++ghostFlooredMaturities;
            for (uint256 r; r < vetoRequests.length; ++r) {
                VetoRequest memory request = vetoRequests[r];
                if (request.open && withdrawal.maturity < request.expiresAt) {
                    _flag(Violation.Veto, "a withdrawal queued after a request matures before its expiry");
                }
            }
            lastMaturity = withdrawal.maturity;
            pending.push(
                Pending({
                    data: logs[i].data,
                    operatorId: withdrawal.operatorId,
                    maturity: withdrawal.maturity,
                    sentinel: sentinel
                })
            );
        }
    }

    // ================================================================ internal: helpers

    /// @dev Whether operator `id` (0: none) can be credited anything: its factor is at least the floor in every
    /// strategy (on the safe side: a strategy the staker does not hold would not be credited).
    function _canReceive(uint32 id) internal view returns (bool) {
        if (id == 0) return true;
        for (uint256 s; s < strategies.length; ++s) {
            if (sm.slashingFactor(id, strategies[s]) < MIN_CREDIT_FACTOR) return false;
        }
        return true;
    }

    /// @dev A non-empty subset of the strategies set `k` ever held, from the bits of `mask`.
    function _pickStrategies(uint256 k, uint256 mask) internal view returns (IStrategy[] memory list) {
        IStrategy[] storage all = setStrategies[k];
        uint256 count;
        for (uint256 j; j < all.length; ++j) if ((mask >> j) & 1 == 1) ++count;
        if (count == 0) return _one(all[mask % all.length]);
        list = new IStrategy[](count);
        uint256 n;
        for (uint256 j; j < all.length; ++j) if ((mask >> j) & 1 == 1) list[n++] = all[j];
    }

    function _params(
        OperatorSet memory set,
        IStrategy strategy,
        uint64 magnitude
    ) internal pure returns (IAllocationManager.AllocateParams[] memory params) {
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = magnitude;
        params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: set,
            strategies: _one(strategy),
            magnitudes: magnitudes
        });
    }

    function _one(IStrategy strategy) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = strategy;
    }

    function _wadList(uint256 wad) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = wad;
    }

    function _ids(uint32 id) internal pure returns (uint32[] memory ids) {
        ids = new uint32[](1);
        ids[0] = id;
    }

    function _indexOf(IStrategy[] storage list, IStrategy strategy) internal view returns (uint256 i) {
        while (i < list.length && address(list[i]) != address(strategy)) ++i;
    }

    function _skip(bytes4 selector) internal {
        ++ghostSkips[selector];
    }

    function _flag(Violation kind, string memory what) internal {
        ++ghostViolations[kind];
        ghostLastViolation = what;
    }

    function _unexpected(bytes memory reason) internal {
        ++ghostUnexpectedReverts;
        ghostLastRevert = reason;
    }
}
