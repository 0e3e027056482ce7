// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "./IPauseControl.sol";

/// @title IOperatorRegistry
/// @notice Operators and delegation.
///
/// An operator registers once, with a metadata URI (kept in events only), an optional delegation approver and an
/// allocation delay within the bounds governance sets. It receives an id (`operatorId`) that the StrategyManager
/// uses to key its delegated stake, and is delegated to itself: its own deposits count toward its stake, and it
/// cannot undelegate.
///
/// A staker delegates all of its stake to one operator at a time. When the operator has a delegation approver,
/// the staker needs the approver's EIP-712 signature over (staker, operator, salt, expiry); each salt works once
/// per approver. Undelegation — by the staker, or forced by the operator or its approver — queues every position
/// of the staker as one withdrawal in the withdrawal queue: stake never moves from one operator to another
/// without passing through the withdrawal delay, during which the operator it left can still slash it. A
/// redelegation is an undelegation followed by a delegation, in one transaction.
/// @dev Pause bits: `PAUSE_REGISTRATION`, `PAUSE_DELEGATION`, `PAUSE_UNDELEGATION` (a redelegation needs the last
/// two). Undelegating a staker that holds stake also stops while the withdrawal queue's queueing is paused (a
/// staker without stake has nothing to queue and can always undelegate).
interface IOperatorRegistry is IPauseControl {
    /// @notice An operator as stored, in one slot.
    /// @param operator The operator's address.
    /// @param allocationDelay Seconds before an allocation increase of the operator takes effect.
    /// @param registeredAt When the operator registered.
    /// @param hasApprover Whether the operator has a delegation approver (`delegationApprover`).
    struct OperatorRecord {
        address operator;
        uint32 allocationDelay;
        uint48 registeredAt;
        bool hasApprover;
    }

    /// @notice A delegation approver's signature and the time it expires.
    struct ApproverSignature {
        bytes signature;
        uint256 expiry;
    }

    /// @notice {operator} is already a registered operator.
    /// @custom:title The account is already an operator
    /// @custom:hint Nothing to register: change the operator's metadata instead, or read its state.
    error AlreadyOperator(address operator);
    /// @notice {account} is not a registered operator.
    /// @custom:title The account is not an operator
    /// @custom:hint Check the address, or register it as an operator first.
    /// @custom:argument operator
    error NotOperator(address account);
    /// @notice {staker} is delegated to operator {operator}, so it cannot register as an operator.
    /// @custom:title A delegated staker cannot register as an operator
    /// @custom:hint Undelegate first, then register as an operator.
    error AlreadyDelegated(address staker, address operator);
    /// @notice Staker {staker} is not delegated to any operator.
    /// @custom:title The staker is not delegated
    /// @custom:hint There is nothing to undelegate: delegate first.
    /// @custom:argument staker
    error NotDelegated(address staker);
    /// @notice An allocation delay of {delay:duration} lies outside the range governance allows, {min:duration} to
    /// {max:duration}.
    /// @custom:title The allocation delay is out of bounds
    /// @custom:hint Choose a delay within `allocationDelayBounds()`: from {min} to {max} seconds ({min:duration} to
    /// {max:duration}).
    /// @custom:argument allocationDelay
    error AllocationDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    /// @notice Allocation delay bounds of {min:duration} to {max:duration} are inverted or exceed the limit of
    /// {limit:duration}.
    /// @dev Allocation delay bounds [`min`, `max`] are inverted or exceed `MAX_ALLOCATION_DELAY` (`limit`).
    /// @custom:title The allocation delay bounds are invalid
    /// @custom:hint Choose a minimum no larger than the maximum, and a maximum within the limit.
    /// @custom:argument max
    error InvalidAllocationDelayBounds(uint256 min, uint256 max, uint256 limit);
    /// @notice {operator} is an operator, delegated to itself, and cannot undelegate.
    /// @custom:title An operator cannot undelegate
    /// @custom:hint An operator stays delegated to itself; to step back, deregister from its operator sets and withdraw
    /// its own stake.
    /// @custom:argument staker
    error OperatorCannotUndelegate(address operator);
    /// @notice {caller} may not undelegate {staker}: only the staker, its operator and the operator's delegation
    /// approver may.
    /// @custom:title The caller may not undelegate this staker
    /// @custom:hint Undelegate from the staker's own account.
    /// @custom:argument staker
    error UndelegationUnauthorized(address caller, address staker);
    /// @notice The operator's delegation approver signed an approval that expired at {expiry:time}.
    /// @custom:title The delegation approver's signature has expired
    /// @custom:hint Ask the operator's delegation approver for a new approval with a later expiry.
    /// @custom:argument expiry
    error ApproverSignatureExpired(uint256 expiry, uint256 currentTime);
    /// @notice Delegation approver {approver} has already used salt {salt}.
    /// @custom:title The delegation approver has used this salt already
    /// @custom:hint Ask the approver to sign a new approval with a fresh salt.
    /// @custom:argument salt
    error ApproverSaltSpent(address approver, bytes32 salt);
    /// @notice The approval is not signed by the operator's delegation approver {approver} over digest {digest}:
    /// another signer, or another staker, operator, salt, expiry or chain.
    /// @dev The signature does not come from `approver` (ECDSA, or EIP-1271 for a contract) for `digest`.
    /// @custom:title The delegation approval is not the approver's
    /// @custom:hint Have the operator's current approver sign the approval for exactly this staker, operator, salt and
    /// expiry.
    /// @custom:argument signature
    error InvalidApproverSignature(address approver, bytes32 digest);

