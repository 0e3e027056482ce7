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
/// - its slasher: the only account that may slash in the set;
/// - an optional registrar hook (`IOperatorSetRegistrar`), called when an operator registers (it may reject) and
///   when one deregisters (gas-capped; its failure never blocks the deregistration);
/// - where slashed funds go: burned (recipient `address(0)`, for the set's life) or redistributed to a recipient.
///
/// An operator registers for a set by its own transaction, or the AVS submits the operator's EIP-712 consent. It
/// deregisters by its own transaction, or the AVS ejects it; either way it stays slashable in the set for the
/// withdrawal delay after deregistering, so that deregistering cannot escape a slash that is on its way.
///
/// No new risk without a way out (guarantee 9). Whatever makes more of a staker's stake slashable, or slashable by
/// other rules, takes effect only after a staker who reacts in the block it is announced has fully withdrawn:
/// `ExitWindow.noticeEndAt(now)`, one second after a withdrawal queued now matures. That covers, here:
/// - a registration: the operator becomes slashable in the set at its `slashableFrom`, not at once (its
///   allocations to the set may be in force already);
/// - a change of slasher, and of a redistributing set's recipient, which are scheduled together;
/// - a strategy added back to a set after it was removed (the operators' old allocations to it come back with it).
/// A strategy added for the first time needs no notice: no operator can hold an allocation to it yet, and every
/// allocation increase gives its own notice (`IAllocationManager`).
///
/// The registry holds a copy of the withdrawal queue's delay parameters, pushed by the queue whenever governance
/// changes them (`syncExitWindow`), so that dating these windows costs no call.
/// @dev Pause bits: `PAUSE_REGISTRATION` (operators joining sets) and `PAUSE_DEREGISTRATION` (leaving them), so a
/// pause of one never blocks the other.
interface IAVSRegistry is IPauseControl {
    /// @notice An operator set's configuration, as `operatorSetInfo` reports it.
    /// @param slasher The account that may slash in the set now.
    /// @param pendingSlasher The slasher scheduled to take over (`address(0)`: none).
    /// @param slasherEffectAt When `pendingSlasher` (and `pendingRedistributionRecipient`) take over (0: none
    /// scheduled).
    /// @param registrar The registrar hook (`address(0)`: none).
    /// @param redistributionRecipient Where slashed funds go now (`address(0)`: they are burned).
    /// @param pendingRedistributionRecipient The recipient scheduled with `pendingSlasher` (`address(0)` for a
    /// burning set or when nothing is scheduled).
    /// @param strategyCount How many strategies the set holds.
    struct OperatorSetInfo {
        address slasher;
        address pendingSlasher;
        uint48 slasherEffectAt;
        address registrar;
        address redistributionRecipient;
        address pendingRedistributionRecipient;
        uint32 strategyCount;
    }

    /// @notice An operator's standing in a set, as `registration` reports it.
    /// @param registered Whether the operator is registered in the set.
    /// @param slashableFrom When its last registration made it slashable (0: never registered).
    /// @param slashableUntil Until when it stays slashable after its last deregistration (0: never deregistered).
    /// The operator is slashable at `t` when `t >= slashableFrom` and it is registered or `t < slashableUntil`.
    struct RegistrationInfo {
        bool registered;
        uint48 slashableFrom;
        uint48 slashableUntil;
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

