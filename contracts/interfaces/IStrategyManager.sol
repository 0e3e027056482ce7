// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IStrategyManager
/// @notice Entry point for stakers' deposits and custodian of every staker's shares.
///
/// Governance whitelists strategies (one vault per token, see `IStrategy`) and caps how much each may take, per
/// deposit and in total. A staker deposits tokens into a whitelisted strategy directly, or anyone deposits on a
/// staker's behalf with the staker's EIP-712 signature. The staker's position in each strategy is kept as scaled
/// shares (see `ScaledShares`): strategy shares divided by the slashing factor of the staker's operator when they
/// were credited, so that one write to an operator's factor slashes all its stakers at once. A staker who is not
/// delegated has a factor of WAD (1e18), and scaled shares equal strategy shares. The withdrawal queue is the only
/// way out: it alone may debit positions and turn shares back into tokens.
///
/// Bounded list: a staker holds shares in at most `MAX_STAKER_STRATEGIES` (32) strategies at once. Delegating,
/// undelegating and slashing-aware withdrawals walk that list, so the bound keeps those calls below roughly a
/// million gas whatever the staker does. A strategy leaves the list when its position returns to zero.
/// @dev Warning:
/// - Deposits and signed deposits have their own pause bits (`PAUSE_DEPOSITS`, `PAUSE_SIGNED_DEPOSITS`); neither
///   affects the functions the withdrawal queue uses, so pausing deposits never traps funds.
/// - Removing a strategy from the whitelist stops new deposits only; existing shares stay withdrawable.
/// - Signed deposits take the tokens from the caller, not from the staker: the staker's signature authorises
///   being credited (and the nonce use), nothing else.
/// - Whitelisting checks that a strategy answers to this manager and holds a token with code, not that its code
///   is honest: a strategy custodies its depositors' tokens, so governance whitelists only strategies it has
///   reviewed (the StrategyFactory's clones of the audited implementation, as a rule).
interface IStrategyManager is IPauseControl {
    /// @notice Governance's settings for one strategy, packed in one storage slot.
    /// @param whitelisted Whether deposits into the strategy are accepted.
    /// @param maxPerDeposit The largest amount of tokens a single deposit may bring; 0 means no cap.
    /// @param maxTotalDeposits The largest token balance the strategy may reach through deposits; 0 means no cap.
    struct StrategyConfig {
        bool whitelisted;
        uint120 maxPerDeposit;
        uint128 maxTotalDeposits;
    }

