// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {ISlashingCoordinator} from "./ISlashingCoordinator.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IEquivocationSlasher
/// @notice A reference slasher for an objective fault, with no trusted party: an operator whose registered key signs
/// two different payloads for the same height is slashed by whoever shows the two signatures, and the reporter earns
/// a bounty out of the slashed funds.
///
/// One instance serves one operator set, named at deployment and fixed for the instance's life, with fixed slashing
/// rules: the strategies to slash (a reporter cannot pick a lighter subset), the fraction `slashWad` taken per
/// offence from each, the share `bountyWad` of the slashed funds owed to the reporter, and the `treasury` that
/// receives the rest.
///
/// Messages, EIP-712 under this contract's domain (name `Palisade EquivocationSlasher`, version `1`, the chain id and
/// this contract's address, published with ERC-5267), so that a signature binds the chain, this slasher and hence
/// its operator set:
/// - `Attestation(uint64 height,bytes32 payloadHash)`: what an operator's key signs at each height of the AVS's
///   protocol. Two attestations by one key with the same height and different payload hashes are an equivocation.
/// - `KeyRegistration(address operator,address key)`: the key's proof that its holder agrees to answer for
///   `operator`.
///
/// Keys. An operator registered in the set registers a signing key (an ECDSA key, named by its address) with the
/// key's signature over `KeyRegistration`, so no operator can claim a key it does not hold and no key can be pinned
/// on an operator that did not register it. A key belongs to one operator forever: an operator may rotate to a new
/// key, and its old keys keep pointing to it so that offences signed with them stay punishable.
///
/// One key, one incident. `reportEquivocation` slashes the key's operator by `slashWad` on every configured
/// strategy through the coordinator, once per key: every equivocation a key signed, at whatever heights and however
/// many, is one fault of the operator's signing set-up, punished once, and the key is retired for good
/// (`isKeyPunished`; it cannot be registered again). The operator answers by registering a new key; equivocations
/// of the new key are a new incident. A proof that slashes nothing (no allocation in force yet) is refused
/// (`NothingSlashed`) and leaves the key unpunished.
///
/// The bounty. For each strategy the reporter is owed `bountyWad` of the shares slashed, capped at the shares the
/// operator's own stake lost in the slash (`StrategyManager.withdrawableShares` before minus after), valued in tokens
/// at the report and rounded down. Reporting one's own operator therefore never pays: the operator loses at least
/// what its accomplice earns, and an operator without stake of its own earns its reporter nothing. An AVS that wants
/// watchers paid should require operators to keep stake of their own. The sum owed per strategy is tracked so that
/// only the rest can be swept to the treasury. Slashed funds reach this contract when anyone calls
/// `ISlashingCoordinator.releaseSlashedFunds(set, strategy, this)` after the coordinator's escrow; `claimBounty`
/// tries that itself when it holds too little.
/// @dev Warning:
/// - The set must be a redistributing set whose redistribution recipient is this contract (`createOperatorSet(...,
///   slasher = this, registrar, redistributionRecipient = this)`), or the slashed funds go elsewhere and no bounty
///   can be paid. The recipient is set when the set is created, usually after this contract is deployed, so it is
///   checked when an operator registers a key (`SetNotRedistributingToSlasher`): no key, no slash.
/// - Every configured strategy must stay in the set: if the AVS removes one, the coordinator refuses every report
///   (`StrategyNotInSet`).
/// - Changing the strategies or the fractions means a new instance. The way to move a set to it: deploy it for the
///   same set, then have the AVS call `IAVSRegistry.scheduleSlasher(setId, newInstance, newInstance)`, which makes
///   the new instance both slasher and redistribution recipient after the notice. Operators register their keys
///   with the new instance once the change is scheduled (it accepts them as the pending recipient) and keep
///   attesting under the old instance's domain until the change takes effect. Funds the old instance slashed stay
///   in its own escrowed buckets, so its reporters are still paid by it.
/// - Old keys stay punishable forever: an operator must keep a retired key as secret as its current one, since
///   whoever holds it can sign two attestations for a height and have the operator slashed.
/// - Front-running: a report is public in the mempool, and anyone may copy it and collect the bounty. Reporters who
///   care submit through a private transaction channel.
/// - Slashed funds are valued at the report: if the strategy's tokens are worth less per share by the time they are
///   released (a negative rebase), the last claims are paid in part; whatever is owed stays owed, and nothing owed
///   is ever swept to the treasury.
/// - Ownerless: nothing in an instance can be changed after deployment.
interface IEquivocationSlasher {
    /// @notice A constructor argument of the slasher is the zero address: the coordinator, the set's AVS, the resolver
    /// or the treasury.
    /// @dev A constructor argument is the zero address: `coordinator`, the set's AVS or `treasury`.
    /// @custom:title A slasher's address parameter is the zero address
    /// @custom:hint Pass the deployment's SlashingCoordinator and non-zero addresses for the AVS, resolver and
    /// treasury.
    error ZeroAddress();
    /// @notice The slash names no strategy (for an EquivocationSlasher: none was configured at deployment).
    /// @custom:title No strategy was named
    /// @custom:hint Name at least one strategy of the set, with its fraction.
    /// @custom:argument strategies
    error NoStrategies();
    /// @notice {count} strategies were configured, but an EquivocationSlasher slashes at most {max}.
    /// @dev `count` strategies configured; an instance slashes at most `max` (they live in its code, so that a report
    /// reads none of them from storage).
    /// @custom:title Too many strategies for an EquivocationSlasher
    /// @custom:hint Deploy with fewer strategies, or split them across several sets and slashers.
    /// @custom:argument strategies
    error TooManyStrategies(uint256 count, uint256 max);
    /// @notice Strategy {strategy} is configured twice, or shares its token {token} with another configured strategy.
    /// @dev `strategy` is configured twice, or shares its `token` with another configured strategy (the balances this
    /// contract keeps per token could not be told apart).
    /// @custom:title Two configured strategies hold the same token
    /// @custom:hint Configure each strategy once, with one strategy per token.
    /// @custom:argument strategies
    error DuplicateToken(IStrategy strategy, address token);
    /// @notice A slash of {slashWad:wad} per offence lies outside the allowed range, above 0% and at most 100%.
    /// @dev The fraction slashed per offence, `slashWad`, lies outside (0, 1e18].
    /// @custom:title The slash fraction is out of range
    /// @custom:hint Give the fraction in wads of 1e18: 1e17 slashes 10% of the allocation per offence.
    /// @custom:argument slashWad
    error InvalidSlashWad(uint256 slashWad);
    /// @notice A reporter's bounty of {bountyWad:wad} of the slashed funds is above 100%.
    /// @custom:title The bounty share is above 100%
    /// @custom:hint Give the bounty in wads of 1e18, at most 1e18 (100%).
    /// @custom:argument bountyWad
    error InvalidBountyWad(uint256 bountyWad);
    /// @notice Operator {operator} is not registered in set {setId:id} of AVS {avs}, so it cannot register a signing
    /// key there.
    /// @custom:title The operator is not registered in the slasher's set
    /// @custom:hint Register in the set first, then register the key.
    /// @custom:argument operator
    error OperatorNotRegistered(address operator, address avs, uint32 setId);
    /// @notice `avs`'s set `setId` sends its slashed funds to `recipient` (`address(0)`: burns them), not to this
    /// contract.
    error SetNotRedistributingToSlasher(address avs, uint32 setId, address recipient);
    /// @notice The zero address is not a signing key.
    /// @custom:title The zero address is not a key
    /// @custom:hint Pass the signing key's address.
    /// @custom:argument key
    error InvalidKey();
    /// @notice The key registration is not signed by key {key} over digest {digest}.
    /// @custom:title The key did not sign its registration
    /// @custom:hint Sign the registration with the key itself (an ECDSA key, not a contract), for this operator and
    /// this slasher.
    /// @custom:argument signature
    error InvalidKeySignature(address key, bytes32 digest);
    /// @notice Key {key} belongs to operator {operator} already, for good.
    /// @custom:title The key belongs to another operator
    /// @custom:hint Use a fresh key.
    /// @custom:argument key
    error KeyOwnedByAnotherOperator(address key, address operator);
    /// @notice Both attestations at height {height:id} carry payload {payloadHash}: signing the same thing twice is no
    /// offence.
    /// @dev Both attestations at `height` carry `payloadHash`: signing the same thing twice is no offence.
    /// @custom:title Both attestations carry the same payload
    /// @custom:hint Report two attestations of one height with different payload hashes.
    /// @custom:argument payloadHash
    error IdenticalPayloads(uint64 height, bytes32 payloadHash);
    /// @notice The signature of the attestation at height {height:id} with payload {payloadHash} is malformed or
    /// recovers no key.
    /// @dev The signature over the attestation (`height`, `payloadHash`) is malformed or recovers no key.
    /// @custom:title An attestation's signature is invalid
    /// @custom:hint Pass each attestation's 65-byte signature exactly as the key made it (low-s), for this slasher and
    /// chain.
    /// @custom:argument signature
    error InvalidAttestationSignature(uint64 height, bytes32 payloadHash);
    /// @notice The two attestations were signed by different keys, {signerA} and {signerB}.
    /// @custom:title The two attestations have different signers
    /// @custom:hint Report two attestations signed by the same key.
    /// @custom:argument signature
    error SignersDiffer(address signerA, address signerB);
    /// @notice Key {key} is not registered to any operator with this slasher.
    /// @custom:title The key belongs to no operator
    /// @custom:hint Only keys registered with this slasher can be reported; check the slasher's address.
    /// @custom:argument signature
    error UnregisteredKey(address key);
    /// @notice Key {key} of operator {operator} was punished already: one key, one incident, however many heights it
    /// signed twice, and a punished key can neither be reported nor registered again.
    /// @dev `key`, of `operator`, was punished already: its incident is closed and it cannot be registered again.
    /// @custom:title The key was punished already
    /// @custom:hint Nothing to report: the incident is closed (`isKeyPunished(key)`). An operator registers a fresh key
    /// with the slasher.
    /// @custom:argument key
    error KeyAlreadyPunished(address key, address operator);
    /// @notice The equivocation of key {key} is proven, but operator {operator} has nothing slashable in the slasher's
    /// set now (no allocation in force, or its registration's notice has not passed), so the report would take nothing.
    /// @dev The proof against `operator`'s key `key` slashed nothing (no allocation in force in the configured
    /// strategies): refused, so that the key's incident stays open for when it can be punished.
    /// @custom:title The proof would slash nothing
    /// @custom:hint Keep the evidence and report it once the operator's allocation is slashable (the operator's state
    /// shows when); the key stays reportable until then.
    /// @custom:argument evidence
    error NothingSlashed(address operator, address key);
    /// @notice {account} is owed no bounty in strategy {strategy}.
    /// @custom:title No bounty is owed
    /// @custom:hint Claim in a strategy where a report of yours earned a bounty (`bountyOwed(account, strategy)`).
    /// @custom:argument strategy
    error NoBountyOwed(address account, IStrategy strategy);
    /// @notice The caller is owed a bounty of {owed:tokens} in strategy {strategy}, but the slasher holds none of it
    /// yet, even after trying to release the set's slashed funds.
    /// @custom:title The slasher holds none of the bounty yet
    /// @custom:hint Try again once the set's slashed funds can be released (releases may be paused).
    error BountyUnfunded(IStrategy strategy, uint256 owed);
    /// @notice The slasher's balance of strategy {strategy}'s token, {balance:tokens}, is no more than the
    /// {owed:tokens} owed to reporters.
    /// @custom:title Nothing beyond the owed bounties to sweep
    /// @custom:hint Release the set's slashed funds first, then sweep.
    /// @custom:argument strategy
    error NothingToSweep(IStrategy strategy, uint256 balance, uint256 owed);

