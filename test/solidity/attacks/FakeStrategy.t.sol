// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";
import {FakeStrategy} from "./mocks/FakeStrategy.sol";

/// @notice A contract that claims to be a vault of this manager and lies about its token and its shares.
contract FakeStrategyAttackTest is DeployFixture {
    uint256 internal constant LIE = 1e30;
    /// @dev Bob's 100e18 tokens in the real vault, at a fresh vault's 1,000 shares per token unit.
    uint256 internal constant BOB_SHARES = 100e18 * 1e3;

    FakeStrategy internal fake;

    function setUp() public override {
        super.setUp();
        fake = new FakeStrategy(address(sm), IERC20(address(token)), LIE);
        _deposit(bob, strategy, 100e18);
    }

    function test_fakeStrategy_notWhitelisted_takesNoDeposit() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, address(fake)));
        vm.prank(alice);
        sm.deposit(IStrategy(address(fake)), 1);
    }

    function test_fakeStrategy_claimingAnotherManager_refusedByWhitelist() public {
        address otherManager = makeAddr("other manager");
        FakeStrategy foreign = new FakeStrategy(otherManager, IERC20(address(token)), LIE);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.StrategyManagerMismatch.selector, address(foreign), otherManager)
        );
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(IStrategy(address(foreign))));
    }

    function test_fakeStrategy_withTokenWithoutCode_refusedByWhitelist() public {
        FakeStrategy noToken = new FakeStrategy(address(sm), IERC20(makeAddr("no code")), LIE);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, address(noToken)));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(IStrategy(address(noToken))));
    }

    function test_fakeStrategy_claimingManagerAndRealToken_passesWhitelistSanityChecks() public {
        // The whitelist's checks are sanity checks, not proof of provenance: a contract that answers with this
        // manager and a real token gets through. Governance has to check provenance itself; the factory is the
        // source of truth for it.
        vm.assertNotEq(
            address(factory.strategyOf(IERC20(address(token)))),
            address(fake),
            "the factory does not know the fake"
        );
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(IStrategy(address(fake))));
        vm.assertTrue(sm.isStrategyWhitelisted(IStrategy(address(fake))), "fake whitelisted");
    }

    function test_fakeStrategy_whitelistedByMistake_liesStayConfinedToItsOwnPositions() public {
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(IStrategy(address(fake))));
        _fund(strategy, alice, 1);

        // Alice "deposits" one token: the fake takes nothing and reports 1e30 shares.
        vm.prank(alice);
        uint256 shares = sm.deposit(IStrategy(address(fake)), 1);
        vm.assertEq(shares, LIE, "the manager credits what the strategy reports");
        vm.assertEq(sm.scaledShares(alice, IStrategy(address(fake))), LIE, "credited in the fake only");

        // Positions are keyed by strategy: nothing reaches the real vault or its holders.
        vm.assertEq(sm.scaledShares(alice, strategy), 0, "no position in the real vault");
        vm.assertEq(strategy.totalShares(), BOB_SHARES, "real vault's shares unchanged");
        vm.assertEq(token.balanceOf(address(strategy)), 100e18, "real vault's tokens unchanged");
        vm.assertEq(token.balanceOf(alice), 1, "alice's tokens were not taken");
        vm.assertEq(sm.scaledShares(bob, strategy), BOB_SHARES, "bob's position unchanged");

        // The fake shares cannot be turned into real shares or tokens.
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InsufficientShares.selector, alice, strategy, LIE, 0));
        vm.prank(queue);
        sm.removeShares(alice, strategy, LIE);

        vm.startPrank(queue);
        sm.removeShares(alice, IStrategy(address(fake)), LIE);
        uint256 paid = sm.withdrawSharesAsTokens(IStrategy(address(fake)), alice, LIE);
        vm.stopPrank();
        vm.assertEq(paid, 0, "the fake pays nothing");
        vm.assertEq(token.balanceOf(address(strategy)), 100e18, "real vault still whole");
    }
}