    /// @notice Strategy {strategy} is not on the whitelist, so it does not accept deposits.
    /// @custom:title The strategy does not accept deposits
    /// @custom:hint Deposit into a whitelisted strategy (`isStrategyWhitelisted`), or ask governance to whitelist this
    /// one.
    /// @custom:argument strategy
    error StrategyNotWhitelisted(IStrategy strategy);
    /// @notice Strategy {strategy} is already on the whitelist.
    /// @custom:title The strategy is already whitelisted
    /// @custom:hint Leave it out of the call: nothing needs to change.
    /// @custom:argument strategy
    error StrategyAlreadyWhitelisted(IStrategy strategy);
    /// @notice Strategy {strategy} answers to the StrategyManager at {strategyManager}, not to this one.
    /// @custom:title The strategy belongs to another StrategyManager
    /// @custom:hint Whitelist only strategies made by this deployment's StrategyFactory (`strategyOf(token)`).
    /// @custom:argument strategy
    error StrategyManagerMismatch(IStrategy strategy, address strategyManager);
    /// @notice {strategy} is not a strategy vault: it has no code, or its token has none (a strategy implementation
    /// rather than one of its clones, for instance).
    /// @dev `strategy` is not a strategy vault: it has no code, or its token has none (a strategy implementation rather
    /// than one of its clones, for instance).
    /// @custom:title The address is not a strategy vault
    /// @custom:hint Pass the strategy the StrategyFactory deployed for the token (`strategyOf(token)`), not the token
    /// or the implementation.
    /// @custom:argument strategy
    error InvalidStrategy(IStrategy strategy);
    /// @notice The deposit is of zero tokens.
    /// @custom:title The deposit is of zero tokens
    /// @custom:hint Deposit a positive amount.
    /// @custom:argument amount
    error ZeroDepositAmount();
    /// @notice A deposit of {amount:tokens} into strategy {strategy} exceeds its per-deposit cap of
    /// {maxPerDeposit:tokens}.
    /// @custom:title The deposit exceeds the strategy's per-deposit cap
    /// @custom:hint Deposit at most {maxPerDeposit:tokens|the cap} at a time: split the deposit into several.
    /// @custom:argument amount
    error PerDepositCapExceeded(IStrategy strategy, uint256 amount, uint256 maxPerDeposit);
    /// @notice A per-deposit cap of {maxPerDeposit:tokens} is larger than the total cap of {maxTotalDeposits:tokens}.
    /// @dev The caps would allow a single deposit (`maxPerDeposit`) larger than the total (`maxTotalDeposits`). Never
    /// raised when either cap is 0 (no cap).
    /// @custom:title The per-deposit cap is above the total cap
    /// @custom:hint Set a per-deposit cap no larger than the total cap (0 means no cap for either).
    /// @custom:argument maxPerDeposit
    error InvalidDepositCaps(uint256 maxPerDeposit, uint256 maxTotalDeposits);
    /// @notice Staker {staker} already holds shares in {maxStrategies} strategies, the most a staker may hold at once.
    /// @custom:title The staker holds the most strategies it may
    /// @custom:hint Withdraw a whole position from another strategy first, use a strategy the staker already holds, or
    /// complete the withdrawal as tokens.
    /// @custom:argument strategy
    error TooManyStrategies(address staker, uint256 maxStrategies);
    /// @notice The staker's deposit signature expired at {expiry:time}.
    /// @custom:title The staker's deposit signature has expired
    /// @custom:hint Have the staker sign a new deposit authorisation with a later expiry.
    /// @custom:argument expiry
    error SignatureExpired(uint256 expiry, uint256 currentTime);
    /// @notice The signature is not {signer}'s over deposit digest {digest}: another signer, or other deposit details
    /// (strategy, amount, nonce, expiry, chain).
    /// @dev The signature does not come from `signer` (ECDSA, or EIP-1271 for a contract) for `digest`.
    /// @custom:title The deposit signature is not the staker's
    /// @custom:hint Have the staker sign again, over its current nonce (`nonces(staker)`) and exactly this strategy,
    /// amount and expiry.
    /// @custom:argument signature
    error InvalidSignature(address signer, bytes32 digest);
    /// @notice Only the withdrawal queue may call this function (it moves stake, and tells the AVS registry of every
    /// change of the withdrawal delay); {caller} is not it.
    /// @custom:title Only the withdrawal queue may call this
    /// @custom:hint Withdraw through the withdrawal queue (queue the withdrawal, then complete it); the delay's copy in
    /// the AVS registry follows governance's `setWithdrawalDelay` on its own.
    error OnlyWithdrawalQueue(address caller);
    /// @notice Only the OperatorRegistry may call this function (delegation and undelegation go through it); {caller}
    /// is not it.
    /// @custom:title Only the OperatorRegistry may call this
    /// @custom:hint Delegate and undelegate through the OperatorRegistry.
    error OnlyOperatorRegistry(address caller);
    /// @notice Only the AllocationManager may lower slashing factors; {caller} is not it.
    /// @custom:title Only the AllocationManager may call this
    /// @custom:hint This function is called by Palisade's own contracts only: use the public entry point (the SDK
    /// action or `palisade` command) instead.
    error OnlyAllocationManager(address caller);
    /// @notice Only the withdrawal queue and the SlashingCoordinator may withdraw shares as tokens; {caller} is
    /// neither.
    /// @custom:title Only the withdrawal queue or the SlashingCoordinator may call this
    /// @custom:hint Withdraw through the withdrawal queue (queue the withdrawal, then complete it), and release slashed
    /// funds through the SlashingCoordinator.
    error OnlyWithdrawalQueueOrCoordinator(address caller);
    /// @notice A slash would raise operator {operatorId:id}'s slashing factor in strategy {strategy} from {factor:wad}
    /// to {maxMagnitude:wad}, and slashes may only lower it.
    /// @dev A slash may only lower a slashing factor: `maxMagnitude` is above the current `factor`.
    /// @custom:title A slash would raise a slashing factor
    /// @custom:hint This should not happen through Palisade's public entry points: report it to the Palisade team with
    /// the transaction.
    error SlashingFactorIncrease(uint32 operatorId, IStrategy strategy, uint256 factor, uint256 maxMagnitude);
    /// @notice Operator {operatorId:id} was slashed in strategy {strategy} in 16,777,215 different seconds already: its
    /// slashing history is full.
    /// @custom:title The operator's slashing history is full
    /// @custom:hint This should not happen through Palisade's public entry points: report it to the Palisade team with
    /// the transaction.
    error SlashingHistoryFull(uint32 operatorId, IStrategy strategy);
    /// @notice Staker {staker} can withdraw at most {available:shares} of strategy {strategy}, but {requested:shares}
    /// were asked for.
    /// @custom:title The staker holds fewer withdrawable shares than asked
    /// @custom:hint Ask for at most {available:shares|the withdrawable shares}; slashes lower what a staker can
    /// withdraw.
    /// @custom:argument shares
    error InsufficientShares(address staker, IStrategy strategy, uint256 requested, uint256 available);
    /// @notice Staker {staker} is already delegated, to the operator with id {operatorId:id}.
    /// @custom:title The staker is already delegated
    /// @custom:hint Undelegate first, or move to the new operator in one step with a redelegation.
    error StakerAlreadyDelegated(address staker, uint32 operatorId);
    /// @notice Staker {staker} is not delegated to any operator.
    /// @custom:title The staker is not delegated
    /// @custom:hint There is nothing to undelegate: delegate first.
    /// @custom:argument staker
    error NotDelegated(address staker);
    /// @notice Operator id {operatorId:id} is not an id the OperatorRegistry hands out.
    /// @custom:title The operator id is not one the registry hands out
    /// @custom:hint This should not happen through Palisade's public entry points: report it to the Palisade team with
    /// the transaction.
    error InvalidOperatorId(uint32 operatorId);
    /// @notice The operator with id {operatorId:id} was slashed nearly to nothing in strategy {strategy}: its slashing
    /// factor is {factor:wad}, below the floor of {floor:wad}, so no new stake can be credited to it there (a slash's
    /// rounding could take an unbounded share of it).
    /// @dev The operator with id `operatorId` was slashed nearly to nothing in `strategy`: its slashing factor `factor`
    /// is below `floor` (`ScaledShares.MIN_CREDIT_FACTOR`), so no stake can be credited to it there any more (a slash's
    /// rounding would take an unbounded share of it).
    /// @custom:title The operator was slashed nearly to nothing in this strategy
    /// @custom:hint Delegate to another operator; a staker of this operator must undelegate before adding stake in this
    /// strategy.
    /// @custom:argument operator
    error SlashingFactorBelowFloor(uint32 operatorId, IStrategy strategy, uint256 factor, uint256 floor);
    /// @notice Zero shares were asked for where a positive amount is needed.
    /// @custom:title Zero shares were asked for
    /// @custom:hint Withdraw a positive number of shares, or leave the strategy out of the request.
    /// @custom:argument shares
    error ZeroShares();

