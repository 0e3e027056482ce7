// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IOperatorSetRegistrar} from "../interfaces/IOperatorSetRegistrar.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {OperatorSet, OperatorSetLib} from "../libraries/OperatorSetLib.sol";
import {PauseControl} from "../mixins/PauseControl.sol";
import {SignatureDomain} from "../mixins/SignatureDomain.sol";

/// @title AVSRegistry
/// @notice AVSs, operator sets and operators' registrations in them. See `IAVSRegistry`.
/// @dev No reentrancy guard: the only calls out of Palisade are to registrar hooks, made after every write of the
/// (de)registration they belong to, and a hook re-entering can only start another, complete, (de)registration.
contract AVSRegistry is IAVSRegistry, UUPSUpgradeable, PauseControl, SignatureDomain {
    using OperatorSetLib for OperatorSet;

    // ------------------------------------------------------------------ storage

    /// @dev A set's configuration, in one slot (160 + 32 + 4 × 8 bits): what a slash and a registration read. The
    /// registrar and a scheduled slasher change live in slots of their own, read only when the flags say they
    /// exist; a redistributing set's recipient lives in the SlashingCoordinator, which pays it.
    struct SetConfig {
        address slasher;
        uint32 strategyCount;
        bool exists;
        bool hasRegistrar;
        bool redistributing;
        bool slasherChangeScheduled;
    }

    /// @dev A slasher taking over at `effectAt`.
    struct SlasherChange {
        address slasher;
        uint48 effectAt;
    }

    /// @dev An operator's standing in a set, in one slot.
    struct Registration {
        bool registered;
        uint48 slashableUntil;
    }

    /// @custom:storage-location erc7201:palisade.storage.AVSRegistry
    struct AVSRegistryStorage {
        mapping(address avs => bool) avss;
        mapping(bytes32 setKey => SetConfig) sets;
        mapping(bytes32 setKey => address) registrars;
        mapping(bytes32 setKey => SlasherChange) slasherChanges;
        mapping(bytes32 setKey => mapping(IStrategy strategy => bool)) setStrategies;
        mapping(address operator => mapping(bytes32 setKey => Registration)) registrations;
        mapping(address operator => mapping(bytes32 salt => bool)) spentSalts;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.AVSRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant AVS_REGISTRY_STORAGE = 0x5db11c4bbad9c303294f6a6428458167556d281c2bf334230a7a936ea69ad400;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IAVSRegistry
    uint8 public constant PAUSE_REGISTRATION = 0;
    /// @inheritdoc IAVSRegistry
    uint8 public constant PAUSE_DEREGISTRATION = 1;
    /// @inheritdoc IAVSRegistry
    uint256 public constant DEREGISTRATION_HOOK_GAS = 100_000;
    /// @inheritdoc IAVSRegistry
    uint256 public constant MAX_REGISTRAR_REASON_BYTES = 1024;
    /// @inheritdoc IAVSRegistry
    bytes32 public constant REGISTRATION_CONSENT_TYPEHASH = keccak256(
        "RegistrationConsent(address operator,address avs,uint32[] setIds,bytes data,bytes32 salt,uint256 expiry)"
    );

    /// @dev Gas a deregistration must hold before calling a hook beyond the hook's allowance: the 1/64 the caller
    /// keeps (EIP-150), the call itself and what follows it.
    uint256 private constant HOOK_CALL_OVERHEAD = DEREGISTRATION_HOOK_GAS / 63 + 10_000;

    /// @inheritdoc IAVSRegistry
    address public immutable operatorRegistry;
    /// @inheritdoc IAVSRegistry
    address public immutable withdrawalQueue;
    /// @inheritdoc IAVSRegistry
    address public immutable slashingCoordinator;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address operatorRegistry_, address withdrawalQueue_, address slashingCoordinator_) {
        operatorRegistry = operatorRegistry_;
        withdrawalQueue = withdrawalQueue_;
        slashingCoordinator = slashingCoordinator_;
        _disableInitializers();
    }

    /// @notice Sets the owner and the pauser behind the proxy.
    function initialize(address initialOwner, address initialPauser) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
    }

    // ------------------------------------------------------------------ AVSs

    /// @inheritdoc IAVSRegistry
    function registerAVS(string calldata metadataURI) external {
        AVSRegistryStorage storage $ = _storage();
        if ($.avss[msg.sender]) revert AVSAlreadyRegistered(msg.sender);
        $.avss[msg.sender] = true;
        emit AVSRegistered(msg.sender, metadataURI);
    }

    /// @inheritdoc IAVSRegistry
    function updateAVSMetadataURI(string calldata metadataURI) external {
        _requireAVS(_storage());
        emit AVSMetadataURIUpdated(msg.sender, metadataURI);
    }

    /// @inheritdoc IAVSRegistry
    function createOperatorSet(
        uint32 setId,
        IStrategy[] calldata strategies,
        address slasher,
        address registrar,
        address recipient
    ) external {
        AVSRegistryStorage storage $ = _storage();
        _requireAVS($);
        bytes32 setKey = _key(msg.sender, setId);
        if ($.sets[setKey].exists) revert OperatorSetAlreadyExists(msg.sender, setId);
        if (slasher == address(0)) revert InvalidSlasher();

        bool hasRegistrar = registrar != address(0);
        bool redistributing = recipient != address(0);
        if (hasRegistrar) $.registrars[setKey] = registrar;
        if (redistributing) {
            ISlashingCoordinator(slashingCoordinator).setRedistributionRecipient(
                OperatorSet({avs: msg.sender, id: setId}),
                recipient
            );
        }
        emit OperatorSetCreated(msg.sender, setId, slasher, registrar, recipient);
        $.sets[setKey] = SetConfig({
            slasher: slasher,
            strategyCount: _addStrategies($, setKey, setId, strategies, 0),
            exists: true,
            hasRegistrar: hasRegistrar,
            redistributing: redistributing,
            slasherChangeScheduled: false
        });
    }

    /// @inheritdoc IAVSRegistry
    function addStrategiesToOperatorSet(uint32 setId, IStrategy[] calldata strategies) external {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        config.strategyCount = _addStrategies($, setKey, setId, strategies, config.strategyCount);
    }

    /// @inheritdoc IAVSRegistry
    function removeStrategiesFromOperatorSet(uint32 setId, IStrategy[] calldata strategies) external {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        mapping(IStrategy => bool) storage members = $.setStrategies[setKey];
        uint32 count = config.strategyCount;
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            if (!members[strategy]) revert StrategyNotInSet(msg.sender, setId, strategy);
            members[strategy] = false;
            // Cannot underflow: the strategy was a member, so the count is at least one.
            unchecked {
                --count;
            }
            emit StrategyRemovedFromOperatorSet(msg.sender, setId, strategy);
        }
        config.strategyCount = count;
    }

    /// @inheritdoc IAVSRegistry
    function setRegistrar(uint32 setId, address registrar) external {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        config.hasRegistrar = registrar != address(0);
        $.registrars[setKey] = registrar;
        emit RegistrarSet(msg.sender, setId, registrar);
    }

    /// @inheritdoc IAVSRegistry
    function scheduleSlasher(uint32 setId, address slasher) external returns (uint48 effectAt) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        if (slasher == address(0)) revert InvalidSlasher();
        // A change that already took effect is written down before it is replaced by the next.
        config.slasher = _currentSlasher($, setKey, config);
        config.slasherChangeScheduled = true;
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years.
        effectAt = uint48(block.timestamp + _withdrawalDelay());
        $.slasherChanges[setKey] = SlasherChange({slasher: slasher, effectAt: effectAt});
        emit SlasherScheduled(msg.sender, setId, slasher, effectAt);
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IAVSRegistry
    function registerForOperatorSets(
        address avs,
        uint32[] calldata setIds,
        bytes calldata data
    ) external whenNotPaused(PAUSE_REGISTRATION) {
        _register(_storage(), msg.sender, avs, setIds, data);
    }

    /// @inheritdoc IAVSRegistry
    function registerOperatorWithConsent(
        address operator,
        uint32[] calldata setIds,
        bytes calldata data,
        Consent calldata consent
    ) external whenNotPaused(PAUSE_REGISTRATION) {
        AVSRegistryStorage storage $ = _storage();
        if (block.timestamp > consent.expiry) revert ConsentExpired(consent.expiry, block.timestamp);
        if ($.spentSalts[operator][consent.salt]) revert ConsentSaltSpent(operator, consent.salt);
        bytes32 digest = registrationConsentDigest(operator, msg.sender, setIds, data, consent.salt, consent.expiry);
        if (!_isValidSignature(operator, digest, consent.signature)) revert InvalidConsentSignature(operator, digest);
        $.spentSalts[operator][consent.salt] = true;
        emit ConsentSaltUsed(operator, consent.salt);
        _register($, operator, msg.sender, setIds, data);
    }

    /// @inheritdoc IAVSRegistry
    function deregisterFromOperatorSets(
        address operator,
        address avs,
        uint32[] calldata setIds
    ) external whenNotPaused(PAUSE_DEREGISTRATION) {
        if (msg.sender != operator && msg.sender != avs) revert DeregistrationUnauthorized(msg.sender, operator);
        if (setIds.length == 0) revert NoOperatorSets();
        AVSRegistryStorage storage $ = _storage();
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years.
        uint48 slashableUntil_ = uint48(block.timestamp + _withdrawalDelay());
        for (uint256 i; i < setIds.length; ++i) {
            uint32 setId = setIds[i];
            bytes32 setKey = _key(avs, setId);
            Registration storage registration = $.registrations[operator][setKey];
            if (!registration.registered) revert NotRegisteredInSet(operator, avs, setId);
            registration.registered = false;
            registration.slashableUntil = slashableUntil_;
            emit OperatorDeregisteredFromSet(operator, avs, setId, slashableUntil_);
            if ($.sets[setKey].hasRegistrar) _notifyDeregistration($.registrars[setKey], operator, avs, setId);
        }
    }

    // ------------------------------------------------------------------ Palisade's own contracts

    /// @inheritdoc IAVSRegistry
    function checkSlash(
        address operator,
        OperatorSet calldata set,
        address caller,
        IStrategy[] calldata strategies
    ) external view {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        SetConfig memory config = _requireSet($, setKey, set);
        address slasher = config.slasherChangeScheduled ? _currentSlasher($, setKey, config) : config.slasher;
        if (caller != slasher) revert NotSlasher(caller, set.avs, set.id, slasher);
        if (!_slashable($.registrations[operator][setKey])) revert OperatorNotSlashable(operator, set.avs, set.id);
        _requireMembers($, setKey, set, strategies);
    }

    /// @inheritdoc IAVSRegistry
    function checkAllocation(
        address operator,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) external view returns (bool slashable) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        _requireSet($, setKey, set);
        _requireMembers($, setKey, set, strategies);
        return _slashable($.registrations[operator][setKey]);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAVSRegistry
    function isAVS(address avs) external view returns (bool) {
        return _storage().avss[avs];
    }

    /// @inheritdoc IAVSRegistry
    function operatorSetExists(OperatorSet calldata set) external view returns (bool) {
        return _storage().sets[set.key()].exists;
    }

    /// @inheritdoc IAVSRegistry
    function operatorSetInfo(OperatorSet calldata set) external view returns (OperatorSetInfo memory info) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        SetConfig memory config = _requireSet($, setKey, set);
        info.slasher = config.slasher;
        if (config.slasherChangeScheduled) {
            SlasherChange memory change = $.slasherChanges[setKey];
            if (block.timestamp >= change.effectAt) {
                info.slasher = change.slasher;
            } else {
                info.pendingSlasher = change.slasher;
                info.slasherEffectAt = change.effectAt;
            }
        }
        info.registrar = $.registrars[setKey];
        if (config.redistributing) {
            info.redistributionRecipient = ISlashingCoordinator(slashingCoordinator).redistributionRecipient(set);
        }
        info.strategyCount = config.strategyCount;
    }

    /// @inheritdoc IAVSRegistry
    function isStrategyInSet(OperatorSet calldata set, IStrategy strategy) external view returns (bool) {
        return _storage().setStrategies[set.key()][strategy];
    }

    /// @inheritdoc IAVSRegistry
    function isRegistered(address operator, OperatorSet calldata set) external view returns (bool) {
        return _storage().registrations[operator][set.key()].registered;
    }

    /// @inheritdoc IAVSRegistry
    function isSlashable(address operator, OperatorSet calldata set) external view returns (bool) {
        return _slashable(_storage().registrations[operator][set.key()]);
    }

    /// @inheritdoc IAVSRegistry
    function slashableUntil(address operator, OperatorSet calldata set) external view returns (uint48) {
        Registration memory registration = _storage().registrations[operator][set.key()];
        return registration.registered ? 0 : registration.slashableUntil;
    }

    /// @inheritdoc IAVSRegistry
    function isConsentSaltSpent(address operator, bytes32 salt) external view returns (bool) {
        return _storage().spentSalts[operator][salt];
    }

    /// @inheritdoc IAVSRegistry
    function registrationConsentDigest(
        address operator,
        address avs,
        uint32[] calldata setIds,
        bytes calldata data,
        bytes32 salt,
        uint256 expiry
    ) public view returns (bytes32) {
        // EIP-712 encodes an array of uint32 as the hash of its elements, each padded to a word, which is what
        // `abi.encodePacked` produces for an array.
        return
            _hashTypedData(
                keccak256(
                    abi.encode(
                        REGISTRATION_CONSENT_TYPEHASH,
                        operator,
                        avs,
                        keccak256(abi.encodePacked(setIds)),
                        keccak256(data),
                        salt,
                        expiry
                    )
                )
            );
    }

    // ------------------------------------------------------------------ internal

    /// @dev Registers `operator` in `avs`'s sets `setIds`, each write before its set's hook is called.
    function _register(
        AVSRegistryStorage storage $,
        address operator,
        address avs,
        uint32[] calldata setIds,
        bytes calldata data
    ) private {
        if (setIds.length == 0) revert NoOperatorSets();
        if (!IOperatorRegistry(operatorRegistry).isOperator(operator)) revert NotOperator(operator);
        for (uint256 i; i < setIds.length; ++i) {
            uint32 setId = setIds[i];
            bytes32 setKey = _key(avs, setId);
            SetConfig memory config = $.sets[setKey];
            if (!config.exists) revert OperatorSetNotFound(avs, setId);
            Registration storage registration = $.registrations[operator][setKey];
            if (registration.registered) revert AlreadyRegisteredInSet(operator, avs, setId);
            registration.registered = true;
            emit OperatorRegisteredInSet(operator, avs, setId);
            if (config.hasRegistrar) _askRegistrar($.registrars[setKey], operator, avs, setId, data);
        }
    }

    /// @dev Calls the registrar's `onRegister`; a revert rejects the registration with at most
    /// `MAX_REGISTRAR_REASON_BYTES` of the registrar's revert data, so that a registrar cannot make its rejection
    /// arbitrarily expensive to relay.
    function _askRegistrar(
        address registrar,
        address operator,
        address avs,
        uint32 setId,
        bytes calldata data
    ) private {
        bytes memory callData = abi.encodeCall(IOperatorSetRegistrar.onRegister, (operator, avs, setId, data));
        bool ok;
        bytes memory reason;
        assembly ("memory-safe") {
            ok := call(gas(), registrar, 0, add(callData, 0x20), mload(callData), 0, 0)
            if iszero(ok) {
                let size := returndatasize()
                if gt(size, MAX_REGISTRAR_REASON_BYTES) {
                    size := MAX_REGISTRAR_REASON_BYTES
                }
                reason := mload(0x40)
                mstore(reason, size)
                returndatacopy(add(reason, 0x20), 0, size)
                mstore(0x40, add(add(reason, 0x20), and(add(size, 0x1f), not(0x1f))))
            }
        }
        if (!ok) revert RegistrarRejected(registrar, reason);
    }

    /// @dev Calls the registrar's `onDeregister` with exactly `DEREGISTRATION_HOOK_GAS` gas, copying no return
    /// data. The caller must hold enough gas for the hook to receive its whole allowance, or a caller could starve
    /// the hook on purpose; what the hook does with it cannot stop the deregistration.
    function _notifyDeregistration(address registrar, address operator, address avs, uint32 setId) private {
        uint256 required = DEREGISTRATION_HOOK_GAS + HOOK_CALL_OVERHEAD;
        if (gasleft() < required) revert InsufficientGasForHook(gasleft(), required);
        bytes memory callData = abi.encodeCall(IOperatorSetRegistrar.onDeregister, (operator, avs, setId));
        bool ok;
        assembly ("memory-safe") {
            ok := call(DEREGISTRATION_HOOK_GAS, registrar, 0, add(callData, 0x20), mload(callData), 0, 0)
        }
        if (!ok) emit DeregistrationHookFailed(operator, avs, setId, registrar);
    }

    /// @dev Adds `strategies` to the set, which holds `count` already, and returns the new count.
    function _addStrategies(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        uint32 setId,
        IStrategy[] calldata strategies,
        uint32 count
    ) private returns (uint32) {
        mapping(IStrategy => bool) storage members = $.setStrategies[setKey];
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            if (members[strategy]) revert StrategyAlreadyInSet(msg.sender, setId, strategy);
            members[strategy] = true;
            emit StrategyAddedToOperatorSet(msg.sender, setId, strategy);
        }
        // Safe cast: a set would need 2^32 strategies, each a separate storage write, to overflow.
        return count + uint32(strategies.length);
    }

    function _requireMembers(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) private view {
        mapping(IStrategy => bool) storage members = $.setStrategies[setKey];
        for (uint256 i; i < strategies.length; ++i) {
            if (!members[strategies[i]]) revert StrategyNotInSet(set.avs, set.id, strategies[i]);
        }
    }

    /// @dev The slasher in force: the scheduled one once its time has come.
    function _currentSlasher(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        SetConfig memory config
    ) private view returns (address) {
        if (!config.slasherChangeScheduled) return config.slasher;
        SlasherChange memory change = $.slasherChanges[setKey];
        return block.timestamp >= change.effectAt ? change.slasher : config.slasher;
    }

    function _slashable(Registration memory registration) private view returns (bool) {
        return registration.registered || block.timestamp < registration.slashableUntil;
    }

    function _requireAVS(AVSRegistryStorage storage $) private view {
        if (!$.avss[msg.sender]) revert NotAVS(msg.sender);
    }

    function _requireSet(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        OperatorSet calldata set
    ) private view returns (SetConfig memory config) {
        config = $.sets[setKey];
        if (!config.exists) revert OperatorSetNotFound(set.avs, set.id);
    }

    /// @dev The caller's set `setId`, which must exist.
    function _requireOwnSet(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        uint32 setId
    ) private view returns (SetConfig storage config) {
        config = $.sets[setKey];
        if (!config.exists) revert OperatorSetNotFound(msg.sender, setId);
    }

    function _withdrawalDelay() private view returns (uint256) {
        return IWithdrawalQueue(withdrawalQueue).withdrawalDelay();
    }

    function _key(address avs, uint32 setId) private pure returns (bytes32) {
        return bytes32((uint256(uint160(avs)) << 32) | setId);
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_REGISTRATION) | (1 << PAUSE_DEREGISTRATION);
    }

    function _domainName() internal pure override returns (string memory) {
        return "Palisade AVSRegistry";
    }

    function _domainVersion() internal pure override returns (string memory) {
        return "1";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (AVSRegistryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := AVS_REGISTRY_STORAGE
        }
    }
}
