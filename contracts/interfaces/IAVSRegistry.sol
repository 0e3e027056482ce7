// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IAVSRegistry
/// @notice AVSs, their operator sets, and which operators are registered in which set.
///
/// An AVS is any account (usually its service contract) that registers with a metadata URI. It creates operator
/// sets, each with:
/// - its strategies: the stake it can slash (added and removed by the AVS);
/// - its slasher: the only account that may slash in the set. A change of slasher is scheduled and takes effect
///   after the withdrawal delay, so that stake that opted in under one set of slashing rules can leave before new
///   rules apply;
/// - an optional registrar hook (`IOperatorSetRegistrar`), called when an operator registers (it may reject) and
///   when one deregisters (gas-capped; its failure never blocks the deregistration);
/// - where slashed funds go, fixed at creation: burned (recipient `address(0)`) or redistributed to a recipient.
///
/// An operator registers for a set by its own transaction, or the AVS submits the operator's EIP-712 consent. It
/// deregisters by its own transaction, or the AVS ejects it; either way it stays slashable in the set for the
/// withdrawal delay after deregistering, so that deregistering cannot escape a slash that is on its way.
/// @dev Pause bits: `PAUSE_REGISTRATION` (operators joining sets) and `PAUSE_DEREGISTRATION` (leaving them), so a
/// pause of one never blocks the other.
interface IAVSRegistry is IPauseControl {
    /// @notice An operator set's configuration, as `operatorSetInfo` reports it.
    /// @param slasher The account that may slash in the set now.
    /// @param pendingSlasher The slasher scheduled to take over (`address(0)`: none).
    /// @param slasherEffectAt When `pendingSlasher` takes over (0: none scheduled).
    /// @param registrar The registrar hook (`address(0)`: none).
    /// @param redistributionRecipient Where slashed funds go (`address(0)`: they are burned).
    /// @param strategyCount How many strategies the set holds.
    struct OperatorSetInfo {
        address slasher;
        address pendingSlasher;
        uint48 slasherEffectAt;
        address registrar;
        address redistributionRecipient;
        uint32 strategyCount;
    }

    /// @notice An operator's consent to be registered for an AVS's sets, submitted by the AVS.
    /// @param signature The operator's EIP-712 signature over `RegistrationConsent` (ECDSA, or EIP-1271).
    /// @param salt A value the operator never used in a consent before.
    /// @param expiry The last second at which the consent can be used.
    struct Consent {
        bytes signature;
        bytes32 salt;
        uint256 expiry;
    }

    /// @notice `avs` is already registered.
    error AVSAlreadyRegistered(address avs);
    /// @notice `account` is not a registered AVS.
    error NotAVS(address account);
    /// @notice `avs` already has an operator set with id `setId`.
    error OperatorSetAlreadyExists(address avs, uint32 setId);
    /// @notice `avs` has no operator set with id `setId`.
    error OperatorSetNotFound(address avs, uint32 setId);
    /// @notice An operator set needs a slasher; `address(0)` is not one.
    error InvalidSlasher();
    /// @notice `strategy` is already in `avs`'s set `setId`.
    error StrategyAlreadyInSet(address avs, uint32 setId, IStrategy strategy);
    /// @notice `strategy` is not in `avs`'s set `setId`.
    error StrategyNotInSet(address avs, uint32 setId, IStrategy strategy);
    /// @notice `account` is not a registered operator.
    error NotOperator(address account);
    /// @notice `operator` is already registered in `avs`'s set `setId`.
    error AlreadyRegisteredInSet(address operator, address avs, uint32 setId);
    /// @notice `operator` is not registered in `avs`'s set `setId`.
    error NotRegisteredInSet(address operator, address avs, uint32 setId);
    /// @notice `caller` may not deregister `operator`: only the operator itself and the set's AVS may.
    error DeregistrationUnauthorized(address caller, address operator);
    /// @notice A registration or deregistration that names no set.
    error NoOperatorSets();
    /// @notice The operator's consent expired at `expiry`; the chain's time is `currentTime`.
    error ConsentExpired(uint256 expiry, uint256 currentTime);
    /// @notice `operator` has already used `salt` in a consent.
    error ConsentSaltSpent(address operator, bytes32 salt);
    /// @notice The consent's signature is not `operator`'s over `digest`.
    error InvalidConsentSignature(address operator, bytes32 digest);
    /// @notice The set's registrar hook rejected the registration; `reason` is its revert data (at most
    /// `MAX_REGISTRAR_REASON_BYTES` of it).
    error RegistrarRejected(address registrar, bytes reason);
    /// @notice A deregistration must leave the registrar hook its full gas allowance: `gasLeft` is below `required`.
    error InsufficientGasForHook(uint256 gasLeft, uint256 required);
    /// @notice `caller` is not the slasher of `avs`'s set `setId` (which is `slasher`).
    error NotSlasher(address caller, address avs, uint32 setId, address slasher);
    /// @notice `operator` is neither registered in `avs`'s set `setId` nor within the withdrawal delay of leaving it.
    error OperatorNotSlashable(address operator, address avs, uint32 setId);