    /// @notice `strategy` was added to the whitelist; its caps are those last set by `setDepositCaps`.
    event StrategyWhitelisted(IStrategy indexed strategy);
    /// @notice `strategy` was removed from the whitelist.
    event StrategyRemovedFromWhitelist(IStrategy indexed strategy);
    /// @notice The caps of `strategy` changed.
    event DepositCapsSet(IStrategy indexed strategy, uint256 maxPerDeposit, uint256 maxTotalDeposits);
    /// @notice `amount` tokens were deposited into `strategy` for `staker`, minting `shares` which were credited
    /// to the staker as `scaledShares`. The tokens came from the staker, or from the payer named by the
    /// `DepositSignatureUsed` event just before this one.
    event Deposited(
        address indexed staker,
        IStrategy indexed strategy,
        uint256 amount,
        uint256 shares,
        uint256 scaledShares
    );
    /// @notice `staker`'s signature with nonce `nonce` authorised a deposit paid by `payer`.
    event DepositSignatureUsed(address indexed staker, uint256 nonce, address payer);
    /// @notice The withdrawal queue credited `shares` of `strategy` to `staker` as `scaledShares` (a withdrawal
    /// completed as shares).
    event SharesAdded(address indexed staker, IStrategy indexed strategy, uint256 shares, uint256 scaledShares);
    /// @notice The withdrawal queue debited `scaledShares` of `strategy` from `staker`.
    event SharesRemoved(address indexed staker, IStrategy indexed strategy, uint256 scaledShares);
    /// @notice The delegated stake of the operator with id `operatorId` in `strategy` is now `scaledShares` scaled
    /// shares (worth `scaledShares × slashingFactor / 1e18` strategy shares).
    event OperatorStakeChanged(uint32 indexed operatorId, IStrategy indexed strategy, uint256 scaledShares);
    /// @notice The slashing factor of the operator with id `operatorId` in `strategy` is now `factor` (WAD = never
    /// slashed).
    event SlashingFactorChanged(uint32 indexed operatorId, IStrategy indexed strategy, uint256 factor);
    /// @notice The withdrawal queue burned `shares` of `strategy` and sent the `amount` of tokens they were worth
    /// to `recipient`.
    event SharesWithdrawnAsTokens(
        IStrategy indexed strategy,
        address indexed recipient,
        uint256 shares,
        uint256 amount
    );

