// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IStrategy
/// @notice A per-token vault. It holds one ERC20 token and accounts for it in shares; only the StrategyManager
/// moves tokens in and out, and only the StrategyManager knows who owns which shares.
///
/// Share math (see `ShareMath`): the vault behaves as if it always held one more token backing a thousand more
/// shares than it really does. Those virtual shares belong to nobody, so a donation made to inflate the share
/// price is mostly absorbed by them: an attacker who donates to round a victim's deposit down loses about a
/// thousand times what the victim loses. A fresh vault mints 1,000 shares per token unit.
///
/// Rounding: shares minted for a deposit round down, tokens paid for a withdrawal round down; both favour the
/// vault, so `token.balanceOf(strategy)` always covers the value of every share.
/// @dev Warning:
/// - Fee-on-transfer tokens are rejected: a deposit whose transfer delivers anything other than the exact amount
///   reverts with `TransferAmountMismatch`.
/// - Rebasing tokens: value per share follows `balanceOf`, so a positive rebase is shared pro rata by all share
///   holders and a negative rebase is borne pro rata by them. Tokens whose transfers can deliver a wei or two less
///   than asked (stETH) are rejected by the same balance check; deposit their wrapped, non-rebasing form (wstETH).
/// - Tokens that call back into the caller during a transfer cannot re-enter the vault: every state-changing
///   function is guarded, and the value views revert while a transfer is in progress.
interface IStrategy {
    /// @notice Only the StrategyManager may move a strategy's tokens or shares; {caller} is not it.
    /// @custom:title Only the StrategyManager may move a strategy's tokens
    /// @custom:hint Deposit and withdraw through the StrategyManager.
    error OnlyStrategyManager(address caller);
    /// @notice A deposit of {amount:tokens} would mint zero shares at the strategy's share price.
    /// @custom:title The deposit is too small to mint a share
    /// @custom:hint Deposit a larger amount.
    /// @custom:argument amount
    error DepositWouldMintZeroShares(uint256 amount);
    /// @notice The deposit would take the vault's token balance from `balance` to above `maxTotalDeposits`.
    error TotalDepositCapExceeded(uint256 balance, uint256 amount, uint256 maxTotalDeposits);
    /// @notice The token delivered {received:tokens} where {expected:tokens} were sent: fee-on-transfer and rebasing
    /// tokens cannot be deposited.
    /// @dev The token transfer delivered `received` tokens where `expected` were sent (fee-on-transfer or rebasing
    /// token).
    /// @custom:title The token delivered another amount than was sent
    /// @custom:hint Deposit the token's non-rebasing, fee-free form (wstETH rather than stETH, for instance).
    /// @custom:argument strategy
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice A withdrawal of {shares:shares} asked for more than the {totalShares:shares} in existence.
    /// @custom:title More shares were withdrawn than exist
    /// @custom:hint This should not happen through Palisade's public entry points: report it to the Palisade team with
    /// the transaction.
    error InsufficientTotalShares(uint256 shares, uint256 totalShares);

    /// @notice Pulls `amount` tokens from `from` (which must have approved this vault) and mints shares for them.
    /// Callable by the StrategyManager only, which credits the shares to a staker.
    /// @param from The account the tokens come from.
    /// @param amount The number of tokens to deposit.
    /// @param maxTotalDeposits The StrategyManager's cap on this vault's token balance after the deposit.
    /// @return shares The shares minted, rounded down.
    function deposit(address from, uint256 amount, uint256 maxTotalDeposits) external returns (uint256 shares);

    /// @notice Burns `shares` and sends the tokens they are worth, rounded down, to `recipient`.
    /// Callable by the StrategyManager only, which debits the shares from their owner first.
    /// @return amount The tokens sent.
    function withdraw(address recipient, uint256 shares) external returns (uint256 amount);

    /// @notice The token this vault holds.
    function token() external view returns (IERC20);

    /// @notice The StrategyManager allowed to move this vault's tokens and shares.
    function strategyManager() external view returns (address);

    /// @notice The shares in existence (owned by stakers, queued for withdrawal, or awaiting release after a slash).
    function totalShares() external view returns (uint256);

    /// @notice The tokens held by the vault: `token().balanceOf(address(this))`.
    function totalAssets() external view returns (uint256);

    /// @notice The tokens `shares` would be paid if withdrawn now, rounded down.
    function sharesToUnderlying(uint256 shares) external view returns (uint256);

    /// @notice The shares a deposit of `amount` tokens would mint now, rounded down.
    function underlyingToShares(uint256 amount) external view returns (uint256);
}