    /// @notice AVS {avs} is already registered.
    /// @custom:title The AVS is already registered
    /// @custom:hint Nothing to register: the AVS is registered already.
    error AVSAlreadyRegistered(address avs);
    /// @notice {account} is not a registered AVS.
    /// @custom:title The account is not a registered AVS
    /// @custom:hint Register the AVS first, and send the AVS's transactions from its account.
    /// @custom:argument avs
    error NotAVS(address account);
    /// @notice AVS {avs} already has an operator set with id {setId:id}.
    /// @custom:title The operator set already exists
    /// @custom:hint Choose another set id, or change the existing set (add strategies to it).
    /// @custom:argument setId
    error OperatorSetAlreadyExists(address avs, uint32 setId);
    /// @notice AVS {avs} has no operator set with id {setId:id}.
    /// @custom:title The operator set does not exist
    /// @custom:hint Check the AVS address and the set id, or create the set first.
    /// @custom:argument setId
    error OperatorSetNotFound(address avs, uint32 setId);
    /// @notice An operator set needs a slasher, and the zero address is not one.
    /// @dev An operator set needs a slasher; `address(0)` is not one.
    /// @custom:title An operator set needs a slasher
    /// @custom:hint Deploy a slasher (an InstantSlasher, VetoSlasher or EquivocationSlasher, or the AVS's own contract)
    /// and pass its address.
    /// @custom:argument slasher
    error InvalidSlasher();
    /// @notice Strategy {strategy} is already in set {setId:id} of AVS {avs}.
    /// @custom:title The strategy is already in the set
    /// @custom:hint Leave it out: name each strategy once, and only those the set does not hold yet.
    /// @custom:argument strategy
    error StrategyAlreadyInSet(address avs, uint32 setId, IStrategy strategy);
    /// @notice Strategy {strategy} is not in set {setId:id} of AVS {avs}.
    /// @custom:title The strategy is not in the set
    /// @custom:hint Use only strategies the set holds, or have the AVS add it.
    /// @custom:argument strategy
    error StrategyNotInSet(address avs, uint32 setId, IStrategy strategy);
    /// @notice {account} is not a registered operator.
    /// @custom:title The account is not an operator
    /// @custom:hint Check the address, or register it as an operator first.
    /// @custom:argument operator
    error NotOperator(address account);
    /// @notice Operator {operator} is already registered in set {setId:id} of AVS {avs}.
    /// @custom:title The operator is already registered in the set
    /// @custom:hint Leave that set out of the registration (the operator's state lists its sets).
    /// @custom:argument setId
    error AlreadyRegisteredInSet(address operator, address avs, uint32 setId);
    /// @notice Operator {operator} is not registered in set {setId:id} of AVS {avs}.
    /// @custom:title The operator is not registered in the set
    /// @custom:hint Deregister only from sets the operator is registered in; it may have left already.
    /// @custom:argument setId
    error NotRegisteredInSet(address operator, address avs, uint32 setId);
    /// @notice {caller} may not deregister operator {operator}: only the operator itself and the set's AVS may.
    /// @dev `caller` may not deregister `operator`: only the operator itself and the set's AVS may.
    /// @custom:title The caller may not deregister this operator
    /// @custom:hint Send the deregistration from the operator's account or the AVS's.
    /// @custom:argument operator
    error DeregistrationUnauthorized(address caller, address operator);
    /// @notice The registration or deregistration names no operator set.
    /// @custom:title No operator set was named
    /// @custom:hint Name at least one set id.
    /// @custom:argument setIds
    error NoOperatorSets();
    /// @notice The operator's registration consent expired at {expiry:time}.
    /// @custom:title The operator's consent has expired
    /// @custom:hint Ask the operator to sign a new consent with a later expiry.
    /// @custom:argument expiry
    error ConsentExpired(uint256 expiry, uint256 currentTime);
    /// @notice Operator {operator} has already used salt {salt} in a consent.
    /// @custom:title The operator has used this consent salt already
    /// @custom:hint Ask the operator to sign a new consent with a fresh salt.
    /// @custom:argument salt
    error ConsentSaltSpent(address operator, bytes32 salt);
    /// @notice The consent is not signed by operator {operator} over digest {digest}: another signer, or another AVS,
    /// set ids, data, salt, expiry or chain.
    /// @custom:title The consent is not the operator's
    /// @custom:hint Have the operator sign the consent for exactly this AVS, these set ids and data, and this salt and
    /// expiry.
    /// @custom:argument signature
    error InvalidConsentSignature(address operator, bytes32 digest);
    /// @notice The set's registrar hook rejected the registration; `reason` is its revert data (at most
    /// `MAX_REGISTRAR_REASON_BYTES` of it).
    error RegistrarRejected(address registrar, bytes reason);
    /// @notice A deregistration must leave the registrar hook its full gas allowance: `gasLeft` is below `required`.
    error InsufficientGasForHook(uint256 gasLeft, uint256 required);
    /// @notice {caller} is not the slasher of set {setId:id} of AVS {avs}; {slasher} is.
    /// @dev `caller` is not the slasher of `avs`'s set `setId` (which is `slasher`).
    /// @custom:title The caller is not the set's slasher
    /// @custom:hint Slash through the set's slasher; after a change of slasher, a request made with the old one can no
    /// longer execute.
    error NotSlasher(address caller, address avs, uint32 setId, address slasher);
    /// @notice Operator {operator} cannot be slashed in set {setId:id} of AVS {avs}: it is not registered there, and
    /// left more than the withdrawal delay ago (or never joined).
    /// @dev `operator` is not slashable in `avs`'s set `setId` now: not registered and past the withdrawal delay of
    /// leaving, or registered less than the notice ago (see `registration`).
    /// @custom:title The operator cannot be slashed in the set
    /// @custom:hint Check the operator and the set: an operator is slashable once its registration's notice has passed
    /// (`slashableFrom`), and until the withdrawal delay after it leaves.
    /// @custom:argument operator
    error OperatorNotSlashable(address operator, address avs, uint32 setId);
    /// @notice Strategy {strategy} was added back to set {setId:id} of AVS {avs}, which can slash it only from
    /// {slashableFrom:time}: stakers get the notice of the withdrawal delay first.
    /// @custom:title The strategy was added back to the set and is not slashable yet
    /// @custom:hint Leave that strategy out of the slash, or slash it from {slashableFrom:date|the end of its notice}
    /// on.
    /// @custom:argument strategies
    error StrategyNotSlashableYet(address avs, uint32 setId, IStrategy strategy, uint48 slashableFrom);
    /// @notice Operator {operator} left set {setId:id} of AVS {avs} and stays slashable there until
    /// {slashableUntil:time}: it cannot register again before that window closes.
    /// @custom:title The operator's previous registration in the set is still slashable
    /// @custom:hint Wait until {slashableUntil:date|the window closes}, then register in the set again.
    /// @custom:argument setIds
    error PreviousRegistrationStillSlashable(address operator, address avs, uint32 setId, uint48 slashableUntil);
    /// @notice `recipient` cannot be the redistribution recipient of `avs`'s set `setId`: a redistributing set
    /// (`redistributing`) needs one, and a burning set burns for its life.
    error InvalidRedistributionRecipient(address avs, uint32 setId, address recipient, bool redistributing);
    /// @notice Only the withdrawal queue may call this function (it moves stake, and tells the AVS registry of every
    /// change of the withdrawal delay); {caller} is not it.
    /// @custom:title Only the withdrawal queue may call this
    /// @custom:hint Withdraw through the withdrawal queue (queue the withdrawal, then complete it); the delay's copy in
    /// the AVS registry follows governance's `setWithdrawalDelay` on its own.
    error OnlyWithdrawalQueue(address caller);

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
    /// @notice `strategy` joined `avs`'s set `setId`; the set can slash it from `slashableFrom` on (at once for a
    /// strategy new to the set, after the notice for one added back).
    event StrategyAddedToOperatorSet(
        address indexed avs,
        uint32 indexed setId,
        IStrategy indexed strategy,
        uint48 slashableFrom
    );
    /// @notice `strategy` left `avs`'s set `setId`: stake in it can no longer be slashed by the set, until the
    /// strategy is added back (and its notice has passed).
    event StrategyRemovedFromOperatorSet(address indexed avs, uint32 indexed setId, IStrategy indexed strategy);
    /// @notice `avs`'s set `setId` now calls `registrar` (`address(0)`: none).
    event RegistrarSet(address indexed avs, uint32 indexed setId, address registrar);
    /// @notice `slasher` becomes the slasher of `avs`'s set `setId` at `effectAt`, and `redistributionRecipient` its
    /// recipient (`address(0)` for a burning set).
    event SlasherScheduled(
        address indexed avs,
        uint32 indexed setId,
        address slasher,
        address redistributionRecipient,
        uint48 effectAt
    );
    /// @notice `operator` registered in `avs`'s set `setId`, where it is slashable from `slashableFrom` on.
    event OperatorRegisteredInSet(
        address indexed operator,
        address indexed avs,
        uint32 indexed setId,
        uint48 slashableFrom
    );
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

