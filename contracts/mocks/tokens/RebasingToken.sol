// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A rebasing token in the style of stETH: balances are `shares * index / 1e18`, and a transfer moves the
/// shares of `amount` rounded down, so it can deliver a wei less than asked.
contract RebasingToken {
    uint8 public constant DECIMALS = 18;

    mapping(address account => uint256) public sharesOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;
    uint256 public totalShares;
    uint256 public index = 1e18;

    error InsufficientShares(address account, uint256 shares, uint256 needed);
    error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed);

    function decimals() external pure returns (uint8) {
        return DECIMALS;
    }

    function mint(address to, uint256 amount) external {
        uint256 shares = (amount * 1e18) / index;
        sharesOf[to] += shares;
        totalShares += shares;
    }

    /// @notice Multiplies every balance by `newIndex / index`: above 1e18 a positive rebase, below a negative one.
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    function balanceOf(address account) external view returns (uint256) {
        return (sharesOf[account] * index) / 1e18;
    }

    function totalSupply() external view returns (uint256) {
        return (totalShares * index) / 1e18;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) revert InsufficientAllowance(from, msg.sender, allowed, amount);
        allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 shares = (amount * 1e18) / index;
        uint256 held = sharesOf[from];
        if (held < shares) revert InsufficientShares(from, held, shares);
        sharesOf[from] = held - shares;
        sharesOf[to] += shares;
    }
}