    /// @notice `operator` registered, received `operatorId`, published `metadataURI` and is delegated to itself
    /// (no `StakerDelegated` event is emitted for that).
    event OperatorRegistered(
        address indexed operator,
        uint32 indexed operatorId,
        address delegationApprover,
        uint32 allocationDelay,
        string metadataURI
    );
    /// @notice `operator` published a new `metadataURI` after registering.
    event OperatorMetadataURIUpdated(address indexed operator, string metadataURI);
    /// @notice `operator`'s delegation approver is now `approver` (the zero address: anyone may delegate).
    event DelegationApproverSet(address indexed operator, address approver);
    /// @notice `staker` delegated to `operator`, whose id is `operatorId`.
    event StakerDelegated(address indexed staker, address indexed operator, uint32 operatorId);
    /// @notice `staker` left `operator`; its positions were queued as the withdrawal `withdrawalRoot` (zero when it
    /// held none).
    event StakerUndelegated(address indexed staker, address indexed operator, bytes32 withdrawalRoot);
    /// @notice `caller` (the operator or its approver) undelegated `staker` from `operator`; the staker's stake is
    /// in the withdrawal `withdrawalRoot`, which the staker completes as tokens or as shares once it matures.
    event StakerForceUndelegated(
        address indexed staker,
        address indexed operator,
        address indexed caller,
        bytes32 withdrawalRoot
    );
    /// @notice `approver` used `salt` to approve a delegation.
    event ApproverSaltUsed(address indexed approver, bytes32 salt);
    /// @notice Governance set the allocation delays operators may choose to [`min`, `max`] seconds.
    event AllocationDelayBoundsSet(uint32 min, uint32 max);
    /// @notice `operator`'s allocation delay becomes `delay` seconds at `effectAt`.
    event AllocationDelayScheduled(address indexed operator, uint32 delay, uint48 effectAt);

    // ------------------------------------------------------------------ operators

    /// @notice Registers the caller as an operator, delegated to itself.
    /// @dev Reverts if registration is paused, the caller is an operator or delegated, or `allocationDelay` lies
    /// outside the governance bounds. A caller with deposits brings them into its own delegated stake.
    /// @param delegationApprover Who must approve each delegation (zero address: nobody needs to).
    /// @param allocationDelay Seconds before an allocation increase takes effect.
    /// @param metadataURI Where the operator describes itself; emitted, not stored.
    /// @return operatorId The operator's id.
    function registerAsOperator(
        address delegationApprover,
        uint32 allocationDelay,
        string calldata metadataURI
    ) external returns (uint32 operatorId);

    /// @notice Publishes a new metadata URI for the calling operator.
    function updateOperatorMetadataURI(string calldata metadataURI) external;

    /// @notice Sets the calling operator's delegation approver (zero address: none). Delegations already made stay.
    function setDelegationApprover(address approver) external;

    // ------------------------------------------------------------------ stakers