    // ------------------------------------------------------------------ stakers

    /// @notice Deposits `amount` tokens of `strategy`'s token from the caller into `strategy`, for the caller.
    /// The caller must have approved `strategy` (the vault pulls the tokens).
    /// @dev Requirements: deposits not paused; `strategy` whitelisted; `amount` not zero and within
    /// `maxPerDeposit`; the vault's balance stays within `maxTotalDeposits` (a cap of 0 is no cap); the shares
    /// minted are not zero; the caller holds fewer than `MAX_STAKER_STRATEGIES` strategies or already holds this
    /// one.
    /// Effects: mints shares in `strategy` and adds them, scaled by the slashing factor of the caller's operator,
    /// to the caller's position; emits `Deposited`.
    /// @return shares The strategy shares minted.
    function deposit(IStrategy strategy, uint256 amount) external returns (uint256 shares);

    /// @notice Deposits `amount` tokens from the caller into `strategy` and credits them to `staker`, who
    /// authorised it by signing `Deposit(staker, strategy, amount, nonce, expiry)` (EIP-712, this contract's
    /// domain; ECDSA for accounts, EIP-1271 for contracts).
    /// @dev Requirements: those of `deposit`, plus signed deposits not paused, `block.timestamp <= expiry`, and a
    /// valid signature over the staker's current nonce. Effects: those of `deposit`, plus the staker's nonce
    /// increases by one (emits `DepositSignatureUsed`).
    /// @return shares The strategy shares minted.
    function depositWithSignature(
        IStrategy strategy,
        uint256 amount,
        address staker,
        uint256 expiry,
        bytes calldata signature
    ) external returns (uint256 shares);

    // ------------------------------------------------------------------ operator registry

