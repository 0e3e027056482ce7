// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/tokens/FeeOnTransferToken.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The vault on its own: called directly with the manager's address pranked, so that each check of the
/// vault is reached without the manager's checks in front of it.
contract ERC20StrategyTest is DeployFixture {
    bytes32 internal constant ERC20_STRATEGY_STORAGE =
        keccak256(abi.encode(uint256(keccak256("palisade.storage.ERC20Strategy")) - 1)) & ~bytes32(uint256(0xff));
    uint256 internal constant NO_CAP = type(uint256).max;

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
        strategy.withdraw(queue, 1e18);
    }

    // ---------------------------------------------------------------- deposit

    function test_deposit_mintsSharesAtCurrentPrice() public {
        vm.prank(address(sm));
        uint256 shares = strategy.deposit(alice, 300e18, NO_CAP);
        vm.assertEq(shares, 300e18, "one share per token in a fresh vault");
        vm.assertEq(strategy.totalShares(), 300e18, "total shares");
        vm.assertEq(strategy.totalAssets(), 300e18, "total assets");
        vm.assertEq(token.balanceOf(alice), 700e18, "tokens pulled from `from`");
    }

    function test_deposit_revertsWhen_wouldMintZeroShares() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 1, NO_CAP);
        _donate(strategy, 5e18);
        // Price is (5e18 + 1 + 1e3) / (1 + 1e3): anything below about 5e15 tokens buys no share.
        vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, 1e15));
        vm.prank(address(sm));
        strategy.deposit(alice, 1e15, NO_CAP);
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

    // ---------------------------------------------------------------- withdraw

    function test_withdraw_burnsSharesAndPays() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, NO_CAP);
        vm.prank(address(sm));
        uint256 amount = strategy.withdraw(bob, 40e18);
        vm.assertEq(amount, 40e18, "tokens paid");
        vm.assertEq(token.balanceOf(bob), 40e18, "recipient paid");
        vm.assertEq(strategy.totalShares(), 60e18, "shares burned");
    }

    function test_withdraw_revertsWhen_moreThanTotalShares() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 100e18, NO_CAP);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.InsufficientTotalShares.selector, 100e18 + 1, 100e18));
        vm.prank(address(sm));
        strategy.withdraw(bob, 100e18 + 1);
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
        // The vault loses its whole balance (`balanceOf` is the token's first mapping, slot 0), so each share
        // is worth (0 + 1e3) / (10 + 1e3) < 1 token, which rounds to zero.
        vm.store(address(frozen), keccak256(abi.encode(address(frozenStrategy), uint256(0))), bytes32(0));
        frozen.setFrozen(true);

        vm.prank(address(sm));
        uint256 amount = frozenStrategy.withdraw(bob, 1);
        vm.assertEq(amount, 0, "nothing paid");
        vm.assertEq(frozenStrategy.totalShares(), 9, "the dust share is burned");
    }

    function test_withdraw_ofDustSharesAfterLossPaysZeroWithoutTransfer() public {
        vm.prank(address(sm));
        strategy.deposit(alice, 10, NO_CAP);
        // The vault loses its tokens (a slash of the underlying, a negative rebase): shares become worth
        // (0 + 1e3) / (10 + 1e3) < 1 token each.
        token.burn(address(strategy), 10);
        vm.assertEq(strategy.sharesToUnderlying(1), 0, "a share is worth less than a token");
        vm.prank(address(sm));
        uint256 amount = strategy.withdraw(bob, 1);
        vm.assertEq(amount, 0, "nothing paid");
        vm.assertEq(strategy.totalShares(), 9, "the share is burned all the same");
        vm.assertEq(token.balanceOf(bob), 0, "recipient got nothing");
    }

    // ---------------------------------------------------------------- views

    function test_views_followShareMath() public {
        _deposit(alice, strategy, 100e18);
        _donate(strategy, 33e18);
        uint256 totalShares = 100e18;
        uint256 totalAssets = 133e18;
        vm.assertEq(strategy.totalShares(), totalShares, "total shares");
        vm.assertEq(strategy.totalAssets(), totalAssets, "total assets");
        vm.assertEq(
            strategy.sharesToUnderlying(7e18),
            (7e18 * (totalAssets + 1e3)) / (totalShares + 1e3),
            "shares to underlying"
        );
        vm.assertEq(
            strategy.underlyingToShares(7e18),
            (7e18 * (totalShares + 1e3)) / (totalAssets + 1e3),
            "underlying to shares"
        );
    }

    function test_token_andManagerOfClone() public view {
        vm.assertEq(address(strategy.token()), address(token), "token read from the clone's code");
        vm.assertEq(strategy.strategyManager(), address(sm), "manager from the implementation");
    }

    function test_storageLayout_followsErc7201Namespace() public {
        _deposit(alice, strategy, 12_345);
        vm.assertEq(
            uint256(vm.load(address(strategy), ERC20_STRATEGY_STORAGE)),
            12_345,
            "total shares at the namespaced slot"
        );
    }
}