    /// @notice `operator` registered `key` as its signing key, replacing `previousKey` (`address(0)`: none), which
    /// still answers for it.
    event SigningKeyRegistered(address indexed operator, address indexed key, address previousKey);
    /// @notice `reporter` proved that `operator`'s key `key` signed both `payloadHashA` and `payloadHashB` at
    /// `height`; the coordinator's slash `slashId` took `slashWad` of its allocation of every configured strategy,
    /// `bounties[i]` tokens of `strategies()[i]` are owed to the reporter, and the key is punished for good.
    event EquivocationReported(
        address indexed operator,
        uint64 indexed height,
        address indexed reporter,
        address key,
        bytes32 payloadHashA,
        bytes32 payloadHashB,
        uint256 slashId,
        uint256[] bounties
    );
    /// @notice `account` was paid `amount` tokens of `strategy`'s token; `stillOwed` remain owed to it.
    event BountyClaimed(address indexed account, IStrategy indexed strategy, uint256 amount, uint256 stillOwed);
    /// @notice Releasing the set's slashed funds of `strategy` failed during a claim, which went on with what this
    /// contract held.
    event SlashedFundsReleaseFailed(IStrategy indexed strategy);
    /// @notice `amount` tokens of `strategy`'s token, beyond what is owed to reporters, went to `treasury`.
    event SweptToTreasury(IStrategy indexed strategy, address indexed treasury, uint256 amount);