    /// @notice Delegates `staker`, and every position it holds, to the operator with id `operatorId`. Operator
    /// registry only.
    /// @dev Each position's shares are rescaled at the operator's slashing factor (rounded down) and added to the
    /// operator's stake; emits `OperatorStakeChanged` per strategy. Reverts with `StakerAlreadyDelegated` if the staker
    /// is delegated, `SlashingFactorBelowFloor` if the operator's factor in a strategy the staker holds is below the floor.
    function delegate(address staker, uint32 operatorId) external;

    /// @notice Undelegates `staker`: every position leaves the staker and its operator's stake at once, to be
    /// queued as one withdrawal by the caller. Operator registry only.
    /// @return operatorId The operator the staker leaves.
    /// @return strategies The strategies the staker held.
    /// @return scaledShares The scaled shares it held in each, at `operatorId`'s factors.
    function undelegate(
        address staker
    ) external returns (uint32 operatorId, IStrategy[] memory strategies, uint256[] memory scaledShares);

    // ------------------------------------------------------------------ withdrawal queue

    /// @notice Debits `shares` withdrawable shares of `strategy` from `staker`'s position, and from the delegated
    /// stake of the staker's operator. Withdrawal queue only.
    /// @dev `shares` is converted to scaled shares rounded up. When what would remain is worth no withdrawable
    /// share (always the case when asking for the position's whole withdrawable amount), the whole position is
    /// taken, dust included, and the strategy leaves the staker's list. Not pausable here: the withdrawal queue
    /// carries its own pause bits.
    /// @return scaledShares The scaled shares debited, at the slashing factor of `operatorId`.
    /// @return operatorId The operator the position was delegated to (0: none).
    function removeShares(
        address staker,
        IStrategy strategy,
        uint256 shares
    ) external returns (uint256 scaledShares, uint32 operatorId);

    /// @notice Credits `shares` of `strategy` to `staker` (a withdrawal completed as shares). Withdrawal queue only.
    /// @dev Does not require the strategy to be whitelisted: the shares already exist.
    /// @return scaledShares The scaled shares added to the staker's position.
    function addShares(address staker, IStrategy strategy, uint256 shares) external returns (uint256 scaledShares);

    /// @notice Burns `shares` of `strategy` and sends the tokens they are worth to `recipient`. Withdrawal queue
    /// (completions as tokens) and SlashingCoordinator (releases of slashed funds) only.
    /// @return amount The tokens sent.
    function withdrawSharesAsTokens(
        IStrategy strategy,
        address recipient,
        uint256 shares
    ) external returns (uint256 amount);

    // ------------------------------------------------------------------ allocation manager

    /// @notice Lowers `operatorId`'s slashing factor in `strategy` to `maxMagnitude` (its max magnitude after a
    /// slash), which slashes every staker delegated to it, and its queued withdrawals, in one write. Allocation
    /// manager only.
    /// @dev Records the change in the factor's history, so that withdrawals maturing later are paid at the lowered
    /// factor and those maturing before are not.
    /// @return delegatedScaledShares The operator's delegated stake in `strategy`, in scaled shares.
    function slashOperator(
        uint32 operatorId,
        IStrategy strategy,
        uint64 maxMagnitude
    ) external returns (uint256 delegatedScaledShares);

    // ------------------------------------------------------------------ governance

    /// @notice Adds `strategies` to the whitelist, keeping any caps set for them before. Owner only.
    /// @dev Reverts if a strategy is already whitelisted, is not a vault (no code, or a token without code), or
    /// answers to another StrategyManager.
    function addStrategiesToWhitelist(IStrategy[] calldata strategies) external;

    /// @notice Removes `strategies` from the whitelist: no new deposits, existing shares untouched. Owner only.
    function removeStrategiesFromWhitelist(IStrategy[] calldata strategies) external;

