// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StrategyManager} from "../../../../contracts/core/StrategyManager.sol";
import {IStrategy} from "../../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../../contracts/interfaces/IStrategyManager.sol";

import {IMintableToken} from "../../utils/DeployFixture.sol";
import {PalisadeTest} from "../../utils/PalisadeTest.sol";

/// @notice Drives the manager the way stakers, governance and the (future) withdrawal queue will: plain and
/// signed deposits, withdrawals queued by debiting shares and completed as tokens or as shares, donations, and
/// cap changes. Inputs are bounded to calls that must succeed, so any revert is unexpected and counted (the
/// runner does not fail on reverts by itself). Ghost variables record what went in and out.
contract StrategyManagerHandler is PalisadeTest {
    /// @dev A withdrawal the "queue" has debited but not completed yet.
    struct PendingWithdrawal {
        address staker;
        IStrategy strategy;
        uint256 shares;
    }

    uint256 internal constant MAX_AMOUNT = 1e27;

    StrategyManager internal immutable sm;
    address internal immutable queue;
    address internal immutable owner;

    IStrategy[] internal strategies;
    address[] internal actors;
    mapping(address actor => uint256 key) internal keys;
    PendingWithdrawal[] internal pending;

    // ---------------------------------------------------------------- ghosts
    mapping(IStrategy strategy => uint256) public ghostDeposited;
    mapping(IStrategy strategy => uint256) public ghostDonated;
    mapping(IStrategy strategy => uint256) public ghostWithdrawn;
    mapping(IStrategy strategy => uint256) public ghostPendingShares;
    mapping(address staker => uint256) public ghostSignedDeposits;
    mapping(address staker => uint256) public ghostTokensIn;
    mapping(address staker => uint256) public ghostTokensOut;
    uint256 public ghostTotalDonated;
    uint256 public ghostUnexpectedReverts;
    bytes public ghostLastRevert;
    bool public ghostNonceMisbehaved;
    /// @dev Successful calls per action, so a campaign that did nothing is visible.
    mapping(bytes4 selector => uint256) public ghostCalls;

    constructor(StrategyManager sm_, address queue_, address owner_, IStrategy[] memory strategies_) {
        sm = sm_;
        queue = queue_;
        owner = owner_;
        for (uint256 i; i < strategies_.length; ++i) strategies.push(strategies_[i]);
        string[4] memory names = ["actor0", "actor1", "actor2", "actor3"];
        for (uint256 i; i < names.length; ++i) {
            (address actor, uint256 key) = makeAddrAndKey(names[i]);
            actors.push(actor);
            keys[actor] = key;
            for (uint256 j; j < strategies.length; ++j) {
                // The token is read first: a prank applies to the very next call.
                IERC20 token = strategies[j].token();
                vm.prank(actor);
                token.approve(address(strategies[j]), type(uint256).max);
            }
        }
    }

    // ---------------------------------------------------------------- actions

    function deposit(uint256 actorSeed, uint256 strategySeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        IStrategy strategy = _strategy(strategySeed);
        amount = _depositableAmount(strategy, amount);
        if (amount == 0) return;

        IMintableToken(address(strategy.token())).mint(actor, amount);
        vm.prank(actor);
        try sm.deposit(strategy, amount) {
            _recordDeposit(actor, strategy, amount);
            ++ghostCalls[this.deposit.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function depositWithSignature(
        uint256 payerSeed,
        uint256 stakerSeed,
        uint256 strategySeed,
        uint256 amount
    ) external {
        address payer = _actor(payerSeed);
        address staker = _actor(stakerSeed);
        IStrategy strategy = _strategy(strategySeed);
        amount = _depositableAmount(strategy, amount);
        if (amount == 0) return;

        uint256 nonceBefore = sm.nonces(staker);
        uint256 expiry = block.timestamp + 1 hours;
        bytes memory signature = signDigest(
            keys[staker],
            sm.depositDigest(staker, strategy, amount, nonceBefore, expiry)
        );
        IMintableToken(address(strategy.token())).mint(payer, amount);
        vm.prank(payer);
        try sm.depositWithSignature(strategy, amount, staker, expiry, signature) {
            // The payer funded it, the staker owns it: tokens in are counted for the staker.
            _recordDeposit(staker, strategy, amount);
            ++ghostSignedDeposits[staker];
            if (sm.nonces(staker) != nonceBefore + 1) ghostNonceMisbehaved = true;
            ++ghostCalls[this.depositWithSignature.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev The queue's first step: debit part or all of a position.
    function queueWithdrawal(uint256 actorSeed, uint256 strategySeed, uint256 shares) external {
        address actor = _actor(actorSeed);
        IStrategy strategy = _strategy(strategySeed);
        uint256 available = sm.scaledShares(actor, strategy);
        if (available == 0) return;
        shares = bound(shares, 1, available);

        vm.prank(queue);
        try sm.removeShares(actor, strategy, shares) {
            pending.push(PendingWithdrawal({staker: actor, strategy: strategy, shares: shares}));
            ghostPendingShares[strategy] += shares;
            ++ghostCalls[this.queueWithdrawal.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// @dev The queue's second step, as tokens paid to the staker.
    function completeAsTokens(uint256 indexSeed) external {
        if (pending.length == 0) return;
        PendingWithdrawal memory withdrawal = _takePending(indexSeed);
        IERC20 token = withdrawal.strategy.token();
        uint256 balanceBefore = token.balanceOf(withdrawal.staker);

        vm.prank(queue);
        try sm.withdrawSharesAsTokens(withdrawal.strategy, withdrawal.staker, withdrawal.shares) returns (
            uint256 amount
        ) {
            if (token.balanceOf(withdrawal.staker) != balanceBefore + amount) _unexpected("paid amount mismatch");
            ghostWithdrawn[withdrawal.strategy] += amount;
            ghostTokensOut[withdrawal.staker] += amount;
            ++ghostCalls[this.completeAsTokens.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
            pending.push(withdrawal);
            ghostPendingShares[withdrawal.strategy] += withdrawal.shares;
        }
    }

    /// @dev The queue's second step, as shares credited back to the staker.
    function completeAsShares(uint256 indexSeed) external {
        if (pending.length == 0) return;
        PendingWithdrawal memory withdrawal = _takePending(indexSeed);

        vm.prank(queue);
        try sm.addShares(withdrawal.staker, withdrawal.strategy, withdrawal.shares) {
            ++ghostCalls[this.completeAsShares.selector];
        } catch (bytes memory reason) {
            _unexpected(reason);
            pending.push(withdrawal);
            ghostPendingShares[withdrawal.strategy] += withdrawal.shares;
        }
    }

    /// @dev Someone sends tokens straight to a vault.
    function donate(uint256 strategySeed, uint256 amount) external {
        IStrategy strategy = _strategy(strategySeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        IMintableToken(address(strategy.token())).mint(address(strategy), amount);
        ghostDonated[strategy] += amount;
        ghostTotalDonated += amount;
        ++ghostCalls[this.donate.selector];
    }

    /// @dev Governance moves the caps (0 is no cap). Usually it leaves room above the vault's balance; one time
    /// in eight it lifts both caps, one time in eight it keeps only a per-deposit cap, and one time in eight it
    /// sets the total cap at or below the balance, which stops deposits into that vault until the caps move again.
    function setDepositCaps(uint256 strategySeed, uint256 maxPerDeposit, uint256 maxTotalDeposits) external {
        IStrategy strategy = _strategy(strategySeed);
        uint256 balance = strategy.token().balanceOf(address(strategy));
        uint256 mode = maxPerDeposit % 8;
        if (mode == 7) {
            maxPerDeposit = 0;
            maxTotalDeposits = 0;
        } else if (mode == 6) {
            maxPerDeposit = bound(maxPerDeposit, 1, MAX_AMOUNT);
            maxTotalDeposits = 0;
        } else if (mode == 0 && balance != 0) {
            // Not 0, which would lift the cap instead.
            maxTotalDeposits = bound(maxTotalDeposits, 1, balance);
            maxPerDeposit = bound(maxPerDeposit, 0, maxTotalDeposits);
        } else {
            maxTotalDeposits = bound(maxTotalDeposits, balance + 1, balance + 20 * MAX_AMOUNT);
            // 0 included: a total cap without a per-deposit one.
            maxPerDeposit = bound(maxPerDeposit, 0, maxTotalDeposits);
        }
        vm.prank(owner);
        try sm.setDepositCaps(strategy, uint120(maxPerDeposit), uint128(maxTotalDeposits)) {
            ++ghostCalls[this.setDepositCaps.selector];
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

    function strategyCount() external view returns (uint256) {
        return strategies.length;
    }

    function strategyAt(uint256 i) external view returns (IStrategy) {
        return strategies[i];
    }

    function pendingCount() external view returns (uint256) {
        return pending.length;
    }

    // ---------------------------------------------------------------- internal

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _strategy(uint256 seed) internal view returns (IStrategy) {
        return strategies[seed % strategies.length];
    }

    /// @dev `amount` reduced to what the caps (0 is no cap) and the share price accept now: at least the price of
    /// one share, so that the deposit mints something. Zero when nothing fits.
    function _depositableAmount(IStrategy strategy, uint256 amount) internal view returns (uint256) {
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        uint256 balance = strategy.token().balanceOf(address(strategy));
        uint256 cap = MAX_AMOUNT;
        if (config.maxTotalDeposits != 0) {
            if (balance >= config.maxTotalDeposits) return 0;
            cap = Math.min(cap, config.maxTotalDeposits - balance);
        }
        if (config.maxPerDeposit != 0) cap = Math.min(cap, config.maxPerDeposit);
        amount = bound(amount, 1, cap);
        // A deposit mints floor(amount * (totalShares + 1e3) / (balance + 1)) shares. After a donation to a
        // (nearly) empty vault one share can cost more than `amount`: raise the amount to the price of one share,
        // so that deposits keep happening, unless the caps forbid it.
        uint256 price = Math.ceilDiv(balance + 1, strategy.totalShares() + 1e3);
        if (amount < price) {
            if (price > cap) return 0;
            amount = price;
        }
        return amount;
    }

    function _recordDeposit(address staker, IStrategy strategy, uint256 amount) internal {
        ghostDeposited[strategy] += amount;
        ghostTokensIn[staker] += amount;
    }

    function _takePending(uint256 indexSeed) internal returns (PendingWithdrawal memory withdrawal) {
        uint256 index = indexSeed % pending.length;
        withdrawal = pending[index];
        pending[index] = pending[pending.length - 1];
        pending.pop();
        ghostPendingShares[withdrawal.strategy] -= withdrawal.shares;
    }

    function _unexpected(bytes memory reason) internal {
        ++ghostUnexpectedReverts;
        ghostLastRevert = reason;
    }
}
