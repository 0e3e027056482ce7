// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {StrategyFactory} from "../../../contracts/strategies/StrategyFactory.sol";
import {ERC20Strategy} from "../../../contracts/strategies/ERC20Strategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice Governance of the manager: whitelist, caps, ownership-gated functions, initialisation and upgrades,
/// and the read-only views.
contract StrategyManagerGovernanceTest is DeployFixture {
    bytes32 internal constant STRATEGY_MANAGER_STORAGE =
        keccak256(abi.encode(uint256(keccak256("palisade.storage.StrategyManager")) - 1)) & ~bytes32(uint256(0xff));

    // ---------------------------------------------------------------- addStrategiesToWhitelist

    function test_addStrategiesToWhitelist_freshStrategyOpensWithoutCaps() public {
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));

        vm.recordLogs();
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(fresh));

        // Whitelisting writes no caps, so it announces the whitelisting only (no DepositCapsSet).
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(logs.length, 1, "a single event");
        vm.assertEq(logs[0].emitter, address(sm), "emitted by the manager");
        vm.assertEq(logs[0].topics.length, 2, "signature and strategy topics");
        vm.assertEq(logs[0].topics[0], IStrategyManager.StrategyWhitelisted.selector, "StrategyWhitelisted");
        vm.assertEq(logs[0].topics[1], bytes32(uint256(uint160(address(fresh)))), "of the fresh strategy");

        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(fresh);
        vm.assertTrue(config.whitelisted, "whitelisted");
        vm.assertEq(config.maxPerDeposit, 0, "0: no per-deposit cap");
        vm.assertEq(config.maxTotalDeposits, 0, "0: no total cap");
        vm.assertTrue(sm.isStrategyWhitelisted(fresh), "isStrategyWhitelisted");
    }

    function test_addStrategiesToWhitelist_keepsCapsSetBeforehand() public {
        // A guarded launch: caps first, then the whitelist, so the strategy never takes an uncapped deposit.
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));
        _setCaps(fresh, 5e18, 50e18);
        _whitelist(fresh);

        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(fresh);
        vm.assertTrue(config.whitelisted, "whitelisted");
        vm.assertEq(config.maxPerDeposit, 5e18, "per-deposit cap kept");
        vm.assertEq(config.maxTotalDeposits, 50e18, "total cap kept");

        _fund(fresh, alice, 5e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, fresh, 5e18 + 1, 5e18));
        vm.prank(alice);
        sm.deposit(fresh, 5e18 + 1);
    }

    function test_addStrategiesToWhitelist_batchOfSeveral() public {
        IStrategy[] memory batch = new IStrategy[](3);
        for (uint256 i; i < 3; ++i) {
            batch[i] = factory.deployStrategy(IERC20(address(new MockERC20("Batch", "BAT", 18))));
        }
        vm.prank(owner);
        sm.addStrategiesToWhitelist(batch);
        for (uint256 i; i < 3; ++i) vm.assertTrue(sm.isStrategyWhitelisted(batch[i]), "each strategy whitelisted");
    }

    function test_addStrategiesToWhitelist_revertsWhen_alreadyWhitelisted() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyAlreadyWhitelisted.selector, strategy));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(strategy));
    }

    function test_addStrategiesToWhitelist_revertsWhen_duplicateInOneBatch_andIsAtomic() public {
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));
        IStrategy[] memory batch = new IStrategy[](2);
        batch[0] = fresh;
        batch[1] = fresh;
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyAlreadyWhitelisted.selector, fresh));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(batch);
        vm.assertFalse(sm.isStrategyWhitelisted(fresh), "first entry rolled back with the batch");
    }

    function test_addStrategiesToWhitelist_revertsWhen_strategyIsEoa() public {
        IStrategy eoa = IStrategy(makeAddr("not a contract"));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, eoa));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(eoa));
    }

    function test_addStrategiesToWhitelist_revertsWhen_contractWithoutStrategyManager() public {
        // A token is a contract, but asking it for its manager fails: named as an invalid strategy, not an
        // unexplained revert.
        IStrategy notAStrategy = IStrategy(address(token));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, notAStrategy));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(notAStrategy));
    }

    function test_addStrategiesToWhitelist_revertsWhen_strategyManagerAnswerIsNotOneWord() public {
        // An answer that is not exactly one ABI word cannot be an address, whatever its first word says. A genuine
        // clone would be accepted: only the mocked answer differs.
        IStrategy odd = factory.deployStrategy(IERC20(address(new MockERC20("Odd", "ODD", 18))));
        vm.mockCall(address(odd), abi.encodeCall(IStrategy.strategyManager, ()), abi.encode(address(sm), 0));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, odd));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(odd));

        vm.mockCall(address(odd), abi.encodeCall(IStrategy.strategyManager, ()), "");
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, odd));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(odd));
    }

    function test_addStrategiesToWhitelist_revertsWhen_strategyManagerAnswerIsNotAnAddress() public {
        // One word, but with bits above the 160th: no address at all. Refused with the named error, not with the
        // bare revert a plain ABI decoding would give.
        IStrategy odd = factory.deployStrategy(IERC20(address(new MockERC20("Odd", "ODD", 18))));
        uint256 dirty = (uint256(1) << 160) | uint256(uint160(address(sm)));
        vm.mockCall(address(odd), abi.encodeCall(IStrategy.strategyManager, ()), abi.encode(dirty));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, odd));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(odd));
    }

    function test_addStrategiesToWhitelist_revertsWhen_contractAnswersManagerButNotToken() public {
        // Claims this manager, but has no `token()`: refused as an invalid strategy too.
        IStrategy half = IStrategy(address(new MockERC20("Half", "HLF", 18)));
        vm.mockCall(address(half), abi.encodeCall(IStrategy.strategyManager, ()), abi.encode(address(sm)));
        vm.assertEq(half.strategyManager(), address(sm), "answers to this manager");
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, half));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(half));
    }

    function test_addStrategiesToWhitelist_revertsWhen_strategyIsTheImplementation() public {
        // The implementation answers to this manager, but its "token" is 20 bytes of its own code: no contract.
        IStrategy implementation = IStrategy(address(strategyImpl));
        vm.assertEq(implementation.strategyManager(), address(sm), "implementation answers to the manager");
        vm.assertEq(address(implementation.token()).code.length, 0, "implementation's token has no code");
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidStrategy.selector, implementation));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(implementation));
    }

    function test_addStrategiesToWhitelist_revertsWhen_strategyOfAnotherManager() public {
        (, StrategyManager otherManager) = _deployManager(queue);
        StrategyFactory otherFactory = StrategyFactory(
            address(
                ERC1967Proxy(
                    payable(
                        _deploy(
                            "ERC1967Proxy.sol:ERC1967Proxy",
                            abi.encode(
                                address(
                                    StrategyFactory(
                                        _deploy(
                                            "StrategyFactory.sol:StrategyFactory",
                                            abi.encode(
                                                address(
                                                    ERC20Strategy(
                                                        _deploy(
                                                            "ERC20Strategy.sol:ERC20Strategy",
                                                            abi.encode(address(otherManager))
                                                        )
                                                    )
                                                )
                                            )
                                        )
                                    )
                                ),
                                abi.encodeCall(StrategyFactory.initialize, (owner, pauser))
                            )
                        )
                    )
                )
            )
        );
        IStrategy foreign = otherFactory.deployStrategy(IERC20(address(token)));

        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.StrategyManagerMismatch.selector, foreign, address(otherManager))
        );
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(foreign));
    }

    function test_addStrategiesToWhitelist_revertsWhen_callerNotOwner() public {
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        sm.addStrategiesToWhitelist(_list(fresh));
    }

    // ---------------------------------------------------------------- removeStrategiesFromWhitelist

    function test_removeStrategiesFromWhitelist_stopsDepositsOnly() public {
        _setCaps(strategy, 5e18, 50e18);
        vm.expectEmit(address(sm));
        emit IStrategyManager.StrategyRemovedFromWhitelist(strategy);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));

        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        vm.assertFalse(config.whitelisted, "no longer whitelisted");
        vm.assertEq(config.maxPerDeposit, 5e18, "caps kept for the record");
        vm.assertEq(config.maxTotalDeposits, 50e18, "caps kept for the record");
    }

    function test_removeStrategiesFromWhitelist_thenWhitelistAgainKeepsCaps() public {
        // A strategy taken off the whitelist comes back with its caps, never uncapped by accident.
        _setCaps(strategy, 5e18, 50e18);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        _whitelist(strategy);
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        vm.assertTrue(config.whitelisted, "whitelisted again");
        vm.assertEq(config.maxPerDeposit, 5e18, "per-deposit cap survives re-whitelisting");
        vm.assertEq(config.maxTotalDeposits, 50e18, "total cap survives re-whitelisting");

        _fund(strategy, alice, 5e18 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, strategy, 5e18 + 1, 5e18)
        );
        vm.prank(alice);
        sm.deposit(strategy, 5e18 + 1);
    }

    function test_removeStrategiesFromWhitelist_revertsWhen_notWhitelisted() public {
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, fresh));
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(fresh));
    }

    function test_removeStrategiesFromWhitelist_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sm.removeStrategiesFromWhitelist(_list(strategy));
    }

    // ---------------------------------------------------------------- setDepositCaps

    function test_setDepositCaps_storesAndEmits() public {
        vm.expectEmit(address(sm));
        emit IStrategyManager.DepositCapsSet(strategy, 7e18, 70e18);
        _setCaps(strategy, 7e18, 70e18);
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        vm.assertTrue(config.whitelisted, "still whitelisted");
        vm.assertEq(config.maxPerDeposit, 7e18, "per-deposit cap");
        vm.assertEq(config.maxTotalDeposits, 70e18, "total cap");
    }

    function test_setDepositCaps_equalCapsAccepted() public {
        _setCaps(strategy, 70e18, 70e18);
        vm.assertEq(sm.strategyConfig(strategy).maxPerDeposit, 70e18, "per-deposit cap equal to the total");
    }

    function test_setDepositCaps_zeroCapsMeanNoCap() public {
        _setCaps(strategy, 5e18, 50e18);
        vm.expectEmit(address(sm));
        emit IStrategyManager.DepositCapsSet(strategy, 0, 0);
        _setCaps(strategy, 0, 0);

        // 2^128 tokens in one deposit: more than any per-deposit (uint120) or total (uint128) cap could allow.
        uint256 huge = uint256(type(uint128).max) + 1;
        vm.assertEq(_deposit(alice, strategy, huge), huge * 1e3, "an uncapped strategy takes any amount");
        vm.assertEq(token.balanceOf(address(strategy)), huge, "vault balance past 2^128");
    }

    function test_setDepositCaps_tinyCapsStopDeposits() public {
        // The smallest caps that are caps at all: one token unit per deposit, one in total.
        _setCaps(strategy, 1, 1);
        _fund(strategy, alice, 3);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, strategy, 2, 1));
        vm.prank(alice);
        sm.deposit(strategy, 2);

        vm.prank(alice);
        sm.deposit(strategy, 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 1, 1, 1));
        vm.prank(alice);
        sm.deposit(strategy, 1);
    }

    function test_setDepositCaps_totalBelowBalanceStopsDepositsButNotWithdrawals() public {
        _deposit(alice, strategy, 50e18);
        _setCaps(strategy, 10e18, 40e18);
        _fund(strategy, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.TotalDepositCapExceeded.selector, 50e18, 1, 40e18));
        vm.prank(bob);
        sm.deposit(strategy, 1);
        vm.assertEq(_withdrawAll(alice, strategy, alice), 50e18, "withdrawal unaffected by a cap below balance");
    }

    function test_setDepositCaps_revertsWhen_perDepositAboveTotal() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidDepositCaps.selector, 70e18 + 1, 70e18));
        vm.prank(owner);
        sm.setDepositCaps(strategy, 70e18 + 1, 70e18);
    }

    function test_setDepositCaps_perDepositAboveZeroTotalAccepted() public {
        // A total cap of 0 is no cap, so it is never compared with the per-deposit cap (nor the reverse).
        _setCaps(strategy, 70e18 + 1, 0);
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(strategy);
        vm.assertEq(config.maxPerDeposit, 70e18 + 1, "per-deposit cap alone");
        vm.assertEq(config.maxTotalDeposits, 0, "no total cap");

        _setCaps(strategy, 0, 1);
        config = sm.strategyConfig(strategy);
        vm.assertEq(config.maxPerDeposit, 0, "no per-deposit cap");
        vm.assertEq(config.maxTotalDeposits, 1, "total cap alone");
    }

    function test_setDepositCaps_allowedBeforeWhitelisting() public {
        IStrategy fresh = factory.deployStrategy(IERC20(address(new MockERC20("Fresh", "FRS", 18))));
        vm.expectEmit(address(sm));
        emit IStrategyManager.DepositCapsSet(fresh, 1, 2);
        _setCaps(fresh, 1, 2);

        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(fresh);
        vm.assertFalse(config.whitelisted, "setting caps does not whitelist");
        vm.assertEq(config.maxPerDeposit, 1, "per-deposit cap stored");
        vm.assertEq(config.maxTotalDeposits, 2, "total cap stored");

        _fund(fresh, alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, fresh));
        vm.prank(alice);
        sm.deposit(fresh, 1);
    }

    function test_setDepositCaps_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        sm.setDepositCaps(strategy, 1, 1);
    }

    // ---------------------------------------------------------------- other owner functions

    function test_setPauser_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        sm.setPauser(alice);
    }

    function test_unpause_revertsWhen_callerNotOwner() public {
        _pause(DEPOSITS_FLAG);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sm.unpause(DEPOSITS_FLAG);
    }

    function test_transferOwnership_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sm.transferOwnership(alice);
    }

    function test_renounceOwnership_revertsWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sm.renounceOwnership();
    }

    // ---------------------------------------------------------------- initialisation and upgrades

    function test_initialize_setsOwnerAndPauser() public view {
        vm.assertEq(sm.owner(), owner, "owner");
        vm.assertEq(sm.pauser(), pauser, "pauser");
        vm.assertEq(sm.pausedFlags(), 0, "nothing paused");
        vm.assertEq(sm.withdrawalQueue(), queue, "withdrawal queue wired through the implementation");
    }

    function test_initialize_revertsWhen_calledAgainOnProxy() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        sm.initialize(alice, alice);
    }

    function test_initialize_revertsWhen_calledOnImplementation() public {
        // The constructor disabled initialisers: nobody can take ownership of the bare implementation.
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        smImpl.initialize(alice, alice);
    }

    function test_upgradeToAndCall_byOwnerKeepsState() public {
        _deposit(alice, strategy, 10e18);
        StrategyManager next = StrategyManager(
            _deploy("StrategyManager.sol:StrategyManager", abi.encode(queue, registry, allocations, coordinator))
        );
        vm.prank(owner);
        sm.upgradeToAndCall(address(next), "");

        bytes32 stored = vm.load(address(sm), ERC1967Utils.IMPLEMENTATION_SLOT);
        vm.assertEq(address(uint160(uint256(stored))), address(next), "implementation slot updated");
        vm.assertEq(sm.scaledShares(alice, strategy), 10e21, "positions survive the upgrade");
        vm.assertEq(sm.owner(), owner, "owner survives the upgrade");
        vm.assertTrue(sm.isStrategyWhitelisted(strategy), "whitelist survives the upgrade");
    }

    function test_upgradeToAndCall_canRewireWithdrawalQueue() public {
        // The queue lives in the implementation's code: wiring a new one is an upgrade.
        address newQueue = makeAddr("newQueue");
        StrategyManager next = StrategyManager(
            _deploy("StrategyManager.sol:StrategyManager", abi.encode(newQueue, registry, allocations, coordinator))
        );
        vm.prank(owner);
        sm.upgradeToAndCall(address(next), "");
        vm.assertEq(sm.withdrawalQueue(), newQueue, "new queue");
        _deposit(alice, strategy, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyWithdrawalQueue.selector, queue));
        vm.prank(queue);
        sm.removeShares(alice, strategy, 1);
    }

    function test_upgradeToAndCall_revertsWhen_callerNotOwner() public {
        StrategyManager next = StrategyManager(
            _deploy("StrategyManager.sol:StrategyManager", abi.encode(queue, registry, allocations, coordinator))
        );
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        sm.upgradeToAndCall(address(next), "");
    }

    function test_upgradeToAndCall_revertsWhen_newImplementationNotUups() public {
        address notUups = address(new MockERC20("X", "X", 18));
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, notUups));
        vm.prank(owner);
        sm.upgradeToAndCall(notUups, "");
    }

    function test_upgradeToAndCall_revertsWhen_calledOnImplementation() public {
        StrategyManager next = StrategyManager(
            _deploy("StrategyManager.sol:StrategyManager", abi.encode(queue, registry, allocations, coordinator))
        );
        vm.expectRevert(abi.encodeWithSelector(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector));
        vm.prank(owner);
        smImpl.upgradeToAndCall(address(next), "");
    }

    // ---------------------------------------------------------------- views

    function test_constants() public view {
        vm.assertEq(uint256(sm.PAUSE_DEPOSITS()), 0, "PAUSE_DEPOSITS");
        vm.assertEq(uint256(sm.PAUSE_SIGNED_DEPOSITS()), 1, "PAUSE_SIGNED_DEPOSITS");
        vm.assertEq(1 << sm.PAUSE_DEPOSITS(), DEPOSITS_FLAG, "fixture's deposit flag");
        vm.assertEq(1 << sm.PAUSE_SIGNED_DEPOSITS(), SIGNED_DEPOSITS_FLAG, "fixture's signed-deposit flag");
        vm.assertEq(sm.validPauseFlags(), 3, "two pause bits");
        vm.assertEq(sm.MAX_STAKER_STRATEGIES(), 32, "MAX_STAKER_STRATEGIES");
        vm.assertEq(sm.DEPOSIT_TYPEHASH(), DEPOSIT_TYPEHASH, "DEPOSIT_TYPEHASH");
    }

    function test_eip712Domain_fields() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = sm.eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f, "name, version, chainId, verifyingContract");
        vm.assertEq(name, "Palisade StrategyManager", "name");
        vm.assertEq(version, "1", "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(sm), "verifying contract is the proxy");
        vm.assertEq(salt, bytes32(0), "no salt");
        vm.assertEq(extensions.length, 0, "no extensions");
    }

    function test_domainSeparator_matchesFormulaAndFollowsChainId() public {
        bytes32 expected = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("Palisade StrategyManager"),
                keccak256("1"),
                block.chainid,
                address(sm)
            )
        );
        vm.assertEq(sm.domainSeparator(), expected, "separator of this chain");

        // Rebuilt on every use: after a fork to another chain id, old signatures stop matching.
        vm.chainId(block.chainid + 1);
        bytes32 forked = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("Palisade StrategyManager"),
                keccak256("1"),
                block.chainid,
                address(sm)
            )
        );
        vm.assertEq(sm.domainSeparator(), forked, "separator follows the chain id");
        vm.assertNotEq(uint256(forked), uint256(expected), "separators differ across chains");
    }

    function test_strategyConfig_ofUnknownStrategyIsEmpty() public {
        IStrategyManager.StrategyConfig memory config = sm.strategyConfig(IStrategy(makeAddr("unknown")));
        vm.assertFalse(config.whitelisted, "not whitelisted");
        vm.assertEq(config.maxPerDeposit, 0, "no caps stored (0: no cap)");
        vm.assertEq(config.maxTotalDeposits, 0, "no caps stored (0: no cap)");
    }

    function test_views_ofStakerWithoutPositions() public view {
        vm.assertEq(sm.nonces(alice), 0, "nonce");
        vm.assertEq(sm.scaledShares(alice, strategy), 0, "scaled shares");
        vm.assertEq(sm.withdrawableShares(alice, strategy), 0, "withdrawable shares");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "count");
        (IStrategy[] memory strategies, uint256[] memory scaled, uint256[] memory withdrawable) = sm.stakerPositions(
            alice
        );
        vm.assertEq(strategies.length + scaled.length + withdrawable.length, 0, "no positions");
    }

    function test_storageLayout_followsErc7201Namespace() public {
        // The whitelist lives at `strategyConfig[strategy]`, the first mapping of the namespaced struct:
        // whitelisted (8 bits) | maxPerDeposit (120 bits) | maxTotalDeposits (128 bits), low to high.
        _setCaps(strategy, 3, 5);
        bytes32 slot = keccak256(abi.encode(address(strategy), STRATEGY_MANAGER_STORAGE));
        uint256 word = uint256(vm.load(address(sm), slot));
        vm.assertEq(word & 0xff, 1, "whitelisted bit");
        vm.assertEq((word >> 8) & type(uint120).max, 3, "per-deposit cap");
        vm.assertEq(word >> 128, 5, "total cap");
    }
}
