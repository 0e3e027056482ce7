// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IVetoSlasher} from "../../../contracts/interfaces/IVetoSlasher.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {StakerProtectionHelpers} from "./utils/StakerProtectionHelpers.sol";

/// @notice The attack (issue 12, attack 4, Low): governance lowers the withdrawal delay from 7 days to 1 day, a legal
/// value. On `main`: a pending `VetoSlasher` request could no longer execute and the accused operator's stakers left
/// in full; every new request of that slasher reverted `InvalidVetoWindow` forever; and an operator re-registered and
/// deregistered to pull its `slashableUntil` from t + 7 d to t + 1 d.
///
/// The defence (guarantee 10, windows only grow): a shorter delay glides in. The latest maturity promised under the
/// longer delay becomes a floor under every later one, so the delay in force falls one second per second, no window
/// already promised ends earlier, and a veto request made under a delay that became shorter than its veto window
/// halves its window instead of reverting.
contract WithdrawalDelayCutBreaksPromisedWindowsTest is StakerProtectionHelpers {
    uint32 internal constant CUT_DELAY = 1 days;
    uint32 internal constant VETO_WINDOW = 2 days;
    uint32 internal constant EXECUTION_WINDOW = 3 days;
    uint256 internal constant HALF = 0.5e18;

    address internal resolver;
    IVetoSlasher internal vetoSlasher;
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        resolver = makeAddr("resolver");
        _registerAVS(avs);
        set1 = _set(avs, 1);
        vetoSlasher = IVetoSlasher(
            _deploy(VETO, abi.encode(coordinator, set1, avs, resolver, VETO_WINDOW, EXECUTION_WINDOW))
        );
        _createSet(avs, 1, _strategies(strategyA), address(vetoSlasher), address(0), address(0));
        _registerOperator(operator1);
        _stakeWith(alice, operator1, strategyA, STAKE);
        _stakeWith(carol, operator1, strategyA, STAKE);
        _registerInSetAndWait(operator1, set1);
        _allocateAndWait(operator1, set1, strategyA, uint64(WAD));
    }

    function test_attack_pendingVetoRequestStillExecutesAfterTheCut_andReachesWhoLeftAfterIt() public {
        uint256 requestedAt = block.timestamp;
        uint256 requestId = _requestHalf();
        IVetoSlasher.RequestInfo memory promised = vetoSlasher.request(requestId);
        vm.assertEq(promised.vetoDeadline, requestedAt + VETO_WINDOW, "veto window");
        vm.assertEq(promised.expiresAt, requestedAt + VETO_WINDOW + EXECUTION_WINDOW, "expiry");

        // Alice runs before the cut, carol after it; the operator deregisters after it too.
        vm.warp(requestedAt + 1);
        IWithdrawalQueue.Withdrawal memory aliceExit = _queueAll(alice, strategyA);
        vm.warp(requestedAt + 2);
        _setDelay(CUT_DELAY);
        vm.warp(requestedAt + 3);
        IWithdrawalQueue.Withdrawal memory carolExit = _queueAll(carol, strategyA);
        uint48 slashableUntil = _deregisterFromSet(operator1, set1);

        IVetoSlasher.RequestInfo memory later = vetoSlasher.request(requestId);
        vm.assertEq(later.vetoDeadline, promised.vetoDeadline, "the cut left the veto deadline alone");
        vm.assertEq(later.expiresAt, promised.expiresAt, "the cut left the expiry alone");
        vm.assertGe(carolExit.maturity, requestedAt + WITHDRAWAL_DELAY, "carol's exit still ends after the expiry");
        vm.assertGe(slashableUntil, requestedAt + WITHDRAWAL_DELAY, "the operator stays slashable past the expiry");

        vm.warp(promised.vetoDeadline);
        _executeHalf(requestId);
        vm.assertEq(_completeAsTokens(aliceExit), STAKE / 2, "the slash reached alice's withdrawal");
        vm.assertEq(_completeAsTokens(carolExit), STAKE / 2, "and carol's, queued after the cut");
    }

    function test_attack_newRequestsStillWork_withTheVetoWindowHalved() public {
        _setDelay(CUT_DELAY);
        // While the cut glides in, the delay in force is still longer than the veto window: a normal request.
        uint256 first = _requestHalf();
        vm.assertEq(
            vetoSlasher.request(first).vetoDeadline,
            block.timestamp + VETO_WINDOW,
            "the full veto window while the delay glides down"
        );

        // Once the delay in force is down to 1 day (below the 2-day veto window), requests halve the window.
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - CUT_DELAY);
        vm.assertEq(wq.withdrawalDelay(), CUT_DELAY, "the cut is in force");
        uint256 requestedAt = block.timestamp;
        uint256 requestId = _requestHalf();
        IVetoSlasher.RequestInfo memory info = vetoSlasher.request(requestId);
        vm.assertEq(info.vetoDeadline, requestedAt + CUT_DELAY / 2, "veto window halved to half the delay");
        vm.assertEq(info.expiresAt, requestedAt + CUT_DELAY, "expiry capped at the delay in force");

        // Stake leaving after the request is still reached when it executes.
        vm.warp(requestedAt + 1);
        IWithdrawalQueue.Withdrawal memory aliceExit = _queueAll(alice, strategyA);
        vm.assertGe(aliceExit.maturity, info.expiresAt, "alice's exit ends after the expiry");
        vm.warp(info.vetoDeadline);
        _executeHalf(requestId);
        vm.assertEq(_completeAsTokens(aliceExit), STAKE / 2, "the slash reached alice's withdrawal");
    }

    function test_attack_reregisteringAfterTheCutCannotPullSlashableUntilEarlier() public {
        _registerOperator(operator2);
        _registerInSetAndWait(operator2, set1);

        // Operator 1 left just before the cut: slashable for 7 days.
        uint48 promised = _deregisterFromSet(operator1, set1);
        vm.assertEq(promised, block.timestamp + WITHDRAWAL_DELAY, "the window promised");
        vm.warp(block.timestamp + 1);
        _setMinimumDelay();

        // The trick: re-register and deregister under the new delay. Refused while the old window is open.
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAVSRegistry.PreviousRegistrationStillSlashable.selector,
                operator1,
                avs,
                1,
                promised
            )
        );
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(1), "");

        // Operator 2 leaves after the cut: its window ends no earlier than one that started before the cut.
        uint48 operator2Until = _deregisterFromSet(operator2, set1);
        vm.assertGe(operator2Until, promised, "a later deregistration never ends earlier");
        vm.assertTrue(avsRegistry.isSlashableAt(operator1, set1, promised - 1), "operator 1 until its promise");

        // Once the old window closed, operator 1 may come back (with a fresh notice) and leave: never earlier.
        vm.warp(promised);
        _registerInSet(operator1, set1);
        uint48 again = _deregisterFromSet(operator1, set1);
        vm.assertGe(again, promised, "slashableUntil never decreases");
    }

    function test_attack_queuedWithdrawalsKeepTheirMaturity_laterOnesNeverMatureEarlier() public {
        // Bob stakes with another operator, which has nothing queued: no history of its own holds his maturity up.
        _registerOperator(operator2);
        _stakeWith(bob, operator2, strategyA, STAKE);
        IWithdrawalQueue.Withdrawal memory before = _queue(alice, strategyA, STAKE_SHARES / 2);
        vm.warp(block.timestamp + 1);
        _setDelay(CUT_DELAY);
        IWithdrawalQueue.Withdrawal memory bobExit = _queueAll(bob, strategyA);
        vm.assertGe(bobExit.maturity, before.maturity, "a withdrawal queued after the cut, at any operator");

        vm.assertEq(wq.pendingWithdrawals(alice)[0].maturity, before.maturity, "the queued one keeps its maturity");
        // A day later, what the new delay alone would allow, it still cannot complete.
        vm.warp(block.timestamp + CUT_DELAY);
        bytes32 root = wq.withdrawalRoot(before);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                root,
                before.maturity,
                block.timestamp
            )
        );
        vm.prank(alice);
        wq.completeWithdrawal(before, true, alice);

        // Queued across the glide, every later withdrawal matures no earlier than the one before it.
        uint256 previous = before.maturity;
        for (uint256 i; i < 8; ++i) {
            vm.warp(block.timestamp + 1 days);
            IWithdrawalQueue.Withdrawal memory next = _queue(carol, strategyA, STAKE_SHARES / 10);
            vm.assertGe(next.maturity, previous, "maturities never decrease in queue order");
            vm.assertGe(next.maturity, block.timestamp + CUT_DELAY, "and never come before the new delay");
            previous = next.maturity;
        }
        vm.assertEq(previous, block.timestamp + CUT_DELAY, "the cut is fully in force once the promises ran out");
    }

    /// @notice Whatever sequence of legal delays governance sets, at whatever times, a withdrawal never matures
    /// before one queued earlier, never before its queue time plus the governance delay, and every withdrawal
    /// already queued keeps the maturity it was queued with.
    function testFuzz_attack_noDelaySequenceLetsALaterWithdrawalMatureEarlier(
        uint32[5] memory delays,
        uint32[5] memory gaps
    ) public {
        IWithdrawalQueue.Withdrawal[] memory queued = new IWithdrawalQueue.Withdrawal[](delays.length);
        uint256 previous;
        for (uint256 i; i < delays.length; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 20 days));
            uint32 delay = uint32(bound(delays[i], wq.MIN_WITHDRAWAL_DELAY(), wq.MAX_WITHDRAWAL_DELAY()));
            _setDelay(delay);
            queued[i] = _queue(alice, strategyA, STAKE_SHARES / 10);
            vm.assertGe(queued[i].maturity, previous, "never before the previous withdrawal");
            vm.assertGe(queued[i].maturity, block.timestamp + delay, "never before the governance delay");
            previous = queued[i].maturity;
        }
        IWithdrawalQueue.PendingWithdrawal[] memory pending = wq.pendingWithdrawals(alice);
        for (uint256 i; i < queued.length; ++i) {
            vm.assertEq(pending[i].maturity, queued[i].maturity, "every queued withdrawal kept its maturity");
        }
    }

    // ---------------------------------------------------------------- helpers

    function _setDelay(uint32 delay) internal {
        vm.prank(owner);
        wq.setWithdrawalDelay(delay);
    }

    function _setMinimumDelay() internal {
        uint32 shortest = wq.MIN_WITHDRAWAL_DELAY();
        _setDelay(shortest);
    }

    function _requestHalf() internal returns (uint256) {
        vm.prank(avs);
        return vetoSlasher.requestSlash(operator1, _strategies(strategyA), _wads(HALF), "misbehaved");
    }

    function _executeHalf(uint256 requestId) internal {
        vm.prank(stranger);
        vetoSlasher.executeSlash(requestId, _strategies(strategyA), _wads(HALF), "misbehaved");
    }
}