    /// @notice Registers `key` as the caller's signing key. The caller must be an operator registered in the set.
    /// @dev Requirements: `key` not zero (`InvalidKey`); the caller registered in the set (`OperatorNotRegistered`);
    /// the set redistributes its slashed funds to this contract, now or after a scheduled change
    /// (`SetNotRedistributingToSlasher`); `keySignature` is `key`'s ECDSA signature over
    /// `keyRegistrationDigest(caller, key)` (`InvalidKeySignature`); `key` belongs to no other operator
    /// (`KeyOwnedByAnotherOperator`) and was never punished (`KeyAlreadyPunished`). An operator may register one of
    /// its own old, unpunished keys again.
    /// Effects: `key` points to the caller for good and becomes its current key; emits `SigningKeyRegistered`.
    function registerSigningKey(address key, bytes calldata keySignature) external;

    /// @notice Reports that one registered key signed two different payloads at `height`, and slashes its operator.
    /// Anyone may call it; the caller is the reporter, owed the bounty.
    /// @dev Requirements: `payloadHashA != payloadHashB` (`IdenticalPayloads`); both signatures valid ECDSA over the
    /// attestations' digests (`InvalidAttestationSignature`, which includes high-s signatures) and by the same key
    /// (`SignersDiffer`); the key registered (`UnregisteredKey`) and not yet punished (`KeyAlreadyPunished`,
    /// whatever the height or pair of signatures); the coordinator accepts the slash (its errors and the AVS
    /// registry's: `OperatorNotSlashable` once the operator left the set more than the withdrawal delay ago,
    /// `ActionPaused`...); the slash takes something (`NothingSlashed`).
    /// Effects: marks the key punished; slashes through the coordinator; adds each strategy's bounty (capped at the
    /// operator's own loss) to what the caller and all reporters are owed; emits `EquivocationReported`. The tokens
    /// do not move, so a token that reverts cannot block a report.
    /// @return slashId The coordinator's id of the slash.
    function reportEquivocation(
        uint64 height,
        bytes32 payloadHashA,
        bytes calldata signatureA,
        bytes32 payloadHashB,
        bytes calldata signatureB
    ) external returns (uint256 slashId);

