// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {StrategyManager} from "../core/StrategyManager.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";

/// @notice The StrategyManager with a door for tests: setting an operator's lost magnitude, as a slash does, so that tests can check every amount already flows through the slashing factor.
contract StrategyManagerHarness is StrategyManager {
    constructor(
        address withdrawalQueue_,
        address operatorRegistry_,
        address allocationManager_,
        address slashingCoordinator_
    ) StrategyManager(withdrawalQueue_, operatorRegistry_, allocationManager_, slashingCoordinator_) {}

    function setMagnitudeLost(uint32 operatorId, IStrategy strategy, uint64 magnitudeLost) external {
        _setMagnitudeLost(operatorId, strategy, magnitudeLost);
    }
}
