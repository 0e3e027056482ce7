// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WeirdERC20Base} from "./WeirdERC20Base.sol";

/// @notice Calls an armed `target` with `data` in the middle of the next transfer, after debiting the sender and
/// before crediting the receiver, as ERC-777 hooks and other callback tokens do. Used to attempt reentrancy.
/// The callback's outcome is recorded rather than propagated, so a test can tell "the reentrant call was
/// refused" apart from "the transfer failed".
contract CallbackToken is WeirdERC20Base {
    address public callbackTarget;
    bytes public callbackData;
    bool public callbackMade;
    bool public callbackSucceeded;
    bytes public callbackReturnData;

    constructor(uint8 decimals_) WeirdERC20Base(decimals_) {}

    /// @notice Arms one callback to `target_` with `data_`.
    function armCallback(address target_, bytes calldata data_) external {
        callbackTarget = target_;
        callbackData = data_;
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
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(from, balance, amount);
        balanceOf[from] = balance - amount;
        address callTarget = callbackTarget;
        if (callTarget != address(0)) {
            callbackTarget = address(0);
            callbackMade = true;
            // solhint-disable-next-line avoid-low-level-calls
            (callbackSucceeded, callbackReturnData) = callTarget.call(callbackData);
        }
        balanceOf[to] += amount;
    }
}
