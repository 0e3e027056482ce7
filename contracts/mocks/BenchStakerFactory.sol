// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {BenchStaker} from "./BenchStaker.sol";

/// @notice Creates `BenchStaker`s in batches and has some of them queue withdrawals.
contract BenchStakerFactory {
    BenchStaker[] public stakers;

    /// @notice Creates `count` stakers of `amount` tokens each, delegated to `operator`.
    function create(
        IStrategyManager manager,
        IOperatorRegistry registry,
        IStrategy strategy,
        address operator,
        uint256 amount,
        uint256 count
    ) external {
        for (uint256 i; i < count; ++i) {
            stakers.push(new BenchStaker(manager, registry, strategy, operator, amount));
        }
    }

    /// @notice Stakers `from` to `from + count - 1` each queue `shares` of `strategy`.
    function queue(IStrategy strategy, uint256 from, uint256 count, uint256 shares) external {
        for (uint256 i = from; i < from + count; ++i) {
            stakers[i].queue(strategy, shares);
        }
    }

    function stakerCount() external view returns (uint256) {
        return stakers.length;
    }
}