    /// @notice Adds `strategies` to the caller's set `setId`. A strategy the set held before is slashable again only
    /// after the notice (`StrategyAddedToOperatorSet.slashableFrom`): operators' allocations to it never left.
    function addStrategiesToOperatorSet(uint32 setId, IStrategy[] calldata strategies) external;

    /// @notice Removes `strategies` from the caller's set `setId`; the set can no longer slash them.
    function removeStrategiesFromOperatorSet(uint32 setId, IStrategy[] calldata strategies) external;

    /// @notice Sets the registrar hook of the caller's set `setId` (`address(0)`: none).
    function setRegistrar(uint32 setId, address registrar) external;

    /// @notice Schedules `slasher` to become the slasher of the caller's set `setId`, and for a redistributing set
    /// `redistributionRecipient` its recipient, after the notice: one second after a withdrawal queued now matures,
    /// so that stake that opted in under one set of slashing rules can leave before new ones apply. A later call
    /// replaces a change that has not taken effect yet.
    /// @dev A burning set stays burning (`redistributionRecipient` must be `address(0)`); a redistributing set needs
    /// a recipient (`InvalidRedistributionRecipient`). The recipient moves with the slasher because a slasher may
    /// depend on receiving the funds (the `EquivocationSlasher` pays its reporters from them); funds slashed before
    /// the change stay owed to the recipient in force at their slash (`ISlashingCoordinator`).
    /// @return effectAt When `slasher` takes over.
    function scheduleSlasher(
        uint32 setId,
        address slasher,
        address redistributionRecipient
    ) external returns (uint48 effectAt);

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

