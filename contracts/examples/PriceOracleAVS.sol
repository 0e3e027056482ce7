// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IEquivocationSlasher} from "../interfaces/IEquivocationSlasher.sol";
import {IOperatorSetRegistrar} from "../interfaces/IOperatorSetRegistrar.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";

/// @title PriceOracleAVS
/// @notice An example AVS, the one `docs/AVS_GUIDE.md` walks through: a price oracle whose operators report a price
/// each round and which publishes the stake-weighted median of their reports. It shows the two hooks an AVS wires
/// into Palisade (a registrar hook that vets operators, and the `EquivocationSlasher` as the set's slasher) and the
/// rules that keep a minority of dishonest operators from capturing the price.
///
/// Rounds are tied to time. Round `r` covers `[startTime + r * roundDuration, startTime + (r + 1) * roundDuration)`,
/// `startTime` being the deployment's time. Reports are accepted for the round in progress only (`currentRound`),
/// never for a past or a future round, so a round's reports are final once it is over, and so is its price.
///
/// A report is a price in `(0, maxPrice]` for the round in progress, signed by an operator's key and relayed by
/// anyone (`submitPrice`). The key signs the EIP-712 `Attestation(round, keccak256(abi.encode(price)))` of the set's
/// `EquivocationSlasher`, so two different prices signed by one key for one round are the proof anyone can submit to
/// have the operator slashed. A report is accepted only when:
/// - the key is its operator's current signing key with the slasher in force (`signingKeyOf(operator) == key`, so a
///   rotated-out key is refused) and was never punished (`isKeyPunished`);
/// - the operator is registered in the oracle's set, and its registration was slashable when the round began (its
///   `slashableFrom` is at or before the round's start): whoever reports in a round had stake at risk for all of it;
/// - the operator has not reported in the round yet;
/// - the operator's stake weight now is at least `minimumStake`. It is the report's weight.
///
/// Stake weight. Shares of different strategies are not comparable (a share of a wstETH strategy and one of a USDC
/// strategy are worth very different amounts), so the AVS gives each of its set's strategies a weight when it
/// creates the set: the weight of 1e18 shares, in a unit of its choosing (say 1e18 per US dollar). An operator's
/// stake weight at time `t` is `sum(slashableStake_i(t) * strategyWeight_i / 1e18)` over the set's strategies,
/// each term rounded down: the stake the oracle's set could slash at `t`, valued by the AVS.
///
/// The published price (`priceOf`) is the lower stake-weighted median of a round's reports: sort them by price, and
/// take the lowest price at or below which the reports carry at least half the round's total weight. With equal
/// weights and an even count, that is the lower of the two middle prices. The price is always one an operator
/// reported (nothing is averaged), so it lies within the bounds and no arithmetic on prices can overflow.
/// Why a minority cannot move it: let the honest reports lie in `[lo, hi]` and carry more than half the round's
/// weight. Reports below `lo` are all dishonest and carry less than half, so no price below `lo` gathers half the
/// weight; the reports at or below `hi` include every honest one, so `hi` gathers more than half. The median lies in
/// `[lo, hi]` whatever the dishonest minority reports.
///
/// Quorum. A round's price is published only if at least `quorum` operators reported in it. The median trusts that
/// honest operators carry most of the weight of those who report; the quorum keeps a round in which most operators
/// were silent (an outage, a censored mempool) from publishing the word of a few. It is a count rather than a share
/// of the set's stake because the set's total stake at a past time cannot be read on chain.
///
/// Bounded work. At most `maxOperators` (never more than `MAX_OPERATORS`) operators are registered at a time: the
/// registrar hook refuses more, so no loop here grows with what strangers do. Since a report needs a registration
/// that was slashable at the round's start, every operator that reports in a round was registered when the round
/// began, so a round holds at most `MAX_OPERATORS` reports and `priceOf` sorts at most that many.
///
/// Stake checks. The registrar hook admits an operator only if its stake weight at the time its registration
/// becomes slashable (`slashableFrom`, after the notice) is at least `minimumStake`: a registration is not slashable
/// before that, so stake counted earlier would not be at risk. Every report checks the minimum again, now: stake
/// that left, was deallocated or was slashed since the registration no longer counts.
///
/// Slashing. The set's slasher and redistribution recipient is the `EquivocationSlasher`: slashed funds wait in the
/// coordinator's escrow, then anyone releases them to the slasher (`releaseSlashedFunds(set, strategy, slasher)`),
/// which pays the reporter its bounty, capped at what the operator's own stake lost, and the treasury the rest.
/// @dev The contract is the AVS: it registers itself in the AVSRegistry and owns its set. Deployment order: this
/// contract, `registerAVS`, the `EquivocationSlasher` for (this, `ORACLE_SET_ID`), then `createOracleSet`, which
/// creates the set with the slasher as both slasher and redistribution recipient.
/// Warning:
/// - Honest majority by weight: the price is as good as the operators that carry most of the weight of a round's
///   reports. Only equivocation is slashed; a price that is merely wrong is outvoted, not punished.
/// - Seats are first come, first served: a party with enough stake can take every seat. The owner can eject an
///   operator (`ejectOperator`), which cannot register again until its slashable window is over (the withdrawal
///   delay), and can raise the seat count. An operator that falls below the minimum keeps its seat (it cannot
///   report) until it leaves or is ejected.
/// - A round without quorum has no price: consumers handle `QuorumNotReached` (read an earlier round, or stop).
/// - The owner (the AVS team, a two-step `Ownable`) sets `minimumStake` and `maxOperators`, ejects operators and
///   migrates the slasher (after the core's notice). The bounds, the rounds, the quorum and the strategy weights are
///   fixed: a round's price never depends on a later decision.
contract PriceOracleAVS is IOperatorSetRegistrar, Ownable2Step {
    /// @notice The oracle's settings, given at deployment.
    /// @param minimumStake The least stake weight an operator needs to join and to report (at least 1; the owner
    /// can change it).
    /// @param maxOperators How many operators may be registered at once, from `quorum` to `MAX_OPERATORS` (the
    /// owner can change it).
    /// @param quorum How many reports a round needs to have a price, at least 1. Fixed.
    /// @param roundDuration A round's length in seconds, at least 1. Fixed.
    /// @param maxPrice The highest price a report may carry; the lowest is 1. Fixed.
    struct Parameters {
        uint256 minimumStake;
        uint256 maxOperators;
        uint256 quorum;
        uint256 roundDuration;
        uint256 maxPrice;
    }

    /// @notice One report of a round: the price and the reporter's stake weight when it reported.
    struct Report {
        uint256 price;
        uint256 stakeWeight;
    }

    // ------------------------------------------------------------------ constants and immutables

    /// @notice The id of the oracle's one operator set.
    uint32 public constant ORACLE_SET_ID = 0;
    /// @notice The most operators `maxOperators` may allow, hence the most reports a round can hold.
    uint256 public constant MAX_OPERATORS = 32;
    /// @notice The most strategies the oracle's set may hold (as many as an `EquivocationSlasher` slashes).
    uint256 public constant MAX_STRATEGIES = 8;
    /// @notice The largest strategy weight. With it, no sum of weights can overflow, whatever the stake: the core
    /// keeps an operator's slashable stake below 2^193 shares, so a weight of at most 1e34 (< 2^113) per 1e18
    /// (> 2^59) shares makes each strategy's term below 2^247, an operator's weight (at most 8 strategies) below
    /// 2^250 and a round's total weight (at most 32 reports) below 2^255.
    uint256 public constant MAX_STRATEGY_WEIGHT = 1e34;
    uint256 private constant WAD = 1e18;

    /// @notice The AVS registry, the only caller of the registrar hook.
    IAVSRegistry public immutable avsRegistry;
    /// @notice The AllocationManager, asked for operators' slashable stake.
    IAllocationManager public immutable allocationManager;
    /// @notice When round 0 began: the deployment's time.
    uint256 public immutable startTime;
    /// @notice A round's length, in seconds.
    uint256 public immutable roundDuration;
    /// @notice The highest price a report may carry; the lowest is 1.
    uint256 public immutable maxPrice;
    /// @notice How many reports a round needs to have a price.
    uint256 public immutable quorum;

    // ------------------------------------------------------------------ storage

    /// @notice The least stake weight an operator needs to join and to report.
    uint256 public minimumStake;
    /// @notice How many operators may be registered at once.
    uint256 public maxOperators;
    /// @notice How many operators are registered (the hooks keep it).
    uint256 public activeOperators;
    /// @notice Whether `operator` is registered, as the hooks saw it: it holds one of the `maxOperators` seats.
    mapping(address operator => bool) public isActive;

    /// @dev The set's strategies and their weights, index by index, written once by `createOracleSet`.
    IStrategy[] private _strategies;
    uint256[] private _strategyWeights;
    /// @dev Each round's reports, in arrival order, and who reported.
    mapping(uint64 round => Report[]) private _reports;
    mapping(uint64 round => mapping(address operator => bool)) private _reported;

    // ------------------------------------------------------------------ errors

    /// @notice The registrar hook was called by {caller}, not by the AVS registry.
    /// @custom:title Only the AVS registry may call the oracle's hooks
    /// @custom:hint Register through the AVS registry.
    error NotAVSRegistry(address caller);
    /// @notice The oracle's hook was called for set {setId:id} of AVS {avs}, not for the oracle's own set.
    /// @dev The hook was called for a set other than the oracle's (`avs`, `setId`).
    /// @custom:title The hook was called for another set
    /// @custom:hint Install the oracle as the registrar of its own set only (set 0 of the oracle).
    /// @custom:argument setId
    error NotOracleSet(address avs, uint32 setId);
    /// @notice The oracle's operator set was created already.
    /// @custom:title The oracle's set exists already
    /// @custom:hint Nothing to do: the set exists.
    error OracleSetExists();
    /// @notice Slasher {slasher} slashes in set {setId:id} of AVS {avs}, not in the oracle's set 0 of this oracle.
    /// @custom:title The slasher was built for another set
    /// @custom:hint Deploy an EquivocationSlasher for (this oracle, set 0) and create the oracle's set with it.
    /// @custom:argument slasher
    error SlasherForAnotherSet(address slasher, address avs, uint32 setId);
    /// @notice The oracle's set was given {count} strategies; it takes between 1 and {max}.
    /// @custom:title The oracle's set needs between one and eight strategies
    /// @custom:hint Give the set at least one strategy and at most eight.
    /// @custom:argument strategies
    error InvalidStrategyCount(uint256 count, uint256 max);
    /// @notice {strategies} strategies were given with {weights} weights.
    /// @dev `strategies` strategies were given with `weights` weights: one weight per strategy is needed.
    /// @custom:title One weight per strategy
    /// @custom:hint Give exactly one weight per strategy, in the same order.
    /// @custom:argument strategyWeights
    error StrategyWeightsLengthMismatch(uint256 strategies, uint256 weights);
    /// @notice Strategy {strategy} was given a weight of {weight}; a weight is the value of 1e18 shares and lies
    /// between 1 and {max}.
    /// @custom:title A strategy's weight is out of range
    /// @custom:hint Give each strategy a weight from 1 to 1e34: what 1e18 of its shares are worth in the oracle's unit.
    /// @custom:argument strategyWeights
    error InvalidStrategyWeight(IStrategy strategy, uint256 weight, uint256 max);
    /// @notice The oracle's rounds were given a length of 0 seconds.
    /// @dev A round of `roundDuration` seconds: a round lasts at least one second.
    /// @custom:title A round cannot last zero seconds
    /// @custom:hint Give rounds a length of at least one second.
    /// @custom:argument roundDuration
    error InvalidRoundDuration(uint256 roundDuration);
    /// @notice The oracle's highest accepted price was set to 0.
    /// @dev The highest price is 0: no report could be accepted.
    /// @custom:title The highest price must be at least 1
    /// @custom:hint Set the highest price operators may report to at least 1, in the price's own units.
    /// @custom:argument maxPrice
    error InvalidMaxPrice(uint256 maxPrice);
    /// @notice A quorum of {quorum} reports was asked for with {maxOperators} seats.
    /// @dev A quorum of `quorum` reports with `maxOperators` seats: the quorum lies in `[1, maxOperators]`.
    /// @custom:title The quorum does not fit the seats
    /// @custom:hint Choose a quorum between 1 and the number of seats.
    /// @custom:argument quorum
    error InvalidQuorum(uint256 quorum, uint256 maxOperators);
    /// @notice {maxOperators} seats were asked for; they must be at least the quorum ({quorum}) and at most {limit}.
    /// @dev `maxOperators` seats: they lie in `[quorum, limit]`.
    /// @custom:title The number of seats is out of range
    /// @custom:hint Choose a number of seats between the quorum and 32.
    /// @custom:argument maxOperators
    error InvalidMaxOperators(uint256 maxOperators, uint256 quorum, uint256 limit);
    /// @notice The oracle's minimum stake was set to 0: an operator with nothing at risk could report.
    /// @dev A minimum stake of 0: every reporter must have stake at risk.
    /// @custom:title The minimum stake must be at least 1
    /// @custom:hint Set a minimum stake weight of at least 1, so that every reporter has stake at risk.
    /// @custom:argument minimumStake
    error MinimumStakeZero();
    /// @notice All {maxOperators} seats of the oracle are taken.
    /// @custom:title Every seat of the oracle is taken
    /// @custom:hint Wait for an operator to leave, or ask the oracle's team to add seats or eject an operator.
    error OracleFull(uint256 maxOperators);
    /// @notice Operator {operator} has a stake weight of {stake} at {timestamp:time}, below the minimum of {minimum}.
    /// @custom:title The operator's stake weight is below the oracle's minimum
    /// @custom:hint Allocate more to the oracle's set or attract more delegated stake, and keep it there; for a
    /// registration the stake counts when the registration becomes slashable.
    /// @custom:argument operator
    error StakeBelowMinimum(address operator, uint256 stake, uint256 minimum, uint256 timestamp);
    /// @notice A report was signed for round {round:id}, and the round in progress is {currentRound:id}.
    /// @dev A report for `round` while round `currentRound` is in progress: only the round in progress is open.
    /// @custom:title Only the round in progress takes reports
    /// @custom:hint Sign and submit a price for the round in progress (`currentRound()`).
    /// @custom:argument round
    error RoundNotOpen(uint64 round, uint64 currentRound);
    /// @notice A price of {price} was reported; the oracle accepts prices from 1 to {maxPrice}.
    /// @dev A price of `price`: reports lie in `[1, maxPrice]`.
    /// @custom:title The price is outside the oracle's bounds
    /// @custom:hint Check the price's units and decimals: it must lie between 1 and the oracle's `maxPrice`.
    /// @custom:argument price
    error PriceOutOfBounds(uint256 price, uint256 maxPrice);
    /// @notice The report's signature recovers key {key}, which no operator registered with the oracle's slasher.
    /// @dev The report is signed by `key`, which belongs to no operator (or the signature is not over this round and
    /// price).
    /// @custom:title The report is signed by no registered key
    /// @custom:hint Sign with your registered key, for this round and price, under the domain of the slasher in force.
    /// @custom:argument signature
    error UnknownKey(address key);
    /// @notice Key {key} of operator {operator} was replaced by {currentKey}.
    /// @dev The report is signed by `key`, a key `operator` rotated out: its current key is `currentKey`.
    /// @custom:title The report is signed with a key the operator rotated out
    /// @custom:hint Sign with the operator's current key.
    /// @custom:argument signature
    error RetiredKey(address key, address operator, address currentKey);
    /// @notice Key {key} of operator {operator} was punished for equivocation: nothing it signs counts.
    /// @custom:title The report is signed with a punished key
    /// @custom:hint Register a new signing key with the slasher and sign with it.
    /// @custom:argument signature
    error PunishedKey(address key, address operator);
    /// @notice Operator {operator} is not registered in the oracle's set.
    /// @custom:title The report's operator is not in the oracle's set
    /// @custom:hint Register in the oracle's set 0 first.
    /// @custom:argument operator
    error OperatorNotRegistered(address operator);
    /// @notice Operator {operator} is slashable in the oracle's set from {slashableFrom:time}, after round {round:id}
    /// began ({roundStart:time}).
    /// @dev `operator`'s registration is slashable from `slashableFrom`, after `round` began at `roundStart`: it
    /// reports from the first round that begins at or after `slashableFrom`.
    /// @custom:title The operator was not slashable when the round began
    /// @custom:hint Report from the first round that starts at or after the registration became slashable.
    /// @custom:argument round
    error NotSlashableAtRoundStart(address operator, uint64 round, uint48 slashableFrom, uint256 roundStart);
    /// @notice Operator {operator} has already reported for round {round:id}.
    /// @custom:title The operator has reported for this round already
    /// @custom:hint Report once per round; wait for the next one.
    /// @custom:argument round
    error AlreadyReported(address operator, uint64 round);
    /// @notice Round {round:id} ends at {endsAt:time}; its price is final only then.
    /// @dev `round` is not over: it ends at `endsAt`.
    /// @custom:title The round is not over
    /// @custom:hint Read the round's price once it has ended.
    /// @custom:argument round
    error RoundNotOver(uint64 round, uint256 endsAt);
    /// @notice Round {round:id} has {reports} reports, and a price needs {quorum}.
    /// @custom:title Too few operators reported for the round
    /// @custom:hint Read another round, one enough operators reported for.
    /// @custom:argument round
    error QuorumNotReached(uint64 round, uint256 reports, uint256 quorum);

    // ------------------------------------------------------------------ events

    /// @notice The minimum stake weight to join and to report is now `minimumStake`.
    event MinimumStakeSet(uint256 minimumStake);
    /// @notice At most `maxOperators` operators may now be registered at once.
    event MaxOperatorsSet(uint256 maxOperators);
    /// @notice The oracle's set holds `strategies`, weighted by `weights` (per 1e18 shares).
    event StrategyWeightsSet(IStrategy[] strategies, uint256[] weights);
    /// @notice `operator` reported `price` for `round` with a stake weight of `stakeWeight`.
    event PriceReported(uint64 indexed round, address indexed operator, uint256 price, uint256 stakeWeight);

    /// @param avsRegistry_ The AVSRegistry.
    /// @param allocationManager_ The AllocationManager.
    /// @param owner_ The AVS team, which creates the set and may change `minimumStake` and `maxOperators`.
    /// @param parameters The oracle's settings (see `Parameters`).
    constructor(
        IAVSRegistry avsRegistry_,
        IAllocationManager allocationManager_,
        address owner_,
        Parameters memory parameters
    ) Ownable(owner_) {
        if (parameters.roundDuration == 0) revert InvalidRoundDuration(parameters.roundDuration);
        if (parameters.maxPrice == 0) revert InvalidMaxPrice(parameters.maxPrice);
        if (parameters.quorum == 0 || parameters.quorum > parameters.maxOperators) {
            revert InvalidQuorum(parameters.quorum, parameters.maxOperators);
        }
        avsRegistry = avsRegistry_;
        allocationManager = allocationManager_;
        startTime = block.timestamp;
        roundDuration = parameters.roundDuration;
        maxPrice = parameters.maxPrice;
        quorum = parameters.quorum;
        _setMaxOperators(parameters.maxOperators, parameters.quorum);
        _setMinimumStake(parameters.minimumStake);
    }

    // ------------------------------------------------------------------ the AVS team

    /// @notice Registers this contract as an AVS.
    function registerAVS(string calldata metadataURI) external onlyOwner {
        avsRegistry.registerAVS(metadataURI);
    }

    /// @notice Creates the oracle's set over `strategies_`, weighted by `weights` (the weight of 1e18 shares of each,
    /// at most `MAX_STRATEGY_WEIGHT`), slashed by `slasher_`, which also receives the slashed funds to pay reporters
    /// their bounty and the treasury the rest. The registry refuses a strategy named twice.
    function createOracleSet(
        IEquivocationSlasher slasher_,
        IStrategy[] calldata strategies_,
        uint256[] calldata weights
    ) external onlyOwner {
        // The set is created with at least one strategy, so an empty list means no set yet.
        if (_strategies.length != 0) revert OracleSetExists();
        uint256 count = strategies_.length;
        if (count == 0 || count > MAX_STRATEGIES) revert InvalidStrategyCount(count, MAX_STRATEGIES);
        if (weights.length != count) revert StrategyWeightsLengthMismatch(count, weights.length);
        for (uint256 i; i < count; ++i) {
            if (weights[i] == 0 || weights[i] > MAX_STRATEGY_WEIGHT) {
                revert InvalidStrategyWeight(strategies_[i], weights[i], MAX_STRATEGY_WEIGHT);
            }
        }
        _checkSlasher(slasher_);

        _strategies = strategies_;
        _strategyWeights = weights;
        emit StrategyWeightsSet(strategies_, weights);
        avsRegistry.createOperatorSet(ORACLE_SET_ID, strategies_, address(slasher_), address(this), address(slasher_));
    }

    /// @notice Moves the set to a new `EquivocationSlasher`, the documented way: `newSlasher` becomes both the set's
    /// slasher and its redistribution recipient after the core's notice (`IAVSRegistry.scheduleSlasher`). Until then
    /// reports are checked against the current slasher; operators register their keys with `newSlasher` meanwhile
    /// (it accepts them as the pending recipient), or cannot report once it takes over.
    /// @return effectAt When `newSlasher` takes over.
    function scheduleSlasherMigration(IEquivocationSlasher newSlasher) external onlyOwner returns (uint48 effectAt) {
        _checkSlasher(newSlasher);
        return avsRegistry.scheduleSlasher(ORACLE_SET_ID, address(newSlasher), address(newSlasher));
    }

    /// @notice Sets the minimum stake weight for registrations and reports from now on (at least 1).
    function setMinimumStake(uint256 minimumStake_) external onlyOwner {
        _setMinimumStake(minimumStake_);
    }

    /// @notice Sets how many operators may be registered at once, from `quorum` to `MAX_OPERATORS`. Lowering it
    /// below `activeOperators` ejects no one: it only stops new registrations until enough operators have left.
    function setMaxOperators(uint256 maxOperators_) external onlyOwner {
        _setMaxOperators(maxOperators_, quorum);
    }

    /// @notice Deregisters `operator` from the oracle's set, freeing its seat. It stays slashable for the withdrawal
    /// delay, and cannot register again before that.
    function ejectOperator(address operator) external onlyOwner {
        uint32[] memory setIds = new uint32[](1);
        setIds[0] = ORACLE_SET_ID;
        avsRegistry.deregisterFromOperatorSets(operator, address(this), setIds);
    }

    // ------------------------------------------------------------------ the registrar hook

    /// @inheritdoc IOperatorSetRegistrar
    /// @dev The registry records the registration before calling, so its `slashableFrom` is known: the stake that
    /// counts is the stake at risk from then on, given the allocations and withdrawals pending now.
    function onRegister(address operator, address avs, uint32 setId, bytes calldata) external {
        _checkCaller(avs, setId);
        if (activeOperators >= maxOperators) revert OracleFull(maxOperators);
        uint48 slashableFrom = avsRegistry.registration(operator, oracleSet()).slashableFrom;
        uint256 weight = stakeWeight(operator, slashableFrom);
        if (weight < minimumStake) revert StakeBelowMinimum(operator, weight, minimumStake, slashableFrom);

        isActive[operator] = true;
        ++activeOperators;
    }

    /// @inheritdoc IOperatorSetRegistrar
    /// @dev A read and two storage writes: well within the gas the registry grants a deregistration hook.
    function onDeregister(address operator, address avs, uint32 setId) external {
        _checkCaller(avs, setId);
        // Every registration went through `onRegister`; the check keeps the count right even if one did not.
        if (!isActive[operator]) return;
        isActive[operator] = false;
        --activeOperators;
    }

    // ------------------------------------------------------------------ operators

    /// @notice Records `price` for `round`, the round in progress, signed by a registered operator's current key;
    /// anyone may relay it.
    /// @param signature The key's EIP-712 signature over `Attestation(round, priceHash(price))` under the domain of
    /// the set's slasher in force (`slasher().attestationDigest(round, priceHash(price))`).
    /// @dev Requirements, in this order: `round` is `currentRound()` (`RoundNotOpen`); `price` in `[1, maxPrice]`
    /// (`PriceOutOfBounds`); the signature is valid ECDSA (OpenZeppelin's `ECDSAInvalidSignature...`) by a key of
    /// some operator (`UnknownKey`), its current key (`RetiredKey`), never punished (`PunishedKey`); the operator
    /// registered (`OperatorNotRegistered`) and slashable since the round began (`NotSlashableAtRoundStart`); no
    /// earlier report of it in the round (`AlreadyReported`); its stake weight now at least `minimumStake`
    /// (`StakeBelowMinimum`).
    /// Effects: appends the report with that weight; emits `PriceReported`.
    function submitPrice(uint64 round, uint256 price, bytes calldata signature) external {
        uint64 current = currentRound();
        if (round != current) revert RoundNotOpen(round, current);
        if (price == 0 || price > maxPrice) revert PriceOutOfBounds(price, maxPrice);
        IEquivocationSlasher slasher_ = slasher();
        address key = ECDSA.recoverCalldata(slasher_.attestationDigest(round, priceHash(price)), signature);
        address operator = slasher_.operatorOfKey(key);
        if (operator == address(0)) revert UnknownKey(key);
        address currentKey = slasher_.signingKeyOf(operator);
        if (key != currentKey) revert RetiredKey(key, operator, currentKey);
        if (slasher_.isKeyPunished(key)) revert PunishedKey(key, operator);
        IAVSRegistry.RegistrationInfo memory registration = avsRegistry.registration(operator, oracleSet());
        if (!registration.registered) revert OperatorNotRegistered(operator);
        uint256 roundStart = roundStartsAt(round);
        if (registration.slashableFrom > roundStart) {
            revert NotSlashableAtRoundStart(operator, round, registration.slashableFrom, roundStart);
        }
        if (_reported[round][operator]) revert AlreadyReported(operator, round);
        // Safe cast: timestamps fit 48 bits for millions of years.
        uint256 weight = stakeWeight(operator, uint48(block.timestamp));
        if (weight < minimumStake) revert StakeBelowMinimum(operator, weight, minimumStake, block.timestamp);

        _reported[round][operator] = true;
        _reports[round].push(Report({price: price, stakeWeight: weight}));
        emit PriceReported(round, operator, price, weight);
    }

    // ------------------------------------------------------------------ views

    /// @notice The price published for `round`, a round that is over: the lower stake-weighted median of its
    /// reports. Also returns how many reports it had and their total weight.
    /// @dev Reverts with `RoundNotOver` while the round is in progress (or in the future), and `QuorumNotReached`
    /// when fewer than `quorum` operators reported. Sorts at most `MAX_OPERATORS` reports in memory: about 300,000
    /// gas with 32 reports in the worst order (an on-chain consumer that reads a round often can keep the result).
    function priceOf(uint64 round) external view returns (uint256 price, uint256 reports, uint256 totalWeight) {
        uint256 endsAt = roundStartsAt(round) + roundDuration;
        if (block.timestamp < endsAt) revert RoundNotOver(round, endsAt);
        Report[] memory list = _reports[round];
        reports = list.length;
        if (reports < quorum) revert QuorumNotReached(round, reports, quorum);

        _sortByPrice(list);
        for (uint256 i; i < reports; ++i) {
            totalWeight += list[i].stakeWeight;
        }
        // The first price at or below which the reports carry at least half the total weight. The last report
        // always qualifies, so the loop always sets `price`. Compared as `atOrBelow >= total - atOrBelow` rather
        // than `2 * atOrBelow >= total`, so that nothing is doubled.
        uint256 atOrBelow;
        for (uint256 i; i < reports; ++i) {
            atOrBelow += list[i].stakeWeight;
            if (atOrBelow >= totalWeight - atOrBelow) {
                price = list[i].price;
                break;
            }
        }
    }

    /// @notice The round in progress.
    function currentRound() public view returns (uint64) {
        // Safe cast: the time since deployment in seconds fits 64 bits for billions of years.
        return uint64((block.timestamp - startTime) / roundDuration);
    }

    /// @notice When `round` begins; it ends when `round + 1` begins.
    function roundStartsAt(uint64 round) public view returns (uint256) {
        return startTime + uint256(round) * roundDuration;
    }

    /// @notice `operator`'s stake weight at `timestamp` (now or later; earlier times read as now): the stake the
    /// oracle's set could slash then, per strategy, times the strategy's weight per 1e18 shares, rounded down.
    /// Zero when the operator is not slashable in the set then.
    function stakeWeight(address operator, uint48 timestamp) public view returns (uint256 weight) {
        IStrategy[] memory list = _strategies;
        uint256[] memory shares = allocationManager.slashableStake(operator, oracleSet(), list, timestamp);
        for (uint256 i; i < list.length; ++i) {
            // Rounded down, against the operator. Cannot overflow: see `MAX_STRATEGY_WEIGHT`.
            weight += Math.mulDiv(shares[i], _strategyWeights[i], WAD);
        }
    }

    /// @notice The set's slasher in force, whose key registry and attestation domain reports use.
    function slasher() public view returns (IEquivocationSlasher) {
        return IEquivocationSlasher(avsRegistry.operatorSetInfo(oracleSet()).slasher);
    }

    /// @notice Whether `operator` reported for `round`.
    function hasReported(uint64 round, address operator) external view returns (bool) {
        return _reported[round][operator];
    }

    /// @notice How many operators reported for `round`.
    function reportCount(uint64 round) external view returns (uint256) {
        return _reports[round].length;
    }

    /// @notice The payload hash an operator's key signs for `price`.
    function priceHash(uint256 price) public pure returns (bytes32) {
        return keccak256(abi.encode(price));
    }

    /// @notice The oracle's operator set.
    function oracleSet() public view returns (OperatorSet memory) {
        return OperatorSet({avs: address(this), id: ORACLE_SET_ID});
    }

    /// @notice The strategies the oracle's set slashes.
    function strategies() external view returns (IStrategy[] memory) {
        return _strategies;
    }

    /// @notice The weight of 1e18 shares of each of `strategies()`, in the same order.
    function strategyWeights() external view returns (uint256[] memory) {
        return _strategyWeights;
    }

    // ------------------------------------------------------------------ internal

    function _setMinimumStake(uint256 minimumStake_) private {
        if (minimumStake_ == 0) revert MinimumStakeZero();
        minimumStake = minimumStake_;
        emit MinimumStakeSet(minimumStake_);
    }

    /// @dev Takes the quorum as an argument: the constructor cannot have a function read an immutable.
    function _setMaxOperators(uint256 maxOperators_, uint256 quorum_) private {
        if (maxOperators_ < quorum_ || maxOperators_ > MAX_OPERATORS) {
            revert InvalidMaxOperators(maxOperators_, quorum_, MAX_OPERATORS);
        }
        maxOperators = maxOperators_;
        emit MaxOperatorsSet(maxOperators_);
    }

    /// @dev A slasher built for another set could never slash in this one.
    function _checkSlasher(IEquivocationSlasher slasher_) private view {
        OperatorSet memory set = slasher_.operatorSet();
        if (set.avs != address(this) || set.id != ORACLE_SET_ID) {
            revert SlasherForAnotherSet(address(slasher_), set.avs, set.id);
        }
    }

    function _checkCaller(address avs, uint32 setId) private view {
        if (msg.sender != address(avsRegistry)) revert NotAVSRegistry(msg.sender);
        if (avs != address(this) || setId != ORACLE_SET_ID) revert NotOracleSet(avs, setId);
    }

    /// @dev Sorts `list` by price, ascending: an insertion sort, the simplest for at most `MAX_OPERATORS` items.
    function _sortByPrice(Report[] memory list) private pure {
        for (uint256 i = 1; i < list.length; ++i) {
            Report memory item = list[i];
            uint256 j = i;
            while (j > 0 && list[j - 1].price > item.price) {
                list[j] = list[j - 1];
                --j;
            }
            list[j] = item;
        }
    }
}