    /// @notice Delegates the caller, and all of its stake, to `operator`.
    /// @dev When the operator has an approver and the caller is not it, `approverSignature` must be the
    /// approver's signature of `delegationApprovalDigest(caller, operator, salt, expiry)`, unexpired, with a salt
    /// the approver has not used; otherwise both are ignored.
    function delegate(address operator, ApproverSignature calldata approverSignature, bytes32 salt) external;

    /// @notice Undelegates `staker` and queues all of its stake as one withdrawal.
    /// @dev Callable by the staker, its operator or the operator's approver (a forced undelegation, which emits
    /// `StakerForceUndelegated`). An operator cannot undelegate.
    /// @return withdrawalRoot The withdrawal's root; zero when the staker held no shares.
    function undelegate(address staker) external returns (bytes32 withdrawalRoot);

    /// @notice Undelegates the caller (queueing all of its stake) and delegates it to `newOperator`.
    /// @return withdrawalRoot The root of the withdrawal holding the caller's stake; zero if it held none.
    function redelegate(
        address newOperator,
        ApproverSignature calldata approverSignature,
        bytes32 salt
    ) external returns (bytes32 withdrawalRoot);

    // ------------------------------------------------------------------ governance

    /// @notice Schedules a new allocation delay for the caller, an operator, within the governance bounds. It takes
    /// effect after the delay in force now, so that an operator cannot shorten the notice its stakers and AVSs were
    /// given; a later call replaces a change that has not taken effect yet.
    /// @return effectAt When the new delay takes effect.
    function setAllocationDelay(uint32 delay) external returns (uint48 effectAt);

    /// @notice Sets the allocation delays operators may choose at registration. Owner only.
    /// @dev `min` ≤ `max` ≤ `MAX_ALLOCATION_DELAY`. Operators registered before keep their delay.
    function setAllocationDelayBounds(uint32 min, uint32 max) external;

    // ------------------------------------------------------------------ views

    /// @notice The hard limit on the allocation delay bounds: 30 days.
    function MAX_ALLOCATION_DELAY() external view returns (uint32);

    /// @notice The pause bit of operator registration.
    function PAUSE_REGISTRATION() external view returns (uint8);

    /// @notice The pause bit of delegation (and of the delegation half of a redelegation).
    function PAUSE_DELEGATION() external view returns (uint8);

    /// @notice The pause bit of undelegation (and of the undelegation half of a redelegation).
    function PAUSE_UNDELEGATION() external view returns (uint8);

    /// @notice The EIP-712 type hash of a delegation approval.
    function DELEGATION_APPROVAL_TYPEHASH() external view returns (bytes32);

    /// @notice The StrategyManager, which keeps the delegated stake.
    function strategyManager() external view returns (address);

    /// @notice The withdrawal queue, which receives undelegated stake.
    function withdrawalQueue() external view returns (address);

    /// @notice The allocation delays operators may choose, in seconds.
    function allocationDelayBounds() external view returns (uint32 min, uint32 max);

    /// @notice Whether `account` is a registered operator.
    function isOperator(address account) external view returns (bool);

    /// @notice The id of operator `operator`; reverts with `NotOperator` if it is not one.
    function operatorId(address operator) external view returns (uint32);

    /// @notice The operator with id `id`; all fields zero if none. Its `allocationDelay` is the one last written
    /// down: `allocationDelayOf` gives the one in force.
    function operatorRecord(uint32 id) external view returns (OperatorRecord memory);

    /// @notice The allocation delay in force now for the operator with id `id`.
    function allocationDelayOf(uint32 id) external view returns (uint32);

    /// @notice The allocation delay the operator with id `id` scheduled and when it takes effect; (0, 0) when no
    /// change is pending (none was scheduled, or the last one is in force).
    function pendingAllocationDelay(uint32 id) external view returns (uint32 delay, uint48 effectAt);

    /// @notice `operator`'s delegation approver; the zero address if it has none (or is not an operator).
    function delegationApprover(address operator) external view returns (address);

    /// @notice The operator `staker` is delegated to; the zero address if none.
    function delegatedTo(address staker) external view returns (address);

    /// @notice Whether `approver` has used `salt`.
    function isApproverSaltSpent(address approver, bytes32 salt) external view returns (bool);

    /// @notice The EIP-712 digest an approver signs to let `staker` delegate to `operator`.
    function delegationApprovalDigest(
        address staker,
        address operator,
        bytes32 salt,
        uint256 expiry
    ) external view returns (bytes32);
}
