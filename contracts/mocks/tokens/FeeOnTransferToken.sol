// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WeirdERC20Base} from "./WeirdERC20Base.sol";

/// @notice Takes a fee of `feeBps` basis points from every transfer; the fee is burned.
contract FeeOnTransferToken is WeirdERC20Base {
    uint256 public immutable feeBps;

    constructor(uint8 decimals_, uint256 feeBps_) WeirdERC20Base(decimals_) {
        feeBps = feeBps_;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spend(from, amount);
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) internal override {
        super._move(from, to, amount);
        uint256 fee = (amount * feeBps) / 10_000;
        balanceOf[to] -= fee;
        totalSupply -= fee;
    }
}
