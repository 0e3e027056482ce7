// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice What the slasher suites share on top of the queue helpers: an AVS with one operator set (`SET_ID`), and
/// helpers that make an operator slashable in a set the way users would: register, stakers deposit and delegate,
/// join the set, allocate, and wait for the allocation delay.
abstract contract SlasherFixture is QueueHelpers {
    uint32 internal constant SET_ID = 7;
    uint256 internal constant DEPOSIT = 100e18;
    uint256 internal constant SHARES = DEPOSIT * SHARES_PER_TOKEN;

    /// @dev The AVS: a plain account that registered in the AVS registry.
    address internal avs;
    address internal stranger;

    function setUp() public virtual override {
        super.setUp();
        // A realistic clock, so that "now minus the withdrawal delay" is a time like any other.
        vm.warp(1_700_000_000);
        avs = makeAddr("avs");
        stranger = makeAddr("stranger");
        vm.prank(avs);
        avsRegistry.registerAVS("ipfs://avs");
    }

    // ---------------------------------------------------------------- sets

    function _set() internal view returns (OperatorSet memory) {
        return _set(SET_ID);
    }

    function _set(uint32 setId) internal view returns (OperatorSet memory) {
        return OperatorSet({avs: avs, id: setId});
    }

    /// @dev The AVS creates its set `setId` over `strategies`, slashed by `slasher`, with no registrar; slashed
    /// funds go to `recipient` (`address(0)`: burned).
    function _createSet(uint32 setId, IStrategy[] memory strategies, address slasher, address recipient) internal {
        vm.prank(avs);
        avsRegistry.createOperatorSet(setId, strategies, slasher, address(0), recipient);
    }

    // ---------------------------------------------------------------- operators

    /// @dev `operator` registers in the AVS's set `setId`.
    function _joinSet(address operator, uint32 setId) internal {
        uint32[] memory setIds = new uint32[](1);
        setIds[0] = setId;
        vm.prank(operator);
        avsRegistry.registerForOperatorSets(avs, setIds, "");
    }

    /// @dev `operator` leaves the AVS's set `setId`.
    function _leaveSet(address operator, uint32 setId) internal {
        uint32[] memory setIds = new uint32[](1);
        setIds[0] = setId;
        vm.prank(operator);
        avsRegistry.deregisterFromOperatorSets(operator, avs, setIds);
    }

    /// @dev `operator` sets its allocation of every one of `strategies` in set `setId` to `magnitude`; the change
    /// is not waited for.
    function _allocate(address operator, uint32 setId, IStrategy[] memory strategies, uint64 magnitude) internal {
        uint64[] memory magnitudes = new uint64[](strategies.length);
        for (uint256 i; i < strategies.length; ++i) {
            magnitudes[i] = magnitude;
        }
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: _set(setId),
            strategies: strategies,
            magnitudes: magnitudes
        });
        vm.prank(operator);
        allocationManager.modifyAllocations(params);
    }

    /// @dev `operator` (registered already) joins set `setId` and allocates `magnitude` of every one of
    /// `strategies` to it, and the allocation comes into force.
    function _joinAndAllocate(
        address operator,
        uint32 setId,
        IStrategy[] memory strategies,
        uint64 magnitude
    ) internal {
        _joinSet(operator, setId);
        uint48 effectAt = allocationManager.increaseEffectAt(operator);
        _allocate(operator, setId, strategies, magnitude);
        // The allocation and the registration both take effect after the notice.
        uint48 slashableFrom = avsRegistry.registration(operator, _set(setId)).slashableFrom;
        vm.warp(effectAt > slashableFrom ? effectAt : slashableFrom);
    }

    /// @dev `staker` deposits `DEPOSIT` tokens into each of `strategies` and delegates to `operator`.
    function _stake(address staker, address operator, IStrategy[] memory strategies) internal {
        for (uint256 i; i < strategies.length; ++i) {
            _deposit(staker, strategies[i], DEPOSIT);
        }
        _delegate(staker, operator);
    }

    /// @dev The magnitude of `operator`'s allocation of `strategy` in set `setId` in force now.
    function _allocation(address operator, uint32 setId, IStrategy strategy) internal view returns (uint64 current) {
        (current, , ) = allocationManager.allocation(operator, _set(setId), strategy);
    }

    // ---------------------------------------------------------------- arrays

    function _wads(uint256 a) internal pure returns (uint256[] memory) {
        return _amounts(a);
    }

    function _wads(uint256 a, uint256 b) internal pure returns (uint256[] memory) {
        return _amounts(a, b);
    }
}
