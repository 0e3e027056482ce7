// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {AVSRegistry} from "../../../contracts/avs/AVSRegistry.sol";
import {AllocationManager} from "../../../contracts/avs/AllocationManager.sol";
import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {WithdrawalQueue} from "../../../contracts/core/WithdrawalQueue.sol";
import {OperatorRegistry} from "../../../contracts/delegation/OperatorRegistry.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {StrategyManagerHarness} from "../../../contracts/mocks/StrategyManagerHarness.sol";
import {DeploymentPlaceholder} from "../../../contracts/proxy/DeploymentPlaceholder.sol";
import {SlashingCoordinator} from "../../../contracts/slashing/SlashingCoordinator.sol";
import {StrategyFactory} from "../../../contracts/strategies/StrategyFactory.sol";

import {PalisadeTest} from "./PalisadeTest.sol";
import {Vm} from "./Vm.sol";

/// @notice The whole protocol as `deploy/modules/Core.ts` wires it: proxies on a `DeploymentPlaceholder`, then the
/// StrategyManager (as `StrategyManagerHarness`, whose only addition is a setter of an operator's lost magnitude),
/// the WithdrawalQueue, the OperatorRegistry, the AVSRegistry, the AllocationManager and the SlashingCoordinator
/// installed behind them, the factory, and two whitelisted strategies over 18-decimal tokens. Helpers register operators, delegate, queue and complete as the users would.
abstract contract CoreFixture is PalisadeTest {
    uint32 internal constant WITHDRAWAL_DELAY = 7 days;
    /// @dev The notice every increase of exposure gives: one second after a withdrawal queued now matures.
    uint32 internal constant NOTICE = WITHDRAWAL_DELAY + 1;
    uint32 internal constant ESCROW_DELAY = 4 days;
    uint32 internal constant MIN_ALLOCATION_DELAY = 1 minutes;
    uint32 internal constant MAX_ALLOCATION_DELAY = 21 days;
    uint256 internal constant WAD = 1e18;

    address internal owner;
    address internal pauser;

    StrategyManagerHarness internal sm;
    WithdrawalQueue internal wq;
    OperatorRegistry internal registry;
    AVSRegistry internal avsRegistry;
    AllocationManager internal allocationManager;
    SlashingCoordinator internal coordinator;
    StrategyFactory internal factory;

    MockERC20 internal tokenA;
    IStrategy internal strategyA;
    MockERC20 internal tokenB;
    IStrategy internal strategyB;

    function setUp() public virtual {
        owner = makeAddr("owner");
        pauser = makeAddr("pauser");

        address placeholder = _deploy("DeploymentPlaceholder.sol:DeploymentPlaceholder", "");
        bytes memory proxyArgs = abi.encode(placeholder, abi.encodeCall(DeploymentPlaceholder.deployer, ()));
        address smProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);
        address wqProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);
        address registryProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);
        address avsProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);
        address allocationProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);
        address coordinatorProxy = _deploy("ERC1967Proxy.sol:ERC1967Proxy", proxyArgs);

        UUPSUpgradeable(smProxy).upgradeToAndCall(
            _deploy(
                "StrategyManagerHarness.sol:StrategyManagerHarness",
                abi.encode(wqProxy, registryProxy, allocationProxy, coordinatorProxy)
            ),
            abi.encodeCall(StrategyManager.initialize, (owner, pauser))
        );
        // The AVS registry before the queue, which tells it its delay when initialised (as deploy/modules/Core.ts).
        UUPSUpgradeable(avsProxy).upgradeToAndCall(
            _deploy("AVSRegistry.sol:AVSRegistry", abi.encode(registryProxy, wqProxy, coordinatorProxy)),
            abi.encodeCall(AVSRegistry.initialize, (owner, pauser))
        );
        UUPSUpgradeable(wqProxy).upgradeToAndCall(
            _deploy("WithdrawalQueue.sol:WithdrawalQueue", abi.encode(smProxy, registryProxy, avsProxy)),
            abi.encodeCall(WithdrawalQueue.initialize, (owner, pauser, WITHDRAWAL_DELAY))
        );
        UUPSUpgradeable(registryProxy).upgradeToAndCall(
            _deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(smProxy, wqProxy)),
            abi.encodeCall(OperatorRegistry.initialize, (owner, pauser, MIN_ALLOCATION_DELAY, MAX_ALLOCATION_DELAY))
        );
        UUPSUpgradeable(allocationProxy).upgradeToAndCall(
            _deploy(
                "AllocationManager.sol:AllocationManager",
                abi.encode(smProxy, registryProxy, avsProxy, wqProxy, coordinatorProxy)
            ),
            abi.encodeCall(AllocationManager.initialize, (owner, pauser))
        );
        UUPSUpgradeable(coordinatorProxy).upgradeToAndCall(
            _deploy(
                "SlashingCoordinator.sol:SlashingCoordinator",
                abi.encode(avsProxy, allocationProxy, smProxy, wqProxy)
            ),
            abi.encodeCall(SlashingCoordinator.initialize, (owner, pauser, ESCROW_DELAY))
        );
        sm = StrategyManagerHarness(smProxy);
        wq = WithdrawalQueue(wqProxy);
        registry = OperatorRegistry(registryProxy);
        avsRegistry = AVSRegistry(avsProxy);
        allocationManager = AllocationManager(allocationProxy);
        coordinator = SlashingCoordinator(coordinatorProxy);

        address strategyImpl = _deploy("ERC20Strategy.sol:ERC20Strategy", abi.encode(smProxy));
        address factoryImpl = _deploy("StrategyFactory.sol:StrategyFactory", abi.encode(strategyImpl));
        factory = StrategyFactory(
            _deploy(
                "ERC1967Proxy.sol:ERC1967Proxy",
                abi.encode(factoryImpl, abi.encodeCall(StrategyFactory.initialize, (owner, pauser)))
            )
        );
        vm.label(smProxy, "StrategyManager");
        vm.label(wqProxy, "WithdrawalQueue");
        vm.label(registryProxy, "OperatorRegistry");
        vm.label(avsProxy, "AVSRegistry");
        vm.label(allocationProxy, "AllocationManager");
        vm.label(coordinatorProxy, "SlashingCoordinator");

        (tokenA, strategyA) = _newStrategy("TokenA");
        (tokenB, strategyB) = _newStrategy("TokenB");
    }

    // ---------------------------------------------------------------- set-up

    function _newStrategy(string memory name) internal returns (MockERC20 token, IStrategy strategy) {
        token = new MockERC20(name, name, 18);
        strategy = factory.deployStrategy(IERC20(address(token)));
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        vm.prank(owner);
        sm.addStrategiesToWhitelist(list);
        vm.label(address(token), name);
    }

    // ---------------------------------------------------------------- stakers and operators

    /// @dev `staker` deposits `amount` freshly minted tokens into `strategy`; returns the shares minted.
    function _deposit(address staker, IStrategy strategy, uint256 amount) internal returns (uint256 shares) {
        MockERC20 token = MockERC20(address(strategy.token()));
        token.mint(staker, amount);
        vm.startPrank(staker);
        token.approve(address(strategy), amount);
        shares = sm.deposit(strategy, amount);
        vm.stopPrank();
    }

    /// @dev Registers `operator` without approver, at the shortest allocation delay; returns its id.
    function _registerOperator(address operator) internal returns (uint32 id) {
        return _registerOperator(operator, address(0));
    }

    function _registerOperator(address operator, address approver) internal returns (uint32 id) {
        vm.prank(operator);
        id = registry.registerAsOperator(approver, MIN_ALLOCATION_DELAY, "ipfs://operator");
    }

    /// @dev `staker` delegates to `operator`, which must have no approver.
    function _delegate(address staker, address operator) internal {
        IOperatorRegistry.ApproverSignature memory none;
        vm.prank(staker);
        registry.delegate(operator, none, bytes32(0));
    }

    // ---------------------------------------------------------------- withdrawals

    /// @dev `staker` queues one withdrawal of `shares` withdrawable shares of `strategy`; returns it as the
    /// `WithdrawalQueued` event published it, which is what completing it takes.
    function _queue(
        address staker,
        IStrategy strategy,
        uint256 shares
    ) internal returns (IWithdrawalQueue.Withdrawal memory) {
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = shares;
        IWithdrawalQueue.QueueRequest[] memory requests = new IWithdrawalQueue.QueueRequest[](1);
        requests[0] = IWithdrawalQueue.QueueRequest({strategies: strategies, shares: amounts});
        vm.recordLogs();
        vm.prank(staker);
        wq.queueWithdrawals(requests);
        return _lastQueued();
    }

    /// @dev `staker` is undelegated by `caller` (itself, its operator or the approver); returns the withdrawal
    /// holding its stake.
    function _undelegate(address caller, address staker) internal returns (IWithdrawalQueue.Withdrawal memory) {
        vm.recordLogs();
        vm.prank(caller);
        registry.undelegate(staker);
        return _lastQueued();
    }

    /// @dev The last withdrawal the queue announced among the logs recorded since `vm.recordLogs()`.
    function _lastQueued() internal returns (IWithdrawalQueue.Withdrawal memory withdrawal) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(wq) && logs[i].topics[0] == IWithdrawalQueue.WithdrawalQueued.selector) {
                withdrawal = abi.decode(logs[i].data, (IWithdrawalQueue.Withdrawal));
                found = true;
            }
        }
        vm.assertTrue(found, "a withdrawal was queued");
    }

    /// @dev `withdrawal`'s staker completes it, as tokens to itself or as shares.
    function _complete(
        IWithdrawalQueue.Withdrawal memory withdrawal,
        bool asTokens
    ) internal returns (uint256[] memory shares) {
        vm.prank(withdrawal.staker);
        return wq.completeWithdrawal(withdrawal, asTokens, withdrawal.staker);
    }

    // ---------------------------------------------------------------- slashed funds

    /// @dev Where `set`'s slashed funds go now (`address(0)`: burned), the key of the bucket a slash fills.
    function _recipientOf(OperatorSet memory set) internal view returns (address) {
        return avsRegistry.operatorSetInfo(set).redistributionRecipient;
    }

    /// @dev The shares waiting in `set`'s bucket of `strategy` for the recipient in force now.
    function _slashedShares(OperatorSet memory set, IStrategy strategy) internal view returns (uint256 shares) {
        (shares, ) = coordinator.bucket(set, strategy, _recipientOf(set));
    }

    /// @dev Waits out the escrow of `set`'s bucket of `strategy` for the recipient in force now, if any.
    function _waitForEscrow(OperatorSet memory set, IStrategy strategy) internal {
        (, uint48 releasableAt) = coordinator.bucket(set, strategy, _recipientOf(set));
        if (releasableAt > block.timestamp) vm.warp(releasableAt);
    }
}
