// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IOperatorSetRegistrar} from "../interfaces/IOperatorSetRegistrar.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {ExitWindow} from "../libraries/ExitWindow.sol";
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
    /// `strategiesAddedBack` says that some strategy of the set was added back after a removal, so that a slash
    /// reads `strategySlashableFrom` only in such a set.
    struct SetConfig {
        address slasher;
        uint32 strategyCount;
        bool exists;
        bool hasRegistrar;
        bool redistributing;
        bool slasherChangeScheduled;
        bool strategiesAddedBack;
    }

    /// @dev A slasher taking over at `effectAt`, with the redistribution recipient taking over with it (a
    /// redistributing set's only).
    struct SlasherChange {
        address slasher;
        uint48 effectAt;
        address recipient;
    }

    /// @dev An operator's standing in a set, in one slot: slashable at `t` when `t >= slashableFrom` and it is
    /// registered or `t < slashableUntil` (see `_slashableAt`). A registration sets `slashableFrom` to the end of
    /// the notice; a deregistration sets `slashableUntil`, never lower than before.
    struct Registration {
        bool registered;
        uint48 slashableUntil;
        uint48 slashableFrom;
    }

    /// @dev The withdrawal queue's delay parameters, as it pushed them (`syncExitWindow`), in one slot.
    struct ExitWindowParameters {
        uint32 delay;
        uint48 maturityFloor;
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
        ExitWindowParameters exitWindow;
        /// @dev Redistributing sets' recipients in force until a scheduled change takes effect (see `SlasherChange`).
        mapping(bytes32 setKey => address) recipients;
        /// @dev When the set can slash a strategy added back after a removal; read only where `strategiesAddedBack`.
        mapping(bytes32 setKey => mapping(IStrategy strategy => uint48)) strategySlashableFrom;
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
        if (redistributing) $.recipients[setKey] = recipient;
        emit OperatorSetCreated(msg.sender, setId, slasher, registrar, recipient);
        // A new set has no operators, so its strategies need no notice.
        $.sets[setKey] = SetConfig({
            slasher: slasher,
            strategyCount: _addStrategies($, setKey, setId, strategies, 0, false),
            exists: true,
            hasRegistrar: hasRegistrar,
            redistributing: redistributing,
            slasherChangeScheduled: false,
            strategiesAddedBack: false
        });
    }

    /// @inheritdoc IAVSRegistry
    function addStrategiesToOperatorSet(uint32 setId, IStrategy[] calldata strategies) external {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        config.strategyCount = _addStrategies($, setKey, setId, strategies, config.strategyCount, true);
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
            // Marks the strategy as one the set held (`_everAdded`): adding it back will need notice. A past time
            // (1) reads as "slashable whenever a member", which is what it is.
            if ($.strategySlashableFrom[setKey][strategy] == 0) $.strategySlashableFrom[setKey][strategy] = 1;
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
    function scheduleSlasher(uint32 setId, address slasher, address recipient) external returns (uint48 effectAt) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = _key(msg.sender, setId);
        SetConfig storage config = _requireOwnSet($, setKey, setId);
        if (slasher == address(0)) revert InvalidSlasher();
        bool redistributing = config.redistributing;
        if (redistributing != (recipient != address(0))) {
            revert InvalidRedistributionRecipient(msg.sender, setId, recipient, redistributing);
        }
        // A change that already took effect is written down before it is replaced by the next.
        if (config.slasherChangeScheduled) {
            SlasherChange memory previous = $.slasherChanges[setKey];
            if (block.timestamp >= previous.effectAt) {
                config.slasher = previous.slasher;
                if (redistributing) $.recipients[setKey] = previous.recipient;
            }
        }
        config.slasherChangeScheduled = true;
        effectAt = _noticeEnd($);
        $.slasherChanges[setKey] = SlasherChange({slasher: slasher, effectAt: effectAt, recipient: recipient});
        emit SlasherScheduled(msg.sender, setId, slasher, recipient, effectAt);
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
        uint48 exitEnd_ = _exitEnd($);
        for (uint256 i; i < setIds.length; ++i) {
            uint32 setId = setIds[i];
            bytes32 setKey = _key(avs, setId);
            Registration memory current = $.registrations[operator][setKey];
            if (!current.registered) revert NotRegisteredInSet(operator, avs, setId);
            // `ExitWindow.endAt` never decreases, so this is never below an earlier deregistration's; kept as a max
            // all the same, since a window once promised must never shrink.
            uint48 until = current.slashableUntil;
            if (exitEnd_ > until) until = exitEnd_;
            $.registrations[operator][setKey] = Registration({
                registered: false,
                slashableUntil: until,
                slashableFrom: current.slashableFrom
            });
            emit OperatorDeregisteredFromSet(operator, avs, setId, until);
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
    ) external view returns (address recipient) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        SetConfig memory config = _requireSet($, setKey, set);
        address slasher = config.slasher;
        if (config.slasherChangeScheduled) {
            SlasherChange memory change = $.slasherChanges[setKey];
            if (block.timestamp >= change.effectAt) {
                slasher = change.slasher;
                recipient = change.recipient;
            }
        }
        if (caller != slasher) revert NotSlasher(caller, set.avs, set.id, slasher);
        if (!_slashableAt($.registrations[operator][setKey], block.timestamp)) {
            revert OperatorNotSlashable(operator, set.avs, set.id);
        }
        _requireMembers($, setKey, set, strategies);
        if (config.strategiesAddedBack) _requireSlashableStrategies($, setKey, set, strategies);
        // The recipient of a scheduled change in force was read with it; otherwise the one set at creation.
        if (config.redistributing && recipient == address(0)) recipient = $.recipients[setKey];
    }

    /// @inheritdoc IAVSRegistry
    function checkAllocation(
        address operator,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) external view returns (bool slashable, uint48 exitEnd_) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        _requireSet($, setKey, set);
        _requireMembers($, setKey, set, strategies);
        return (_slashableAt($.registrations[operator][setKey], block.timestamp), _exitEnd($));
    }

    /// @inheritdoc IAVSRegistry
    function syncExitWindow(uint32 delay, uint48 maturityFloor) external {
        if (msg.sender != withdrawalQueue) revert OnlyWithdrawalQueue(msg.sender);
        _storage().exitWindow = ExitWindowParameters({delay: delay, maturityFloor: maturityFloor});
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
        if (config.redistributing) info.redistributionRecipient = $.recipients[setKey];
        if (config.slasherChangeScheduled) {
            SlasherChange memory change = $.slasherChanges[setKey];
            if (block.timestamp >= change.effectAt) {
                info.slasher = change.slasher;
                if (config.redistributing) info.redistributionRecipient = change.recipient;
            } else {
                info.pendingSlasher = change.slasher;
                info.pendingRedistributionRecipient = change.recipient;
                info.slasherEffectAt = change.effectAt;
            }
        }
        info.registrar = $.registrars[setKey];
        info.strategyCount = config.strategyCount;
    }

    /// @inheritdoc IAVSRegistry
    function isStrategyInSet(OperatorSet calldata set, IStrategy strategy) external view returns (bool) {
        return _storage().setStrategies[set.key()][strategy];
    }

    /// @inheritdoc IAVSRegistry
    function strategyMembership(
        OperatorSet calldata set,
        IStrategy strategy
    ) external view returns (bool member, uint48 slashableFrom) {
        AVSRegistryStorage storage $ = _storage();
        bytes32 setKey = set.key();
        return ($.setStrategies[setKey][strategy], $.strategySlashableFrom[setKey][strategy]);
    }

    /// @inheritdoc IAVSRegistry
    function exitWindow() external view returns (uint32 delay, uint48 maturityFloor) {
        ExitWindowParameters memory parameters = _storage().exitWindow;
        return (parameters.delay, parameters.maturityFloor);
    }

    /// @inheritdoc IAVSRegistry
    function exitEnd() external view returns (uint48) {
        return _exitEnd(_storage());
    }

    /// @inheritdoc IAVSRegistry
    function isRegistered(address operator, OperatorSet calldata set) external view returns (bool) {
        return _storage().registrations[operator][set.key()].registered;
    }

    /// @inheritdoc IAVSRegistry
    function isSlashable(address operator, OperatorSet calldata set) external view returns (bool) {
        return _slashableAt(_storage().registrations[operator][set.key()], block.timestamp);
    }

    /// @inheritdoc IAVSRegistry
    function isSlashableAt(address operator, OperatorSet calldata set, uint48 timestamp) external view returns (bool) {
        return _slashableAt(_storage().registrations[operator][set.key()], timestamp);
    }

    /// @inheritdoc IAVSRegistry
    function registration(address operator, OperatorSet calldata set) external view returns (RegistrationInfo memory) {
        Registration memory stored = _storage().registrations[operator][set.key()];
        return
            RegistrationInfo({
                registered: stored.registered,
                slashableFrom: stored.slashableFrom,
                slashableUntil: stored.slashableUntil
            });
    }

    /// @inheritdoc IAVSRegistry
    function slashableUntil(address operator, OperatorSet calldata set) external view returns (uint48) {
        Registration memory stored = _storage().registrations[operator][set.key()];
        return stored.registered ? 0 : stored.slashableUntil;
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
        // The operator's allocations to a set may be in force before it registers: they become slashable only after
        // the notice, like every increase of exposure.
        uint48 slashableFrom = _noticeEnd($);
        for (uint256 i; i < setIds.length; ++i) {
            uint32 setId = setIds[i];
            bytes32 setKey = _key(avs, setId);
            SetConfig memory config = $.sets[setKey];
            if (!config.exists) revert OperatorSetNotFound(avs, setId);
            Registration memory current = $.registrations[operator][setKey];
            if (current.registered) revert AlreadyRegisteredInSet(operator, avs, setId);
            // One window at a time: a registration that started before the previous window closed would either
            // shorten it (an escape) or stretch it without notice.
            if (block.timestamp < current.slashableUntil) {
                revert PreviousRegistrationStillSlashable(operator, avs, setId, current.slashableUntil);
            }
            // One write of the whole slot: the window it left, if any, is kept for the record.
            $.registrations[operator][setKey] = Registration({
                registered: true,
                slashableUntil: current.slashableUntil,
                slashableFrom: slashableFrom
            });
            emit OperatorRegisteredInSet(operator, avs, setId, slashableFrom);
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

    /// @dev Adds `strategies` to the set, which holds `count` already, and returns the new count. In an existing
    /// set (`existing`), a strategy that was a member before is slashable only after the notice: operators'
    /// allocations to it stayed when it was removed. A strategy's first addition needs none, since nobody can have
    /// allocated to it yet (an increase needs the strategy in the set).
    function _addStrategies(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        uint32 setId,
        IStrategy[] calldata strategies,
        uint32 count,
        bool existing
    ) private returns (uint32) {
        mapping(IStrategy => bool) storage members = $.setStrategies[setKey];
        uint48 noticeEnd;
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            if (members[strategy]) revert StrategyAlreadyInSet(msg.sender, setId, strategy);
            members[strategy] = true;
            uint48 slashableFrom;
            if (existing && _everAdded($, setKey, strategy)) {
                if (noticeEnd == 0) noticeEnd = _noticeEnd($);
                slashableFrom = noticeEnd;
                $.strategySlashableFrom[setKey][strategy] = slashableFrom;
                $.sets[setKey].strategiesAddedBack = true;
            }
            emit StrategyAddedToOperatorSet(msg.sender, setId, strategy, slashableFrom);
        }
        // Safe cast: a set would need 2^32 strategies, each a separate storage write, to overflow.
        return count + uint32(strategies.length);
    }

    /// @dev Reverts with `StrategyNotSlashableYet` for a strategy added back whose notice has not passed.
    function _requireSlashableStrategies(
        AVSRegistryStorage storage $,
        bytes32 setKey,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) private view {
        mapping(IStrategy => uint48) storage slashableFrom = $.strategySlashableFrom[setKey];
        for (uint256 i; i < strategies.length; ++i) {
            uint48 from = slashableFrom[strategies[i]];
            if (block.timestamp < from) revert StrategyNotSlashableYet(set.avs, set.id, strategies[i], from);
        }
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

    /// @dev Whether a registration makes its operator slashable at `timestamp`, given what is known now.
    function _slashableAt(Registration memory stored, uint256 timestamp) private pure returns (bool) {
        return timestamp >= stored.slashableFrom && (stored.registered || timestamp < stored.slashableUntil);
    }

    /// @dev Whether `strategy` was ever in the set: a member now, or removed (`StrategyRemovedFromOperatorSet`
    /// leaves a mark, see `removeStrategiesFromOperatorSet`).
    function _everAdded(AVSRegistryStorage storage $, bytes32 setKey, IStrategy strategy) private view returns (bool) {
        return $.strategySlashableFrom[setKey][strategy] != 0;
    }

    /// @dev `ExitWindow.endAt(now)` from the queue's parameters.
    function _exitEnd(AVSRegistryStorage storage $) private view returns (uint48) {
        ExitWindowParameters memory parameters = $.exitWindow;
        return ExitWindow.endAt(parameters.delay, parameters.maturityFloor, block.timestamp);
    }

    /// @dev `ExitWindow.noticeEndAt(now)` from the queue's parameters.
    function _noticeEnd(AVSRegistryStorage storage $) private view returns (uint48) {
        ExitWindowParameters memory parameters = $.exitWindow;
        return ExitWindow.noticeEndAt(parameters.delay, parameters.maturityFloor, block.timestamp);
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
