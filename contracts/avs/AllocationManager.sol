// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {ExitWindow} from "../libraries/ExitWindow.sol";
import {OperatorSet, OperatorSetLib} from "../libraries/OperatorSetLib.sol";
import {PauseControl} from "../mixins/PauseControl.sol";

/// @title AllocationManager
/// @notice Operators' allocations of slashable stake to operator sets, as magnitudes. See `IAllocationManager`.
/// @dev No reentrancy guard: every external call goes to Palisade's own contracts, none of which calls out of
/// Palisade on these paths.
contract AllocationManager is IAllocationManager, UUPSUpgradeable, PauseControl {
    using OperatorSetLib for OperatorSet;

    // ------------------------------------------------------------------ storage

    /// @dev An operator's magnitudes of one strategy, in one slot:
    /// - `lost`: WAD minus the max magnitude, so that a fresh slot means an unslashed operator. It mirrors the
    ///   StrategyManager's factor, which only `slash` changes, so allocating needs no call to read it;
    /// - `encumbered`: the sum over sets of each allocation, counting a pending increase at its new value and a
    ///   pending decrease at its old one until the allocation is settled;
    /// - `operatorId`: the operator's id in the registry, written at its first allocation of the strategy, so that a
    ///   slash learns it from the slot it reads anyway (ids never change; 0 means it never allocated).
    /// - `queueHead`, `queueTail`: the operator's decreases of the strategy still to settle, as indices into
    ///   `deallocations` (see there), so that the freed magnitude is found without reading another slot.
    /// Invariant: `encumbered <= WAD - lost`.
    struct Magnitudes {
        uint64 lost;
        uint64 encumbered;
        uint32 operatorId;
        uint48 queueHead;
        uint48 queueTail;
    }

    /// @custom:storage-location erc7201:palisade.storage.AllocationManager
    struct AllocationManagerStorage {
        mapping(address operator => mapping(IStrategy strategy => Magnitudes)) magnitudes;
        mapping(address operator => mapping(bytes32 setKey => mapping(IStrategy strategy => Allocation))) allocations;
        /// @dev Per (operator, strategy), the decreases scheduled, oldest first, at indices [queueHead, queueTail) of
        /// the operator's `Magnitudes`: each entry is the set's key with the decrease's `effectAt` in its top 48
        /// bits. Decreases take effect at `ExitWindow.endAt` of their scheduling, which never decreases, so the
        /// entries are in order of effect: `_settleMatured` pops the matured ones from the head. Only the operator's
        /// own decreases add entries.
        mapping(address operator => mapping(IStrategy strategy => mapping(uint256 index => bytes32))) deallocations;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.AllocationManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ALLOCATION_MANAGER_STORAGE =
        0xbea13595f94f85f984d4537e122fa396784725b8e118eb315468451a6b162000;

    uint256 private constant WAD = 1e18;
    /// @dev Where a deallocation entry keeps its `effectAt`: above the set key's 192 bits (`OperatorSetLib.key`).
    uint256 private constant EFFECT_SHIFT = 192;

    // ------------------------------------------------------------------ constants and immutables

    /// @inheritdoc IAllocationManager
    uint8 public constant PAUSE_ALLOCATION = 0;

    /// @inheritdoc IAllocationManager
    address public immutable strategyManager;
    /// @inheritdoc IAllocationManager
    address public immutable operatorRegistry;
    /// @inheritdoc IAllocationManager
    address public immutable avsRegistry;
    /// @inheritdoc IAllocationManager
    address public immutable withdrawalQueue;
    /// @inheritdoc IAllocationManager
    address public immutable slashingCoordinator;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(
        address strategyManager_,
        address operatorRegistry_,
        address avsRegistry_,
        address withdrawalQueue_,
        address slashingCoordinator_
    ) {
        strategyManager = strategyManager_;
        operatorRegistry = operatorRegistry_;
        avsRegistry = avsRegistry_;
        withdrawalQueue = withdrawalQueue_;
        slashingCoordinator = slashingCoordinator_;
        _disableInitializers();
    }

    /// @notice Sets the owner and the pauser behind the proxy.
    function initialize(address initialOwner, address initialPauser) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IAllocationManager
    function modifyAllocations(AllocateParams[] calldata params) external whenNotPaused(PAUSE_ALLOCATION) {
        AllocationManagerStorage storage $ = _storage();
        // Learnt from the first strategy that knows it, or else from the registry (which also checks the caller is
        // an operator); read at most once, like the allocation delay.
        uint32 operatorId;
        uint256 allocationDelay = type(uint256).max;
        for (uint256 i; i < params.length; ++i) {
            AllocateParams calldata param = params[i];
            uint256 count = param.strategies.length;
            if (param.magnitudes.length != count) revert LengthMismatch(count, param.magnitudes.length);
            bytes32 setKey = param.operatorSet.key();
            mapping(IStrategy => Allocation) storage setAllocations = $.allocations[msg.sender][setKey];

            // The AVS registry checks the set, and the strategies of increases; decreases need no membership, so
            // that stake can always be taken out of a strategy the set dropped. A strategy named twice could pass
            // as a decrease here and become an increase once the first entry applied, so duplicates are refused.
            IStrategy[] memory increased = new IStrategy[](count);
            uint256 increases;
            for (uint256 j; j < count; ++j) {
                IStrategy strategy = param.strategies[j];
                for (uint256 k; k < j; ++k) {
                    if (param.strategies[k] == strategy) {
                        revert DuplicateStrategy(param.operatorSet.avs, param.operatorSet.id, strategy);
                    }
                }
                if (param.magnitudes[j] > _effective(setAllocations[strategy])) increased[increases++] = strategy;
            }
            assembly ("memory-safe") {
                mstore(increased, increases)
            }
            (bool slashable, uint48 exitEnd) = IAVSRegistry(avsRegistry).checkAllocation(
                msg.sender,
                param.operatorSet,
                increased
            );

            for (uint256 j; j < count; ++j) {
                IStrategy strategy = param.strategies[j];
                uint64 target = param.magnitudes[j];
                Allocation memory alloc = setAllocations[strategy];
                Magnitudes memory mags = $.magnitudes[msg.sender][strategy];
                if (mags.operatorId == 0) {
                    if (operatorId == 0) operatorId = IOperatorRegistry(operatorRegistry).operatorId(msg.sender);
                    mags.operatorId = operatorId;
                } else {
                    operatorId = mags.operatorId;
                }
                _settle(alloc, mags);
                if (alloc.effectAt != 0) {
                    revert AllocationChangePending(
                        param.operatorSet.avs,
                        param.operatorSet.id,
                        strategy,
                        alloc.effectAt
                    );
                }
                if (target == alloc.current) {
                    revert MagnitudeUnchanged(param.operatorSet.avs, param.operatorSet.id, strategy, target);
                }

                uint48 effectAt;
                if (target > alloc.current) {
                    uint64 delta = target - alloc.current;
                    // Decreases of the strategy in other sets that took effect free their magnitude first.
                    if (mags.queueHead != mags.queueTail) _settleMatured($, msg.sender, strategy, setKey, mags);
                    // Cannot underflow: encumbered never exceeds the max magnitude (see `Magnitudes`).
                    uint64 available = uint64(WAD) - mags.lost - mags.encumbered;
                    if (delta > available) revert InsufficientAllocatableMagnitude(strategy, available, delta);
                    mags.encumbered += delta;
                    if (allocationDelay == type(uint256).max) {
                        allocationDelay = IOperatorRegistry(operatorRegistry).allocationDelayOf(operatorId);
                    }
                    effectAt = _increaseEffectAt(allocationDelay, exitEnd);
                    alloc.pending = target;
                    alloc.effectAt = effectAt;
                } else if (slashable) {
                    // A decrease stays slashable, and its magnitude encumbered, until stake leaving now is gone.
                    effectAt = exitEnd;
                    alloc.pending = target;
                    alloc.effectAt = effectAt;
                    $.deallocations[msg.sender][strategy][mags.queueTail] = bytes32(
                        uint256(setKey) | (uint256(effectAt) << EFFECT_SHIFT)
                    );
                    ++mags.queueTail;
                } else {
                    // Nobody can slash this allocation now: the magnitude is free at once.
                    mags.encumbered -= alloc.current - target;
                    alloc.current = target;
                    // Safe cast: timestamps fit 48 bits for millions of years.
                    effectAt = uint48(block.timestamp);
                }
                setAllocations[strategy] = alloc;
                $.magnitudes[msg.sender][strategy] = mags;
                emit AllocationUpdated(
                    msg.sender,
                    param.operatorSet.avs,
                    param.operatorSet.id,
                    strategy,
                    target,
                    effectAt,
                    mags.encumbered
                );
            }
        }
    }

    /// @inheritdoc IAllocationManager
    function settleAllocations(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies
    ) external {
        AllocationManagerStorage storage $ = _storage();
        mapping(IStrategy => Allocation) storage setAllocations = $.allocations[operator][operatorSet.key()];
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            Allocation memory alloc = setAllocations[strategy];
            if (alloc.effectAt == 0 || block.timestamp < alloc.effectAt) continue;
            Magnitudes memory mags = $.magnitudes[operator][strategy];
            _settle(alloc, mags);
            setAllocations[strategy] = alloc;
            $.magnitudes[operator][strategy] = mags;
            emit EncumberedMagnitudeUpdated(operator, strategy, mags.encumbered);
        }
    }

    // ------------------------------------------------------------------ slashing coordinator

    /// @inheritdoc IAllocationManager
    function slash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads
    ) external returns (uint32 operatorId, SlashedMagnitude[] memory slashed) {
        if (msg.sender != slashingCoordinator) revert OnlySlashingCoordinator(msg.sender);
        AllocationManagerStorage storage $ = _storage();
        mapping(IStrategy => Allocation) storage setAllocations = $.allocations[operator][operatorSet.key()];
        slashed = new SlashedMagnitude[](strategies.length);
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            Allocation memory alloc = setAllocations[strategy];
            Magnitudes memory mags = $.magnitudes[operator][strategy];
            // A change that took effect is settled first: a decrease that took effect is no longer slashable.
            _settle(alloc, mags);
            uint64 maxBefore = uint64(WAD) - mags.lost;
            slashed[i].allocationBefore = alloc.current;
            slashed[i].maxMagnitudeBefore = maxBefore;
            // Nothing allocated, nothing to slash (an operator that never allocated the strategy has no id here).
            if (alloc.current == 0) continue;
            operatorId = mags.operatorId;

            // Rounded up, against the operator; at most the allocation since the fraction is at most WAD (the
            // coordinator checks), hence at most the encumbered and the max magnitude.
            uint64 taken = uint64(Math.mulDiv(alloc.current, wads[i], WAD, Math.Rounding.Ceil));
            if (alloc.effectAt != 0) {
                if (alloc.pending < alloc.current) {
                    // A pending decrease keeps its proportion: its target loses the same fraction, rounded down.
                    alloc.pending = uint64(Math.mulDiv(alloc.pending, WAD - wads[i], WAD));
                } else {
                    // A pending increase keeps its size: it adds to what remains.
                    alloc.pending -= taken;
                }
            }
            alloc.current -= taken;
            mags.encumbered -= taken;
            mags.lost += taken;
            setAllocations[strategy] = alloc;
            $.magnitudes[operator][strategy] = mags;
            slashed[i].slashedMagnitude = taken;
            // The StrategyManager announces the new factor (`SlashingFactorChanged`), the coordinator the slash.
            slashed[i].delegatedScaledShares = IStrategyManager(strategyManager).slashOperator(
                operatorId,
                strategy,
                maxBefore - taken
            );
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAllocationManager
    function allocation(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy strategy
    ) external view returns (uint64 current, uint64 pending, uint48 effectAt) {
        Allocation memory alloc = _storage().allocations[operator][operatorSet.key()][strategy];
        if (alloc.effectAt == 0 || block.timestamp >= alloc.effectAt) return (_effective(alloc), 0, 0);
        return (alloc.current, alloc.pending, alloc.effectAt);
    }

    /// @inheritdoc IAllocationManager
    function maxMagnitude(address operator, IStrategy strategy) external view returns (uint64) {
        return uint64(WAD) - _storage().magnitudes[operator][strategy].lost;
    }

    /// @inheritdoc IAllocationManager
    function encumberedMagnitude(address operator, IStrategy strategy) external view returns (uint64) {
        return _storage().magnitudes[operator][strategy].encumbered;
    }

    /// @inheritdoc IAllocationManager
    function allocatableMagnitude(address operator, IStrategy strategy) external view returns (uint64) {
        Magnitudes memory mags = _storage().magnitudes[operator][strategy];
        return uint64(WAD) - mags.lost - mags.encumbered;
    }

    /// @inheritdoc IAllocationManager
    function increaseEffectAt(address operator) external view returns (uint48) {
        IOperatorRegistry registry = IOperatorRegistry(operatorRegistry);
        return
            _increaseEffectAt(
                registry.allocationDelayOf(registry.operatorId(operator)),
                IAVSRegistry(avsRegistry).exitEnd()
            );
    }

    /// @inheritdoc IAllocationManager
    function pendingDeallocations(address operator, IStrategy strategy) external view returns (uint256) {
        Magnitudes memory mags = _storage().magnitudes[operator][strategy];
        return mags.queueTail - mags.queueHead;
    }

    /// @inheritdoc IAllocationManager
    function slashableStake(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint48 timestamp
    ) external view returns (uint256[] memory shares) {
        shares = new uint256[](strategies.length);
        if (timestamp < block.timestamp) timestamp = uint48(block.timestamp);
        IAVSRegistry registry = IAVSRegistry(avsRegistry);
        if (!registry.isSlashableAt(operator, operatorSet, timestamp)) return shares;
        AllocationManagerStorage storage $ = _storage();
        mapping(IStrategy => Allocation) storage setAllocations = $.allocations[operator][operatorSet.key()];
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            (bool member, uint48 slashableFrom) = registry.strategyMembership(operatorSet, strategy);
            if (!member || timestamp < slashableFrom) continue;
            Allocation memory alloc = setAllocations[strategy];
            uint256 magnitude = alloc.effectAt != 0 && timestamp >= alloc.effectAt ? alloc.pending : alloc.current;
            if (magnitude == 0) continue;
            uint32 operatorId = $.magnitudes[operator][strategy].operatorId;
            (uint256 delegated, ) = IStrategyManager(strategyManager).operatorStake(operatorId, strategy);
            uint256 queued = IWithdrawalQueue(withdrawalQueue).queuedScaledSharesMaturingAfter(
                operatorId,
                strategy,
                timestamp
            );
            shares[i] = Math.mulDiv(delegated + queued, magnitude, WAD);
        }
    }

    // ------------------------------------------------------------------ internal

    /// @dev Writes down a change whose time has come: the pending magnitude becomes the current one, and a decrease
    /// releases the magnitude it frees from `mags.encumbered`. Works on memory copies; the caller stores them.
    function _settle(Allocation memory alloc, Magnitudes memory mags) private view {
        if (alloc.effectAt == 0 || block.timestamp < alloc.effectAt) return;
        if (alloc.pending < alloc.current) mags.encumbered -= alloc.current - alloc.pending;
        alloc.current = alloc.pending;
        alloc.pending = 0;
        alloc.effectAt = 0;
    }

    /// @dev Settles, on the memory copy `mags` of `operator`'s magnitudes of `strategy`, the decreases at the head of
    /// its deallocation queue that took effect, and pops them; entries whose allocation was settled or replaced
    /// meanwhile are popped as they are. Stops at the first decrease still pending. `skipKey`, the set whose
    /// allocation the caller holds in memory and settled already, is popped without being written.
    function _settleMatured(
        AllocationManagerStorage storage $,
        address operator,
        IStrategy strategy,
        bytes32 skipKey,
        Magnitudes memory mags
    ) private {
        mapping(uint256 => bytes32) storage queue = $.deallocations[operator][strategy];
        uint48 head = mags.queueHead;
        uint48 tail = mags.queueTail;
        while (head != tail) {
            uint256 entry = uint256(queue[head]);
            if (entry >> EFFECT_SHIFT > block.timestamp) break;
            bytes32 setKey = bytes32(entry & ((uint256(1) << EFFECT_SHIFT) - 1));
            if (setKey != skipKey) {
                Allocation storage stored = $.allocations[operator][setKey][strategy];
                Allocation memory alloc = stored;
                // Still the decrease this entry recorded, now in force: settle it. Anything else was settled (or
                // slashed and settled) already.
                if (alloc.effectAt != 0 && alloc.effectAt <= block.timestamp && alloc.pending < alloc.current) {
                    _settle(alloc, mags);
                    stored.current = alloc.current;
                    stored.pending = 0;
                    stored.effectAt = 0;
                }
            }
            delete queue[head];
            ++head;
        }
        mags.queueHead = head;
    }

    /// @dev When an increase made now takes effect: after the operator's `allocationDelay`, and one second after
    /// `exitEnd`, when a staker who reacts now has fully withdrawn (guarantee 9, `ExitWindow.noticeEndAt`).
    function _increaseEffectAt(uint256 allocationDelay, uint48 exitEnd) private view returns (uint48) {
        uint256 chosen = block.timestamp + allocationDelay;
        uint48 notice = ExitWindow.noticeEndAfter(exitEnd);
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years.
        return chosen > notice ? uint48(chosen) : notice;
    }

    /// @dev The magnitude in force now.
    function _effective(Allocation memory alloc) private view returns (uint64) {
        return alloc.effectAt != 0 && block.timestamp >= alloc.effectAt ? alloc.pending : alloc.current;
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return 1 << PAUSE_ALLOCATION;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _storage() private pure returns (AllocationManagerStorage storage $) {
        assembly ("memory-safe") {
            $.slot := ALLOCATION_MANAGER_STORAGE
        }
    }
}