    /// @notice `avs` registered, with `metadataURI` describing it.
    event AVSRegistered(address indexed avs, string metadataURI);
    /// @notice `avs` now points to `metadataURI`.
    event AVSMetadataURIUpdated(address indexed avs, string metadataURI);
    /// @notice `avs` created set `setId`; its strategies follow as `StrategyAddedToOperatorSet` events.
    event OperatorSetCreated(
        address indexed avs,
        uint32 indexed setId,
        address slasher,
        address registrar,
        address redistributionRecipient
    );
    /// @notice `strategy` joined `avs`'s set `setId`.
    event StrategyAddedToOperatorSet(address indexed avs, uint32 indexed setId, IStrategy indexed strategy);
    /// @notice `strategy` left `avs`'s set `setId`: stake in it can no longer be slashed by the set.
    event StrategyRemovedFromOperatorSet(address indexed avs, uint32 indexed setId, IStrategy indexed strategy);
    /// @notice `avs`'s set `setId` now calls `registrar` (`address(0)`: none).
    event RegistrarSet(address indexed avs, uint32 indexed setId, address registrar);
    /// @notice `slasher` becomes the slasher of `avs`'s set `setId` at `effectAt`.
    event SlasherScheduled(address indexed avs, uint32 indexed setId, address slasher, uint48 effectAt);
    /// @notice `operator` registered in `avs`'s set `setId`.
    event OperatorRegisteredInSet(address indexed operator, address indexed avs, uint32 indexed setId);
    /// @notice `operator` left `avs`'s set `setId`; it stays slashable there until `slashableUntil`.
    event OperatorDeregisteredFromSet(
        address indexed operator,
        address indexed avs,
        uint32 indexed setId,
        uint48 slashableUntil
    );
    /// @notice The registrar hook of `avs`'s set `setId` failed on `operator`'s deregistration, which went ahead.
    event DeregistrationHookFailed(
        address indexed operator,
        address indexed avs,
        uint32 indexed setId,
        address registrar
    );
    /// @notice `operator` spent `salt` on a registration consent.
    event ConsentSaltUsed(address indexed operator, bytes32 salt);

    // ------------------------------------------------------------------ AVSs

    /// @notice Registers the caller as an AVS.
    function registerAVS(string calldata metadataURI) external;

    /// @notice Points the caller's AVS to a new metadata URI.
    function updateAVSMetadataURI(string calldata metadataURI) external;

    /// @notice Creates the caller's operator set `setId`.
    /// @param strategies The stake the set can slash; no duplicates.
    /// @param slasher The only account that may slash in the set (a reference slasher or the AVS's own contract).
    /// @param registrar The registrar hook, or `address(0)` for none.
    /// @param redistributionRecipient Where slashed funds go, fixed for the set's life; `address(0)` burns them.
    function createOperatorSet(
        uint32 setId,
        IStrategy[] calldata strategies,
        address slasher,
        address registrar,
        address redistributionRecipient
    ) external;

    /// @notice Adds `strategies` to the caller's set `setId`.
    function addStrategiesToOperatorSet(uint32 setId, IStrategy[] calldata strategies) external;

    /// @notice Removes `strategies` from the caller's set `setId`; the set can no longer slash them.
    function removeStrategiesFromOperatorSet(uint32 setId, IStrategy[] calldata strategies) external;

    /// @notice Sets the registrar hook of the caller's set `setId` (`address(0)`: none).
    function setRegistrar(uint32 setId, address registrar) external;

    /// @notice Schedules `slasher` to become the slasher of the caller's set `setId` after the withdrawal delay. A
    /// later call replaces a change that has not taken effect yet.
    /// @return effectAt When `slasher` takes over.
    function scheduleSlasher(uint32 setId, address slasher) external returns (uint48 effectAt);

    // ------------------------------------------------------------------ operators

