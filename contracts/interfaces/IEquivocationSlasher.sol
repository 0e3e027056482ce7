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
    /// @notice A constructor argument is the zero address: `coordinator`, the set's AVS or `treasury`.
    error ZeroAddress();
    /// @notice No strategy to slash was configured.
    error NoStrategies();
    /// @notice `count` strategies configured; an instance slashes at most `max` (they live in its code, so that a
    /// report reads none of them from storage).
    error TooManyStrategies(uint256 count, uint256 max);
    /// @notice `strategy` is configured twice, or shares its `token` with another configured strategy (the
    /// balances this contract keeps per token could not be told apart).
    error DuplicateToken(IStrategy strategy, address token);
    /// @notice The fraction slashed per offence, `slashWad`, lies outside (0, 1e18].
    error InvalidSlashWad(uint256 slashWad);
    /// @notice The reporter's share, `bountyWad`, exceeds 1e18.
    error InvalidBountyWad(uint256 bountyWad);
    /// @notice `operator` is not registered in `avs`'s set `setId`.
    error OperatorNotRegistered(address operator, address avs, uint32 setId);
    /// @notice `avs`'s set `setId` sends its slashed funds to `recipient` (`address(0)`: burns them), not to this
    /// contract.
    error SetNotRedistributingToSlasher(address avs, uint32 setId, address recipient);
    /// @notice The zero address is not a key.
    error InvalidKey();
    /// @notice `signature` is not `key`'s over the `KeyRegistration` digest `digest`.
    error InvalidKeySignature(address key, bytes32 digest);
    /// @notice `key` belongs to `operator` already.
    error KeyOwnedByAnotherOperator(address key, address operator);
    /// @notice Both attestations at `height` carry `payloadHash`: signing the same thing twice is no offence.
    error IdenticalPayloads(uint64 height, bytes32 payloadHash);
    /// @notice The signature over the attestation (`height`, `payloadHash`) is malformed or recovers no key.
    error InvalidAttestationSignature(uint64 height, bytes32 payloadHash);
    /// @notice The two attestations were signed by different keys, `signerA` and `signerB`.
    error SignersDiffer(address signerA, address signerB);
    /// @notice `key` is not registered to any operator.
    error UnregisteredKey(address key);
    /// @notice `key`, of `operator`, was punished already: its incident is closed and it cannot be registered again.
    error KeyAlreadyPunished(address key, address operator);
    /// @notice The proof against `operator`'s key `key` slashed nothing (no allocation in force in the configured
    /// strategies): refused, so that the key's incident stays open for when it can be punished.
    error NothingSlashed(address operator, address key);
    /// @notice `account` is owed no bounty in `strategy`.
    error NoBountyOwed(address account, IStrategy strategy);
    /// @notice `owed` tokens of `strategy` are owed, and this contract holds none of them even after trying to
    /// release the set's slashed funds.
    error BountyUnfunded(IStrategy strategy, uint256 owed);
    /// @notice This contract holds `balance` tokens of `strategy`'s token, no more than the `owed` bounties.
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
