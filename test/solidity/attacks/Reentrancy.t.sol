// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Reentrancy through a token that calls out in the middle of its transfers (ERC-777 style). The token
/// records the callback's outcome instead of propagating it, so each test can check that the reentrant call was
/// refused for the right reason while the outer operation completed with correct accounting.
contract ReentrancyAttackTest is DeployFixture {
    bytes internal constant REENTRANT_CALL = abi.encodeWithSelector(
        ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector
    );

    /// @dev What a fresh vault mints per token unit (VIRTUAL_SHARES / VIRTUAL_ASSETS); every deposit here is made
    /// at that price.
    uint256 internal constant SHARES_PER_UNIT = 1e3;
    /// @dev 40 of alice's 100 tokens, in shares: what the queue debits in the queue-reentrancy test.
    uint256 internal constant QUEUED_SHARES = 40e18 * SHARES_PER_UNIT;

    CallbackToken internal hookToken;
    IStrategy internal hookStrategy;
    /// @dev A second, well-behaved vault: a reentrant call into it is refused by the manager's guard alone,
    /// since its own guard is not held (a call into `hookStrategy` would also meet the vault's guard).
    IStrategy internal otherStrategy;

    function setUp() public override {
        super.setUp();
        hookToken = new CallbackToken(18);
        hookStrategy = _deployAndWhitelist(address(hookToken));
        _fund(hookStrategy, alice, 1_000e18);
        // The token itself holds tokens and approves the vault, so a refused callback is refused by a guard and
        // not merely for lack of funds.
        _fund(hookStrategy, address(hookToken), 1_000e18);
        (, otherStrategy) = _newWhitelistedStrategy("Other", 18);
        _fund(otherStrategy, address(hookToken), 1_000e18);
    }

    // ---------------------------------------------------------------- into the manager

    function test_reentrancy_depositCallbackIntoDeposit_isRefused() public {
        hookToken.armCallback(address(sm), abi.encodeCall(IStrategyManager.deposit, (hookStrategy, 1e18)));
        // Past the manager's guard the nested deposit would reach this vault's own guard, which raises the same
        // error: the guard that fired is told apart by the vault never being asked for the nested deposit.
        vm.expectCall(
            address(hookStrategy),
            abi.encodeCall(IStrategy.deposit, (address(hookToken), 1e18, type(uint256).max)),
            0
        );
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        _assertCallbackRefused(REENTRANT_CALL, "manager's guard refuses the nested deposit");
        _assertCleanDeposit(alice, 100e18);
    }

    function test_reentrancy_depositCallbackIntoDepositOfAnotherVault_isRefusedByManager() public {
        hookToken.armCallback(address(sm), abi.encodeCall(IStrategyManager.deposit, (otherStrategy, 1e18)));
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        _assertCallbackRefused(REENTRANT_CALL, "manager's guard refuses a nested deposit into any vault");
        _assertCleanDeposit(alice, 100e18);
        vm.assertEq(otherStrategy.totalShares(), 0, "other vault untouched");
    }

    function test_reentrancy_depositCallbackIntoSignedDeposit_isRefused() public {
        uint256 expiry = block.timestamp + 1;
        bytes memory signature = _signDeposit(bobKey, bob, otherStrategy, 1e18, expiry);
        hookToken.armCallback(
            address(sm),
            abi.encodeCall(IStrategyManager.depositWithSignature, (otherStrategy, 1e18, bob, expiry, signature))
        );
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        _assertCallbackRefused(REENTRANT_CALL, "manager's guard refuses the nested signed deposit");
        _assertCleanDeposit(alice, 100e18);
        vm.assertEq(sm.nonces(bob), 0, "bob's signature not consumed");
        vm.assertEq(sm.scaledShares(bob, otherStrategy), 0, "bob not credited");
    }

    function test_reentrancy_withdrawalCallbackIntoDeposit_isRefused() public {
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        hookToken.armCallback(address(sm), abi.encodeCall(IStrategyManager.deposit, (otherStrategy, 1e18)));

        uint256 paid = _withdrawAll(alice, hookStrategy, alice);

        _assertCallbackRefused(REENTRANT_CALL, "manager's guard is held during withdrawSharesAsTokens");
        vm.assertEq(paid, 100e18, "withdrawal paid in full");
        vm.assertEq(hookToken.balanceOf(alice), 1_000e18, "alice whole again");
        vm.assertEq(hookStrategy.totalShares(), 0, "all shares burned");
        vm.assertEq(sm.stakerStrategyCount(address(hookToken)), 0, "token gained no position");
    }

    function test_reentrancy_queueFunctionsAreGuardedToo() public {
        // Even the withdrawal queue itself cannot act on the manager while one of its calls is in flight:
        // a queue driven into re-entering (through a hook of its own) is stopped by the same guard. `addShares`
        // never calls a vault, so the manager's guard is the only one that can refuse it.
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        _removeShares(alice, hookStrategy, QUEUED_SHARES);
        hookToken.armCallback(address(this), abi.encodeCall(this.reenterAsQueue, ()));

        vm.prank(queue);
        sm.withdrawSharesAsTokens(hookStrategy, alice, QUEUED_SHARES);

        _assertCallbackRefused(REENTRANT_CALL, "addShares refused mid-withdrawal");
        vm.assertEq(sm.scaledShares(alice, hookStrategy), 60e18 * SHARES_PER_UNIT, "no extra credit");
        vm.assertEq(hookStrategy.totalShares(), 60e18 * SHARES_PER_UNIT, "the queued shares burned");
        vm.assertEq(hookToken.balanceOf(alice), 1_000e18 - 60e18, "40 tokens paid back");
    }

    /// @dev Reached from the token's callback: acts as the withdrawal queue, re-entering the manager.
    function reenterAsQueue() external {
        vm.prank(queue);
        sm.addShares(alice, hookStrategy, QUEUED_SHARES);
    }

    // ---------------------------------------------------------------- into the vault

    function test_reentrancy_callbackIntoVaultDeposit_isRefused() public {
        // The vault obeys the manager only: a callback comes from the token, whatever it tries.
        hookToken.armCallback(
            address(hookStrategy),
            abi.encodeCall(IStrategy.deposit, (address(hookToken), 1e18, type(uint256).max))
        );
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        _assertCallbackRefused(
            abi.encodeWithSelector(IStrategy.OnlyStrategyManager.selector, address(hookToken)),
            "vault refuses a caller other than the manager"
        );
        _assertCleanDeposit(alice, 100e18);
    }

    function test_reentrancy_callbackIntoVaultWithdraw_isRefused() public {
        _fund(hookStrategy, bob, 50e18);
        vm.prank(bob);
        uint256 bobShares = sm.deposit(hookStrategy, 50e18);
        hookToken.armCallback(
            address(hookStrategy),
            abi.encodeCall(IStrategy.withdraw, (address(hookToken), bobShares))
        );
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);

        _assertCallbackRefused(
            abi.encodeWithSelector(IStrategy.OnlyStrategyManager.selector, address(hookToken)),
            "vault refuses to pay out to a reentrant caller"
        );
        vm.assertEq(hookStrategy.totalShares(), 150e18 * SHARES_PER_UNIT, "no shares burned");
        vm.assertEq(hookToken.balanceOf(address(hookStrategy)), 150e18, "vault keeps every token");
    }

    // ---------------------------------------------------------------- read-only reentrancy

    function test_readOnlyReentrancy_sharesToUnderlyingRevertsMidDeposit() public {
        // Mid-deposit the vault has minted shares but not received tokens: a price read now would be wrong,
        // so the value views refuse to answer.
        _assertViewRefusedDuringDeposit(abi.encodeCall(IStrategy.sharesToUnderlying, (1e18)));
    }

    function test_readOnlyReentrancy_underlyingToSharesRevertsMidDeposit() public {
        _assertViewRefusedDuringDeposit(abi.encodeCall(IStrategy.underlyingToShares, (1e18)));
    }

    function test_readOnlyReentrancy_totalAssetsRevertsMidDeposit() public {
        _assertViewRefusedDuringDeposit(abi.encodeCall(IStrategy.totalAssets, ()));
    }

    function test_readOnlyReentrancy_sharesToUnderlyingRevertsMidWithdrawal() public {
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        hookToken.armCallback(address(hookStrategy), abi.encodeCall(IStrategy.sharesToUnderlying, (1e18)));
        _withdrawAll(alice, hookStrategy, alice);
        _assertCallbackRefused(REENTRANT_CALL, "value view refused mid-withdrawal");
    }

    function test_readOnlyReentrancy_viewsAnswerAgainAfterTransfer() public {
        hookToken.armCallback(address(hookStrategy), abi.encodeCall(IStrategy.sharesToUnderlying, (1e18)));
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        _assertCallbackRefused(REENTRANT_CALL, "the view was refused during the transfer");
        // The guard is transient and released on exit: outside a transfer the view answers, at the deposit's
        // price of 1e3 shares per token unit.
        vm.assertEq(hookStrategy.sharesToUnderlying(1e18 * SHARES_PER_UNIT), 1e18, "view answers after the deposit");
    }

    // ---------------------------------------------------------------- helpers

    function _assertViewRefusedDuringDeposit(bytes memory viewCall) internal {
        hookToken.armCallback(address(hookStrategy), viewCall);
        vm.prank(alice);
        sm.deposit(hookStrategy, 100e18);
        _assertCallbackRefused(REENTRANT_CALL, "value view refused mid-deposit");
        _assertCleanDeposit(alice, 100e18);
    }

    function _assertCallbackRefused(bytes memory expectedError, string memory message) internal view {
        vm.assertTrue(hookToken.callbackMade(), "the callback was made");
        vm.assertFalse(hookToken.callbackSucceeded(), message);
        vm.assertEq(hookToken.callbackReturnData(), expectedError, message);
    }

    /// @dev After one deposit of `amount` by `staker` into an empty vault, nothing else moved.
    function _assertCleanDeposit(address staker, uint256 amount) internal view {
        vm.assertEq(sm.scaledShares(staker, hookStrategy), amount * SHARES_PER_UNIT, "staker credited once");
        vm.assertEq(hookStrategy.totalShares(), amount * SHARES_PER_UNIT, "vault minted once");
        vm.assertEq(IERC20(address(hookToken)).balanceOf(address(hookStrategy)), amount, "vault received once");
        vm.assertEq(sm.stakerStrategyCount(address(hookToken)), 0, "token gained no position anywhere");
        vm.assertEq(hookToken.balanceOf(address(hookToken)), 1_000e18, "token's own tokens untouched");
    }
}
