// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {ScaledShares} from "../libraries/ScaledShares.sol";
import {PauseControl} from "../mixins/PauseControl.sol";
import {SignatureDomain} from "../mixins/SignatureDomain.sol";

/// @title StrategyManager
/// @notice Stakers' deposits and positions. See `IStrategyManager`.
contract StrategyManager is IStrategyManager, UUPSUpgradeable, PauseControl, SignatureDomain, ReentrancyGuardTransient {
    // ------------------------------------------------------------------ storage

    /// @dev A staker's header, packed in one slot (160 + 8 + 56 + 32 bits): a new staker's first deposit, signed
    /// or not, writes one new slot of bookkeeping beside its position instead of three.
    /// - `firstStrategy`, `strategyCount`: the head of the staker's strategy list and its length;
    /// - `nonce`: the nonce of the staker's next deposit signature;
    /// - `operatorId`: the operator the staker is delegated to, as the id the operator registry hands out; 0 while
    ///   the staker is not delegated.
    struct StakerAccount {
        IStrategy firstStrategy;
        uint8 strategyCount;
        uint56 nonce;
        uint32 operatorId;
    }

    /// @dev A staker's position in one strategy, packed in one slot. It repeats the staker's `operatorId` so that a
    /// repeat deposit learns whose delegated stake (and slashing factor) it touches from the slot it reads anyway;
    /// invariant: every non-zero position carries its staker's current `operatorId`.
    struct Position {
        uint224 scaledShares;
        uint32 operatorId;
    }

    /// @custom:storage-location erc7201:palisade.storage.StrategyManager
    struct StrategyManagerStorage {
        mapping(IStrategy strategy => StrategyConfig) strategyConfig;
        mapping(address staker => StakerAccount) accounts;
        /// @dev Strategies 2 to `strategyCount` of a staker's list, at indices 1 to `strategyCount - 1`.
        mapping(address staker => mapping(uint256 index => IStrategy)) laterStrategies;
        /// @dev Invariant: a strategy is in a staker's list exactly when the staker's position in it is not zero.
        mapping(address staker => mapping(IStrategy strategy => Position)) positions;
        /// @dev Invariant: an operator's stake in a strategy is the sum of the positions carrying its id.
        mapping(uint32 operatorId => mapping(IStrategy strategy => OperatorStake)) operatorStake;
        /// @dev Every change of an operator's `magnitudeLost` in a strategy, in order, with the time it took
        /// effect, so that a withdrawal is paid at the slashing factor in force when it matured, not at today's.
        /// Its length is `OperatorStake.historyLength`, in the slot a slash writes anyway.
        mapping(uint32 operatorId => mapping(IStrategy strategy => mapping(uint256 index => FactorChange))) magnitudeLostHistory;
    }

    /// @dev One entry of `magnitudeLostHistory`: from `at` on, the operator had lost `magnitudeLost`.
    struct FactorChange {
        uint48 at;
        uint64 magnitudeLost;
    }

    /// @dev An operator's delegated stake in one strategy and its slashing factor, packed in one slot (168 + 64 +
    /// 24 bits): a deposit by a delegated staker reads and writes one slot more than an undelegated one, and a slash
    /// writes its history entry and nothing else besides.
    /// - `scaledShares`: the sum of the scaled shares of the positions delegated to the operator (up to 3.7e50);
    /// - `magnitudeLost`: WAD minus the operator's slashing factor; 0, the value of a fresh slot, means never
    ///   slashed (factor WAD);
    /// - `historyLength`: the number of entries in `magnitudeLostHistory`. Filling it takes 16.7 million slashes of
    ///   one operator in one strategy, in as many different seconds, each a transaction: no slasher can afford to
    ///   fill it to stop other sets' slashes.
    struct OperatorStake {
        uint168 scaledShares;
        uint64 magnitudeLost;
        uint24 historyLength;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.StrategyManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STRATEGY_MANAGER_STORAGE =
        0x1238334f1195e71d5a84319c8ac73bb0002e0e24c04e09024dc4043cc7843b00;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IStrategyManager
    uint8 public constant PAUSE_DEPOSITS = 0;
    /// @inheritdoc IStrategyManager
    uint8 public constant PAUSE_SIGNED_DEPOSITS = 1;
    /// @inheritdoc IStrategyManager
    uint256 public constant MAX_STAKER_STRATEGIES = 32;
    /// @inheritdoc IStrategyManager
    bytes32 public constant DEPOSIT_TYPEHASH = keccak256(
        "Deposit(address staker,address strategy,uint256 amount,uint256 nonce,uint256 expiry)"
    );

    /// @inheritdoc IStrategyManager
    // Immutable (in the implementation's code) so that checking the caller costs no storage read. Wiring a new
    // withdrawal queue is an upgrade, decided by governance like any other.
    address public immutable withdrawalQueue;
    /// @inheritdoc IStrategyManager
    address public immutable operatorRegistry;
    /// @inheritdoc IStrategyManager
    address public immutable allocationManager;
    /// @inheritdoc IStrategyManager
    address public immutable slashingCoordinator;

    modifier onlyWithdrawalQueue() {
        if (msg.sender != withdrawalQueue) revert OnlyWithdrawalQueue(msg.sender);
        _;
    }

    modifier onlyOperatorRegistry() {
        if (msg.sender != operatorRegistry) revert OnlyOperatorRegistry(msg.sender);
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(
        address withdrawalQueue_,
        address operatorRegistry_,
        address allocationManager_,
        address slashingCoordinator_
    ) {
        withdrawalQueue = withdrawalQueue_;
        operatorRegistry = operatorRegistry_;
        allocationManager = allocationManager_;
        slashingCoordinator = slashingCoordinator_;
        _disableInitializers();
    }

    /// @notice Sets the owner and the pauser behind the proxy.
    function initialize(address initialOwner, address initialPauser) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
    }

    // ------------------------------------------------------------------ stakers

    /// @inheritdoc IStrategyManager
    function deposit(
        IStrategy strategy,
        uint256 amount
    ) external nonReentrant whenNotPaused(PAUSE_DEPOSITS) returns (uint256 shares) {
        return _deposit(msg.sender, msg.sender, strategy, amount);
    }

    /// @inheritdoc IStrategyManager
    function depositWithSignature(
        IStrategy strategy,
        uint256 amount,
        address staker,
        uint256 expiry,
        bytes calldata signature
    )
        external
        nonReentrant
        whenNotPaused(PAUSE_DEPOSITS)
        whenNotPaused(PAUSE_SIGNED_DEPOSITS)
        returns (uint256 shares)
    {
        if (block.timestamp > expiry) revert SignatureExpired(expiry, block.timestamp);
        StakerAccount storage account = _storage().accounts[staker];
        uint56 nonce = account.nonce;
        bytes32 digest = _depositDigest(staker, strategy, amount, nonce, expiry);
        if (!_isValidSignature(staker, digest, signature)) revert InvalidSignature(staker, digest);

        // The nonce is spent before any token moves, so the signature cannot be replayed from a token callback.
        // Cannot overflow: 2^56 signed deposits by one staker would cost more gas than any chain will ever burn.
        unchecked {
            account.nonce = nonce + 1;
        }
        emit DepositSignatureUsed(staker, nonce, msg.sender);
        return _deposit(msg.sender, staker, strategy, amount);
    }

    // ------------------------------------------------------------------ operator registry

    /// @inheritdoc IStrategyManager
    function delegate(address staker, uint32 operatorId) external onlyOperatorRegistry nonReentrant {
        StrategyManagerStorage storage $ = _storage();
        StakerAccount storage account = $.accounts[staker];
        uint32 current = account.operatorId;
        if (current != 0) revert StakerAlreadyDelegated(staker, current);
        if (operatorId == 0) revert InvalidOperatorId(operatorId);
        account.operatorId = operatorId;

        // An undelegated position's scaled shares are strategy shares (factor WAD); they are rescaled at the
        // operator's factor, rounding down, and join its stake. At most 32 positions.
        IStrategy[] memory strategies = stakerStrategies(staker);
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            uint256 shares = $.positions[staker][strategy].scaledShares;
            uint256 scaled = _addOperatorStake($, operatorId, strategy, shares);
            $.positions[staker][strategy] = Position({
                scaledShares: SafeCast.toUint224(scaled),
                operatorId: operatorId
            });
        }
    }

    /// @inheritdoc IStrategyManager
    function undelegate(
        address staker
    )
        external
        onlyOperatorRegistry
        nonReentrant
        returns (uint32 operatorId, IStrategy[] memory strategies, uint256[] memory scaled)
    {
        StrategyManagerStorage storage $ = _storage();
        StakerAccount storage account = $.accounts[staker];
        operatorId = account.operatorId;
        if (operatorId == 0) revert NotDelegated(staker);

        // Every position leaves at once, as scaled shares of the operator it leaves: the withdrawal queue keeps
        // them slashable by that operator's slashes until they mature. At most 32 positions.
        strategies = stakerStrategies(staker);
        scaled = new uint256[](strategies.length);
        mapping(IStrategy => Position) storage positions = $.positions[staker];
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            uint256 amount = positions[strategy].scaledShares;
            scaled[i] = amount;
            delete positions[strategy];
            if (i != 0) delete $.laterStrategies[staker][i];
            _subOperatorStake($, operatorId, strategy, amount);
            emit SharesRemoved(staker, strategy, amount);
        }
        account.firstStrategy = IStrategy(address(0));
        account.strategyCount = 0;
        account.operatorId = 0;
    }

    // ------------------------------------------------------------------ withdrawal queue

    /// @inheritdoc IStrategyManager
    function removeShares(
        address staker,
        IStrategy strategy,
        uint256 shares
    ) external onlyWithdrawalQueue nonReentrant returns (uint256 scaled, uint32 operatorId) {
        if (shares == 0) revert ZeroShares();
        StrategyManagerStorage storage $ = _storage();
        Position memory position = $.positions[staker][strategy];
        operatorId = position.operatorId;
        uint256 factor = _currentFactor($, operatorId, strategy);
        uint256 available = ScaledShares.toSharesDown(position.scaledShares, factor);
        if (shares > available) revert InsufficientShares(staker, strategy, shares, available);

        // Any amount is debited rounded up, at most the position since `shares` is at most what it is worth. A
        // withdrawal that would leave dust worth no withdrawable share takes the whole position instead, so the
        // strategy leaves the list: dust no request could ever take out must not hold a place in it.
        scaled = ScaledShares.toScaledUp(shares, factor);
        if (ScaledShares.toSharesDown(position.scaledShares - scaled, factor) == 0) scaled = position.scaledShares;
        // Cannot underflow: `scaled` is at most the position, as argued above.
        unchecked {
            uint256 remaining = position.scaledShares - scaled;
            if (remaining == 0) {
                delete $.positions[staker][strategy];
                _removeFromList($, staker, strategy);
            } else {
                $.positions[staker][strategy].scaledShares = uint224(remaining);
            }
        }
        if (operatorId != 0) _subOperatorStake($, operatorId, strategy, scaled);
        emit SharesRemoved(staker, strategy, scaled);
    }

    /// @inheritdoc IStrategyManager
    function addShares(
        address staker,
        IStrategy strategy,
        uint256 shares
    ) external onlyWithdrawalQueue nonReentrant returns (uint256 scaled) {
        if (shares == 0) revert ZeroShares();
        StrategyManagerStorage storage $ = _storage();
        Position memory position = $.positions[staker][strategy];
        if (position.scaledShares == 0) position.operatorId = _enterStrategy($, staker, strategy);

        scaled = _credit($, staker, strategy, position, shares);
        emit SharesAdded(staker, strategy, shares, scaled);
    }

    /// @inheritdoc IStrategyManager
    function withdrawSharesAsTokens(
        IStrategy strategy,
        address recipient,
        uint256 shares
    ) external nonReentrant returns (uint256 amount) {
        if (msg.sender != withdrawalQueue && msg.sender != slashingCoordinator) {
            revert OnlyWithdrawalQueueOrCoordinator(msg.sender);
        }
        if (shares == 0) revert ZeroShares();
        amount = strategy.withdraw(recipient, shares);
        emit SharesWithdrawnAsTokens(strategy, recipient, shares, amount);
    }

    // ------------------------------------------------------------------ allocation manager

    /// @inheritdoc IStrategyManager
    function slashOperator(
        uint32 operatorId,
        IStrategy strategy,
        uint64 maxMagnitude
    ) external returns (uint256 delegatedScaledShares) {
        if (msg.sender != allocationManager) revert OnlyAllocationManager(msg.sender);
        OperatorStake memory stake = _storage().operatorStake[operatorId][strategy];
        uint256 factor = ScaledShares.WAD - stake.magnitudeLost;
        if (maxMagnitude > factor) revert SlashingFactorIncrease(operatorId, strategy, factor, maxMagnitude);
        // Cannot underflow: `maxMagnitude` is at most the factor, itself at most WAD.
        unchecked {
            _setMagnitudeLost(operatorId, strategy, uint64(ScaledShares.WAD - maxMagnitude));
        }
        return stake.scaledShares;
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IStrategyManager
    function addStrategiesToWhitelist(IStrategy[] calldata strategies) external onlyOwner {
        StrategyManagerStorage storage $ = _storage();
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            StrategyConfig storage config = $.strategyConfig[strategy];
            if (config.whitelisted) revert StrategyAlreadyWhitelisted(strategy);
            address manager = _readAddress(strategy, IStrategy.strategyManager.selector);
            if (manager != address(this)) revert StrategyManagerMismatch(strategy, manager);
            if (_readAddress(strategy, IStrategy.token.selector).code.length == 0) revert InvalidStrategy(strategy);

            config.whitelisted = true;
            emit StrategyWhitelisted(strategy);
        }
    }

    /// @inheritdoc IStrategyManager
    function removeStrategiesFromWhitelist(IStrategy[] calldata strategies) external onlyOwner {
        StrategyManagerStorage storage $ = _storage();
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            if (!$.strategyConfig[strategy].whitelisted) revert StrategyNotWhitelisted(strategy);
            $.strategyConfig[strategy].whitelisted = false;
            emit StrategyRemovedFromWhitelist(strategy);
        }
    }

    /// @inheritdoc IStrategyManager
    function setDepositCaps(IStrategy strategy, uint120 maxPerDeposit, uint128 maxTotalDeposits) external onlyOwner {
        if (maxPerDeposit != 0 && maxTotalDeposits != 0 && maxPerDeposit > maxTotalDeposits) {
            revert InvalidDepositCaps(maxPerDeposit, maxTotalDeposits);
        }
        StrategyConfig storage config = _storage().strategyConfig[strategy];
        config.maxPerDeposit = maxPerDeposit;
        config.maxTotalDeposits = maxTotalDeposits;
        emit DepositCapsSet(strategy, maxPerDeposit, maxTotalDeposits);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IStrategyManager
    function strategyConfig(IStrategy strategy) external view returns (StrategyConfig memory) {
        return _storage().strategyConfig[strategy];
    }

    /// @inheritdoc IStrategyManager
    function isStrategyWhitelisted(IStrategy strategy) external view returns (bool) {
        return _storage().strategyConfig[strategy].whitelisted;
    }

    /// @inheritdoc IStrategyManager
    function nonces(address staker) external view returns (uint256) {
        return _storage().accounts[staker].nonce;
    }

    /// @inheritdoc IStrategyManager
    function stakerStrategies(address staker) public view returns (IStrategy[] memory strategies) {
        StrategyManagerStorage storage $ = _storage();
        StakerAccount memory account = $.accounts[staker];
        strategies = new IStrategy[](account.strategyCount);
        if (account.strategyCount == 0) return strategies;
        strategies[0] = account.firstStrategy;
        for (uint256 i = 1; i < account.strategyCount; ++i) {
            strategies[i] = $.laterStrategies[staker][i];
        }
    }

    /// @inheritdoc IStrategyManager
    function stakerStrategyCount(address staker) external view returns (uint256) {
        return _storage().accounts[staker].strategyCount;
    }

    /// @inheritdoc IStrategyManager
    function scaledShares(address staker, IStrategy strategy) external view returns (uint256) {
        return _storage().positions[staker][strategy].scaledShares;
    }

    /// @inheritdoc IStrategyManager
    function withdrawableShares(address staker, IStrategy strategy) external view returns (uint256) {
        StrategyManagerStorage storage $ = _storage();
        return _withdrawable($, $.positions[staker][strategy], strategy);
    }

    /// @inheritdoc IStrategyManager
    function delegatedOperatorId(address staker) external view returns (uint32) {
        return _storage().accounts[staker].operatorId;
    }

    /// @inheritdoc IStrategyManager
    function operatorStake(
        uint32 operatorId,
        IStrategy strategy
    ) external view returns (uint256 scaled, uint256 shares) {
        StrategyManagerStorage storage $ = _storage();
        scaled = $.operatorStake[operatorId][strategy].scaledShares;
        shares = ScaledShares.toSharesDown(scaled, _currentFactor($, operatorId, strategy));
    }

    /// @inheritdoc IStrategyManager
    function slashingFactor(uint32 operatorId, IStrategy strategy) external view returns (uint256) {
        return _currentFactor(_storage(), operatorId, strategy);
    }

    /// @inheritdoc IStrategyManager
    function slashingFactorAt(uint32 operatorId, IStrategy strategy, uint48 timestamp) external view returns (uint256) {
        if (operatorId == 0) return ScaledShares.WAD;
        StrategyManagerStorage storage $ = _storage();
        mapping(uint256 => FactorChange) storage history = $.magnitudeLostHistory[operatorId][strategy];
        // The last change at or before `timestamp`, by binary search; none (never slashed then) means factor WAD.
        uint256 low;
        uint256 high = $.operatorStake[operatorId][strategy].historyLength;
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (history[mid].at > timestamp) high = mid;
            else low = mid + 1;
        }
        return low == 0 ? ScaledShares.WAD : ScaledShares.WAD - history[low - 1].magnitudeLost;
    }

    /// @inheritdoc IStrategyManager
    function stakerPositions(
        address staker
    ) external view returns (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) {
        strategies = stakerStrategies(staker);
        scaled = new uint256[](strategies.length);
        withdrawable = new uint256[](strategies.length);
        StrategyManagerStorage storage $ = _storage();
        for (uint256 i; i < strategies.length; ++i) {
            Position memory position = $.positions[staker][strategies[i]];
            scaled[i] = position.scaledShares;
            withdrawable[i] = _withdrawable($, position, strategies[i]);
        }
    }

    /// @inheritdoc IStrategyManager
    function depositDigest(
        address staker,
        IStrategy strategy,
        uint256 amount,
        uint256 nonce,
        uint256 expiry
    ) external view returns (bytes32) {
        return _depositDigest(staker, strategy, amount, nonce, expiry);
    }

    // ------------------------------------------------------------------ internal

    /// @dev Checks, then the vault's token transfer, then the position; the whole call is under `nonReentrant`,
    /// so a token callback cannot act on the half-done deposit through this contract.
    function _deposit(
        address from,
        address staker,
        IStrategy strategy,
        uint256 amount
    ) private returns (uint256 shares) {
        if (amount == 0) revert ZeroDepositAmount();
        StrategyManagerStorage storage $ = _storage();
        StrategyConfig memory config = $.strategyConfig[strategy];
        if (!config.whitelisted) revert StrategyNotWhitelisted(strategy);
        if (config.maxPerDeposit != 0 && amount > config.maxPerDeposit) {
            revert PerDepositCapExceeded(strategy, amount, config.maxPerDeposit);
        }
        Position memory position = $.positions[staker][strategy];
        if (position.scaledShares == 0) position.operatorId = _enterStrategy($, staker, strategy);

        shares = strategy.deposit(
            from,
            amount,
            config.maxTotalDeposits == 0 ? type(uint256).max : config.maxTotalDeposits
        );
        uint256 scaled = _credit($, staker, strategy, position, shares);
        emit Deposited(staker, strategy, amount, shares, scaled);
    }

    /// @dev Adds `shares` to `position` as scaled shares, at the slashing factor of the position's operator, and
    /// raises that operator's delegated stake by as much: the one place where a credit reaches the delegation layer.
    function _credit(
        StrategyManagerStorage storage $,
        address staker,
        IStrategy strategy,
        Position memory position,
        uint256 shares
    ) private returns (uint256 scaled) {
        uint32 operatorId = position.operatorId;
        scaled = operatorId == 0 ? shares : _addOperatorStake($, operatorId, strategy, shares);
        Position storage stored = $.positions[staker][strategy];
        stored.scaledShares = SafeCast.toUint224(position.scaledShares + scaled);
        // An existing position carries its operator id already; a new one of an undelegated staker carries 0.
        if (position.scaledShares == 0 && operatorId != 0) stored.operatorId = operatorId;
    }

    /// @dev Converts `shares` to scaled shares at `operatorId`'s factor in `strategy`, rounding down, adds them to
    /// the operator's stake and returns them.
    function _addOperatorStake(
        StrategyManagerStorage storage $,
        uint32 operatorId,
        IStrategy strategy,
        uint256 shares
    ) private returns (uint256 scaled) {
        OperatorStake storage stake = $.operatorStake[operatorId][strategy];
        OperatorStake memory current = stake;
        uint256 factor = ScaledShares.WAD - current.magnitudeLost;
        // Below the floor, a slash's rounding up to a whole unit of magnitude could take far more than its fraction
        // of what is credited now (see `ScaledShares`); at zero every scaled share would be worth nothing.
        if (factor < ScaledShares.MIN_CREDIT_FACTOR) {
            revert SlashingFactorBelowFloor(operatorId, strategy, factor, ScaledShares.MIN_CREDIT_FACTOR);
        }
        scaled = ScaledShares.toScaledDown(shares, factor);
        uint256 total = current.scaledShares + scaled;
        stake.scaledShares = SafeCast.toUint168(total);
        emit OperatorStakeChanged(operatorId, strategy, total);
    }

    /// @dev Takes `scaled` from `operatorId`'s stake in `strategy`. Cannot underflow while the stake is the sum of
    /// its positions, each of which is at least what is taken from it; checked arithmetic says so loudly if not.
    function _subOperatorStake(
        StrategyManagerStorage storage $,
        uint32 operatorId,
        IStrategy strategy,
        uint256 scaled
    ) private {
        OperatorStake storage stake = $.operatorStake[operatorId][strategy];
        uint256 total = stake.scaledShares - scaled;
        // Safe cast: below the stored uint168 it came from.
        stake.scaledShares = uint168(total);
        emit OperatorStakeChanged(operatorId, strategy, total);
    }

    /// @dev Sets `operatorId`'s lost magnitude in `strategy` (its slashing factor is WAD minus it) and records the
    /// change in its history. `slashOperator` is the only caller.
    function _setMagnitudeLost(uint32 operatorId, IStrategy strategy, uint64 magnitudeLost) internal {
        StrategyManagerStorage storage $ = _storage();
        OperatorStake storage stake = $.operatorStake[operatorId][strategy];
        uint256 length = stake.historyLength;
        mapping(uint256 => FactorChange) storage history = $.magnitudeLostHistory[operatorId][strategy];
        // Safe cast: timestamps fit 48 bits for millions of years.
        uint48 at = uint48(block.timestamp);
        // Two changes in one second are one: the later overwrites the earlier.
        if (length != 0 && history[length - 1].at == at) {
            history[length - 1].magnitudeLost = magnitudeLost;
        } else {
            if (length == type(uint24).max) revert SlashingHistoryFull(operatorId, strategy);
            history[length] = FactorChange({at: at, magnitudeLost: magnitudeLost});
            // Safe cast: below the maximum, checked above.
            stake.historyLength = uint24(length + 1);
        }
        stake.magnitudeLost = magnitudeLost;
        emit SlashingFactorChanged(operatorId, strategy, ScaledShares.WAD - magnitudeLost);
    }

    /// @dev Appends `strategy` to `staker`'s list, which must have room, and returns the staker's operator id for
    /// the new position. Runs before any external call, so a full list fails before tokens move.
    function _enterStrategy(
        StrategyManagerStorage storage $,
        address staker,
        IStrategy strategy
    ) private returns (uint32 operatorId) {
        StakerAccount storage account = $.accounts[staker];
        uint8 count = account.strategyCount;
        if (count >= MAX_STAKER_STRATEGIES) revert TooManyStrategies(staker, MAX_STAKER_STRATEGIES);
        if (count == 0) account.firstStrategy = strategy;
        else $.laterStrategies[staker][count] = strategy;
        // Cannot overflow: `count` is below MAX_STAKER_STRATEGIES (32).
        unchecked {
            account.strategyCount = count + 1;
        }
        return account.operatorId;
    }

    /// @dev Swap-and-pop removal of `strategy` from `staker`'s list. The list holds at most 32 entries.
    function _removeFromList(StrategyManagerStorage storage $, address staker, IStrategy strategy) private {
        StakerAccount storage account = $.accounts[staker];
        mapping(uint256 => IStrategy) storage later = $.laterStrategies[staker];
        uint256 last;
        // Cannot underflow: the strategy is in the list (its position was not zero), so the count is at least one.
        unchecked {
            last = account.strategyCount - 1;
        }
        if (address(account.firstStrategy) == address(strategy)) {
            account.firstStrategy = last == 0 ? IStrategy(address(0)) : later[last];
        } else {
            uint256 i = 1;
            while (address(later[i]) != address(strategy)) ++i;
            if (i != last) later[i] = later[last];
        }
        if (last != 0) delete later[last];
        // Safe cast: `last` is below the count, itself a uint8.
        account.strategyCount = uint8(last);
    }

    /// @dev Calls the address-returning view `selector` of `strategy`. A plain call would revert without a reason on
    /// an account without code or a contract without that function (the return data fails to decode in this
    /// frame); both become `InvalidStrategy` instead.
    function _readAddress(IStrategy strategy, bytes4 selector) private view returns (address) {
        if (address(strategy).code.length == 0) revert InvalidStrategy(strategy);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(strategy).staticcall(abi.encodeWithSelector(selector));
        if (!ok || data.length != 32) revert InvalidStrategy(strategy);
        // Decoded as a word and checked by hand: `abi.decode` as an address would revert without data on a word
        // with bits above the 160th.
        uint256 word = abi.decode(data, (uint256));
        if (word >> 160 != 0) revert InvalidStrategy(strategy);
        return address(uint160(word));
    }

    function _withdrawable(
        StrategyManagerStorage storage $,
        Position memory position,
        IStrategy strategy
    ) private view returns (uint256) {
        return ScaledShares.toSharesDown(position.scaledShares, _currentFactor($, position.operatorId, strategy));
    }

    /// @dev Today's slashing factor of positions held under `operatorId` in `strategy`; WAD for undelegated ones.
    function _currentFactor(
        StrategyManagerStorage storage $,
        uint32 operatorId,
        IStrategy strategy
    ) private view returns (uint256) {
        if (operatorId == 0) return ScaledShares.WAD;
        return ScaledShares.WAD - $.operatorStake[operatorId][strategy].magnitudeLost;
    }

    function _depositDigest(
        address staker,
        IStrategy strategy,
        uint256 amount,
        uint256 nonce,
        uint256 expiry
    ) private view returns (bytes32) {
        return _hashTypedData(keccak256(abi.encode(DEPOSIT_TYPEHASH, staker, strategy, amount, nonce, expiry)));
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_DEPOSITS) | (1 << PAUSE_SIGNED_DEPOSITS);
    }

    function _domainName() internal pure override returns (string memory) {
        return "Palisade StrategyManager";
    }

    function _domainVersion() internal pure override returns (string memory) {
        return "1";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (StrategyManagerStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STRATEGY_MANAGER_STORAGE
        }
    }
}
