// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../contracts/interfaces/IAllocationManager.sol";
import {IPalisadeLens} from "../../../contracts/interfaces/IPalisadeLens.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {LensFixture} from "./LensFixture.sol";

/// @notice The gas of `operatorViews` at the size the SDK asks for: 200 operators, each registered in 3 sets of 3
/// strategies with a magnitude in force in every (set, strategy), read in one call. Measured with `gasleft()`
/// around the call, so it excludes the transaction's 21,000 and its calldata (about 75,000 gas for 200 addresses).
/// This suite runs on the unoptimised test build; `npm run bench:sdk` prints the production build's gas per operator
/// through `eth_estimateGas` against a node.
contract PalisadeLensGasTest is LensFixture {
    uint256 internal constant OPERATORS = 200;
    uint256 internal constant SETS = 3;
    uint64 internal constant MAGNITUDE = 0.3e18;
    /// @dev The unoptimised build's cost (about 80M at the time of writing, some 400,000 gas per operator) stays
    /// below this; the production build costs less. 200 operators do not fit one call under the 30M-50M gas caps
    /// nodes put on `eth_call`, which is why the SDK reads them 70 at a time (`operatorsPerCall`); the bench
    /// (`npm run bench:sdk`) checks that reading 200 operators that way fits. The coverage run instruments every line
    /// (about 120M), so it checks twice the ceiling (`_gasBudget`).
    uint256 internal constant GAS_CEILING = 88_000_000;

    IStrategy internal strategyC;
    address[] internal operators;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        (, strategyC) = _newStrategy("TokenC");
        _registerAVS(avs);
        IStrategy[] memory strategies = _threeStrategies();
        uint32[] memory setIds = new uint32[](SETS);
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](SETS);
        uint64[] memory magnitudes = new uint64[](3);
        for (uint256 k; k < 3; ++k) magnitudes[k] = MAGNITUDE;
        for (uint256 j; j < SETS; ++j) {
            // Safe cast: three sets.
            setIds[j] = uint32(j + 1);
            params[j] = IAllocationManager.AllocateParams({
                operatorSet: _createSet(setIds[j], strategies),
                strategies: strategies,
                magnitudes: magnitudes
            });
        }
        for (uint256 i; i < OPERATORS; ++i) {
            address operator = address(uint160(0x10000 + i));
            _registerOperator(operator);
            for (uint256 k; k < 3; ++k) _deposit(operator, strategies[k], 1e18 + i);
            vm.prank(operator);
            avsRegistry.registerForOperatorSets(avs, setIds, "");
            vm.prank(operator);
            allocationManager.modifyAllocations(params);
            operators.push(operator);
        }
        // The allocations and the registrations, made at the same time, are slashable after the notice.
        vm.warp(block.timestamp + NOTICE);
    }

    function test_operatorViews_gas_200Operators3Sets3Strategies() public {
        address[] memory list = operators;
        OperatorSet[] memory sets = _allSets();
        IStrategy[] memory strategies = _threeStrategies();

        uint256 gasUsed = _gasOfOperatorViews(list, sets, strategies);

        IPalisadeLens.OperatorView[] memory views = lens.operatorViews(list, sets, strategies);
        vm.assertEq(views.length, OPERATORS, "every operator");
        _assertOperatorView(views[OPERATORS - 1], list[OPERATORS - 1], sets, strategies);
        vm.assertEq(views[0].sets[2].allocations[2].current, MAGNITUDE, "allocations in force");
        vm.assertGt(views[0].sets[2].allocations[2].slashableShares, 0, "and slashable");
        vm.assertLe(gasUsed, _gasBudget(GAS_CEILING), "operatorViews of 200 x 3 x 3 fits the ceiling");
    }

    /// @dev The gas `operatorViews` burns, as an `eth_call` would see it without its 21,000 and calldata: the call is
    /// made without copying the return data, which an `eth_call` hands to the node rather than to a caller's
    /// memory (decoding 200 views here would cost this contract millions of gas the SDK never pays).
    function _gasOfOperatorViews(
        address[] memory list,
        OperatorSet[] memory sets,
        IStrategy[] memory strategies
    ) internal returns (uint256 gasUsed) {
        bytes memory callData = abi.encodeCall(IPalisadeLens.operatorViews, (list, sets, strategies));
        address target = address(lens);
        bool success;
        uint256 gasBefore = gasleft();
        assembly ("memory-safe") {
            success := staticcall(gas(), target, add(callData, 0x20), mload(callData), 0, 0)
        }
        gasUsed = gasBefore - gasleft();
        vm.assertTrue(success, "operatorViews succeeded");
    }

    function _allSets() internal view returns (OperatorSet[] memory sets) {
        sets = new OperatorSet[](SETS);
        // Safe cast: three sets.
        for (uint256 j; j < SETS; ++j) sets[j] = _set(avs, uint32(j + 1));
    }

    function _threeStrategies() internal view returns (IStrategy[] memory list) {
        list = new IStrategy[](3);
        list[0] = strategyA;
        list[1] = strategyB;
        list[2] = strategyC;
    }
}
