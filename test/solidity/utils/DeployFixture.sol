// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {ERC20Strategy} from "../../../contracts/strategies/ERC20Strategy.sol";
import {StrategyFactory} from "../../../contracts/strategies/StrategyFactory.sol";

import {PalisadeTest} from "./PalisadeTest.sol";

/// @dev What every token used by the fixture can do: the mocks and the misbehaving tokens all mint freely.
interface IMintableToken {
    function mint(address to, uint256 amount) external;
}

/// @notice The protocol as a deployment would wire it: a StrategyManager and a StrategyFactory behind their
/// ERC1967 proxies, one ERC20Strategy implementation answering to the manager's proxy, and one whitelisted
/// strategy over an 18-decimal token. Dedicated addresses play the withdrawal queue and the operator registry, so
/// that the manager's own rules are tested alone (tests call their functions with `vm.prank(queue)` and
/// `vm.prank(registry)`); `CoreFixture` wires the real ones.
abstract contract DeployFixture is PalisadeTest {
    bytes32 internal constant DEPOSIT_TYPEHASH = keccak256(
        "Deposit(address staker,address strategy,uint256 amount,uint256 nonce,uint256 expiry)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @dev The manager's pause bits as flag sets (checked against the contract's constants in the view tests).
    uint256 internal constant DEPOSITS_FLAG = 1 << 0;
    uint256 internal constant SIGNED_DEPOSITS_FLAG = 1 << 1;

    address internal owner;
    address internal pauser;
    address internal queue;
    address internal registry;
    address internal allocations;
    address internal coordinator;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol;

    StrategyManager internal smImpl;
    StrategyManager internal sm;
    ERC20Strategy internal strategyImpl;
    StrategyFactory internal factoryImpl;
    StrategyFactory internal factory;

    /// @dev The default strategy: whitelisted, no caps.
    MockERC20 internal token;
    IStrategy internal strategy;

    function setUp() public virtual {
        owner = makeAddr("owner");
        pauser = makeAddr("pauser");
        queue = makeAddr("withdrawalQueue");
        registry = makeAddr("operatorRegistry");
        allocations = makeAddr("allocationManager");
        coordinator = makeAddr("slashingCoordinator");
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        carol = makeAddr("carol");

        (smImpl, sm) = _deployManager(queue);
        strategyImpl = ERC20Strategy(_deploy("ERC20Strategy.sol:ERC20Strategy", abi.encode(address(sm))));
        factoryImpl = StrategyFactory(
            _deploy("StrategyFactory.sol:StrategyFactory", abi.encode(address(strategyImpl)))
        );
        factory = StrategyFactory(
            _deploy(
                "ERC1967Proxy.sol:ERC1967Proxy",
                abi.encode(address(factoryImpl), abi.encodeCall(StrategyFactory.initialize, (owner, pauser)))
            )
        );
        vm.label(address(sm), "StrategyManager");
        vm.label(address(factory), "StrategyFactory");
        vm.label(address(strategyImpl), "ERC20Strategy implementation");

        (token, strategy) = _newWhitelistedStrategy("Token", 18);
    }

    // ---------------------------------------------------------------- deployment

    /// @dev A StrategyManager implementation answering to `withdrawalQueue` and `registry`, behind an initialised
    /// proxy.
    function _deployManager(
        address withdrawalQueue
    ) internal returns (StrategyManager implementation, StrategyManager proxy) {
        implementation = StrategyManager(
            _deploy(
                "StrategyManager.sol:StrategyManager",
                abi.encode(withdrawalQueue, registry, allocations, coordinator)
            )
        );
        proxy = StrategyManager(
            _deploy(
                "ERC1967Proxy.sol:ERC1967Proxy",
                abi.encode(address(implementation), abi.encodeCall(StrategyManager.initialize, (owner, pauser)))
            )
        );
    }

    /// @dev A fresh MockERC20 with `decimals_` decimals, its strategy from the factory, whitelisted without caps.
    function _newWhitelistedStrategy(
        string memory name,
        uint8 decimals_
    ) internal returns (MockERC20 newToken, IStrategy newStrategy) {
        newToken = new MockERC20(name, name, decimals_);
        newStrategy = _deployAndWhitelist(address(newToken));
        vm.label(address(newToken), name);
    }

    /// @dev The factory's strategy for `tokenAddress`, whitelisted in the manager.
    function _deployAndWhitelist(address tokenAddress) internal returns (IStrategy newStrategy) {
        newStrategy = factory.deployStrategy(IERC20(tokenAddress));
        _whitelist(newStrategy);
    }

    function _whitelist(IStrategy target) internal {
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(target));
    }

    function _setCaps(IStrategy target, uint120 maxPerDeposit, uint128 maxTotalDeposits) internal {
        vm.prank(owner);
        sm.setDepositCaps(target, maxPerDeposit, maxTotalDeposits);
    }

    function _pause(uint256 flags) internal {
        vm.prank(pauser);
        sm.pause(flags);
    }

    function _list(IStrategy target) internal pure returns (IStrategy[] memory strategies) {
        strategies = new IStrategy[](1);
        strategies[0] = target;
    }

    // ---------------------------------------------------------------- stakers

    /// @dev Mints `amount` of the strategy's token to `account` and approves the strategy (which pulls the tokens).
    function _fund(IStrategy target, address account, uint256 amount) internal {
        address tokenAddress = address(target.token());
        IMintableToken(tokenAddress).mint(account, amount);
        vm.prank(account);
        IERC20(tokenAddress).approve(address(target), type(uint256).max);
    }

    /// @dev `staker` deposits `amount` fresh tokens into `target`; returns the shares minted.
    function _deposit(address staker, IStrategy target, uint256 amount) internal returns (uint256 shares) {
        _fund(target, staker, amount);
        vm.prank(staker);
        shares = sm.deposit(target, amount);
    }

    /// @dev Sends `amount` fresh tokens straight to `target`, raising the value of every share.
    function _donate(IStrategy target, uint256 amount) internal {
        IMintableToken(address(target.token())).mint(address(target), amount);
    }

    // ---------------------------------------------------------------- withdrawal queue

    /// @dev The withdrawal path as the queue will run it: debit the position, then burn the shares for tokens.
    function _withdrawAll(address staker, IStrategy target, address recipient) internal returns (uint256 amount) {
        uint256 shares = sm.scaledShares(staker, target);
        vm.startPrank(queue);
        sm.removeShares(staker, target, shares);
        amount = sm.withdrawSharesAsTokens(target, recipient, shares);
        vm.stopPrank();
    }

    function _removeShares(address staker, IStrategy target, uint256 scaled) internal {
        vm.prank(queue);
        sm.removeShares(staker, target, scaled);
    }

    // ---------------------------------------------------------------- signatures

    /// @dev `key`'s signature authorising a deposit for `staker` at the staker's current nonce in `sm`.
    function _signDeposit(
        uint256 key,
        address staker,
        IStrategy target,
        uint256 amount,
        uint256 expiry
    ) internal view returns (bytes memory) {
        return signDigest(key, sm.depositDigest(staker, target, amount, sm.nonces(staker), expiry));
    }

    /// @dev The EIP-712 digest built from the standard's formula, independently of the contract's code.
    function _eip712Digest(
        address manager,
        uint256 chainId,
        address staker,
        IStrategy target,
        uint256 amount,
        uint256 nonce,
        uint256 expiry
    ) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256(bytes("Palisade StrategyManager")),
                keccak256(bytes("1")),
                chainId,
                manager
            )
        );
        bytes32 structHash = keccak256(abi.encode(DEPOSIT_TYPEHASH, staker, target, amount, nonce, expiry));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }
}
