// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {CoreFixture} from "./CoreFixture.sol";
import {Vm} from "./Vm.sol";

/// @notice What the withdrawal-queue suites share on top of `CoreFixture`: named stakers and operators, array
/// builders, multi-request queueing that returns every withdrawal the events published, and comparisons of
/// withdrawals and share arrays.
abstract contract QueueHelpers is CoreFixture {
    /// @dev What a fresh vault mints per token unit (ShareMath's 1,000 virtual shares over 1 virtual token); every
    /// deposit in these suites is made at that price, so 1e18 tokens are 1e21 shares.
    uint256 internal constant SHARES_PER_TOKEN = 1e3;

    /// @dev The pause bits of the queue as flag sets (checked against the contract's constants in a test).
    uint256 internal constant QUEUE_FLAG = 1 << 0;
    uint256 internal constant COMPLETION_FLAG = 1 << 1;

    address internal alice;
    address internal bob;
    address internal carol;
    address internal operator1;
    address internal operator2;

    function setUp() public virtual override {
        super.setUp();
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        operator1 = makeAddr("operator1");
        operator2 = makeAddr("operator2");
    }

    // ---------------------------------------------------------------- arrays

    function _list(IStrategy a) internal pure returns (IStrategy[] memory strategies) {
        strategies = new IStrategy[](1);
        strategies[0] = a;
    }

    function _list(IStrategy a, IStrategy b) internal pure returns (IStrategy[] memory strategies) {
        strategies = new IStrategy[](2);
        strategies[0] = a;
        strategies[1] = b;
    }

    function _amounts(uint256 a) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](1);
        amounts[0] = a;
    }

    function _amounts(uint256 a, uint256 b) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        amounts[0] = a;
        amounts[1] = b;
    }

    function _requests(
        IStrategy[] memory strategies,
        uint256[] memory shares
    ) internal pure returns (IWithdrawalQueue.QueueRequest[] memory requests) {
        requests = new IWithdrawalQueue.QueueRequest[](1);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: strategies, shares: shares});
    }

    // ---------------------------------------------------------------- queueing

    /// @dev `staker` queues `requests`; returns the roots the call returned and the withdrawals the
    /// `WithdrawalQueued` events published, in order.
    function _queueRequests(
        address staker,
        IWithdrawalQueue.QueueRequest[] memory requests
    ) internal returns (bytes32[] memory roots, IWithdrawalQueue.Withdrawal[] memory withdrawals) {
        vm.recordLogs();
        vm.prank(staker);
        roots = wq.queueWithdrawals(requests);
        withdrawals = _allQueued();
    }

    /// @dev `staker` queues one withdrawal of its whole position in `strategy`.
    function _queueAll(address staker, IStrategy strategy) internal returns (IWithdrawalQueue.Withdrawal memory) {
        return _queue(staker, strategy, sm.withdrawableShares(staker, strategy));
    }

    /// @dev Every withdrawal the queue announced among the logs recorded since `vm.recordLogs()`, in order.
    function _allQueued() internal returns (IWithdrawalQueue.Withdrawal[] memory withdrawals) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        withdrawals = new IWithdrawalQueue.Withdrawal[](logs.length);
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(wq) && logs[i].topics[0] == IWithdrawalQueue.WithdrawalQueued.selector) {
                withdrawals[found++] = abi.decode(logs[i].data, (IWithdrawalQueue.Withdrawal));
            }
        }
        assembly ("memory-safe") {
            mstore(withdrawals, found)
        }
    }

    /// @dev `staker` redelegates to `operator`, which must have no approver; returns the withdrawal holding the
    /// stake it left.
    function _redelegate(address staker, address operator) internal returns (IWithdrawalQueue.Withdrawal memory) {
        IOperatorRegistry.ApproverSignature memory none;
        vm.recordLogs();
        vm.prank(staker);
        registry.redelegate(operator, none, bytes32(0));
        return _lastQueued();
    }

    // ---------------------------------------------------------------- completion

    function _completeTo(
        IWithdrawalQueue.Withdrawal memory withdrawal,
        bool asTokens,
        address receiver
    ) internal returns (uint256[] memory shares) {
        vm.prank(withdrawal.staker);
        return wq.completeWithdrawal(withdrawal, asTokens, receiver);
    }

    // ---------------------------------------------------------------- withdrawals

    function _root(IWithdrawalQueue.Withdrawal memory withdrawal) internal pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    /// @dev A deep copy of `withdrawal`, so that a test can tamper with a field without touching the original
    /// (memory structs and arrays are references).
    function _copy(
        IWithdrawalQueue.Withdrawal memory withdrawal
    ) internal pure returns (IWithdrawalQueue.Withdrawal memory copy) {
        return abi.decode(abi.encode(withdrawal), (IWithdrawalQueue.Withdrawal));
    }

    function _withdrawal(
        address staker,
        uint32 operatorId,
        uint256 maturity,
        uint64 nonce,
        IStrategy[] memory strategies,
        uint256[] memory scaledShares
    ) internal pure returns (IWithdrawalQueue.Withdrawal memory) {
        return
            IWithdrawalQueue.Withdrawal({
                staker: staker,
                operatorId: operatorId,
                maturity: uint48(maturity),
                nonce: nonce,
                strategies: strategies,
                scaledShares: scaledShares
            });
    }

    // ---------------------------------------------------------------- assertions

    function _assertWithdrawal(
        IWithdrawalQueue.Withdrawal memory actual,
        IWithdrawalQueue.Withdrawal memory expected,
        string memory what
    ) internal pure {
        // One comparison of the encodings catches any field; the per-field ones say which.
        vm.assertEq(actual.staker, expected.staker, string.concat(what, ": staker"));
        vm.assertEq(actual.operatorId, expected.operatorId, string.concat(what, ": operatorId"));
        vm.assertEq(actual.maturity, expected.maturity, string.concat(what, ": maturity"));
        vm.assertEq(actual.nonce, expected.nonce, string.concat(what, ": nonce"));
        vm.assertEq(abi.encode(actual), abi.encode(expected), string.concat(what, ": strategies and shares"));
    }

    function _assertShares(uint256[] memory actual, uint256[] memory expected, string memory what) internal pure {
        vm.assertEq(actual.length, expected.length, string.concat(what, ": length"));
        for (uint256 i; i < actual.length; ++i) vm.assertEq(actual[i], expected[i], what);
    }

    /// @dev The nonces and maturities `pendingWithdrawals(staker)` lists, in order.
    function _assertPending(
        address staker,
        IWithdrawalQueue.Withdrawal[] memory expected,
        string memory what
    ) internal view {
        IWithdrawalQueue.PendingWithdrawal[] memory pending = wq.pendingWithdrawals(staker);
        vm.assertEq(pending.length, expected.length, string.concat(what, ": count"));
        for (uint256 i; i < pending.length; ++i) {
            vm.assertEq(pending[i].nonce, expected[i].nonce, string.concat(what, ": nonce"));
            vm.assertEq(pending[i].maturity, expected[i].maturity, string.concat(what, ": maturity"));
            vm.assertEq(
                bytes32(pending[i].rootPrefix),
                bytes32(bytes26(_root(expected[i]))),
                string.concat(what, ": root prefix")
            );
        }
    }
}