    /// @notice Sets the caps of `strategy`, in tokens; 0 means no cap. Owner only.
    /// @dev Allowed whether or not the strategy is whitelisted, so that a guarded launch sets its caps before
    /// opening it, and a strategy taken off the whitelist comes back with the same caps. A total cap below the
    /// vault's balance stops deposits until the balance falls under it; it never affects withdrawals.
    function setDepositCaps(IStrategy strategy, uint120 maxPerDeposit, uint128 maxTotalDeposits) external;

    // ------------------------------------------------------------------ views

    /// @notice The pause bit of plain and signed deposits.
    function PAUSE_DEPOSITS() external view returns (uint8);

    /// @notice The pause bit of signed deposits only.
    function PAUSE_SIGNED_DEPOSITS() external view returns (uint8);

    /// @notice The most strategies a staker may hold shares in at once.
    function MAX_STAKER_STRATEGIES() external view returns (uint256);

    /// @notice The EIP-712 type hash of
    /// `Deposit(address staker,address strategy,uint256 amount,uint256 nonce,uint256 expiry)`.
    function DEPOSIT_TYPEHASH() external view returns (bytes32);

    /// @notice The only contract allowed to debit positions and withdraw shares as tokens.
    function withdrawalQueue() external view returns (address);

    /// @notice The operator registry, the only contract that may delegate and undelegate stakers.
    function operatorRegistry() external view returns (address);

    /// @notice The AllocationManager, the only contract that may lower slashing factors.
    function allocationManager() external view returns (address);

    /// @notice The SlashingCoordinator, which withdraws slashed shares as tokens when their bucket is released.
    function slashingCoordinator() external view returns (address);

    /// @notice Governance's settings for `strategy`.
    function strategyConfig(IStrategy strategy) external view returns (StrategyConfig memory);

    /// @notice Whether `strategy` accepts deposits.
    function isStrategyWhitelisted(IStrategy strategy) external view returns (bool);

    /// @notice The nonce `staker`'s next deposit signature must carry.
    function nonces(address staker) external view returns (uint256);

    /// @notice The strategies `staker` holds shares in, in no particular order.
    function stakerStrategies(address staker) external view returns (IStrategy[] memory);

    /// @notice How many strategies `staker` holds shares in.
    function stakerStrategyCount(address staker) external view returns (uint256);

    /// @notice `staker`'s position in `strategy`, in scaled shares.
    function scaledShares(address staker, IStrategy strategy) external view returns (uint256);

    /// @notice `staker`'s position in `strategy` at the slashing factor of today, in strategy shares, rounded down.
    function withdrawableShares(address staker, IStrategy strategy) external view returns (uint256);

    /// @notice Every position of `staker`: the strategies, the scaled shares and the withdrawable shares.
    function stakerPositions(
        address staker
    ) external view returns (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable);

    /// @notice The id of the operator `staker` is delegated to; 0 if none. An operator is delegated to itself.
    function delegatedOperatorId(address staker) external view returns (uint32);

    /// @notice The delegated stake of the operator with id `operatorId` in `strategy`.
    /// @return scaledShares The sum of its stakers' scaled shares.
    /// @return shares What they are worth at its slashing factor today, in strategy shares.
    function operatorStake(
        uint32 operatorId,
        IStrategy strategy
    ) external view returns (uint256 scaledShares, uint256 shares);

    /// @notice The slashing factor (WAD = 1e18 = never slashed) of the operator with id `operatorId` in `strategy`
    /// today; WAD for operator id 0 (undelegated stake).
    function slashingFactor(uint32 operatorId, IStrategy strategy) external view returns (uint256);

    /// @notice The slashing factor of the operator with id `operatorId` in `strategy` as it was at the end of
    /// second `timestamp` (every slash at or before it applied).
    function slashingFactorAt(uint32 operatorId, IStrategy strategy, uint48 timestamp) external view returns (uint256);

    /// @notice The EIP-712 digest a staker signs to authorise a deposit.
    function depositDigest(
        address staker,
        IStrategy strategy,
        uint256 amount,
        uint256 nonce,
        uint256 expiry
    ) external view returns (bytes32);
}
