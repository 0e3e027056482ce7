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
import {IWithdrawalQueue} from "../../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../../contracts/libraries/OperatorSetLib.sol";

import {IMintableToken} from "../../utils/DeployFixture.sol";
import {PalisadeTest} from "../../utils/PalisadeTest.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives a small restaking world through every path that touches slashable stake: deposits,
/// delegations, undelegations, redelegations, withdrawals queued and completed (as tokens or shares), operators
/// joining and leaving operator sets, allocations raised, lowered and settled, time passing, slashes and releases of
/// the slashed-funds buckets. The handler is the slasher of every set.
///
/// Inputs are bounded to calls that must succeed (the few refusals it provokes on purpose must come with the exact
/// error), so any other revert is counted as unexpected. A handler's revert is invisible to the campaign
/// (`failOnRevert: false`), so nothing here asserts: every check of a slash's effects, made inside the slash action
/// against a snapshot taken just before it, records its violations in a ghost counter that an invariant asserts is
/// zero.
contract SlashingHandler is PalisadeTest {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MIN_DEPOSIT = 1e12;
    uint256 internal constant MAX_DEPOSIT = 1e24;
    /// @dev Past the fixture's seven-day withdrawal delay, so that one warp can mature everything.
    uint256 internal constant MAX_WARP = 8 days;
    /// @dev A short warp: around the minimal allocation delay (one minute).
    uint256 internal constant SHORT_WARP = 10 minutes;

    /// @notice The protocol's entry points the handler drives.
    struct Protocol {
        IStrategyManager sm;
        IWithdrawalQueue wq;
        IOperatorRegistry registry;
        IAVSRegistry avsRegistry;
        IAllocationManager allocationManager;
        ISlashingCoordinator coordinator;
    }

    /// @notice An operator set the handler creates for `set.avs` (a registered AVS), with itself as slasher.
    /// @param recipient Where its slashed funds go (`address(0)`: burned).
    struct SetSpec {
        OperatorSet set;
        IStrategy[] strategies;
        address recipient;
    }

    /// @dev Everything a slash's checks compare, read just before it.
    struct SlashSnapshot {
        address operator;
        uint32 operatorId;
        uint256 setIndex;
        IStrategy[] strategies;
        uint256[] wads;
        uint64[] maxBefore;
        uint64[] current;
        uint64[] pending;
        uint48[] effectAt;
        /// @dev The scaled shares the slash reaches per strategy, from the handler's own books: the positions
        /// delegated to the operator plus its pending withdrawals maturing after now.
        uint256[] reachable;
        uint256[] bucketBefore;
        /// @dev [strategy][actor]: withdrawable shares of the actors delegated to the operator.
        uint256[][] stakers;
        bool[] delegated;
        /// @dev [pending index]: what completing would pay, for the operator's pending withdrawals (else empty).
        uint256[][] queued;
        /// @dev [operator * sets + set]: slashable stake of every (operator, set) at this second.
        uint256[][] slashable;
        /// @dev [operator][strategy]: slashing factors.
        uint256[][] factors;
    }

    /// @notice What a violation broke.
    /// - `UniqueStake`: a slash changed another (operator, set)'s slashable stake, or a factor it did not name.
    /// - `Overreach`: a slash changed a withdrawal that had matured, or one leg it did not name, or succeeded
    ///   against an operator out of the set's reach.
    /// - `Escape`: stake that must stay slashable got away: an unmatured withdrawal a slash did not reduce, a
    ///   pending decrease the slash did not see, an operator slashable by the handler's books that could not be
    ///   slashed, a decrease or deregistration that took effect (or lowered the slashable stake) at once, an
    ///   increase that became slashable before the allocation delay.
    /// - `Proportionality`: a staker or a queued withdrawal of the slashed operator lost another fraction than the
    ///   magnitude's.
    /// - `Magnitude`: a slash took another magnitude than `ceil(allocation * wad)`, left allocations other than the
    ///   model says, or the factor stopped mirroring the max magnitude.
    /// - `Bucket`: a slash put other than `floor(reachable scaled shares * magnitude taken / WAD)` in the bucket.
    /// - `Book`: a completion paid other than its preview, a release other than its bucket, or a settlement
    ///   changed an allocation in force.
    enum Violation {
        UniqueStake,
        Overreach,
        Escape,
        Proportionality,
        Magnitude,
        Bucket,
        Book
    }

    IStrategyManager internal immutable sm;
    IWithdrawalQueue internal immutable wq;
    IOperatorRegistry internal immutable registry;
    IAVSRegistry internal immutable avsRegistry;
    IAllocationManager internal immutable allocationManager;
    ISlashingCoordinator internal immutable coordinator;

    IStrategy[] internal strategies;
    address[] internal stakers;
    address[] internal operators;
    /// @dev Stakers, then operators: everyone who deposits and withdraws.
    address[] internal actors;
    OperatorSet[] internal sets;
    mapping(uint256 setIndex => IStrategy[]) internal setStrategies;
    mapping(uint256 setIndex => address) internal recipients;

    /// @dev Pending withdrawals as the events published them (abi-encoded: they hold dynamic arrays).
    bytes[] internal pending;

    /// @dev The handler's own view of registrations, to predict who is slashable where.
    mapping(address operator => mapping(uint256 setIndex => bool)) internal registered;
    mapping(address operator => mapping(uint256 setIndex => uint256)) internal slashableUntil;
    /// @dev When the last registration made the operator slashable: the end of the notice it gave.
    mapping(address operator => mapping(uint256 setIndex => uint256)) internal slashableFrom;

    // ---------------------------------------------------------------- ghosts: activity
    /// @dev Calls per action that took effect (or, for provoked refusals, were refused as they must be).
    mapping(bytes4 selector => uint256) public ghostCalls;
    /// @dev Calls per action that found nothing to do and returned without calling the protocol.
    mapping(bytes4 selector => uint256) public ghostSkips;
    /// @dev Slashes that took magnitude in at least one strategy, and slashes that took all that was left of one.
    uint256 public ghostEffectiveSlashes;
    uint256 public ghostFullSlashes;
    /// @dev Unmatured withdrawals a slash reduced; pending decreases and deregistered operators it reached.
    uint256 public ghostQueuedHits;
    uint256 public ghostPendingDecreaseHits;
    uint256 public ghostDeregisteredHits;
    /// @dev Slashes refused because the operator was out of the set's reach, as they must be.
    uint256 public ghostRefusedSlashes;
    /// @dev Completions asked as shares but made as tokens, the staker's operator being slashed below the floor.
    uint256 public ghostSharesToTokensFallbacks;

    // ---------------------------------------------------------------- ghosts: books
    mapping(IStrategy strategy => uint256) public ghostDeposited;
    /// @dev Tokens that left a strategy: completions as tokens and bucket releases.
    mapping(IStrategy strategy => uint256) public ghostWithdrawn;
    /// @dev Operations that may each leave up to a share of rounding dust in a strategy.
    mapping(IStrategy strategy => uint256) public ghostRoundings;

    // ---------------------------------------------------------------- ghosts: violations (must stay 0)
    mapping(Violation kind => uint256) public ghostViolations;
    /// @dev Which check failed last, to read in a failure message.
    string public ghostLastViolation;
    uint256 public ghostUnexpectedReverts;
    bytes public ghostLastRevert;

    constructor(
        Protocol memory protocol,
        IStrategy[] memory strategies_,
        address[] memory stakers_,
        address[] memory operators_,
        SetSpec[] memory sets_
    ) {
        sm = protocol.sm;
        wq = protocol.wq;
        registry = protocol.registry;
        avsRegistry = protocol.avsRegistry;
        allocationManager = protocol.allocationManager;
        coordinator = protocol.coordinator;
        for (uint256 i; i < strategies_.length; ++i) strategies.push(strategies_[i]);
        for (uint256 i; i < stakers_.length; ++i) {
            stakers.push(stakers_[i]);
            actors.push(stakers_[i]);
        }
        for (uint256 i; i < operators_.length; ++i) {
            operators.push(operators_[i]);
            actors.push(operators_[i]);
        }
        for (uint256 i; i < actors.length; ++i) {
            for (uint256 j; j < strategies.length; ++j) {
                // The token is read first: a prank applies to the very next call.
                IERC20 token = strategies[j].token();
                vm.prank(actors[i]);
                token.approve(address(strategies[j]), type(uint256).max);
            }
        }
        for (uint256 k; k < sets_.length; ++k) {
            SetSpec memory spec = sets_[k];
            vm.prank(spec.set.avs);
            avsRegistry.createOperatorSet(spec.set.id, spec.strategies, address(this), address(0), spec.recipient);
            sets.push(spec.set);
            for (uint256 j; j < spec.strategies.length; ++j) setStrategies[k].push(spec.strategies[j]);
            recipients[k] = spec.recipient;
        }
    }

    // ---------------------------------------------------------------- stakers

    function deposit(uint256 actorSeed, uint256 strategySeed, uint256 amount) external {
        address actor = actors[actorSeed % actors.length];
        IStrategy strategy = strategies[strategySeed % strategies.length];
        uint32 operatorId = sm.delegatedOperatorId(actor);
        // Nothing can be credited to an operator slashed below the floor (`SlashingFactorBelowFloor`).
        if (operatorId != 0 && sm.slashingFactor(operatorId, strategy) < 1e9) {
            _skip(this.deposit.selector);
            return;
        }
        amount = bound(amount, MIN_DEPOSIT, MAX_DEPOSIT);
        IMintableToken(address(strategy.token())).mint(actor, amount);

        vm.prank(actor);
        try sm.deposit(strategy, amount) {
            ghostDeposited[strategy] += amount;
            ++ghostRoundings[strategy];
            ++ghostCalls[this.deposit.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function delegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = stakers[stakerSeed % stakers.length];
        address operator = operators[operatorSeed % operators.length];
        if (sm.delegatedOperatorId(staker) != 0 || !_canReceive(staker, operator)) {
            {
                _skip(this.delegate.selector);
                return;
            }
        }
        IOperatorRegistry.ApproverSignature memory none;

        vm.prank(staker);
        try registry.delegate(operator, none, bytes32(0)) {
            _touchAll();
            ++ghostCalls[this.delegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev By the staker itself, or forced by its operator.
    function undelegate(uint256 stakerSeed, bool forced) external {
        address staker = stakers[stakerSeed % stakers.length];
        if (sm.delegatedOperatorId(staker) == 0) {
            _skip(this.undelegate.selector);
            return;
        }
        address caller = forced ? registry.delegatedTo(staker) : staker;

        vm.recordLogs();
        vm.prank(caller);
        try registry.undelegate(staker) {
            _recordQueued();
            _touchAll();
            ++ghostCalls[this.undelegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev To any operator, the current one included. The staker's stake goes to the queue first, so the new
    /// operator's factor cannot refuse it.
    function redelegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = stakers[stakerSeed % stakers.length];
        if (sm.delegatedOperatorId(staker) == 0) {
            _skip(this.redelegate.selector);
            return;
        }
        address operator = operators[operatorSeed % operators.length];
        IOperatorRegistry.ApproverSignature memory none;

        vm.recordLogs();
        vm.prank(staker);
        try registry.redelegate(operator, none, bytes32(0)) {
            _recordQueued();
            _touchAll();
            ++ghostCalls[this.redelegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev One request: part of one position, all of it (one time in three), or, one time in four, part of each
    /// strategy in one withdrawal.
    function queueWithdrawal(uint256 actorSeed, uint256 strategySeed, uint256 shares, uint256 mode) external {
        address actor = actors[actorSeed % actors.length];
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        uint256 withdrawable0 = sm.withdrawableShares(actor, strategies[0]);
        uint256 withdrawable1 = sm.withdrawableShares(actor, strategies[1]);
        if (mode % 4 == 3 && withdrawable0 != 0 && withdrawable1 != 0) {
            uint256[] memory amounts = new uint256[](2);
            amounts[0] = bound(shares, 1, withdrawable0);
            amounts[1] = bound(shares >> 128, 1, withdrawable1);
            requests[0] = IWithdrawalQueue.QueueRequest({strategies: strategies, shares: amounts});
        } else {
            IStrategy strategy = strategies[strategySeed % strategies.length];
            uint256 withdrawable = sm.withdrawableShares(actor, strategy);
            if (withdrawable == 0) {
                _skip(this.queueWithdrawal.selector);
                return;
            }
            uint256[] memory amounts = new uint256[](1);
            amounts[0] = mode % 3 == 0 ? withdrawable : bound(shares, 1, withdrawable);
            requests[0] = IWithdrawalQueue.QueueRequest({strategies: _one(strategy), shares: amounts});
        }

        vm.recordLogs();
        vm.prank(actor);
        try wq.queueWithdrawals(requests) {
            _recordQueued();
            for (uint256 j; j < requests[0].strategies.length; ++j) ++ghostRoundings[requests[0].strategies[j]];
            ++ghostCalls[this.queueWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Completes a pending withdrawal, waiting for its maturity if `wait` (otherwise an immature one is left
    /// alone). As shares, unless the staker's operator was slashed to nothing in one of its strategies, which
    /// refuses new stake: then as tokens, which always works.
    function completeWithdrawal(uint256 indexSeed, bool asTokens, bool wait) external {
        if (pending.length == 0) {
            _skip(this.completeWithdrawal.selector);
            return;
        }
        uint256 index = indexSeed % pending.length;
        IWithdrawalQueue.Withdrawal memory withdrawal = _decode(pending[index]);
        if (block.timestamp < withdrawal.maturity) {
            if (!wait) {
                _skip(this.completeWithdrawal.selector);
                return;
            }
            vm.warp(withdrawal.maturity);
        }
        (uint256[] memory expected, ) = wq.previewCompletion(withdrawal);
        if (!asTokens && !_canReceive(withdrawal, expected)) {
            asTokens = true;
            ++ghostSharesToTokensFallbacks;
        }
        uint256[] memory balancesBefore = _balances(withdrawal.strategies, withdrawal.staker);

        vm.prank(withdrawal.staker);
        try wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker) returns (uint256[] memory paid) {
            for (uint256 j; j < paid.length; ++j) {
                IStrategy strategy = withdrawal.strategies[j];
                if (paid[j] != expected[j]) _flag(Violation.Book, "completion paid other than preview");
                if (asTokens)
                    ghostWithdrawn[strategy] += strategy.token().balanceOf(withdrawal.staker) - balancesBefore[j];
                ++ghostRoundings[strategy];
            }
            pending[index] = pending[pending.length - 1];
            pending.pop();
            ++ghostCalls[this.completeWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ---------------------------------------------------------------- operators

    function registerForSet(uint256 operatorSeed, uint256 setSeed) external {
        address operator = operators[operatorSeed % operators.length];
        uint256 setIndex = setSeed % sets.length;
        // One window at a time: an operator registers again only once its last window has closed.
        if (registered[operator][setIndex] || block.timestamp < slashableUntil[operator][setIndex]) {
            _skip(this.registerForSet.selector);
            return;
        }
        OperatorSet memory set = sets[setIndex];
        // Guarantee 9: slashable only once a staker reacting now has fully withdrawn.
        uint256 from = block.timestamp + wq.withdrawalDelay() + 1;

        vm.prank(operator);
        try avsRegistry.registerForOperatorSets(set.avs, _ids(set.id), "") {
            registered[operator][setIndex] = true;
            slashableFrom[operator][setIndex] = from;
            if (
                avsRegistry.registration(operator, set).slashableFrom != from || avsRegistry.isSlashable(operator, set)
            ) {
                _flag(Violation.Escape, "a registration was slashable before the notice ended");
            }
            ++ghostCalls[this.registerForSet.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev By the operator, or an ejection by the AVS. Either way the operator stays slashable in the set, with
    /// the same slashable stake, for the withdrawal delay.
    function deregisterFromSet(uint256 operatorSeed, uint256 setSeed, bool byAVS) external {
        address operator = operators[operatorSeed % operators.length];
        uint256 setIndex = setSeed % sets.length;
        if (!registered[operator][setIndex]) {
            _skip(this.deregisterFromSet.selector);
            return;
        }
        OperatorSet memory set = sets[setIndex];
        uint256[] memory stakeBefore = _slashableStake(operator, setIndex);

        vm.prank(byAVS ? set.avs : operator);
        try avsRegistry.deregisterFromOperatorSets(operator, set.avs, _ids(set.id)) {
            registered[operator][setIndex] = false;
            slashableUntil[operator][setIndex] = block.timestamp + wq.withdrawalDelay();
            if (
                avsRegistry.isSlashable(operator, set) != _slashable(operator, setIndex) ||
                avsRegistry.slashableUntil(operator, set) != slashableUntil[operator][setIndex]
            ) _flag(Violation.Escape, "deregistration ended slashability before the withdrawal delay");
            if (!_equal(stakeBefore, _slashableStake(operator, setIndex))) {
                _flag(Violation.Escape, "deregistration lowered the slashable stake at once");
            }
            ++ghostCalls[this.deregisterFromSet.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Raises an allocation within the allocatable magnitude (all of it one time in four) or lowers it (to
    /// zero one time in four); lowers when nothing is allocatable. Skips an allocation with a change pending. An
    /// increase must not be slashable before the allocation delay; a decrease where the operator is slashable
    /// must stay slashable for the withdrawal delay; neither may change the slashable stake at once.
    function modifyAllocation(
        uint256 operatorSeed,
        uint256 setSeed,
        uint256 strategySeed,
        bool increase,
        uint256 magnitude
    ) external {
        address operator = operators[operatorSeed % operators.length];
        uint256 setIndex = setSeed % sets.length;
        IStrategy strategy = setStrategies[setIndex][strategySeed % setStrategies[setIndex].length];
        OperatorSet memory set = sets[setIndex];
        (uint64 current, , uint48 effectAt) = allocationManager.allocation(operator, set, strategy);
        uint64 allocatable = allocationManager.allocatableMagnitude(operator, strategy);
        if (effectAt != 0 || (current == 0 && allocatable == 0)) {
            _skip(this.modifyAllocation.selector);
            return;
        }
        if (allocatable == 0) increase = false;
        if (current == 0) increase = true;
        // Bits above 64 pick the extreme (all, or nothing) one time in four; an amount below 2^64 is taken as is.
        bool extreme = (magnitude >> 64) % 4 == 1;
        uint64 target;
        if (increase) target = current + uint64(extreme ? allocatable : bound(magnitude, 1, allocatable));
        else target = extreme ? 0 : uint64(bound(magnitude, 0, current - 1));
        uint256[] memory stakeBefore = _slashableStake(operator, setIndex);

        vm.prank(operator);
        try allocationManager.modifyAllocations(_params(set, strategy, target)) {
            _checkAllocationTiming(operator, setIndex, strategy, current, target);
            if (!_equal(stakeBefore, _slashableStake(operator, setIndex))) {
                _flag(Violation.Escape, "an allocation change moved the slashable stake at once");
            }
            ++ghostCalls[this.modifyAllocation.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Anyone may settle; settling never changes the allocation in force.
    function settleAllocations(uint256 operatorSeed, uint256 setSeed) external {
        address operator = operators[operatorSeed % operators.length];
        uint256 setIndex = setSeed % sets.length;
        OperatorSet memory set = sets[setIndex];
        IStrategy[] memory list = setStrategies[setIndex];
        uint64[] memory before = new uint64[](list.length);
        for (uint256 j; j < list.length; ++j) (before[j], , ) = allocationManager.allocation(operator, set, list[j]);

        try allocationManager.settleAllocations(operator, set, list) {
            for (uint256 j; j < list.length; ++j) {
                (uint64 current, , ) = allocationManager.allocation(operator, set, list[j]);
                if (current != before[j]) _flag(Violation.Book, "settling changed an allocation");
            }
            ++ghostCalls[this.settleAllocations.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ---------------------------------------------------------------- time

    /// @dev Half the time a short step (around the allocation delay), otherwise up to past the withdrawal delay.
    function warp(uint256 seconds_) external {
        uint256 step = seconds_ % 2 == 0 ? bound(seconds_ >> 1, 1, SHORT_WARP) : bound(seconds_ >> 1, 1, MAX_WARP);
        vm.warp(block.timestamp + step);
        ++ghostCalls[this.warp.selector];
    }

    // ---------------------------------------------------------------- slashing

    /// @dev Slashes a random operator in a random set (see `_slashTarget`), in a non-empty subset of the set's strategies, each by a
    /// fraction in (0, 1e18]: exactly 1e18 one time in eight, within 1e9 of it one time in eight, tiny one time in
    /// eight, otherwise up to 0.6e18. An operator out of the set's reach must be refused; any other must be
    /// slashed, and the slash is checked against the snapshot taken just before it.
    function slash(uint256 operatorSeed, uint256 setSeed, uint256 strategyMask, uint256 wadSeed) external {
        SlashSnapshot memory snap;
        (snap.operator, snap.setIndex) = _slashTarget(operatorSeed, setSeed, strategyMask >> 128);
        (snap.strategies, snap.wads) = _slashInputs(snap.setIndex, strategyMask, wadSeed);
        OperatorSet memory set = sets[snap.setIndex];
        if (!_slashable(snap.operator, snap.setIndex)) {
            _slashOutOfReach(snap);
            return;
        }
        _snapshot(snap);

        try coordinator.slash(snap.operator, set, snap.strategies, snap.wads, "invariant") returns (
            uint256,
            uint256[] memory sharesSlashed
        ) {
            if (!registered[snap.operator][snap.setIndex]) ++ghostDeregisteredHits;
            _checkMagnitudes(snap, sharesSlashed);
            _checkStakers(snap);
            _checkQueued(snap);
            _checkEverythingElse(snap);
            ++ghostCalls[this.slash.selector];
        } catch (bytes memory reason) {
            _flag(Violation.Escape, "a slashable operator could not be slashed");
            _unexpected(reason);
        }
    }

    /// @dev Releases a set's bucket of one strategy, if it holds anything: burned or sent to the set's recipient.
    function releaseSlashedFunds(uint256 setSeed, uint256 strategySeed) external {
        uint256 setIndex = setSeed % sets.length;
        IStrategy strategy = setStrategies[setIndex][strategySeed % setStrategies[setIndex].length];
        OperatorSet memory set = sets[setIndex];
        (uint256 bucket, uint48 releasableAt) = coordinator.bucket(set, strategy, _recipientOf(set));
        // A redistributing set's bucket waits out its escrow (the refusal itself is the unit tests' business).
        if (bucket == 0 || block.timestamp < releasableAt) {
            _skip(this.releaseSlashedFunds.selector);
            return;
        }
        address expectedRecipient =
            recipients[setIndex] == address(0) ? coordinator.BURN_ADDRESS() : recipients[setIndex];
        uint256 balanceBefore = strategy.token().balanceOf(expectedRecipient);
        uint256 expectedAmount = strategy.sharesToUnderlying(bucket);

        try coordinator.releaseSlashedFunds(set, strategy, _recipientOf(set)) returns (
            address recipient,
            uint256 amount
        ) {
            uint256 received = strategy.token().balanceOf(expectedRecipient) - balanceBefore;
            if (
                recipient != expectedRecipient ||
                amount != expectedAmount ||
                received != amount ||
                _slashedShares(set, strategy) != 0
            ) _flag(Violation.Book, "a release paid other than its bucket");
            ghostWithdrawn[strategy] += received;
            ++ghostRoundings[strategy];
            ++ghostCalls[this.releaseSlashedFunds.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ---------------------------------------------------------------- slashed funds

    /// @dev Where `set`'s slashed funds go now (`address(0)`: burned), the key of the bucket a slash fills.
    function _recipientOf(OperatorSet memory set) internal view returns (address) {
        return avsRegistry.operatorSetInfo(set).redistributionRecipient;
    }

    /// @dev The shares waiting in `set`'s bucket of `strategy` for the recipient in force now.
    function _slashedShares(OperatorSet memory set, IStrategy strategy) internal view returns (uint256 shares) {
        (shares, ) = coordinator.bucket(set, strategy, _recipientOf(set));
    }

    // ---------------------------------------------------------------- views for the invariants

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function stakerAt(uint256 i) external view returns (address) {
        return stakers[i];
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function operatorAt(uint256 i) external view returns (address) {
        return operators[i];
    }

    function strategyCount() external view returns (uint256) {
        return strategies.length;
    }

    function strategyAt(uint256 i) external view returns (IStrategy) {
        return strategies[i];
    }

    function setCount() external view returns (uint256) {
        return sets.length;
    }

    function setAt(uint256 i) external view returns (OperatorSet memory) {
        return sets[i];
    }

    function pendingCount() external view returns (uint256) {
        return pending.length;
    }

    function pendingWithdrawal(uint256 i) external view returns (IWithdrawalQueue.Withdrawal memory) {
        return _decode(pending[i]);
    }

    // ---------------------------------------------------------------- slash: inputs and snapshot

    /// @dev The (operator, set) the seeds name; when it is out of reach, three times in four the next one in
    /// reach instead, so that most slashes take something while some test the refusal.
    function _slashTarget(
        uint256 operatorSeed,
        uint256 setSeed,
        uint256 searchSeed
    ) internal view returns (address, uint256) {
        uint256 pairs = operators.length * sets.length;
        uint256 first = (operatorSeed % operators.length) * sets.length + (setSeed % sets.length);
        uint256 tries = searchSeed % 4 == 0 ? 1 : pairs;
        for (uint256 n; n < tries; ++n) {
            uint256 pair = (first + n) % pairs;
            if (_slashable(operators[pair / sets.length], pair % sets.length)) {
                return (operators[pair / sets.length], pair % sets.length);
            }
        }
        return (operators[first / sets.length], first % sets.length);
    }

    function _slashInputs(
        uint256 setIndex,
        uint256 strategyMask,
        uint256 wadSeed
    ) internal view returns (IStrategy[] memory chosen, uint256[] memory wads) {
        IStrategy[] storage list = setStrategies[setIndex];
        // A non-empty subset of the set's strategies.
        uint256 mask = (strategyMask % ((1 << list.length) - 1)) + 1;
        uint256 count;
        for (uint256 j; j < list.length; ++j) if (mask & (1 << j) != 0) ++count;
        chosen = new IStrategy[](count);
        wads = new uint256[](count);
        uint256 i;
        for (uint256 j; j < list.length; ++j) {
            if (mask & (1 << j) == 0) continue;
            chosen[i] = list[j];
            wads[i] = _wad(i == 0 ? wadSeed : uint256(keccak256(abi.encode(wadSeed, i))));
            ++i;
        }
    }

    function _wad(uint256 seed) internal pure returns (uint256) {
        uint256 mode = seed % 8;
        if (mode == 0) return WAD;
        if (mode == 1) return WAD - bound(seed >> 8, 1, 1e9);
        if (mode == 2) return bound(seed >> 8, 1, 1e6);
        return bound(seed >> 8, 1, 0.6e18);
    }

    /// @dev An operator the handler's books say is out of the set's reach must be refused with
    /// `OperatorNotSlashable`.
    function _slashOutOfReach(SlashSnapshot memory snap) internal {
        OperatorSet memory set = sets[snap.setIndex];
        try coordinator.slash(snap.operator, set, snap.strategies, snap.wads, "out of reach") {
            _flag(Violation.Overreach, "slashed an operator out of the set's reach");
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(
                IAVSRegistry.OperatorNotSlashable.selector,
                snap.operator,
                set.avs,
                set.id
            );
            if (keccak256(reason) != keccak256(expected)) {
                _unexpected(reason);
                return;
            }
            ++ghostRefusedSlashes;
            ++ghostCalls[this.slash.selector];
        }
    }

    function _snapshot(SlashSnapshot memory snap) internal view {
        snap.operatorId = registry.operatorId(snap.operator);
        uint256 count = snap.strategies.length;
        snap.maxBefore = new uint64[](count);
        snap.current = new uint64[](count);
        snap.pending = new uint64[](count);
        snap.effectAt = new uint48[](count);
        snap.reachable = new uint256[](count);
        snap.bucketBefore = new uint256[](count);
        snap.stakers = new uint256[][](count);
        OperatorSet memory set = sets[snap.setIndex];

        snap.delegated = new bool[](actors.length);
        for (uint256 a; a < actors.length; ++a)
            snap.delegated[a] = sm.delegatedOperatorId(actors[a]) == snap.operatorId;
        for (uint256 i; i < count; ++i) {
            IStrategy strategy = snap.strategies[i];
            snap.maxBefore[i] = allocationManager.maxMagnitude(snap.operator, strategy);
            (snap.current[i], snap.pending[i], snap.effectAt[i]) = allocationManager.allocation(
                snap.operator,
                set,
                strategy
            );
            snap.bucketBefore[i] = _slashedShares(set, strategy);
            snap.stakers[i] = new uint256[](actors.length);
            for (uint256 a; a < actors.length; ++a) {
                if (!snap.delegated[a]) continue;
                snap.stakers[i][a] = sm.withdrawableShares(actors[a], strategy);
                snap.reachable[i] += sm.scaledShares(actors[a], strategy);
            }
        }

        snap.queued = new uint256[][](pending.length);
        for (uint256 k; k < pending.length; ++k) {
            IWithdrawalQueue.Withdrawal memory withdrawal = _decode(pending[k]);
            if (withdrawal.operatorId != snap.operatorId) continue;
            (snap.queued[k], ) = wq.previewCompletion(withdrawal);
            if (withdrawal.maturity <= block.timestamp) continue;
            for (uint256 leg; leg < withdrawal.strategies.length; ++leg) {
                uint256 i = _indexOf(snap.strategies, withdrawal.strategies[leg]);
                if (i < count) snap.reachable[i] += withdrawal.scaledShares[leg];
            }
        }

        snap.slashable = new uint256[][](operators.length * sets.length);
        snap.factors = new uint256[][](operators.length);
        for (uint256 o; o < operators.length; ++o) {
            for (uint256 k; k < sets.length; ++k) {
                snap.slashable[o * sets.length + k] = _slashableStake(operators[o], k);
            }
            snap.factors[o] = _factors(operators[o]);
        }
    }

    // ---------------------------------------------------------------- slash: checks

    /// @dev Each strategy lost `ceil(allocation * wad / WAD)` of magnitude, from the allocation in force (a pending
    /// decrease is still slashable) and the max magnitude alike; a pending change kept its shape; the factor
    /// mirrors the max magnitude; the bucket received what the reachable stake lost.
    function _checkMagnitudes(SlashSnapshot memory snap, uint256[] memory sharesSlashed) internal {
        OperatorSet memory set = sets[snap.setIndex];
        bool effective;
        for (uint256 i; i < snap.strategies.length; ++i) {
            IStrategy strategy = snap.strategies[i];
            uint64 maxAfter = allocationManager.maxMagnitude(snap.operator, strategy);
            if (maxAfter > snap.maxBefore[i]) {
                _flag(Violation.Magnitude, "a slash raised the max magnitude");
                continue;
            }
            uint256 taken = snap.maxBefore[i] - maxAfter;
            uint256 expectedTaken = Math.mulDiv(snap.current[i], snap.wads[i], WAD, Math.Rounding.Ceil);
            if (taken != expectedTaken) {
                _flag(Violation.Magnitude, "magnitude taken != ceil(allocation * wad)");
                // Less than the allocation in force while a decrease was pending: the decrease escaped the slash.
                if (snap.effectAt[i] != 0 && taken < expectedTaken) {
                    _flag(Violation.Escape, "a pending decrease escaped the slash");
                }
            }
            if (taken != 0) effective = true;
            if (maxAfter == 0 && taken != 0) ++ghostFullSlashes;
            if (snap.effectAt[i] != 0 && snap.pending[i] < snap.current[i] && taken != 0) ++ghostPendingDecreaseHits;

            (uint64 current, uint64 pendingMagnitude, uint48 effectAt) = allocationManager.allocation(
                snap.operator,
                set,
                strategy
            );
            uint256 expectedPending;
            if (snap.effectAt[i] != 0) {
                expectedPending =
                    snap.pending[i] < snap.current[i]
                        ? Math.mulDiv(snap.pending[i], WAD - snap.wads[i], WAD)
                        : snap.pending[i] - expectedTaken;
            }
            if (
                current + taken != snap.current[i] ||
                pendingMagnitude != expectedPending ||
                effectAt != snap.effectAt[i]
            ) {
                _flag(Violation.Magnitude, "allocation after the slash differs from the model");
            }
            if (sm.slashingFactor(snap.operatorId, strategy) != maxAfter) {
                _flag(Violation.Magnitude, "slashing factor != max magnitude");
            }

            uint256 expectedShares = Math.mulDiv(snap.reachable[i], taken, WAD);
            if (
                sharesSlashed[i] != expectedShares ||
                _slashedShares(set, strategy) != snap.bucketBefore[i] + expectedShares
            ) _flag(Violation.Bucket, "bucket != floor(reachable scaled shares * magnitude taken)");
            ghostRoundings[strategy] += 1;
        }
        if (effective) ++ghostEffectiveSlashes;
    }

    /// @dev Every actor delegated to the operator kept `maxAfter / maxBefore` of its withdrawable shares, to within
    /// the one share that rounding down each side can cost.
    function _checkStakers(SlashSnapshot memory snap) internal {
        for (uint256 i; i < snap.strategies.length; ++i) {
            uint256 maxBefore = snap.maxBefore[i];
            uint256 maxAfter = allocationManager.maxMagnitude(snap.operator, snap.strategies[i]);
            for (uint256 a; a < actors.length; ++a) {
                if (!snap.delegated[a]) continue;
                uint256 before = snap.stakers[i][a];
                uint256 afterSlash = sm.withdrawableShares(actors[a], snap.strategies[i]);
                if (!_proportional(before, afterSlash, maxBefore, maxAfter)) {
                    _flag(Violation.Proportionality, "a staker lost another fraction than the slash's");
                }
            }
        }
    }

    /// @dev Every pending withdrawal of the operator maturing after now lost the slash's fraction, and strictly
    /// something when its stake was worth slashing at least a share; those that matured are out of its reach.
    function _checkQueued(SlashSnapshot memory snap) internal {
        for (uint256 k; k < pending.length; ++k) {
            if (snap.queued[k].length == 0) continue;
            IWithdrawalQueue.Withdrawal memory withdrawal = _decode(pending[k]);
            (uint256[] memory afterSlash, ) = wq.previewCompletion(withdrawal);
            bool reached = withdrawal.maturity > block.timestamp;
            bool hit;
            for (uint256 leg; leg < afterSlash.length; ++leg) {
                uint256 before = snap.queued[k][leg];
                uint256 i = _indexOf(snap.strategies, withdrawal.strategies[leg]);
                if (!reached || i == snap.strategies.length) {
                    if (afterSlash[leg] != before)
                        _flag(Violation.Overreach, "a slash reached a withdrawal it must not");
                    continue;
                }
                uint256 maxAfter = allocationManager.maxMagnitude(snap.operator, snap.strategies[i]);
                if (!_proportional(before, afterSlash[leg], snap.maxBefore[i], maxAfter)) {
                    _flag(Violation.Proportionality, "a queued withdrawal lost another fraction");
                }
                // Worth at least one share of slash: it must have lost something.
                if (withdrawal.scaledShares[leg] * (snap.maxBefore[i] - maxAfter) >= WAD) {
                    if (afterSlash[leg] >= before) _flag(Violation.Escape, "an unmatured withdrawal escaped a slash");
                    else hit = true;
                }
            }
            if (hit) ++ghostQueuedHits;
        }
    }

    /// @dev Nothing else moved: every other (operator, set)'s slashable stake at this second, the slashed set's
    /// stake in strategies the slash did not name, and every factor but the slashed ones.
    function _checkEverythingElse(SlashSnapshot memory snap) internal {
        for (uint256 o; o < operators.length; ++o) {
            for (uint256 k; k < sets.length; ++k) {
                uint256[] memory before = snap.slashable[o * sets.length + k];
                uint256[] memory afterSlash = _slashableStake(operators[o], k);
                bool slashedPair = operators[o] == snap.operator && k == snap.setIndex;
                for (uint256 j; j < before.length; ++j) {
                    if (slashedPair && _indexOf(snap.strategies, setStrategies[k][j]) < snap.strategies.length)
                        continue;
                    if (afterSlash[j] != before[j]) {
                        _flag(Violation.UniqueStake, "a slash changed another set's slashable stake");
                    }
                }
            }
            uint256[] memory factors = _factors(operators[o]);
            for (uint256 s; s < strategies.length; ++s) {
                bool slashed =
                    operators[o] == snap.operator && _indexOf(snap.strategies, strategies[s]) < snap.strategies.length;
                if (!slashed && factors[s] != snap.factors[o][s]) {
                    _flag(Violation.UniqueStake, "a slash changed a factor it did not name");
                }
            }
        }
    }

    /// @dev `afterSlash` is `before * maxAfter / maxBefore` rounded down, or one share more: each side is a
    /// position's scaled shares times a factor, rounded down, so the ratio holds to within one share.
    function _proportional(
        uint256 before,
        uint256 afterSlash,
        uint256 maxBefore,
        uint256 maxAfter
    ) internal pure returns (bool) {
        if (maxBefore == 0) return before == 0 && afterSlash == 0;
        uint256 expected = Math.mulDiv(before, maxAfter, maxBefore);
        return afterSlash >= expected && afterSlash <= expected + 1;
    }

    // ---------------------------------------------------------------- allocation timing

    function _checkAllocationTiming(
        address operator,
        uint256 setIndex,
        IStrategy strategy,
        uint64 previous,
        uint64 target
    ) internal {
        (uint64 current, uint64 pendingMagnitude, uint48 effectAt) = allocationManager.allocation(
            operator,
            sets[setIndex],
            strategy
        );
        uint256 delay;
        if (target > previous) {
            // The operator's delay, never shorter than the notice (guarantee 9).
            delay = registry.allocationDelayOf(registry.operatorId(operator));
            uint256 notice = wq.withdrawalDelay() + 1;
            if (delay < notice) delay = notice;
        } else if (_slashable(operator, setIndex)) {
            delay = wq.withdrawalDelay();
        }
        bool ok =
            delay == 0
                ? current == target && effectAt == 0
                : current == previous && pendingMagnitude == target && effectAt == block.timestamp + delay;
        if (!ok) _flag(Violation.Escape, "an allocation change took effect at the wrong time");
    }

    // ---------------------------------------------------------------- internal

    /// @dev Whether `operator` may take stake into its delegation from `staker`'s positions: it must not be
    /// slashed below the floor (1e9) in any of them.
    function _canReceive(address staker, address operator) internal view returns (bool) {
        uint32 id = registry.operatorId(operator);
        for (uint256 s; s < strategies.length; ++s) {
            if (sm.scaledShares(staker, strategies[s]) != 0 && sm.slashingFactor(id, strategies[s]) < 1e9) return false;
        }
        return true;
    }

    /// @dev Whether completing `withdrawal` as shares can credit its staker's current operator.
    function _canReceive(
        IWithdrawalQueue.Withdrawal memory withdrawal,
        uint256[] memory shares
    ) internal view returns (bool) {
        uint32 id = sm.delegatedOperatorId(withdrawal.staker);
        if (id == 0) return true;
        for (uint256 j; j < shares.length; ++j) {
            if (shares[j] != 0 && sm.slashingFactor(id, withdrawal.strategies[j]) < 1e9) return false;
        }
        return true;
    }

    /// @dev Whether the handler's books say `operator` can be slashed in set `setIndex` now.
    function _slashable(address operator, uint256 setIndex) internal view returns (bool) {
        return
            block.timestamp >= slashableFrom[operator][setIndex] &&
            (registered[operator][setIndex] || block.timestamp < slashableUntil[operator][setIndex]);
    }

    function _slashableStake(address operator, uint256 setIndex) internal view returns (uint256[] memory) {
        return
            allocationManager.slashableStake(
                operator,
                sets[setIndex],
                setStrategies[setIndex],
                uint48(block.timestamp)
            );
    }

    function _factors(address operator) internal view returns (uint256[] memory factors) {
        uint32 id = registry.operatorId(operator);
        factors = new uint256[](strategies.length);
        for (uint256 s; s < strategies.length; ++s) factors[s] = sm.slashingFactor(id, strategies[s]);
    }

    /// @dev Records every withdrawal announced in the logs since `vm.recordLogs()`.
    function _recordQueued() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(wq) && logs[i].topics[0] == IWithdrawalQueue.WithdrawalQueued.selector) {
                pending.push(logs[i].data);
            }
        }
    }

    function _touchAll() internal {
        for (uint256 s; s < strategies.length; ++s) ++ghostRoundings[strategies[s]];
    }

    function _balances(IStrategy[] memory list, address account) internal view returns (uint256[] memory balances) {
        balances = new uint256[](list.length);
        for (uint256 j; j < list.length; ++j) balances[j] = list[j].token().balanceOf(account);
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

    function _ids(uint32 id) internal pure returns (uint32[] memory ids) {
        ids = new uint32[](1);
        ids[0] = id;
    }

    /// @dev The index of `strategy` in `list`, or `list.length` if absent.
    function _indexOf(IStrategy[] memory list, IStrategy strategy) internal pure returns (uint256 i) {
        while (i < list.length && address(list[i]) != address(strategy)) ++i;
    }

    function _equal(uint256[] memory a, uint256[] memory b) internal pure returns (bool) {
        if (a.length != b.length) return false;
        for (uint256 i; i < a.length; ++i) if (a[i] != b[i]) return false;
        return true;
    }

    function _decode(bytes memory encoded) internal pure returns (IWithdrawalQueue.Withdrawal memory) {
        return abi.decode(encoded, (IWithdrawalQueue.Withdrawal));
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
