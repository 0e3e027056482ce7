// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {MockERC20} from "./MockERC20.sol";

/// @notice A staker that deposits freshly minted tokens and delegates as it is created: the gas bench needs an
/// operator with a thousand stakers, and creating them a hundred per transaction keeps the bench fast.
contract BenchStaker {
    IWithdrawalQueue private immutable _queue;

    constructor(
        IStrategyManager manager,
        IOperatorRegistry registry,
        IStrategy strategy,
        address operator,
        uint256 amount
    ) {
        MockERC20 token = MockERC20(address(strategy.token()));
        token.mint(address(this), amount);
        token.approve(address(strategy), amount);
        manager.deposit(strategy, amount);
        registry.delegate(operator, IOperatorRegistry.ApproverSignature({signature: "", expiry: 0}), bytes32(0));
        _queue = IWithdrawalQueue(manager.withdrawalQueue());
    }

    /// @notice Queues a withdrawal of `shares` of `strategy`.
    function queue(IStrategy strategy, uint256 shares) external {
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = shares;
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: strategies, shares: amounts});
        _queue.queueWithdrawals(requests);
    }
}
