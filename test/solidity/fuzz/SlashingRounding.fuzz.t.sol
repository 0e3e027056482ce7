// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice Rounding in slashes always favours the protocol, whatever the stakes, the allocation and the sequence of
/// slashes: after every slash, the bucket plus every staker's withdrawable shares plus what the queued withdrawal
/// will pay never exceed the strategy's total shares, and once everything is released and withdrawn no staker (nor
/// the burn address) received a token that was not deposited.
///
/// The scenario: alice and bob delegate to operator 1, which allocates a random magnitude to a burning set; alice
/// queues part of her stake; three slashes of random fractions follow at random times (before and after her
/// withdrawal matures); carol deposits and delegates after the first. Each slash is checked against figures built
/// independently of the contracts: the magnitude taken is `ceil(allocation * wad / 1e18)` and the bucket
/// `floor((delegated + queued still unmatured) * taken / 1e18)`, with the queued part taken from the withdrawal
/// itself rather than from the queue's history.
contract SlashingRoundingFuzzTest is AVSHelpers {
    uint256 internal constant MAX_DEPOSIT = 1e27;

    OperatorSet internal set1;
    uint32 internal operator1Id;

    /// @dev Tokens that went in, and the withdrawal alice queued (if any).
    uint256 internal tokensIn;
    IWithdrawalQueue.Withdrawal internal queued;
    bool internal hasQueued;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _registerInSet(operator1, set1);
    }

    function testFuzz_slash_roundingFavoursTheProtocol(
        uint256 aliceAmount,
        uint256 bobAmount,
        uint256 carolAmount,
        uint64 magnitude,
        uint256 queuedPart,
        uint256[3] memory wads,
        uint256[3] memory gaps
    ) public {
        aliceAmount = bound(aliceAmount, 1, MAX_DEPOSIT);
        bobAmount = bound(bobAmount, 1, MAX_DEPOSIT);
        carolAmount = bound(carolAmount, 1, MAX_DEPOSIT);
        magnitude = uint64(bound(magnitude, 1, WAD));

        _stake(alice, aliceAmount);
        _stake(bob, bobAmount);
        _allocateAndWait(operator1, set1, strategyA, magnitude);

        uint256 aliceShares = sm.withdrawableShares(alice, strategyA);
        queuedPart = bound(queuedPart, 0, aliceShares);
        if (queuedPart != 0) {
            queued = _queue(alice, strategyA, queuedPart);
            hasQueued = true;
        }

        for (uint256 i; i < 3; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 4 days));
            _slashAndCheck(bound(wads[i], 1, WAD));
            if (i == 0 && sm.slashingFactor(operator1Id, strategyA) != 0) _stake(carol, carolAmount);
            _assertClaimsWithinShares();
        }

        _releaseAndWithdrawEverything();
    }

    // ---------------------------------------------------------------- steps

    function _stake(address staker, uint256 amount) internal {
        _deposit(staker, strategyA, amount);
        tokensIn += amount;
        _delegate(staker, operator1);
    }

    /// @dev Slashes `wad` of the allocation and checks the magnitude taken and the bucket against figures built
    /// here.
    function _slashAndCheck(uint256 wad) internal {
        uint64 allocationBefore = _current(operator1, set1, strategyA);
        uint64 maxBefore = allocationManager.maxMagnitude(operator1, strategyA);
        (uint256 delegatedScaled, ) = sm.operatorStake(operator1Id, strategyA);
        uint256 queuedScaled = hasQueued && queued.maturity > block.timestamp ? queued.scaledShares[0] : 0;
        uint256 bucketBefore = _slashedShares(set1, strategyA);

        uint256 shares = _slash(set1, operator1, strategyA, wad);

        uint256 taken = _mulWadUp(allocationBefore, wad);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), maxBefore - taken, "ceil(allocation x wad)");
        vm.assertEq(_current(operator1, set1, strategyA), allocationBefore - taken, "allocation");
        vm.assertEq(sm.slashingFactor(operator1Id, strategyA), maxBefore - taken, "factor = max magnitude");
        vm.assertEq(shares, ((delegatedScaled + queuedScaled) * taken) / WAD, "floor(scaled x taken)");
        vm.assertEq(_slashedShares(set1, strategyA), bucketBefore + shares, "bucket");
    }

    function _assertClaimsWithinShares() internal view {
        uint256 claims =
            _slashedShares(set1, strategyA) +
                sm.withdrawableShares(alice, strategyA) +
                sm.withdrawableShares(bob, strategyA) +
                sm.withdrawableShares(carol, strategyA) +
                sm.withdrawableShares(operator1, strategyA);
        if (hasQueued) {
            (uint256[] memory payout, ) = wq.previewCompletion(queued);
            claims += payout[0];
        }
        vm.assertLe(claims, strategyA.totalShares(), "bucket + positions + queued payout <= total shares");
    }

    /// @dev Releases the bucket, completes alice's withdrawal, then every staker withdraws everything: each step
    /// must succeed, and the tokens that came out never exceed those that went in.
    function _releaseAndWithdrawEverything() internal {
        uint256 tokensOut;
        if (_slashedShares(set1, strategyA) != 0) {
            (, uint256 released) = coordinator.releaseSlashedFunds(set1, strategyA, _recipientOf(set1));
            tokensOut += released;
        }
        address[3] memory stakers = [alice, bob, carol];
        IWithdrawalQueue.Withdrawal[3] memory exits;
        bool[3] memory exiting;
        for (uint256 i; i < 3; ++i) {
            uint256 shares = sm.withdrawableShares(stakers[i], strategyA);
            if (shares == 0) continue;
            exits[i] = _queue(stakers[i], strategyA, shares);
            exiting[i] = true;
        }
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        if (hasQueued) _complete(queued, true);
        for (uint256 i; i < 3; ++i) {
            if (exiting[i]) _complete(exits[i], true);
            tokensOut += tokenA.balanceOf(stakers[i]);
        }
        vm.assertLe(tokensOut, tokensIn, "no token created");
        vm.assertEq(
            tokenA.balanceOf(address(strategyA)),
            tokensIn - tokensOut,
            "what did not come out is still in the vault"
        );
    }
}
