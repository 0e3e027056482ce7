// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../interfaces/IEquivocationSlasher.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {SignatureDomain} from "../mixins/SignatureDomain.sol";

/// @title EquivocationSlasher
/// @notice Slashes an operator whose registered key signed two payloads for one height, and pays the reporter a
/// bounty out of the slashed funds. See `IEquivocationSlasher`.
/// @dev Not upgradeable, so plain storage: no proxy or inherited module can collide with it (the reentrancy guard
/// lives in transient storage).
contract EquivocationSlasher is IEquivocationSlasher, SignatureDomain, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------ storage

    /// @dev The strategies every report slashes, in order.
    /// @dev The configured strategies live in the code (immutables), not in storage: a report reads them for free.
    uint256 private constant MAX_STRATEGIES = 8;
    uint256 private immutable _strategyCount;
    IStrategy private immutable _strategy0;
    IStrategy private immutable _strategy1;
    IStrategy private immutable _strategy2;
    IStrategy private immutable _strategy3;
    IStrategy private immutable _strategy4;
    IStrategy private immutable _strategy5;
    IStrategy private immutable _strategy6;
    IStrategy private immutable _strategy7;
    /// @dev The configured strategy of each token (constructor-checked: one per token). A caller can name any
    /// contract as a strategy; the sweep looks the token up here, so a fake strategy that claims a configured
    /// strategy's token still sees that strategy's bounties as owed.
    mapping(IERC20 token => IStrategy) private _strategyOfToken;
    /// @dev Each key's operator, for good (written once per key), and whether the key was punished, in one slot: a
    /// report reads it to find the operator and rewrites it to close the key's incident.
    struct KeyRecord {
        address operator;
        bool punished;
    }

    mapping(address key => KeyRecord) private _keys;
    mapping(address operator => address key) private _signingKeyOf;
    mapping(address account => mapping(IStrategy strategy => uint256)) private _bountyOwed;
    /// @dev The sum of `_bountyOwed[*][strategy]`, plus one for each configured strategy: the constructor writes the
    /// one so that the slot is never empty and a report always rewrites it (5,000 gas) rather than filling it
    /// (22,100). Zero for every other strategy, in which nothing is ever owed.
    mapping(IStrategy strategy => uint256) private _totalBountyOwedPlusOne;

    uint256 private constant WAD = 1e18;
    /// @dev What the coordinator's `OperatorSlashed` says; the offence itself is in `EquivocationReported`.
    string private constant DESCRIPTION = "equivocation";

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IEquivocationSlasher
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256("Attestation(uint64 height,bytes32 payloadHash)");
    /// @inheritdoc IEquivocationSlasher
    bytes32 public constant KEY_REGISTRATION_TYPEHASH = keccak256("KeyRegistration(address operator,address key)");

    /// @inheritdoc IEquivocationSlasher
    ISlashingCoordinator public immutable coordinator;
    /// @inheritdoc IEquivocationSlasher
    uint256 public immutable slashWad;
    /// @inheritdoc IEquivocationSlasher
    uint256 public immutable bountyWad;
    /// @inheritdoc IEquivocationSlasher
    address public immutable treasury;

    /// @dev Read from the coordinator once: Palisade's contracts name one another by their proxies' addresses, which
    /// upgrades keep.
    IAVSRegistry private immutable _avsRegistry;
    IStrategyManager private immutable _strategyManager;

    /// @dev The set, as two immutables: a struct cannot be one.
    address private immutable _avs;
    uint32 private immutable _setId;

    /// @param coordinator_ The SlashingCoordinator.
    /// @param operatorSet_ The set this instance slashes in; it need not exist yet. It must be created with this
    /// contract as both its slasher and its redistribution recipient (see `IEquivocationSlasher`).
    /// @param strategies_ The strategies every report slashes, each with its own token; each must be in the set.
    /// @param slashWad_ The fraction of the allocation slashed per offence, in (0, 1e18].
    /// @param bountyWad_ The reporter's share of the slashed funds, at most 1e18.
    /// @param treasury_ Where the rest goes; the coordinator's `BURN_ADDRESS` burns it.
    constructor(
        ISlashingCoordinator coordinator_,
        OperatorSet memory operatorSet_,
        IStrategy[] memory strategies_,
        uint256 slashWad_,
        uint256 bountyWad_,
        address treasury_
    ) {
        if (address(coordinator_) == address(0) || operatorSet_.avs == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        if (slashWad_ == 0 || slashWad_ > WAD) revert InvalidSlashWad(slashWad_);
        if (bountyWad_ > WAD) revert InvalidBountyWad(bountyWad_);
        uint256 count = strategies_.length;
        if (count == 0) revert NoStrategies();
        if (count > MAX_STRATEGIES) revert TooManyStrategies(count, MAX_STRATEGIES);
        for (uint256 i; i < count; ++i) {
            IStrategy strategy = strategies_[i];
            IERC20 token = strategy.token();
            // Also catches a strategy listed twice, which would slash it twice per offence.
            if (address(_strategyOfToken[token]) != address(0)) revert DuplicateToken(strategy, address(token));
            _strategyOfToken[token] = strategy;
            _totalBountyOwedPlusOne[strategy] = 1;
        }

        _strategyCount = count;
        _strategy0 = strategies_[0];
        _strategy1 = count > 1 ? strategies_[1] : IStrategy(address(0));
        _strategy2 = count > 2 ? strategies_[2] : IStrategy(address(0));
        _strategy3 = count > 3 ? strategies_[3] : IStrategy(address(0));
        _strategy4 = count > 4 ? strategies_[4] : IStrategy(address(0));
        _strategy5 = count > 5 ? strategies_[5] : IStrategy(address(0));
        _strategy6 = count > 6 ? strategies_[6] : IStrategy(address(0));
        _strategy7 = count > 7 ? strategies_[7] : IStrategy(address(0));
        coordinator = coordinator_;
        slashWad = slashWad_;
        bountyWad = bountyWad_;
        treasury = treasury_;
        _avsRegistry = IAVSRegistry(coordinator_.avsRegistry());
        _strategyManager = IStrategyManager(coordinator_.strategyManager());
        _avs = operatorSet_.avs;
        _setId = operatorSet_.id;
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IEquivocationSlasher
    function registerSigningKey(address key, bytes calldata keySignature) external {
        if (key == address(0)) revert InvalidKey();
        OperatorSet memory set = operatorSet();
        if (!_avsRegistry.isRegistered(msg.sender, set)) revert OperatorNotRegistered(msg.sender, _avs, _setId);
        // Checked here rather than at deployment, when the set usually does not exist yet. The recipient moves only
        // with the slasher, so an instance scheduled to take over (with itself as the new recipient) accepts keys
        // ahead of its start, and one replaced keeps its keys for what was slashed before.
        IAVSRegistry.OperatorSetInfo memory info = _avsRegistry.operatorSetInfo(set);
        if (info.redistributionRecipient != address(this) && info.pendingRedistributionRecipient != address(this)) {
            revert SetNotRedistributingToSlasher(_avs, _setId, info.redistributionRecipient);
        }
        bytes32 digest = keyRegistrationDigest(msg.sender, key);
        // ECDSA only, not EIP-1271: attestations are checked by recovering a key, so the key must be one.
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, keySignature);
        if (err != ECDSA.RecoverError.NoError || signer != key) revert InvalidKeySignature(key, digest);
        KeyRecord memory record = _keys[key];
        if (record.operator != address(0) && record.operator != msg.sender) {
            revert KeyOwnedByAnotherOperator(key, record.operator);
        }
        // A punished key signed two payloads for one height: whatever it signs is worthless.
        if (record.punished) revert KeyAlreadyPunished(key, msg.sender);

        // The old key is not unlinked: offences it signed stay punishable.
        if (record.operator == address(0)) _keys[key] = KeyRecord({operator: msg.sender, punished: false});
        address previousKey = _signingKeyOf[msg.sender];
        _signingKeyOf[msg.sender] = key;
        emit SigningKeyRegistered(msg.sender, key, previousKey);
    }

    // ------------------------------------------------------------------ reporters

    /// @inheritdoc IEquivocationSlasher
    function reportEquivocation(
        uint64 height,
        bytes32 payloadHashA,
        bytes calldata signatureA,
        bytes32 payloadHashB,
        bytes calldata signatureB
    ) external nonReentrant returns (uint256 slashId) {
        if (payloadHashA == payloadHashB) revert IdenticalPayloads(height, payloadHashA);
        bytes32 separator = domainSeparator();
        address key = _recoverAttestation(separator, height, payloadHashA, signatureA);
        address keyB = _recoverAttestation(separator, height, payloadHashB, signatureB);
        if (key != keyB) revert SignersDiffer(key, keyB);
        KeyRecord memory record = _keys[key];
        address operator = record.operator;
        if (operator == address(0)) revert UnregisteredKey(key);
        // One key, one incident: every equivocation the key signed, at any height, is the same fault of the
        // operator's signing set-up, punished once. The operator answers by registering a new key.
        if (record.punished) revert KeyAlreadyPunished(key, operator);
        _keys[key].punished = true;

        IStrategy[] memory strategies_ = _configuredStrategies();
        uint256 count = strategies_.length;
        uint256[] memory wads = new uint256[](count);
        // The operator's own stake before the slash: the bounty never exceeds what the operator itself loses, so
        // that reporting one's own operator (or oneself) never pays.
        uint256[] memory ownBefore = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            wads[i] = slashWad;
            ownBefore[i] = _strategyManager.withdrawableShares(operator, strategies_[i]);
        }
        uint256[] memory sharesSlashed;
        (slashId, sharesSlashed) = coordinator.slash(operator, operatorSet(), strategies_, wads, DESCRIPTION);

        // The bounties come after the slash because they are sized by it. The coordinator is Palisade's own
        // contract, which calls nothing outside Palisade and moves no token during a slash; the key is marked
        // already and this function is guarded, so nothing can re-enter between the call and these writes.
        uint256[] memory bounties = new uint256[](count);
        bool slashedAny;
        for (uint256 i; i < count; ++i) {
            if (sharesSlashed[i] == 0) continue;
            slashedAny = true;
            if (bountyWad == 0) continue;
            uint256 ownLoss = ownBefore[i] - _strategyManager.withdrawableShares(operator, strategies_[i]);
            uint256 bounty = _bounty(strategies_[i], sharesSlashed[i], ownLoss);
            if (bounty == 0) continue;
            bounties[i] = bounty;
            _bountyOwed[msg.sender][strategies_[i]] += bounty;
            _totalBountyOwedPlusOne[strategies_[i]] += bounty;
        }
        // A proof that takes nothing (no allocation in force yet, say) must not use up the key's incident.
        if (!slashedAny) revert NothingSlashed(operator, key);
        emit EquivocationReported(operator, height, msg.sender, key, payloadHashA, payloadHashB, slashId, bounties);
    }

    /// @inheritdoc IEquivocationSlasher
    function claimBounty(IStrategy strategy) external nonReentrant returns (uint256 amount) {
        uint256 owed = _bountyOwed[msg.sender][strategy];
        if (owed == 0) revert NoBountyOwed(msg.sender, strategy);
        // `strategy` is a configured one: nothing is owed in any other.
        IERC20 token = strategy.token();
        uint256 balance = token.balanceOf(address(this));
        if (balance < owed) {
            // The release sends the set's slashed funds here, or fails (nothing to release, releases paused, a
            // frozen token); either way the claim goes on with what this contract holds. The revert data is not
            // copied, so a failure cannot cost more than the call's gas.
            try coordinator.releaseSlashedFunds(operatorSet(), strategy, address(this)) {
                balance = token.balanceOf(address(this));
            } catch {
                emit SlashedFundsReleaseFailed(strategy);
            }
        }
        amount = owed < balance ? owed : balance;
        if (amount == 0) revert BountyUnfunded(strategy, owed);

        // Effects before the transfer, so that a token hook sees the claim done: re-entering (blocked by the guard
        // anyway) or reading the views finds the bounty paid and the owed total lowered.
        uint256 stillOwed;
        // Cannot underflow: `amount <= owed`, and `owed` is part of the total (see `_totalBountyOwedPlusOne`).
        unchecked {
            stillOwed = owed - amount;
            _totalBountyOwedPlusOne[strategy] -= amount;
        }
        _bountyOwed[msg.sender][strategy] = stillOwed;
        emit BountyClaimed(msg.sender, strategy, amount, stillOwed);
        token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IEquivocationSlasher
    function sweepToTreasury(IStrategy strategy) external nonReentrant returns (uint256 amount) {
        IERC20 token = strategy.token();
        // Looked up by token, not by the strategy named: a contract posing as a strategy of a configured token
        // must not sweep the bounties owed in it.
        uint256 owed = _totalOwed(_strategyOfToken[token]);
        uint256 balance = token.balanceOf(address(this));
        if (balance <= owed) revert NothingToSweep(strategy, balance, owed);
        // Cannot underflow: checked just above.
        unchecked {
            amount = balance - owed;
        }
        emit SweptToTreasury(strategy, treasury, amount);
        token.safeTransfer(treasury, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IEquivocationSlasher
    function attestationDigest(uint64 height, bytes32 payloadHash) external view returns (bytes32) {
        return _attestationDigest(domainSeparator(), height, payloadHash);
    }

    /// @inheritdoc IEquivocationSlasher
    function keyRegistrationDigest(address operator, address key) public view returns (bytes32) {
        return _hashTypedData(keccak256(abi.encode(KEY_REGISTRATION_TYPEHASH, operator, key)));
    }

    /// @inheritdoc IEquivocationSlasher
    function operatorOfKey(address key) external view returns (address) {
        return _keys[key].operator;
    }

    /// @inheritdoc IEquivocationSlasher
    function isKeyPunished(address key) external view returns (bool) {
        return _keys[key].punished;
    }

    /// @inheritdoc IEquivocationSlasher
    function signingKeyOf(address operator) external view returns (address) {
        return _signingKeyOf[operator];
    }

    /// @inheritdoc IEquivocationSlasher
    function bountyOwed(address account, IStrategy strategy) external view returns (uint256) {
        return _bountyOwed[account][strategy];
    }

    /// @inheritdoc IEquivocationSlasher
    function totalBountyOwed(IStrategy strategy) external view returns (uint256) {
        return _totalOwed(strategy);
    }

    /// @inheritdoc IEquivocationSlasher
    function strategies() external view returns (IStrategy[] memory) {
        return _configuredStrategies();
    }

    /// @inheritdoc IEquivocationSlasher
    function operatorSet() public view returns (OperatorSet memory) {
        return OperatorSet({avs: _avs, id: _setId});
    }

    // ------------------------------------------------------------------ internal

    /// @dev The key that signed the attestation (`height`, `payloadHash`). `tryRecover` refuses malformed and high-s
    /// signatures, so each attestation has one valid signature per key and a signature cannot be twisted into a
    /// "second" one.
    function _recoverAttestation(
        bytes32 separator,
        uint64 height,
        bytes32 payloadHash,
        bytes calldata signature
    ) private pure returns (address key) {
        ECDSA.RecoverError err;
        (key, err, ) = ECDSA.tryRecoverCalldata(_attestationDigest(separator, height, payloadHash), signature);
        if (err != ECDSA.RecoverError.NoError) revert InvalidAttestationSignature(height, payloadHash);
    }

    /// @dev What all reporters are owed in `strategy` (see `_totalBountyOwedPlusOne`).
    function _totalOwed(IStrategy strategy) private view returns (uint256) {
        uint256 plusOne = _totalBountyOwedPlusOne[strategy];
        // Cannot underflow: checked not zero.
        unchecked {
            return plusOne == 0 ? 0 : plusOne - 1;
        }
    }

    function _attestationDigest(bytes32 separator, uint64 height, bytes32 payloadHash) private pure returns (bytes32) {
        return
            MessageHashUtils.toTypedDataHash(
                separator,
                keccak256(abi.encode(ATTESTATION_TYPEHASH, height, payloadHash))
            );
    }

    /// @dev The reporter's bounty for `shares` slashed strategy shares, of which `ownLoss` came out of the operator's
    /// own stake: `bountyWad` of the slashed shares, capped at the operator's own loss, valued in tokens now and
    /// rounded down. Every rounding favours the treasury over the reporter and keeps the bounties within what the
    /// release of those shares pays at today's price. A strategy whose valuation fails (its token's `balanceOf`
    /// reverting, say) yields no bounty rather than undoing the slash: the slashed funds then go to the treasury.
    function _bounty(IStrategy strategy, uint256 shares, uint256 ownLoss) private view returns (uint256) {
        uint256 owed = Math.mulDiv(shares, bountyWad, WAD);
        if (ownLoss < owed) owed = ownLoss;
        if (owed == 0) return 0;
        try strategy.sharesToUnderlying(owed) returns (uint256 tokens) {
            return tokens;
        } catch {
            return 0;
        }
    }

    function _domainName() internal pure override returns (string memory) {
        return "Palisade EquivocationSlasher";
    }

    function _domainVersion() internal pure override returns (string memory) {
        return "1";
    }

    /// @dev The configured strategies, from the immutables.
    function _configuredStrategies() private view returns (IStrategy[] memory list) {
        list = new IStrategy[](_strategyCount);
        IStrategy[MAX_STRATEGIES] memory all = [
            _strategy0,
            _strategy1,
            _strategy2,
            _strategy3,
            _strategy4,
            _strategy5,
            _strategy6,
            _strategy7
        ];
        for (uint256 i; i < list.length; ++i) {
            list[i] = all[i];
        }
    }
}
