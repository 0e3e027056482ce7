// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {StrategyManager} from "../core/StrategyManager.sol";

/// @notice The StrategyManager with one function more, for the upgrade test (test/ts/upgrade.test.ts): after an
/// upgrade to it, `version()` answering through the proxy proves the proxy runs the new code, and everything else
/// answering as before proves the state survived.
contract StrategyManagerV2Mock is StrategyManager {
    constructor(
        address withdrawalQueue_,
        address operatorRegistry_,
        address allocationManager_,
        address slashingCoordinator_
    ) StrategyManager(withdrawalQueue_, operatorRegistry_, allocationManager_, slashingCoordinator_) {}

    function version() external pure returns (string memory) {
        return "2";
    }
}