    /// @notice Checks that `caller` may slash `operator` in `set` for `strategies` now, and returns where the slashed
    /// funds go (`address(0)`: burned). Reverts with `OperatorSetNotFound`, `NotSlasher`, `OperatorNotSlashable`,
    /// `StrategyNotInSet` or `StrategyNotSlashableYet`.
    function checkSlash(
        address operator,
        OperatorSet calldata set,
        address caller,
        IStrategy[] calldata strategies
    ) external view returns (address recipient);

    /// @notice Checks that `set` exists and holds `strategies`, and returns whether `operator` is slashable in it now
    /// and when stake that starts leaving now is gone (`ExitWindow.endAt`): the end of a deallocation made now, one
    /// second before an allocation increase made now may take effect. Reverts with `OperatorSetNotFound` or
    /// `StrategyNotInSet`.
    function checkAllocation(
        address operator,
        OperatorSet calldata set,
        IStrategy[] calldata strategies
    ) external view returns (bool slashable, uint48 exitEnd);

    /// @notice Records the withdrawal queue's new delay parameters (`IWithdrawalQueue.delayParameters`). Withdrawal
    /// queue only, in the call that changes them.
    function syncExitWindow(uint32 delay, uint48 maturityFloor) external;

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

    /// @notice The SlashingCoordinator, which keeps slashed funds for the recipient `checkSlash` names.
    function slashingCoordinator() external view returns (address);

    /// @notice The withdrawal queue's delay parameters as it last pushed them (`syncExitWindow`).
    function exitWindow() external view returns (uint32 delay, uint48 maturityFloor);

    /// @notice When stake that starts leaving now is gone (`ExitWindow.endAt(now)`); an increase of exposure
    /// announced now takes effect one second later at the earliest.
    function exitEnd() external view returns (uint48);

    /// @notice Whether `avs` is a registered AVS.
    function isAVS(address avs) external view returns (bool);

    /// @notice Whether `set` exists.
    function operatorSetExists(OperatorSet calldata set) external view returns (bool);

    /// @notice `set`'s configuration; reverts with `OperatorSetNotFound` if it does not exist.
    function operatorSetInfo(OperatorSet calldata set) external view returns (OperatorSetInfo memory);

    /// @notice Whether `strategy` is in `set`.
    function isStrategyInSet(OperatorSet calldata set, IStrategy strategy) external view returns (bool);

    /// @notice Whether `strategy` is in `set`, and from when the set can slash it (0 for a strategy in the set since
    /// it was first added; a future time after it was added back).
    function strategyMembership(
        OperatorSet calldata set,
        IStrategy strategy
    ) external view returns (bool member, uint48 slashableFrom);

    /// @notice Whether `operator` is registered in `set`.
    function isRegistered(address operator, OperatorSet calldata set) external view returns (bool);

    /// @notice Whether `operator` can be slashed in `set` now: registered for at least the notice, or deregistered
    /// less than the withdrawal delay ago.
    function isSlashable(address operator, OperatorSet calldata set) external view returns (bool);

    /// @notice Whether `operator` can be slashed in `set` at `timestamp` (now or later) if nothing changes
    /// meanwhile.
    function isSlashableAt(address operator, OperatorSet calldata set, uint48 timestamp) external view returns (bool);

    /// @notice Until when a deregistered `operator` stays slashable in `set` (0: never registered or still
    /// registered).
    function slashableUntil(address operator, OperatorSet calldata set) external view returns (uint48);

    /// @notice `operator`'s standing in `set`: registered or not, and its slashable window.
    function registration(address operator, OperatorSet calldata set) external view returns (RegistrationInfo memory);

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
