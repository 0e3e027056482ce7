// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WeirdERC20Base} from "./WeirdERC20Base.sol";

/// @notice Returns `false` instead of reverting when a transfer cannot be made (and then moves nothing).
contract ReturnsFalseToken is WeirdERC20Base {
    constructor(uint8 decimals_) WeirdERC20Base(decimals_) {}

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (balanceOf[msg.sender] < amount) return false;
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (balanceOf[from] < amount || allowance[from][msg.sender] < amount) return false;
        _spend(from, amount);
        _move(from, to, amount);
        return true;
    }
}
