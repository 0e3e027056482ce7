// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/tokens/FeeOnTransferToken.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";
import {ERC20Strategy} from "../../../contracts/strategies/ERC20Strategy.sol";
import {StrategyFactory} from "../../../contracts/strategies/StrategyFactory.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The vault on its own: called directly with the manager's address pranked, so that each check of the
/// vault is reached without the manager's checks in front of it.
contract ERC20StrategyTest is DeployFixture {
    bytes32 internal constant ERC20_STRATEGY_STORAGE =
        keccak256(abi.encode(uint256(keccak256("palisade.storage.ERC20Strategy")) - 1)) & ~bytes32(uint256(0xff));
    uint256 internal constant NO_CAP = type(uint256).max;
    /// @dev ShareMath's offsets, restated so that the expected values below do not come from the code under test.
    uint256 internal constant VIRTUAL_SHARES = 1e3;
    uint256 internal constant VIRTUAL_ASSETS = 1;
    /// @dev A fresh vault's price, `VIRTUAL_SHARES / VIRTUAL_ASSETS`: shares minted per token unit.
    uint256 internal constant SHARES_PER_TOKEN = 1e3;

    /// @dev A vault whose manager is this test contract, over a token that calls back mid-transfer: the only way
    /// to re-enter a vault with the manager's authority, and so to reach the vault's own reentrancy guard, which
    /// the real manager's guard shields otherwise. Set up by `_deployHookVault`.
    CallbackToken internal hookToken;
    IStrategy internal hookVault;

    function setUp() public override {
        super.setUp();
        _fund(strategy, alice, 1_000e18);
    }

    // ---------------------------------------------------------------- access

    function test_deposit_revertsWhen_callerNotStrategyManager() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategy.OnlyStrategyManager.selector, alice));
        vm.prank(alice);
        strategy.deposit(alice, 1e18, NO_CAP);
    }

    function test_deposit_revertsWhen_callerIsManagerImplementation() public {
        // Only the proxy's address counts, not the code behind it.
        vm.expectRevert(abi.encodeWithSelector(IStrategy.OnlyStrategyManager.selector, address(smImpl)));
        vm.prank(address(smImpl));
        strategy.deposit(alice, 1e18, NO_CAP);
    }

    function test_withdraw_revertsWhen_callerNotStrategyManager() public {
        _deposit(alice, strategy, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.OnlyStrategyManager.selector, queue));
        vm.prank(queue);
        strategy.withdraw(queue, 1e18 * SHARES_PER_TOKEN);
    }

    // ---------------------------------------------------------------- deposit

    function test_deposit_freshVaultMintsThousandSharesPerToken() public {
        vm.prank(address(sm));
        uint256 shares = strategy.deposit(alice, 300e18, NO_CAP);
        // 300e18 * (0 + 1e3) / (0 + 1): shares are a finer unit than the token.
        vm.assertEq(shares, 300e21, "1,000 shares per token unit in a fresh vault");
        vm.assertEq(strategy.totalShares(), 300e21, "total shares");
        vm.assertEq(strategy.totalAssets(), 300e18, "total assets");
        vm.assertEq(token.balanceOf(alice), 700e18, "tokens pulled from `from`");
    }

    function test_deposit_mintsSharesAtCurrentPrice_roundedDown() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, NO_CAP);
        _donate(strategy, 50e18);
        // 60e18 * (100e21 + 1e3) / (150e18 + 1) = 40e21 + 133.33...: the remainder is the vault's.
        vm.prank(address(sm));
        uint256 shares = strategy.deposit(alice, 60e18, NO_CAP);
        vm.assertEq(shares, 40e21 + 133, "shares at the donated price, rounded down");
        vm.assertEq(strategy.totalShares(), 140e21 + 133, "total shares");
    }

    function test_deposit_revertsWhen_wouldMintZeroShares() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 1, NO_CAP);
        _donate(strategy, 5e18);
        // 1,000 shares over 5e18 + 1 tokens: a deposit buys `amount * 2e3 / (5e18 + 2)` shares, zero up to
        // 2.5e15 tokens inclusive.
        vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, 2.5e15));
        vm.prank(address(sm));
        strategy.deposit(alice, 2.5e15, NO_CAP);

        // One token unit more buys the first share.
        vm.prank(address(sm));
        vm.assertEq(strategy.deposit(alice, 2.5e15 + 1, NO_CAP), 1, "one share just above the threshold");
    }

    function test_deposit_revertsWhen_totalDepositCapExceeded() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 60e18, NO_CAP);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 60e18, 41e18, 100e18));
        vm.prank(address(sm));
        strategy.deposit(alice, 41e18, 100e18);
    }

    function test_deposit_revertsWhen_balanceAlreadyAboveCap() public {
        _donate(strategy, 101e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 101e18, 1, 100e18));
        vm.prank(address(sm));
        strategy.deposit(alice, 1, 100e18);
    }

    function test_deposit_revertsWhen_amountAboveCapOnEmptyVault_withoutOverflow() public {
        // A huge amount against a huge cap: the subtraction form of the check cannot overflow.
        vm.expectRevert(
            abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 0, type(uint256).max, NO_CAP - 1)
        );
        vm.prank(address(sm));
        strategy.deposit(alice, type(uint256).max, NO_CAP - 1);
    }

    function test_deposit_exactlyToCap_succeeds() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, 100e18);
        vm.assertEq(strategy.totalAssets(), 100e18, "filled to the cap");
    }

    function test_deposit_revertsWhen_transferDeliversLess() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken(18, 100);
        IStrategy feeStrategy = factory.deployStrategy(IERC20(address(feeToken)));
        _fund(feeStrategy, alice, 100e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TransferAmountMismatch.selector, 10e18, 9.9e18));
        vm.prank(address(sm));
        feeStrategy.deposit(alice, 10e18, NO_CAP);
    }

    function test_deposit_revertsWhen_transferDeliversMore() public {
        // Tokens arriving in the vault during the transfer (a rebase in flight) would be priced as if they were
        // not there: the shares were priced for exactly `amount`.
        _deployHookVault();
        hookToken.armCallback(address(hookToken), abi.encodeCall(hookToken.mint, (address(hookVault), 1)));
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TransferAmountMismatch.selector, 10e18, 10e18 + 1));
        hookVault.deposit(alice, 10e18, NO_CAP);
    }

    function test_deposit_revertsWhen_transferShrinksVaultBalance() public {
        // A 200% fee debits the receiving vault more than it credits: the balance falls, and the mismatch
        // reports zero received rather than underflowing.
        FeeOnTransferToken feeToken = new FeeOnTransferToken(18, 20_000);
        IStrategy feeStrategy = factory.deployStrategy(IERC20(address(feeToken)));
        feeToken.mint(address(feeStrategy), 50e18);
        _fund(feeStrategy, alice, 100e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TransferAmountMismatch.selector, 10e18, 0));
        vm.prank(address(sm));
        feeStrategy.deposit(alice, 10e18, NO_CAP);
    }

    // ---------------------------------------------------------------- withdraw

    function test_withdraw_burnsSharesAndPays() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, NO_CAP);
        vm.prank(address(sm));
        // 40e21 * (100e18 + 1) / (100e21 + 1e3) = 40e18 exactly.
        uint256 amount = strategy.withdraw(bob, 40e21);
        vm.assertEq(amount, 40e18, "tokens paid");
        vm.assertEq(token.balanceOf(bob), 40e18, "recipient paid");
        vm.assertEq(strategy.totalShares(), 60e21, "shares burned");
        vm.assertEq(strategy.totalAssets(), 60e18, "tokens left in the vault");
    }

    function test_withdraw_revertsWhen_moreThanTotalShares() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, NO_CAP);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.InsufficientTotalShares.selector, 100e21 + 1, 100e21));
        vm.prank(address(sm));
        strategy.withdraw(bob, 100e21 + 1);
    }

    function test_withdraw_revertsWhen_vaultEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategy.InsufficientTotalShares.selector, 1, 0));
        vm.prank(address(sm));
        strategy.withdraw(bob, 1);
    }

    function test_withdraw_ofWorthlessSharesSkipsTransfer() public {
        // A frozen token reverts on any transfer, so the withdrawal below can only succeed if none is attempted.
        RevertingToken frozen = new RevertingToken(18);
        IStrategy frozenStrategy = factory.deployStrategy(IERC20(address(frozen)));
        _fund(frozenStrategy, alice, 10);
        vm.prank(address(sm));
        frozenStrategy.deposit(alice, 10, NO_CAP);
        // The vault loses its whole balance (`balanceOf` is the token's first mapping, slot 0), so all 10,000
        // shares together are worth 10_000 * (0 + 1) / (10_000 + 1e3) < 1 token, which rounds to zero.
        vm.store(address(frozen), keccak256(abi.encode(address(frozenStrategy), uint256(0))), bytes32(0));
        frozen.setFrozen(true);

        vm.prank(address(sm));
        uint256 amount = frozenStrategy.withdraw(bob, 10 * SHARES_PER_TOKEN);
        vm.assertEq(amount, 0, "nothing paid");
        vm.assertEq(frozenStrategy.totalShares(), 0, "the worthless shares are burned");
    }

    function test_withdraw_ofDustSharesAfterLossPaysZeroWithoutTransfer() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 10, NO_CAP);
        // The vault loses its tokens (a slash of the underlying, a negative rebase): shares become worth
        // (0 + 1) / (10_000 + 1e3) of a token each, even all of them together less than one token.
        token.burn(address(strategy), 10);
        vm.assertEq(strategy.sharesToUnderlying(1), 0, "a share is worth less than a token");
        vm.assertEq(strategy.sharesToUnderlying(10_000), 0, "so are all of them together");
        vm.prank(address(sm));
        uint256 amount = strategy.withdraw(bob, 1);
        vm.assertEq(amount, 0, "nothing paid");
        vm.assertEq(strategy.totalShares(), 9_999, "the share is burned all the same");
        vm.assertEq(token.balanceOf(bob), 0, "recipient got nothing");
    }

    function test_withdraw_ofSharesWorthLessThanATokenPaysZero() public {
        // Without any loss, a share is a thousandth of a token: fewer than about 1,000 shares round to nothing.
        vm.prank(address(sm));
        strategy.deposit(alice, 10, NO_CAP);
        // 999 * (10 + 1) / (10_000 + 1e3) = 0.999.
        vm.prank(address(sm));
        vm.assertEq(strategy.withdraw(bob, 999), 0, "999 shares pay nothing");
        // 1,000 of the 9,001 shares left: 1_000 * 11 / 10_001 = 1.09...
        vm.prank(address(sm));
        vm.assertEq(strategy.withdraw(bob, 1_000), 1, "1,000 shares pay one token unit");
        vm.assertEq(token.balanceOf(bob), 1, "recipient paid once");
        vm.assertEq(strategy.totalShares(), 8_001, "both withdrawals burned their shares");
    }

    // ---------------------------------------------------------------- reentrancy into the vault itself

    function test_deposit_revertsWhen_reenteredByManagerMidTransfer() public {
        _deployHookVault();
        hookToken.armCallback(address(this), abi.encodeCall(this.reenterHookVaultDeposit, ()));
        vm.assertEq(hookVault.deposit(alice, 100e18, NO_CAP), 100e21, "outer deposit completes");

        _assertHookCallbackRefused("the vault's guard refuses a nested deposit, even from its manager");
        vm.assertEq(hookVault.totalShares(), 100e21, "minted once");
        vm.assertEq(hookToken.balanceOf(address(hookVault)), 100e18, "received once");
    }

    function test_withdraw_revertsWhen_reenteredByManagerMidTransfer() public {
        _deployHookVault();
        hookVault.deposit(alice, 100e18, NO_CAP);
        hookToken.armCallback(address(this), abi.encodeCall(this.reenterHookVaultWithdraw, ()));
        vm.assertEq(hookVault.withdraw(bob, 40e21), 40e18, "outer withdrawal completes");

        _assertHookCallbackRefused("the vault's guard refuses a nested withdrawal, even from its manager");
        vm.assertEq(hookVault.totalShares(), 60e21, "burned once");
        vm.assertEq(hookToken.balanceOf(bob), 40e18, "paid once");
    }

    function test_valueViews_revertWhen_readMidTransfer() public {
        // Mid-deposit the shares are minted and the tokens not yet received: a price read now would be wrong.
        _deployHookVault();
        bytes[3] memory viewCalls = [
            abi.encodeCall(IStrategy.totalAssets, ()),
            abi.encodeCall(IStrategy.sharesToUnderlying, (1e21)),
            abi.encodeCall(IStrategy.underlyingToShares, (1e18))
        ];
        for (uint256 i; i < viewCalls.length; ++i) {
            hookToken.armCallback(address(hookVault), viewCalls[i]);
            hookVault.deposit(alice, 1e18, NO_CAP);
            vm.assertEq(hookToken.callbackTarget(), address(0), "this deposit made the callback");
            _assertHookCallbackRefused("value view refused mid-transfer");
        }
        // Outside a transfer they answer again.
        vm.assertEq(hookVault.totalAssets(), 3e18, "totalAssets after the deposits");
    }

    /// @dev Reached from `hookToken`'s callback: re-enters `hookVault` as its manager (this contract).
    function reenterHookVaultDeposit() external {
        hookVault.deposit(alice, 1e18, NO_CAP);
    }

    /// @dev Reached from `hookToken`'s callback: re-enters `hookVault` as its manager (this contract).
    function reenterHookVaultWithdraw() external {
        hookVault.withdraw(bob, 1e21);
    }

    // ---------------------------------------------------------------- views

    function test_views_followShareMath() public {
        _deposit(alice, strategy, 100e18);
        _donate(strategy, 33e18);
        uint256 totalShares = 100e21;
        uint256 totalAssets = 133e18;
        vm.assertEq(strategy.totalShares(), totalShares, "total shares");
        vm.assertEq(strategy.totalAssets(), totalAssets, "total assets");

        uint256 underlying = strategy.sharesToUnderlying(7e18);
        vm.assertEq(
            underlying,
            (7e18 * (totalAssets + VIRTUAL_ASSETS)) / (totalShares + VIRTUAL_SHARES),
            "shares to underlying"
        );
        vm.assertEq(underlying, 9_309_999_999_999_999, "7e18 shares: about 7e18 * 133 / 1e5 tokens, rounded down");

        uint256 shares = strategy.underlyingToShares(7e18);
        vm.assertEq(
            shares,
            (7e18 * (totalShares + VIRTUAL_SHARES)) / (totalAssets + VIRTUAL_ASSETS),
            "underlying to shares"
        );
        vm.assertEq(shares, 5_263_157_894_736_842_105_276, "7e18 tokens: about 7e18 * 1e5 / 133 shares, rounded down");
    }

    function test_token_andManagerOfClone() public view {
        vm.assertEq(address(strategy.token()), address(token), "token read from the clone's code");
        vm.assertEq(strategy.strategyManager(), address(sm), "manager from the implementation");
    }

    function test_storageLayout_followsErc7201Namespace() public {
        _deposit(alice, strategy, 12_345);
        vm.assertEq(
            uint256(vm.load(address(strategy), ERC20_STRATEGY_STORAGE)),
            12_345 * SHARES_PER_TOKEN,
            "total shares at the namespaced slot"
        );
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Deploys `hookVault`: a clone, over a fresh `hookToken`, of an implementation whose manager is this
    /// contract. Alice holds 1,000 tokens and has approved the vault.
    function _deployHookVault() internal {
        StrategyFactory hookFactory = StrategyFactory(
            address(
                ERC1967Proxy(
                    payable(
                        _deploy(
                            "ERC1967Proxy.sol:ERC1967Proxy",
                            abi.encode(
                                address(
                                    StrategyFactory(
                                        _deploy(
                                            "StrategyFactory.sol:StrategyFactory",
                                            abi.encode(
                                                address(
                                                    ERC20Strategy(
                                                        _deploy(
                                                            "ERC20Strategy.sol:ERC20Strategy",
                                                            abi.encode(address(this))
                                                        )
                                                    )
                                                )
                                            )
                                        )
                                    )
                                ),
                                abi.encodeCall(StrategyFactory.initialize, (owner, pauser))
                            )
                        )
                    )
                )
            )
        );
        hookToken = new CallbackToken(18);
        hookVault = hookFactory.deployStrategy(IERC20(address(hookToken)));
        _fund(hookVault, alice, 1_000e18);
    }

    function _assertHookCallbackRefused(string memory message) internal view {
        vm.assertTrue(hookToken.callbackMade(), "the callback was made");
        vm.assertFalse(hookToken.callbackSucceeded(), message);
        vm.assertEq(
            hookToken.callbackReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            message
        );
    }
}
