// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {PauseControl} from "../mixins/PauseControl.sol";
import {SignatureDomain} from "../mixins/SignatureDomain.sol";

/// @title OperatorRegistry
/// @notice Operators and delegation. See `IOperatorRegistry`.
/// @dev The registry decides; the StrategyManager keeps the books. Who is delegated to whom lives in the staker's
/// header in the StrategyManager (its `operatorId`), which every deposit reads anyway; the registry keeps one slot
/// per operator, keyed by id. An operator's address maps to its id through its own header, since an operator is
/// delegated to itself, so registering writes two slots (the record and the header) and no address index.
/// No reentrancy guard: the registry's only external calls go to the StrategyManager and the withdrawal queue, which
/// call nothing outside Palisade on these paths and hold their own guards, and to an approver's EIP-1271 view, which
/// is a static call.
contract OperatorRegistry is IOperatorRegistry, UUPSUpgradeable, PauseControl, SignatureDomain {
    // ------------------------------------------------------------------ storage

    /// @custom:storage-location erc7201:palisade.storage.OperatorRegistry
    struct OperatorRegistryStorage {
        mapping(uint32 operatorId => OperatorRecord) operators;
        /// @dev Written only for operators that have an approver, and read only when the record says so.
        mapping(uint32 operatorId => address) approvers;
        mapping(address approver => mapping(bytes32 salt => bool)) spentSalts;
        uint32 minAllocationDelay;
        uint32 maxAllocationDelay;
        /// @dev A scheduled change of an operator's allocation delay; written down into its record by the
        /// operator's next `setAllocationDelay` once in force.
        mapping(uint32 operatorId => PendingDelay) pendingDelays;
    }

    /// @dev An allocation delay taking effect at `effectAt` (0: none scheduled).
    struct PendingDelay {
        uint32 delay;
        uint48 effectAt;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.OperatorRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant OPERATOR_REGISTRY_STORAGE =
        0x83156177f0d2ad6cf0005481c8020fda5aaffbf89549a44515aa867b97933400;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IOperatorRegistry
    uint32 public constant MAX_ALLOCATION_DELAY = 30 days;
    /// @inheritdoc IOperatorRegistry
    uint8 public constant PAUSE_REGISTRATION = 0;
    /// @inheritdoc IOperatorRegistry
    uint8 public constant PAUSE_DELEGATION = 1;
    /// @inheritdoc IOperatorRegistry
    uint8 public constant PAUSE_UNDELEGATION = 2;
    /// @inheritdoc IOperatorRegistry
    bytes32 public constant DELEGATION_APPROVAL_TYPEHASH = keccak256(
        "DelegationApproval(address staker,address operator,bytes32 salt,uint256 expiry)"
    );

    /// @inheritdoc IOperatorRegistry
    address public immutable strategyManager;
    /// @inheritdoc IOperatorRegistry
    address public immutable withdrawalQueue;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address strategyManager_, address withdrawalQueue_) {
        strategyManager = strategyManager_;
        withdrawalQueue = withdrawalQueue_;
        _disableInitializers();
    }

    /// @notice Sets the owner, the pauser and the allocation delay bounds behind the proxy.
    function initialize(
        address initialOwner,
        address initialPauser,
        uint32 minAllocationDelay,
        uint32 maxAllocationDelay
    ) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
        _setAllocationDelayBounds(minAllocationDelay, maxAllocationDelay);
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IOperatorRegistry
    function registerAsOperator(
        address approver,
        uint32 allocationDelay,
        string calldata metadataURI
    ) external whenNotPaused(PAUSE_REGISTRATION) returns (uint32 id) {
        OperatorRegistryStorage storage $ = _storage();
        uint32 current = _manager().delegatedOperatorId(msg.sender);
        if (current != 0) {
            address operator = $.operators[current].operator;
            if (operator == msg.sender) revert AlreadyOperator(msg.sender);
            revert AlreadyDelegated(msg.sender, operator);
        }
        uint32 min = $.minAllocationDelay;
        uint32 max = $.maxAllocationDelay;
        if (allocationDelay < min || allocationDelay > max)
            revert AllocationDelayOutOfBounds(allocationDelay, min, max);

        id = _freeId($, msg.sender);
        bool hasApprover = approver != address(0);
        $.operators[id] = OperatorRecord({
            operator: msg.sender,
            allocationDelay: allocationDelay,
            registeredAt: uint48(block.timestamp),
            hasApprover: hasApprover
        });
        if (hasApprover) $.approvers[id] = approver;
        emit OperatorRegistered(msg.sender, id, approver, allocationDelay, metadataURI);

        // Delegating the operator to itself brings any deposits it made before into its own stake.
        _manager().delegate(msg.sender, id);
    }

    /// @inheritdoc IOperatorRegistry
    function updateOperatorMetadataURI(string calldata metadataURI) external {
        _requireOperator(_storage(), msg.sender);
        emit OperatorMetadataURIUpdated(msg.sender, metadataURI);
    }

    /// @inheritdoc IOperatorRegistry
    function setDelegationApprover(address approver) external {
        OperatorRegistryStorage storage $ = _storage();
        uint32 id = _requireOperator($, msg.sender);
        $.operators[id].hasApprover = approver != address(0);
        $.approvers[id] = approver;
        emit DelegationApproverSet(msg.sender, approver);
    }

    /// @inheritdoc IOperatorRegistry
    function setAllocationDelay(uint32 delay) external returns (uint48 effectAt) {
        OperatorRegistryStorage storage $ = _storage();
        uint32 id = _requireOperator($, msg.sender);
        if (delay < $.minAllocationDelay || delay > $.maxAllocationDelay) {
            revert AllocationDelayOutOfBounds(delay, $.minAllocationDelay, $.maxAllocationDelay);
        }
        uint32 inForce = _allocationDelay($, id);
        $.operators[id].allocationDelay = inForce;
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years.
        effectAt = uint48(block.timestamp + inForce);
        $.pendingDelays[id] = PendingDelay({delay: delay, effectAt: effectAt});
        emit AllocationDelayScheduled(msg.sender, delay, effectAt);
    }

    // ------------------------------------------------------------------ stakers

    /// @inheritdoc IOperatorRegistry
    function delegate(
        address operator,
        ApproverSignature calldata approverSignature,
        bytes32 salt
    ) external whenNotPaused(PAUSE_DELEGATION) {
        _delegate(_storage(), msg.sender, operator, approverSignature, salt);
    }

    /// @inheritdoc IOperatorRegistry
    function undelegate(address staker) external whenNotPaused(PAUSE_UNDELEGATION) returns (bytes32 withdrawalRoot) {
        return _undelegate(_storage(), staker);
    }

    /// @inheritdoc IOperatorRegistry
    function redelegate(
        address newOperator,
        ApproverSignature calldata approverSignature,
        bytes32 salt
    ) external whenNotPaused(PAUSE_UNDELEGATION) whenNotPaused(PAUSE_DELEGATION) returns (bytes32 withdrawalRoot) {
        OperatorRegistryStorage storage $ = _storage();
        withdrawalRoot = _undelegate($, msg.sender);
        _delegate($, msg.sender, newOperator, approverSignature, salt);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IOperatorRegistry
    function setAllocationDelayBounds(uint32 min, uint32 max) external onlyOwner {
        _setAllocationDelayBounds(min, max);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IOperatorRegistry
    function allocationDelayBounds() external view returns (uint32 min, uint32 max) {
        OperatorRegistryStorage storage $ = _storage();
        return ($.minAllocationDelay, $.maxAllocationDelay);
    }

    /// @inheritdoc IOperatorRegistry
    function isOperator(address account) external view returns (bool) {
        return _operatorIdOf(_storage(), account) != 0;
    }

    /// @inheritdoc IOperatorRegistry
    function operatorId(address operator) external view returns (uint32) {
        return _requireOperator(_storage(), operator);
    }

    /// @inheritdoc IOperatorRegistry
    function operatorRecord(uint32 id) external view returns (OperatorRecord memory) {
        return _storage().operators[id];
    }

    /// @inheritdoc IOperatorRegistry
    function allocationDelayOf(uint32 id) external view returns (uint32) {
        return _allocationDelay(_storage(), id);
    }

    /// @inheritdoc IOperatorRegistry
    function pendingAllocationDelay(uint32 id) external view returns (uint32 delay, uint48 effectAt) {
        PendingDelay memory pending = _storage().pendingDelays[id];
        // A change whose time has come is in force (`allocationDelayOf`), no longer pending.
        if (block.timestamp >= pending.effectAt) return (0, 0);
        return (pending.delay, pending.effectAt);
    }

    /// @inheritdoc IOperatorRegistry
    function delegationApprover(address operator) external view returns (address) {
        OperatorRegistryStorage storage $ = _storage();
        uint32 id = _operatorIdOf($, operator);
        if (id == 0) return address(0);
        return $.approvers[id];
    }

    /// @inheritdoc IOperatorRegistry
    function delegatedTo(address staker) external view returns (address) {
        return _storage().operators[_manager().delegatedOperatorId(staker)].operator;
    }

    /// @inheritdoc IOperatorRegistry
    function isApproverSaltSpent(address approver, bytes32 salt) external view returns (bool) {
        return _storage().spentSalts[approver][salt];
    }

    /// @inheritdoc IOperatorRegistry
    function delegationApprovalDigest(
        address staker,
        address operator,
        bytes32 salt,
        uint256 expiry
    ) public view returns (bytes32) {
        return _hashTypedData(keccak256(abi.encode(DELEGATION_APPROVAL_TYPEHASH, staker, operator, salt, expiry)));
    }

    // ------------------------------------------------------------------ internal

    /// @dev The StrategyManager refuses a staker that is delegated already (`StakerAlreadyDelegated`), so the registry
    /// does not read the staker's header a second time to check it.
    function _delegate(
        OperatorRegistryStorage storage $,
        address staker,
        address operator,
        ApproverSignature calldata approverSignature,
        bytes32 salt
    ) private {
        uint32 id = _operatorIdOf($, operator);
        if (id == 0) revert NotOperator(operator);
        OperatorRecord memory record = $.operators[id];
        if (record.hasApprover) {
            address approver = $.approvers[id];
            // An approver delegating to its own operator approves by sending the transaction.
            if (msg.sender != approver) _spendApproval($, approver, staker, operator, approverSignature, salt);
        }
        emit StakerDelegated(staker, operator, id);
        _manager().delegate(staker, id);
    }

    /// @dev Checks and spends an approver's signature: unexpired, fresh salt, valid signature, in that order.
    function _spendApproval(
        OperatorRegistryStorage storage $,
        address approver,
        address staker,
        address operator,
        ApproverSignature calldata approverSignature,
        bytes32 salt
    ) private {
        if (block.timestamp > approverSignature.expiry) {
            revert ApproverSignatureExpired(approverSignature.expiry, block.timestamp);
        }
        if ($.spentSalts[approver][salt]) revert ApproverSaltSpent(approver, salt);
        bytes32 digest = delegationApprovalDigest(staker, operator, salt, approverSignature.expiry);
        if (!_isValidSignature(approver, digest, approverSignature.signature)) {
            revert InvalidApproverSignature(approver, digest);
        }
        $.spentSalts[approver][salt] = true;
        emit ApproverSaltUsed(approver, salt);
    }

    function _undelegate(OperatorRegistryStorage storage $, address staker) private returns (bytes32 root) {
        IStrategyManager manager = _manager();
        uint32 id = manager.delegatedOperatorId(staker);
        if (id == 0) revert NotDelegated(staker);
        address operator = $.operators[id].operator;
        if (staker == operator) revert OperatorCannotUndelegate(staker);
        bool forced = msg.sender != staker;
        if (forced && msg.sender != operator && (!$.operators[id].hasApprover || msg.sender != $.approvers[id])) {
            revert UndelegationUnauthorized(msg.sender, staker);
        }

        (uint32 leftId, IStrategy[] memory strategies, uint256[] memory scaled) = manager.undelegate(staker);
        if (strategies.length != 0) {
            root = IWithdrawalQueue(withdrawalQueue).queueUndelegation(staker, leftId, strategies, scaled);
        }
        emit StakerUndelegated(staker, operator, root);
        if (forced) emit StakerForceUndelegated(staker, operator, msg.sender, root);
    }

    /// @dev The allocation delay in force for operator `id`: the scheduled one once its time has come.
    function _allocationDelay(OperatorRegistryStorage storage $, uint32 id) private view returns (uint32) {
        PendingDelay memory pending = $.pendingDelays[id];
        if (pending.effectAt != 0 && block.timestamp >= pending.effectAt) return pending.delay;
        return $.operators[id].allocationDelay;
    }

    /// @dev `operator`'s id; reverts with `NotOperator` if it is not a registered operator.
    function _requireOperator(OperatorRegistryStorage storage $, address operator) private view returns (uint32 id) {
        id = _operatorIdOf($, operator);
        if (id == 0) revert NotOperator(operator);
    }

    /// @dev `account`'s operator id, 0 if it is not an operator. An operator's id is the first free one at or after
    /// its derived id (`_freeId`), and ids are never freed, so the record at the derived id answers in one read for
    /// almost every account: the account itself (an operator), or nobody (the account never registered, or it would
    /// hold that id). Only when another operator holds it (a collision, or a derived id of 0) does the answer come from
    /// the StrategyManager, which records every staker's operator and every operator as its own staker.
    function _operatorIdOf(OperatorRegistryStorage storage $, address account) private view returns (uint32 id) {
        uint32 derived = _derivedId(account);
        if (derived != 0) {
            address holder = $.operators[derived].operator;
            // An empty record first: the zero address would otherwise match it.
            if (holder == address(0)) return 0;
            if (holder == account) return derived;
        }
        id = _manager().delegatedOperatorId(account);
        if (id != 0 && $.operators[id].operator != account) id = 0;
    }

    /// @dev Where `operator`'s id search starts: `uint32(keccak256(operator))`.
    function _derivedId(address operator) private pure returns (uint32) {
        return uint32(uint256(keccak256(abi.encode(operator))));
    }

    /// @dev A free operator id derived from the operator's address: the first unused id at or after
    /// `_derivedId(operator)`, skipping 0 (which means "not delegated"). Ids are keys, not rights, so a collision only
    /// costs the later registrant one more storage read; deriving them spares registration the write of a global
    /// counter.
    function _freeId(OperatorRegistryStorage storage $, address operator) private view returns (uint32 id) {
        id = _derivedId(operator);
        // Wraps around past 2^32 - 1; at most a few billion operators could ever fill the space.
        unchecked {
            while (id == 0 || $.operators[id].operator != address(0)) ++id;
        }
    }

    function _setAllocationDelayBounds(uint32 min, uint32 max) private {
        if (min > max || max > MAX_ALLOCATION_DELAY)
            revert InvalidAllocationDelayBounds(min, max, MAX_ALLOCATION_DELAY);
        OperatorRegistryStorage storage $ = _storage();
        $.minAllocationDelay = min;
        $.maxAllocationDelay = max;
        emit AllocationDelayBoundsSet(min, max);
    }

    function _manager() private view returns (IStrategyManager) {
        return IStrategyManager(strategyManager);
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return (1 << PAUSE_REGISTRATION) | (1 << PAUSE_DELEGATION) | (1 << PAUSE_UNDELEGATION);
    }

    function _domainName() internal pure override returns (string memory) {
        return "Palisade OperatorRegistry";
    }

    function _domainVersion() internal pure override returns (string memory) {
        return "1";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (OperatorRegistryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := OPERATOR_REGISTRY_STORAGE
        }
    }
}
