// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStrategy} from "../interfaces/IStrategy.sol";
import {ShareMath} from "../libraries/ShareMath.sol";

/// @title ERC20Strategy
/// @notice The vault of one ERC20 token. Deployed once as an implementation; each token gets a clone of it, made
/// by the StrategyFactory, with the token's address appended to the clone's code.
contract ERC20Strategy is IStrategy, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @custom:storage-location erc7201:palisade.storage.ERC20Strategy
    struct ERC20StrategyStorage {
        uint256 totalShares;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.ERC20Strategy")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ERC20_STRATEGY_STORAGE =
        0xb49c2d12bc76cdb874214324441863e92f6645badf8b9cfc98a387ebc8210d00;

    /// @inheritdoc IStrategy
    // Lives in the implementation's code, which every clone runs: all clones answer to the same manager.
    address public immutable strategyManager;

    modifier onlyStrategyManager() {
        if (msg.sender != strategyManager) revert OnlyStrategyManager(msg.sender);
        _;
    }

    constructor(address strategyManager_) {
        strategyManager = strategyManager_;
    }

    // ------------------------------------------------------------------ strategy manager

    /// @inheritdoc IStrategy
    function deposit(
        address from,
        uint256 amount,
        uint256 maxTotalDeposits
    ) external onlyStrategyManager nonReentrant returns (uint256 shares) {
        IERC20 token_ = token();
        uint256 balanceBefore = token_.balanceOf(address(this));
        // Written as a subtraction so that no sum can overflow; a balance already above the cap (a rebase or a
        // donation) stops deposits too.
        if (balanceBefore > maxTotalDeposits || amount > maxTotalDeposits - balanceBefore) {
            revert TotalDepositCapExceeded(balanceBefore, amount, maxTotalDeposits);
        }

        ERC20StrategyStorage storage $ = _strategyStorage();
        uint256 totalShares_ = $.totalShares;
        shares = ShareMath.toSharesDown(amount, totalShares_, balanceBefore);
        if (shares == 0) revert DepositWouldMintZeroShares(amount);
        $.totalShares = totalShares_ + shares;

        token_.safeTransferFrom(from, address(this), amount);
        // The shares were priced for exactly `amount`: a token that delivers less (a fee) or more (a rebase in
        // flight) would break that price, so the whole deposit is undone instead.
        uint256 balanceAfter = token_.balanceOf(address(this));
        if (balanceAfter != balanceBefore + amount) {
            revert TransferAmountMismatch(amount, balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0);
        }
    }

    /// @inheritdoc IStrategy
    function withdraw(
        address recipient,
        uint256 shares
    ) external onlyStrategyManager nonReentrant returns (uint256 amount) {
        ERC20StrategyStorage storage $ = _strategyStorage();
        uint256 totalShares_ = $.totalShares;
        if (shares > totalShares_) revert InsufficientTotalShares(shares, totalShares_);

        IERC20 token_ = token();
        amount = ShareMath.toAssetsDown(shares, totalShares_, token_.balanceOf(address(this)));
        // Cannot underflow: checked against `totalShares_` above.
        unchecked {
            $.totalShares = totalShares_ - shares;
        }
        // Dust positions can be worth zero tokens; some tokens revert on zero transfers, so skip them.
        if (amount != 0) token_.safeTransfer(recipient, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IStrategy
    function token() public view returns (IERC20 token_) {
        // The clone's code is the 45-byte EIP-1167 proxy followed by the 20-byte token address (see
        // StrategyFactory). Copying those 20 bytes straight into scratch space saves the allocation and the size
        // lookup of `Clones.fetchCloneArgs`, on every deposit and withdrawal.
        assembly ("memory-safe") {
            mstore(0, 0)
            extcodecopy(address(), 12, 0x2d, 20)
            token_ := mload(0)
        }
    }

    /// @inheritdoc IStrategy
    function totalShares() external view returns (uint256) {
        return _strategyStorage().totalShares;
    }

    /// @inheritdoc IStrategy
    function totalAssets() external view nonReentrantView returns (uint256) {
        return token().balanceOf(address(this));
    }

    /// @inheritdoc IStrategy
    function sharesToUnderlying(uint256 shares) external view nonReentrantView returns (uint256) {
        return ShareMath.toAssetsDown(shares, _strategyStorage().totalShares, token().balanceOf(address(this)));
    }

    /// @inheritdoc IStrategy
    function underlyingToShares(uint256 amount) external view nonReentrantView returns (uint256) {
        return ShareMath.toSharesDown(amount, _strategyStorage().totalShares, token().balanceOf(address(this)));
    }

    // ------------------------------------------------------------------ internal

    function _strategyStorage() private pure returns (ERC20StrategyStorage storage $) {
        assembly ("memory-safe") {
            $.slot := ERC20_STRATEGY_STORAGE
        }
    }
}
