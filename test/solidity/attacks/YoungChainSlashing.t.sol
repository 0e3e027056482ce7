// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack surface of a young chain (a fresh devnet or L2): the clock and the block number are below
/// every delay, so a contract that computes "now minus the delay" underflows and reverts, and one that reads a
/// zero time as "never" confuses the chain's first second with "no such event". The whole slashing flow runs at
/// time 1 and block 1 (and the first steps at time 0): every window opens and closes where it should.
contract YoungChainSlashingTest is AVSHelpers {
    uint64 internal constant HALF = 0.5e18;
    uint256 internal constant STAKE = 100e18 * SHARES_PER_TOKEN;

    OperatorSet internal set1;
    uint32 internal operator1Id;

    function setUp() public override {
        super.setUp();
        vm.warp(1);
        vm.roll(1);
        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(strategyA));
        operator1Id = _registerOperator(operator1);
        _deposit(alice, strategyA, 100e18);
        _delegate(alice, operator1);
        _registerInSet(operator1, set1);
    }

    function test_youngChain_slashBeforeTheNoticeEnds_isRefused_thenItTakes() public {
        _allocate(operator1, set1, strategyA, HALF);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(WAD));
        vm.warp(1 + NOTICE);
        vm.assertEq(_slash(set1, operator1, strategyA, WAD), STAKE / 2, "in force from 1 + delay + 1");
        vm.assertEq(sm.slashingFactorAt(operator1Id, strategyA, 0), WAD, "the history starts unslashed");
    }

    function test_youngChain_queuedWithdrawalIsReachedAndPaidAtTheSlashedFactor() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        IWithdrawalQueue.Withdrawal memory withdrawal = _queue(alice, strategyA, 40e21);
        vm.assertEq(withdrawal.maturity, block.timestamp + WITHDRAWAL_DELAY, "matures at now + delay");
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE / 4, "queued stake reached");
        vm.warp(withdrawal.maturity);
        vm.assertEq(_complete(withdrawal, true)[0], 30e21, "paid at 0.75");
    }

    function test_youngChain_deregistrationWindow() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        uint48 until = _deregisterFromSet(operator1, set1);
        vm.assertEq(until, block.timestamp + WITHDRAWAL_DELAY, "until now + delay");
        vm.warp(until - 1);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE / 4, "slashable in the window");
        vm.warp(until);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _slashAs(slasher, set1, operator1, _strategies(strategyA), _wads(WAD));
    }

    function test_youngChain_slasherChange() public {
        address newSlasher = makeAddr("new slasher");
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        vm.assertEq(effectAt, 1 + NOTICE, "1 + delay + 1");
        vm.assertEq(avsRegistry.operatorSetInfo(set1).slasher, slasher, "old slasher until then");
        vm.warp(effectAt);
        vm.assertEq(avsRegistry.operatorSetInfo(set1).slasher, newSlasher, "new one from then");
    }

    function test_youngChain_decreaseStaysSlashableThenFrees() public {
        _allocateAndWait(operator1, set1, strategyA, HALF);
        _allocate(operator1, set1, strategyA, 0);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), STAKE / 4, "still slashable");
        vm.warp(block.timestamp + 1);
        vm.assertEq(_slash(set1, operator1, strategyA, 0.5e18), 0, "decreased away");
    }

    function test_youngChain_timeZero_windowsAreNotMistakenForNone() public {
        vm.warp(0);
        vm.roll(0);
        address newSlasher = makeAddr("new slasher");
        uint48 effectAt = _scheduleSlasher(set1, newSlasher);
        vm.assertEq(effectAt, NOTICE, "0 + delay + 1");
        IAVSRegistry.OperatorSetInfo memory info = avsRegistry.operatorSetInfo(set1);
        vm.assertEq(info.pendingSlasher, newSlasher, "pending at time zero");

        _registerOperator(operator2);
        _registerInSet(operator2, set1);
        vm.assertEq(avsRegistry.registration(operator2, set1).slashableFrom, NOTICE, "slashable from 0 + delay + 1");
        vm.warp(NOTICE);
        vm.assertTrue(avsRegistry.isSlashable(operator2, set1), "slashable then");
        uint48 until = _deregisterFromSet(operator2, set1);
        vm.assertEq(until, NOTICE + WITHDRAWAL_DELAY, "a window ending then");

        vm.warp(0);
        _allocate(operator2, set1, strategyA, HALF);
        (, uint64 pending, uint48 at) = allocationManager.allocation(operator2, set1, strategyA);
        vm.assertEq(pending, HALF, "pending at time zero");
        vm.assertEq(at, NOTICE, "effect at 0 + delay + 1");
    }
}
