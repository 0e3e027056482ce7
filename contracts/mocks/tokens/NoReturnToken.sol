// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WeirdERC20Base} from "./WeirdERC20Base.sol";

/// @notice Like USDT on mainnet: `transfer`, `transferFrom` and `approve` return nothing.
contract NoReturnToken is WeirdERC20Base {
    constructor(uint8 decimals_) WeirdERC20Base(decimals_) {}

    function approve(address spender, uint256 amount) external {
        _approve(spender, amount);
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        _spend(from, amount);
        _move(from, to, amount);
    }
}
