// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WeirdERC20Base} from "./WeirdERC20Base.sol";

/// @notice Reverts every transfer once frozen, like a paused or blocklisting token.
contract RevertingToken is WeirdERC20Base {
    bool public frozen;

    error TokenFrozen();

    constructor(uint8 decimals_) WeirdERC20Base(decimals_) {}

    function setFrozen(bool frozen_) external {
        frozen = frozen_;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (frozen) revert TokenFrozen();
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (frozen) revert TokenFrozen();
        _spend(from, amount);
        _move(from, to, amount);
        return true;
    }
}
