// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {QueueHelpers} from "../utils/QueueHelpers.sol";

/// @notice Rounding through the queue at any slashing factor: queueing debits at least what was asked (rounded
/// up), completion pays at most what was queued (rounded down), so no sequence turns rounding into a gain.
contract WithdrawalQueueFuzzTest is QueueHelpers {
    uint256 internal constant MAX_DEPOSIT = 1e30;

    uint32 internal operatorId;

    function setUp() public override {
        super.setUp();
        operatorId = _registerOperator(operator1);
        _delegate(alice, operator1);
    }

    /// @notice Queue `asked` withdrawable shares at one factor, let the factor fall (or not) while in flight,
    /// complete: the payout never exceeds what was asked, is exactly the queued scaled shares at the factor of
    /// maturity - 1 rounded down, and equals what was asked when nothing was slashed in flight.
    /// hardhat-config: fuzz.runs = 1024
    function testFuzz_queueThenComplete_neverPaysMoreSharesThanQueued(
        uint256 amount,
        uint256 lostBefore,
        uint256 askedSeed,
        uint256 lostInFlight,
        uint256 slashAfter,
        bool asTokens
    ) public {
        amount = bound(amount, 1, MAX_DEPOSIT);
        _deposit(alice, strategyA, amount);
        uint256 shares = amount * SHARES_PER_TOKEN;
        // At least one withdrawable share must be left at the factor before queueing.
        lostBefore = bound(lostBefore, 0, WAD - _ceilDiv(WAD, shares));
        if (lostBefore != 0) sm.setMagnitudeLost(operatorId, strategyA, uint64(lostBefore));
        uint256 factorBefore = WAD - lostBefore;
        uint256 withdrawableBefore = sm.withdrawableShares(alice, strategyA);
        uint256 asked = bound(askedSeed, 1, withdrawableBefore);

        uint256 scaledBefore = sm.scaledShares(alice, strategyA);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, asked);
        uint256 scaled = withdrawal.scaledShares[0];
        vm.assertEq(scaled, scaledBefore - sm.scaledShares(alice, strategyA), "queued what was debited");
        vm.assertGe(scaled * factorBefore, asked * WAD, "the debit covers what was asked");
        vm.assertLe(
            sm.withdrawableShares(alice, strategyA) + asked,
            withdrawableBefore,
            "the staker never gains on the debit"
        );

        // Magnitude lost only grows: a slash in flight, at any second before maturity.
        lostInFlight = bound(lostInFlight, lostBefore, WAD);
        vm.warp(block.timestamp + bound(slashAfter, 0, WITHDRAWAL_DELAY - 1));
        if (lostInFlight != lostBefore) sm.setMagnitudeLost(operatorId, strategyA, uint64(lostInFlight));
        uint256 factorAtMaturity = WAD - lostInFlight;
        vm.warp(withdrawal.maturity);

        uint256 paid = _complete(withdrawal, asTokens)[0];

        vm.assertLe(paid, asked, "never more than was asked");
        vm.assertLe(paid * WAD, scaled * factorAtMaturity, "at most the scaled shares at the factor");
        vm.assertGt((paid + 1) * WAD, scaled * factorAtMaturity, "rounded down by less than one share");
        if (lostInFlight == lostBefore) vm.assertEq(paid, asked, "no slash in flight: exactly what was asked");
        if (asTokens) vm.assertLe(tokenA.balanceOf(alice), amount, "never more tokens than deposited");
    }

    /// @notice Several partial withdrawals at a fractional factor: each debit rounds up, so what the staker keeps
    /// plus everything it asked for never exceeds what it could withdraw at the start, and the payouts, each
    /// exactly what was asked, add up to at most that.
    /// hardhat-config: fuzz.runs = 512
    function testFuzz_partialWithdrawals_roundTheDebitUp(
        uint256 amount,
        uint256 lost,
        uint256 count,
        uint256 fractionSeed
    ) public {
        amount = bound(amount, 1, MAX_DEPOSIT);
        _deposit(alice, strategyA, amount);
        // A factor strictly between 0 and WAD, with at least a few withdrawable shares.
        lost = bound(lost, 1, WAD - _ceilDiv(4 * WAD, amount * SHARES_PER_TOKEN));
        sm.setMagnitudeLost(operatorId, strategyA, uint64(lost));
        uint256 start = sm.withdrawableShares(alice, strategyA);
        count = bound(count, 2, 5);

        IWithdrawalQueue.Withdrawal[] memory queued = new IWithdrawalQueue.Withdrawal[](count);
        uint256 askedTotal;
        for (uint256 i; i < count; ++i) {
            uint256 available = sm.withdrawableShares(alice, strategyA);
            if (available < 2) break;
            // A part, never the whole: a full withdrawal takes the dust by design.
            uint256 asked = bound(uint256(keccak256(abi.encode(fractionSeed, i))), 1, available - 1);
            queued[i] = _queue(alice, strategyA, asked);
            // A part whose rounded-up debit would leave a remainder worth no share takes the whole position, so
            // that withdrawal is owed everything that was available; any other pays exactly what was asked.
            askedTotal += sm.scaledShares(alice, strategyA) == 0 ? available : asked;
            vm.assertLe(
                sm.withdrawableShares(alice, strategyA) + askedTotal,
                start,
                "kept + asked never exceeds the start"
            );
        }

        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 paidTotal;
        for (uint256 i; i < count && queued[i].staker != address(0); ++i) {
            paidTotal += _complete(queued[i], false)[0];
        }
        vm.assertEq(paidTotal, askedTotal, "each payout is what was asked, or all there was when dust went along");
        vm.assertLe(sm.withdrawableShares(alice, strategyA), start, "credited back, never above the start");
    }

    /// @notice An undelegated staker's round trip through the queue, as tokens, with another staker in the vault:
    /// never more tokens out than in, and the other staker's shares stay fully backed.
    function testFuzz_undelegatedRoundTrip_neverReturnsMoreTokensThanDeposited(
        uint256 bobAmount,
        uint256 carolAmount,
        uint256 askedSeed
    ) public {
        bobAmount = bound(bobAmount, 1, MAX_DEPOSIT);
        carolAmount = bound(carolAmount, 1, MAX_DEPOSIT);
        _deposit(bob, strategyA, bobAmount);
        _deposit(carol, strategyA, carolAmount);
        uint256 asked = bound(askedSeed, 1, sm.withdrawableShares(bob, strategyA));

        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(bob, strategyA, asked);
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, true);

        vm.assertLe(tokenA.balanceOf(bob), bobAmount, "bob out <= bob in");
        vm.assertGe(
            tokenA.balanceOf(address(strategyA)),
            strategyA.sharesToUnderlying(strategyA.totalShares()),
            "the vault still backs every share"
        );
        // Bob's payout rounds down, which only raises the price per share: carol loses nothing to it.
        vm.assertGe(
            strategyA.sharesToUnderlying(sm.scaledShares(carol, strategyA)),
            carolAmount,
            "carol's shares still worth her whole deposit"
        );
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a + b - 1) / b;
    }
}
