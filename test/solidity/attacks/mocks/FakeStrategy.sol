// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A contract posing as a strategy vault: it claims whatever manager and token it is told to, takes no
/// tokens on deposit and reports as many shares as it likes. Used to see what a wrongly whitelisted strategy
/// can and cannot do.
contract FakeStrategy {
    address public strategyManager;
    IERC20 public token;
    uint256 public reportedShares;
    uint256 public totalShares;

    constructor(address claimedManager, IERC20 claimedToken, uint256 reportedShares_) {
        strategyManager = claimedManager;
        token = claimedToken;
        reportedShares = reportedShares_;
    }

    /// @dev Pulls nothing and mints the configured number of shares, whatever `amount` was.
    function deposit(address, uint256, uint256) external returns (uint256) {
        totalShares += reportedShares;
        return reportedShares;
    }

    /// @dev Pays nothing: it holds nothing.
    function withdraw(address, uint256 shares) external returns (uint256) {
        totalShares -= shares;
        return 0;
    }
}