    /// @notice Registers the caller, an operator, in `avs`'s sets `setIds`, passing `data` to each set's registrar.
    function registerForOperatorSets(address avs, uint32[] calldata setIds, bytes calldata data) external;

    /// @notice Registers `operator` in the caller's (an AVS's) sets `setIds` with the operator's signed consent.
    function registerOperatorWithConsent(
        address operator,
        uint32[] calldata setIds,
        bytes calldata data,
        Consent calldata consent
    ) external;

    /// @notice Deregisters `operator` from `avs`'s sets `setIds`. Called by the operator, or by the AVS to eject it.
    /// @dev Each set's registrar is told with a gas allowance of `DEREGISTRATION_HOOK_GAS`; the caller must leave
    /// enough gas for it (`InsufficientGasForHook`), and its failure is reported in `DeregistrationHookFailed`.
    function deregisterFromOperatorSets(address operator, address avs, uint32[] calldata setIds) external;

    // ------------------------------------------------------------------ Palisade's own contracts

    /// @notice Checks that `caller` may slash `operator` in `set` for `strategies` now. Reverts with
    /// `OperatorSetNotFound`, `NotSlasher`, `OperatorNotSlashable` or `StrategyNotInSet`.
    function checkSlash(
        address operator,
        OperatorSet calldata set,
        address caller,
        IStrategy[] calldata strategies
    ) external view;

    /// @notice Checks that `set` exists and holds `strategies`, and returns whether `operator` is slashable in it
    /// (registered, or within the withdrawal delay of leaving). Reverts with `OperatorSetNotFound` or
    /// `StrategyNotInSet`.
    function checkAllocation(
        address operator,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) external view returns (bool slashable);

    // ------------------------------------------------------------------ views

    /// @notice The pause bit of registrations in operator sets.
    function PAUSE_REGISTRATION() external view returns (uint8);

    /// @notice The pause bit of deregistrations from operator sets.
    function PAUSE_DEREGISTRATION() external view returns (uint8);

    /// @notice The gas a registrar hook receives on a deregistration.
    function DEREGISTRATION_HOOK_GAS() external view returns (uint256);

    /// @notice At most this many bytes of a registrar's revert data reach the caller in `RegistrarRejected`.
    function MAX_REGISTRAR_REASON_BYTES() external view returns (uint256);

    /// @notice The EIP-712 type hash of
    /// `RegistrationConsent(address operator,address avs,uint32[] setIds,bytes data,bytes32 salt,uint256 expiry)`.
    function REGISTRATION_CONSENT_TYPEHASH() external view returns (bytes32);

    /// @notice The operator registry, which says who is an operator.
    function operatorRegistry() external view returns (address);

    /// @notice The withdrawal queue, whose delay sets how long a deregistered operator stays slashable.
    function withdrawalQueue() external view returns (address);

    /// @notice The SlashingCoordinator, which keeps each redistributing set's recipient.
    function slashingCoordinator() external view returns (address);

    /// @notice Whether `avs` is a registered AVS.
    function isAVS(address avs) external view returns (bool);

    /// @notice Whether `set` exists.
    function operatorSetExists(OperatorSet calldata set) external view returns (bool);

    /// @notice `set`'s configuration; reverts with `OperatorSetNotFound` if it does not exist.
    function operatorSetInfo(OperatorSet calldata set) external view returns (OperatorSetInfo memory);

    /// @notice Whether `strategy` is in `set`.
    function isStrategyInSet(OperatorSet calldata set, IStrategy strategy) external view returns (bool);

    /// @notice Whether `operator` is registered in `set`.
    function isRegistered(address operator, OperatorSet calldata set) external view returns (bool);

    /// @notice Whether `operator` can be slashed in `set` now: registered, or deregistered less than the withdrawal
    /// delay ago.
    function isSlashable(address operator, OperatorSet calldata set) external view returns (bool);

    /// @notice Until when a deregistered `operator` stays slashable in `set` (0: never registered or still
    /// registered).
    function slashableUntil(address operator, OperatorSet calldata set) external view returns (uint48);

    /// @notice Whether `operator` has spent `salt` on a consent.
    function isConsentSaltSpent(address operator, bytes32 salt) external view returns (bool);

    /// @notice The EIP-712 digest an operator signs to consent to registration in `avs`'s sets `setIds`.
    function registrationConsentDigest(
        address operator,
        address avs,
        uint32[] calldata setIds,
        bytes calldata data,
        bytes32 salt,
        uint256 expiry
    ) external view returns (bytes32);
}