    /// @notice Pays the caller the bounty it is owed in `strategy`, in `strategy`'s token, or as much of it as this
    /// contract holds.
    /// @dev When the balance is short of what the caller is owed, it first tries
    /// `ISlashingCoordinator.releaseSlashedFunds` for the set, `strategy` and this contract; a failure of that call
    /// (nothing to release, escrow not over, releases paused, a frozen token) is reported in `SlashedFundsReleaseFailed` and does not stop the
    /// claim. Reverts with `NoBountyOwed` when nothing is owed and `BountyUnfunded` when nothing can be paid.
    /// Effects: lowers what the caller and all reporters are owed by the amount paid, emits `BountyClaimed`, then
    /// transfers.
    /// @return amount The tokens paid.
    function claimBounty(IStrategy strategy) external returns (uint256 amount);

    /// @notice Sends `treasury` this contract's balance of `strategy`'s token beyond what is owed to reporters in
    /// the configured strategy of that token. Anyone may call it.
    /// @dev Reverts with `NothingToSweep` when the balance does not exceed what is owed. Does not release slashed
    /// funds itself: call `ISlashingCoordinator.releaseSlashedFunds` first.
    /// @return amount The tokens sent.
    function sweepToTreasury(IStrategy strategy) external returns (uint256 amount);

    /// @notice The EIP-712 type hash of `Attestation(uint64 height,bytes32 payloadHash)`.
    function ATTESTATION_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 type hash of `KeyRegistration(address operator,address key)`.
    function KEY_REGISTRATION_TYPEHASH() external view returns (bytes32);

    /// @notice The digest a key signs to attest `payloadHash` at `height`, on this chain, for this slasher.
    function attestationDigest(uint64 height, bytes32 payloadHash) external view returns (bytes32);

    /// @notice The digest `key` signs to be registered as `operator`'s key.
    function keyRegistrationDigest(address operator, address key) external view returns (bytes32);

    /// @notice The operator `key` belongs to (`address(0)`: none).
    function operatorOfKey(address key) external view returns (address);

    /// @notice `operator`'s current signing key (`address(0)`: none).
    function signingKeyOf(address operator) external view returns (address);

    /// @notice Whether `key` was punished (its incident closed): it can neither be reported nor registered again.
    function isKeyPunished(address key) external view returns (bool);

    /// @notice The bounty in tokens of `strategy`'s token owed to `account`.
    function bountyOwed(address account, IStrategy strategy) external view returns (uint256);

    /// @notice The bounties in tokens of `strategy`'s token owed to all reporters together.
    function totalBountyOwed(IStrategy strategy) external view returns (uint256);

    /// @notice The strategies every report slashes, in the order of `EquivocationReported`'s bounties.
    function strategies() external view returns (IStrategy[] memory);

    /// @notice The fraction (of 1e18) of the operator's allocation of each strategy slashed per offence.
    function slashWad() external view returns (uint256);

    /// @notice The share (of 1e18) of the slashed funds owed to the reporter.
    function bountyWad() external view returns (uint256);

    /// @notice Where the slashed funds beyond the bounties go (the coordinator's `BURN_ADDRESS` burns them).
    function treasury() external view returns (address);

    /// @notice The SlashingCoordinator every slash goes through.
    function coordinator() external view returns (ISlashingCoordinator);

    /// @notice The operator set this instance slashes in.
    function operatorSet() external view returns (OperatorSet memory);
}
