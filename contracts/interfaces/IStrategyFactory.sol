// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IStrategyFactory
/// @notice Deploys one ERC20 strategy per token, permissionlessly, at an address anyone can predict.
///
/// Each strategy is a minimal clone (EIP-1167 with the token appended as an immutable argument) of one
/// implementation, created with CREATE2, so deploying a strategy costs a small fraction of deploying a vault and
/// reading its token costs no storage access. Deployment does not whitelist: governance decides, in the
/// StrategyManager, which strategies accept deposits.
/// @dev Warning:
/// - Clones are not upgradeable. A vault's custody logic is fixed when it is deployed; governance can point the
///   factory at a new implementation for tokens that have no strategy yet, never change an existing vault.
interface IStrategyFactory is IPauseControl {
    /// @notice Token {token} has no code on this chain, so it cannot be an ERC20.
    /// @custom:title The token has no code
    /// @custom:hint Check the token's address and the chain.
    /// @custom:argument token
    error TokenHasNoCode(IERC20 token);
    /// @notice Token {token} already has its strategy, {strategy}.
    /// @custom:title The token already has its strategy
    /// @custom:hint Use the existing strategy, {strategy:full|`strategyOf(token)`}.
    /// @custom:argument token
    error StrategyAlreadyDeployed(IERC20 token, IStrategy strategy);

    /// @notice A strategy `strategy` was deployed for `token`.
    event StrategyDeployed(IERC20 indexed token, IStrategy strategy);

    /// @notice Deploys the strategy of `token`. Anyone may call it.
    /// @dev Requirements: deployments not paused; `token` has code; no strategy exists for it yet.
    /// Effects: clones the implementation at `predictStrategyAddress(token)`; emits `StrategyDeployed`.
    function deployStrategy(IERC20 token) external returns (IStrategy strategy);

    /// @notice The pause bit of `deployStrategy`.
    function PAUSE_DEPLOYMENTS() external view returns (uint8);

    /// @notice The strategy every clone delegates to.
    function strategyImplementation() external view returns (address);

    /// @notice The strategy deployed for `token`, or `address(0)`.
    function strategyOf(IERC20 token) external view returns (IStrategy);

    /// @notice The address at which `deployStrategy(token)` deploys (or deployed) the strategy of `token`.
    function predictStrategyAddress(IERC20 token) external view returns (address);
}
