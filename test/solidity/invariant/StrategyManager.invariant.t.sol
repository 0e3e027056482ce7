// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";
import {StrategyManagerHandler} from "./handlers/StrategyManagerHandler.sol";

/// @notice Invariants of the deposit layer under random sequences of deposits (plain and signed), queued
/// withdrawals completed as tokens or as shares, donations and cap changes. Only the handler is targeted.
/// Each invariant runs its own campaign of 64 runs of 64 calls (hardhat.config.ts; shorter in the coverage run).
contract StrategyManagerInvariantTest is DeployFixture {
    StrategyManagerHandler internal handler;

    function setUp() public override {
        super.setUp();
        IStrategy[] memory strategies = new IStrategy[](3);
        strategies[0] = strategy;
        (, strategies[1]) = _newWhitelistedStrategy("Six decimals", 6);
        (, strategies[2]) = _newWhitelistedStrategy("Capped", 18);
        _setCaps(strategies[2], 1e26, 5e27);

        handler = new StrategyManagerHandler(sm, queue, owner, strategies);

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = StrategyManagerHandler.deposit.selector;
        selectors[1] = StrategyManagerHandler.depositWithSignature.selector;
        selectors[2] = StrategyManagerHandler.queueWithdrawal.selector;
        selectors[3] = StrategyManagerHandler.completeAsTokens.selector;
        selectors[4] = StrategyManagerHandler.completeAsShares.selector;
        selectors[5] = StrategyManagerHandler.donate.selector;
        selectors[6] = StrategyManagerHandler.setDepositCaps.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice The handler is not vacuous: one call of each action, with ordinary inputs, takes effect. (A
    /// per-run "made deposits" check would be flaky: a run may legitimately price every deposit out, e.g. with a
    /// large donation into an empty vault followed by a tiny per-deposit cap.)
    function test_handler_everyActionTakesEffect() public {
        // Strategies 0 and 1 have no caps (0), so these amounts go through as given.
        handler.deposit(0, 0, 5e18);
        handler.depositWithSignature(1, 2, 1, 7e6);
        // Shares, at 1e3 per token unit: two tokens' worth, then one.
        handler.queueWithdrawal(0, 0, 2e21);
        handler.queueWithdrawal(0, 0, 1e21);
        handler.completeAsTokens(0);
        handler.completeAsShares(0);
        handler.donate(0, 3e18);
        handler.setDepositCaps(0, 1, 1e30);

        bytes4[7] memory actions = [
            StrategyManagerHandler.deposit.selector,
            StrategyManagerHandler.depositWithSignature.selector,
            StrategyManagerHandler.queueWithdrawal.selector,
            StrategyManagerHandler.completeAsTokens.selector,
            StrategyManagerHandler.completeAsShares.selector,
            StrategyManagerHandler.donate.selector,
            StrategyManagerHandler.setDepositCaps.selector
        ];
        uint8[7] memory expectedCalls = [1, 1, 2, 1, 1, 1, 1];
        for (uint256 i; i < actions.length; ++i) {
            vm.assertEq(handler.ghostCalls(actions[i]), expectedCalls[i], "action took effect");
        }
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, "no unexpected revert");
        vm.assertEq(handler.pendingCount(), 0, "both queued withdrawals completed");
        vm.assertEq(sm.nonces(handler.actorAt(2)), 1, "signed deposit spent the staker's nonce");
        vm.assertEq(sm.scaledShares(handler.actorAt(2), handler.strategyAt(1)), 7e9, "7e6 units at 1e3 shares each");
        // Actor 0 queued 3e21 of its 5e21 shares: the first 2e21 were paid out (2 tokens), the 1e21 credited back.
        vm.assertEq(sm.scaledShares(handler.actorAt(0), strategy), 3e21, "one withdrawal paid, the other restored");
        vm.assertEq(handler.ghostTokensOut(handler.actorAt(0)), 2e18, "two tokens paid");
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        vm.assertGt(config.maxTotalDeposits, token.balanceOf(address(strategy)), "the caps left room");
        invariant_sharesConservation();
        invariant_tokenConservation();
        invariant_stakerListsMatchPositions();
    }

    /// @notice Every call the handler makes is valid by construction, so none may revert.
    function invariant_noUnexpectedRevert() public view {
        vm.assertEq(handler.ghostUnexpectedReverts(), 0, _hex(handler.ghostLastRevert()));
    }

    /// @notice The vault's balance covers the value of every share in existence (no losses are simulated here;
    /// the rebasing-token suite and the ShareMath fuzz show the property survives one).
    function invariant_vaultBalanceCoversAllShares() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy s = handler.strategyAt(i);
            vm.assertGe(
                s.token().balanceOf(address(s)),
                s.sharesToUnderlying(s.totalShares()),
                "balance >= value of all shares"
            );
        }
    }

    /// @notice Shares are neither created nor lost by the manager: stakers' positions plus the shares debited but
    /// not yet completed equal the vault's total shares.
    function invariant_sharesConservation() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy s = handler.strategyAt(i);
            uint256 sum = handler.ghostPendingShares(s);
            for (uint256 j; j < handler.actorCount(); ++j) sum += sm.scaledShares(handler.actorAt(j), s);
            vm.assertEq(sum, s.totalShares(), "positions + pending == total shares");
        }
    }

    /// @notice Tokens are accounted to the wei: the vault holds what came in minus what went out, and never
    /// paid out more than deposits plus donations.
    function invariant_tokenConservation() public view {
        for (uint256 i; i < handler.strategyCount(); ++i) {
            IStrategy s = handler.strategyAt(i);
            uint256 tokensIn = handler.ghostDeposited(s) + handler.ghostDonated(s);
            vm.assertLe(handler.ghostWithdrawn(s), tokensIn, "tokens out <= tokens in + donations");
            vm.assertEq(
                MockERC20(address(s.token())).balanceOf(address(s)),
                tokensIn - handler.ghostWithdrawn(s),
                "balance == in - out"
            );
        }
    }

    /// @notice No staker takes out more than they put in plus every donation ever made (a loose bound: the
    /// tokens of other stakers are never theirs).
    function invariant_noStakerExtractsOthersTokens() public view {
        for (uint256 j; j < handler.actorCount(); ++j) {
            address actor = handler.actorAt(j);
            vm.assertLe(
                handler.ghostTokensOut(actor),
                handler.ghostTokensIn(actor) + handler.ghostTotalDonated(),
                "out <= in + donations"
            );
        }
    }

    /// @notice Each staker's list holds exactly the strategies with a non-zero position, once each, at most 32.
    function invariant_stakerListsMatchPositions() public view {
        for (uint256 j; j < handler.actorCount(); ++j) {
            address actor = handler.actorAt(j);
            IStrategy[] memory listed = sm.stakerStrategies(actor);
            vm.assertLe(listed.length, sm.MAX_STAKER_STRATEGIES(), "list within its bound");
            vm.assertEq(listed.length, sm.stakerStrategyCount(actor), "count matches list");
            uint256 held;
            for (uint256 i; i < handler.strategyCount(); ++i) {
                IStrategy s = handler.strategyAt(i);
                bool hasPosition = sm.scaledShares(actor, s) != 0;
                if (hasPosition) ++held;
                uint256 occurrences;
                for (uint256 k; k < listed.length; ++k) if (address(listed[k]) == address(s)) ++occurrences;
                vm.assertEq(occurrences, hasPosition ? 1 : 0, "listed exactly when the position is not zero");
            }
            vm.assertEq(listed.length, held, "nothing else listed");
        }
    }

    /// @notice A staker's nonce counts their signed deposits: it only ever moves up, by one per signature.
    function invariant_noncesCountSignedDeposits() public view {
        vm.assertFalse(handler.ghostNonceMisbehaved(), "each signed deposit moved the nonce by exactly one");
        for (uint256 j; j < handler.actorCount(); ++j) {
            address actor = handler.actorAt(j);
            vm.assertEq(sm.nonces(actor), handler.ghostSignedDeposits(actor), "nonce == signed deposits");
        }
    }

    /// @dev `data` as 0x-prefixed hex, so that an unexpected revert reason can be read in the failure message.
    function _hex(bytes memory data) internal pure returns (string memory) {
        bytes memory digits = "0123456789abcdef";
        bytes memory out = new bytes(2 + data.length * 2);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i; i < data.length; ++i) {
            out[2 + 2 * i] = digits[uint8(data[i]) >> 4];
            out[3 + 2 * i] = digits[uint8(data[i]) & 0x0f];
        }
        return string(out);
    }
}
