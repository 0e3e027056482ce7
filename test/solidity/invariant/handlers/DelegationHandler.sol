// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {StrategyManager} from "../../../../contracts/core/StrategyManager.sol";
import {WithdrawalQueue} from "../../../../contracts/core/WithdrawalQueue.sol";
import {OperatorRegistry} from "../../../../contracts/delegation/OperatorRegistry.sol";
import {IOperatorRegistry} from "../../../../contracts/interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../../contracts/interfaces/IWithdrawalQueue.sol";

import {IMintableToken} from "../../utils/DeployFixture.sol";
import {PalisadeTest} from "../../utils/PalisadeTest.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives stakers and operators through the delegation layer and the withdrawal queue: deposits,
/// delegations, undelegations (by the staker or forced by its operator), redelegations, withdrawals (partial,
/// full, multi-strategy), completions as tokens or as shares, attempts to complete early or twice, the passage
/// of time and governance changing the delay. Inputs are bounded to calls that must succeed, so any revert other
/// than the refusals the handler provokes on purpose is counted as unexpected. Nobody is slashed: the slashing
/// factor stays 1e18, so scaled shares equal strategy shares throughout.
contract DelegationHandler is PalisadeTest {
    uint256 internal constant MIN_DEPOSIT = 1e12;
    uint256 internal constant MAX_DEPOSIT = 1e24;
    uint256 internal constant MAX_WARP = 8 days;
    /// @dev Shorter than the fixture's 7 days and longer: governance moves the delay both ways.
    uint32 internal constant MIN_DELAY = 1 minutes;
    uint32 internal constant MAX_DELAY = 14 days;

    StrategyManager internal immutable sm;
    WithdrawalQueue internal immutable wq;
    OperatorRegistry internal immutable registry;
    address internal immutable owner;

    IStrategy[] internal strategies;
    /// @dev Stakers that delegate and undelegate; operators are delegated to themselves for good.
    address[] internal stakers;
    address[] internal operators;
    /// @dev Stakers, then operators: everyone who deposits and withdraws.
    address[] internal actors;

    /// @dev Pending withdrawals as the events published them (abi-encoded: they hold dynamic arrays).
    bytes[] internal pending;
    /// @dev Completed withdrawals, kept to try completing them again.
    bytes[] internal completed;

    // ---------------------------------------------------------------- ghosts
    /// @dev Successful (or, for the provoked refusals, correctly refused) calls per action.
    mapping(bytes4 selector => uint256) public ghostCalls;
    uint256 public ghostForcedUndelegations;
    uint256 public ghostMultiStrategyWithdrawals;
    uint256 public ghostEarlyRefusals;
    uint256 public ghostRepeatRefusals;
    /// @dev Completions that succeeded before maturity, and second completions that succeeded: both must stay 0.
    uint256 public ghostEarlyCompletions;
    uint256 public ghostDoubleCompletions;
    /// @dev Withdrawals of an operator's stake that matured before one queued earlier from the same (operator,
    /// strategy), or any withdrawal maturing before now + delay: must stay 0.
    uint256 public ghostMaturityViolations;
    /// @dev Completions that paid other than the queued shares (the factor is 1e18): must stay 0.
    uint256 public ghostPayoutMismatches;
    mapping(IStrategy strategy => uint256) public ghostDeposited;
    mapping(IStrategy strategy => uint256) public ghostWithdrawn;
    mapping(uint32 operatorId => mapping(IStrategy strategy => uint256)) public ghostQueuedFromOperator;
    mapping(uint32 operatorId => mapping(IStrategy strategy => uint48)) internal latestMaturity;
    uint256 public ghostUnexpectedReverts;
    bytes public ghostLastRevert;

    constructor(
        StrategyManager sm_,
        WithdrawalQueue wq_,
        OperatorRegistry registry_,
        address owner_,
        IStrategy[] memory strategies_,
        address[] memory stakers_,
        address[] memory operators_
    ) {
        sm = sm_;
        wq = wq_;
        registry = registry_;
        owner = owner_;
        for (uint256 i; i < strategies_.length; ++i) strategies.push(strategies_[i]);
        for (uint256 i; i < stakers_.length; ++i) {
            stakers.push(stakers_[i]);
            actors.push(stakers_[i]);
        }
        for (uint256 i; i < operators_.length; ++i) {
            operators.push(operators_[i]);
            actors.push(operators_[i]);
        }
        for (uint256 i; i < actors.length; ++i) {
            for (uint256 j; j < strategies.length; ++j) {
                // The token is read first: a prank applies to the very next call.
                IERC20 token = strategies[j].token();
                vm.prank(actors[i]);
                token.approve(address(strategies[j]), type(uint256).max);
            }
        }
    }

    // ---------------------------------------------------------------- actions

    function deposit(uint256 actorSeed, uint256 strategySeed, uint256 amount) external {
        address actor = _pick(actors, actorSeed);
        IStrategy strategy = _pick(strategySeed);
        amount = bound(amount, MIN_DEPOSIT, MAX_DEPOSIT);
        IMintableToken(address(strategy.token())).mint(actor, amount);

        vm.prank(actor);
        try sm.deposit(strategy, amount) {
            ghostDeposited[strategy] += amount;
            ++ghostCalls[this.deposit.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function delegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = _pick(stakers, stakerSeed);
        if (sm.delegatedOperatorId(staker) != 0) return;
        address operator = _pick(operators, operatorSeed);
        IOperatorRegistry.ApproverSignature memory none;

        vm.prank(staker);
        try registry.delegate(operator, none, bytes32(0)) {
            ++ghostCalls[this.delegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev By the staker itself, or forced by its operator.
    function undelegate(uint256 stakerSeed, bool forced) external {
        address staker = _pick(stakers, stakerSeed);
        if (sm.delegatedOperatorId(staker) == 0) return;
        address caller = forced ? registry.delegatedTo(staker) : staker;
        bool hadPositions = sm.stakerStrategyCount(staker) != 0;

        vm.recordLogs();
        vm.prank(caller);
        try registry.undelegate(staker) returns (bytes32 root) {
            uint256 queued = _recordQueued();
            // A withdrawal exactly when there was stake to take, under the root the registry returned.
            if (queued != (hadPositions ? 1 : 0) || (hadPositions && root != _rootAt(pending.length - 1))) {
                _unexpected("undelegation queued the wrong withdrawal");
            }
            if (forced) ++ghostForcedUndelegations;
            ++ghostCalls[this.undelegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev To any operator, the current one included.
    function redelegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = _pick(stakers, stakerSeed);
        if (sm.delegatedOperatorId(staker) == 0) return;
        address operator = _pick(operators, operatorSeed);
        IOperatorRegistry.ApproverSignature memory none;

        vm.recordLogs();
        vm.prank(staker);
        try registry.redelegate(operator, none, bytes32(0)) {
            _recordQueued();
            if (sm.delegatedOperatorId(staker) != registry.operatorId(operator)) {
                _unexpected("redelegation did not reach the new operator");
            }
            ++ghostCalls[this.redelegate.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev One request: part of one position, all of it (one time in three), or, one time in four, part of
    /// each of the first two strategies in one withdrawal.
    function queueWithdrawal(uint256 actorSeed, uint256 strategySeed, uint256 shares, uint256 mode) external {
        address actor = _pick(actors, actorSeed);
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        uint256 withdrawable0 = sm.withdrawableShares(actor, strategies[0]);
        uint256 withdrawable1 = sm.withdrawableShares(actor, strategies[1]);
        if (mode % 4 == 3 && withdrawable0 != 0 && withdrawable1 != 0) {
            IStrategy[] memory both = new IStrategy[](2);
            both[0] = strategies[0];
            both[1] = strategies[1];
            uint256[] memory amounts = new uint256[](2);
            amounts[0] = bound(shares, 1, withdrawable0);
            amounts[1] = bound(shares >> 128, 1, withdrawable1);
            requests[0] = IWithdrawalQueue.QueueRequest({strategies: both, shares: amounts});
        } else {
            IStrategy strategy = _pick(strategySeed);
            uint256 withdrawable = sm.withdrawableShares(actor, strategy);
            if (withdrawable == 0) return;
            IStrategy[] memory one = new IStrategy[](1);
            one[0] = strategy;
            uint256[] memory amounts = new uint256[](1);
            amounts[0] = mode % 3 == 0 ? withdrawable : bound(shares, 1, withdrawable);
            requests[0] = IWithdrawalQueue.QueueRequest({strategies: one, shares: amounts});
        }

        vm.recordLogs();
        vm.prank(actor);
        try wq.queueWithdrawals(requests) returns (bytes32[] memory roots) {
            if (_recordQueued() != 1 || roots[0] != _rootAt(pending.length - 1)) {
                _unexpected("queueing announced another withdrawal than it returned");
            }
            if (requests[0].strategies.length == 2) ++ghostMultiStrategyWithdrawals;
            ++ghostCalls[this.queueWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev Completes a pending withdrawal as tokens to its staker; see `_completePending`.
    function completeAsTokens(uint256 indexSeed, bool wait) external {
        if (_completePending(indexSeed, true, wait)) ++ghostCalls[this.completeAsTokens.selector];
    }

    /// @dev Completes a pending withdrawal as shares; see `_completePending`.
    function completeAsShares(uint256 indexSeed, bool wait) external {
        if (_completePending(indexSeed, false, wait)) ++ghostCalls[this.completeAsShares.selector];
    }

    /// @dev Tries to complete a withdrawal completed before, which must be refused as not pending.
    function completeAgain(uint256 indexSeed, bool asTokens) external {
        if (completed.length == 0) return;
        IWithdrawalQueue.Withdrawal memory withdrawal = _decode(completed[indexSeed % completed.length]);
        if (_tryCompletingAgain(withdrawal, asTokens)) ++ghostCalls[this.completeAgain.selector];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, MAX_WARP));
        ++ghostCalls[this.warp.selector];
    }

    function setWithdrawalDelay(uint256 delay) external {
        vm.prank(owner);
        try wq.setWithdrawalDelay(uint32(bound(delay, MIN_DELAY, MAX_DELAY))) {
            ++ghostCalls[this.setWithdrawalDelay.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    // ---------------------------------------------------------------- views for the invariants

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function stakerAt(uint256 i) external view returns (address) {
        return stakers[i];
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function operatorAt(uint256 i) external view returns (address) {
        return operators[i];
    }

    function strategyCount() external view returns (uint256) {
        return strategies.length;
    }

    function strategyAt(uint256 i) external view returns (IStrategy) {
        return strategies[i];
    }

    function pendingCount() external view returns (uint256) {
        return pending.length;
    }

    function pendingWithdrawal(uint256 i) external view returns (IWithdrawalQueue.Withdrawal memory) {
        return _decode(pending[i]);
    }

    function completedCount() external view returns (uint256) {
        return completed.length;
    }

    function completedWithdrawal(uint256 i) external view returns (IWithdrawalQueue.Withdrawal memory) {
        return _decode(completed[i]);
    }

    // ---------------------------------------------------------------- internal

    /// @dev Picks a pending withdrawal. Before its maturity, first tries to complete it early (which must be
    /// refused with `WithdrawalNotMature`), then, if `wait`, lets time run to maturity; completes it, checks it
    /// paid the queued shares, then tries to complete it again (which must be refused). Returns whether it
    /// completed.
    function _completePending(uint256 indexSeed, bool asTokens, bool wait) internal returns (bool) {
        if (pending.length == 0) return false;
        uint256 index = indexSeed % pending.length;
        IWithdrawalQueue.Withdrawal memory withdrawal = _decode(pending[index]);
        if (block.timestamp < withdrawal.maturity) {
            if (_tryCompletingEarly(index, withdrawal, asTokens)) return false;
            if (!wait) return false;
            vm.warp(withdrawal.maturity);
        }

        uint256[] memory tokensBefore = _receiverBalances(withdrawal, asTokens);
        vm.prank(withdrawal.staker);
        try wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker) returns (uint256[] memory paid) {
            if (block.timestamp < withdrawal.maturity) ++ghostEarlyCompletions;
            _recordCompleted(index, withdrawal, paid, asTokens, tokensBefore);
            _tryCompletingAgain(withdrawal, !asTokens);
            return true;
        } catch (bytes memory reason) {
            _unexpected(reason);
            return false;
        }
    }

    /// @dev Returns true if the queue let an immature withdrawal complete (recorded as a violation).
    function _tryCompletingEarly(
        uint256 index,
        IWithdrawalQueue.Withdrawal memory withdrawal,
        bool asTokens
    ) internal returns (bool completedEarly) {
        uint256[] memory tokensBefore = _receiverBalances(withdrawal, asTokens);
        vm.prank(withdrawal.staker);
        try wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker) returns (uint256[] memory paid) {
            ++ghostEarlyCompletions;
            _recordCompleted(index, withdrawal, paid, asTokens, tokensBefore);
            return true;
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotMature.selector,
                _root(withdrawal),
                withdrawal.maturity,
                block.timestamp
            );
            if (keccak256(reason) != keccak256(expected)) _unexpected(reason);
            else ++ghostEarlyRefusals;
        }
    }

    /// @dev Returns true if the second completion was refused as it must be.
    function _tryCompletingAgain(IWithdrawalQueue.Withdrawal memory withdrawal, bool asTokens) internal returns (bool) {
        vm.prank(withdrawal.staker);
        try wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker) {
            ++ghostDoubleCompletions;
            return false;
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(
                IWithdrawalQueue.WithdrawalNotPending.selector,
                _root(withdrawal)
            );
            if (keccak256(reason) != keccak256(expected)) {
                _unexpected(reason);
                return false;
            }
            ++ghostRepeatRefusals;
            return true;
        }
    }

    function _recordCompleted(
        uint256 index,
        IWithdrawalQueue.Withdrawal memory withdrawal,
        uint256[] memory paid,
        bool asTokens,
        uint256[] memory tokensBefore
    ) internal {
        for (uint256 j; j < paid.length; ++j) {
            // At a factor of 1e18 a withdrawal pays exactly its scaled shares.
            if (paid[j] != withdrawal.scaledShares[j]) ++ghostPayoutMismatches;
            if (asTokens) {
                IStrategy strategy = withdrawal.strategies[j];
                ghostWithdrawn[strategy] += strategy.token().balanceOf(withdrawal.staker) - tokensBefore[j];
            }
        }
        completed.push(pending[index]);
        pending[index] = pending[pending.length - 1];
        pending.pop();
    }

    /// @dev The staker's balance of each leg's token, to measure what a completion as tokens paid. A withdrawal
    /// holds each strategy once, except when a staker queued the same strategy twice, which the handler never does.
    function _receiverBalances(
        IWithdrawalQueue.Withdrawal memory withdrawal,
        bool asTokens
    ) internal view returns (uint256[] memory balances) {
        balances = new uint256[](withdrawal.strategies.length);
        if (!asTokens) return balances;
        for (uint256 j; j < balances.length; ++j) {
            balances[j] = withdrawal.strategies[j].token().balanceOf(withdrawal.staker);
        }
    }

    /// @dev Records every withdrawal announced in the logs since `vm.recordLogs()`; returns how many.
    function _recordQueued() internal returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 delay = wq.withdrawalDelay();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(wq) || logs[i].topics[0] != IWithdrawalQueue.WithdrawalQueued.selector) {
                continue;
            }
            IWithdrawalQueue.Withdrawal memory withdrawal = abi.decode(logs[i].data, (IWithdrawalQueue.Withdrawal));
            pending.push(logs[i].data);
            ++count;

            if (withdrawal.maturity < block.timestamp + delay) ++ghostMaturityViolations;
            if (withdrawal.operatorId == 0) {
                if (withdrawal.maturity != block.timestamp + delay) ++ghostMaturityViolations;
                continue;
            }
            for (uint256 j; j < withdrawal.strategies.length; ++j) {
                IStrategy strategy = withdrawal.strategies[j];
                if (withdrawal.maturity < latestMaturity[withdrawal.operatorId][strategy]) ++ghostMaturityViolations;
                latestMaturity[withdrawal.operatorId][strategy] = withdrawal.maturity;
                ghostQueuedFromOperator[withdrawal.operatorId][strategy] += withdrawal.scaledShares[j];
            }
        }
    }

    function _rootAt(uint256 i) internal view returns (bytes32) {
        return keccak256(pending[i]);
    }

    function _root(IWithdrawalQueue.Withdrawal memory withdrawal) internal pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    function _decode(bytes memory encoded) internal pure returns (IWithdrawalQueue.Withdrawal memory) {
        return abi.decode(encoded, (IWithdrawalQueue.Withdrawal));
    }

    function _pick(address[] storage list, uint256 seed) internal view returns (address) {
        return list[seed % list.length];
    }

    function _pick(uint256 seed) internal view returns (IStrategy) {
        return strategies[seed % strategies.length];
    }

    function _unexpected(bytes memory reason) internal {
        ++ghostUnexpectedReverts;
        ghostLastRevert = reason;
    }
}
