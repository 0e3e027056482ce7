// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {OperatorRegistry} from "../../../contracts/delegation/OperatorRegistry.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {DeploymentPlaceholder} from "../../../contracts/proxy/DeploymentPlaceholder.sol";

import {PalisadeTest} from "../utils/PalisadeTest.sol";

/// @notice The placeholder every core proxy starts on: only its deployer installs the real implementation, and
/// the installed proxy is then governed by the implementation's own rules (initialised once, owner upgrades).
/// An OperatorRegistry stands for the real implementation; its immutables point at dummy addresses, which
/// neither installing nor initialising calls.
contract DeploymentPlaceholderTest is PalisadeTest {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    /// @dev OpenZeppelin's `Initializable` namespace (erc7201:openzeppelin.storage.Initializable).
    bytes32 internal constant INITIALIZABLE_SLOT = 0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00;
    /// @dev The registry's own namespace, and the first slot after it (`approvers`, and so on, are mappings).
    bytes32 internal constant REGISTRY_STORAGE = 0x83156177f0d2ad6cf0005481c8020fda5aaffbf89549a44515aa867b97933400;

    address internal owner;
    address internal pauser;
    address internal stranger;

    DeploymentPlaceholder internal placeholder;
    address internal proxy;
    OperatorRegistry internal impl;

    function setUp() public {
        owner = makeAddr("owner");
        pauser = makeAddr("pauser");
        stranger = makeAddr("stranger");
        placeholder = DeploymentPlaceholder(_deploy("DeploymentPlaceholder.sol:DeploymentPlaceholder", ""));
        proxy = address(
            ERC1967Proxy(
                payable(
                    _deploy(
                        "ERC1967Proxy.sol:ERC1967Proxy",
                        abi.encode(address(placeholder), abi.encodeCall(DeploymentPlaceholder.deployer, ()))
                    )
                )
            )
        );
        impl = OperatorRegistry(
            _deploy(
                "OperatorRegistry.sol:OperatorRegistry",
                abi.encode(makeAddr("strategy manager"), makeAddr("withdrawal queue"))
            )
        );
    }

    // ---------------------------------------------------------------- deployer

    function test_deployer_isTheDeployingAccount() public view {
        vm.assertEq(placeholder.deployer(), address(this), "deployer of the placeholder");
        vm.assertEq(DeploymentPlaceholder(proxy).deployer(), address(this), "read through the proxy");
    }

    function test_deployer_isWhoeverDeployedIt() public {
        vm.prank(stranger);
        DeploymentPlaceholder theirs = DeploymentPlaceholder(
            _deploy("DeploymentPlaceholder.sol:DeploymentPlaceholder", "")
        );
        vm.assertEq(theirs.deployer(), stranger, "the pranked deployer");
    }

    function test_proxy_pointsAtPlaceholderBeforeInstall() public view {
        vm.assertEq(_implementationOf(proxy), address(placeholder), "implementation slot");
    }

    /// @dev Holds no storage: the real implementation's namespaces, its initialiser's included, start empty.
    function test_proxy_startsWithEmptyNamespaces() public view {
        vm.assertEq(vm.load(proxy, INITIALIZABLE_SLOT), bytes32(0), "initializable state");
        vm.assertEq(vm.load(proxy, bytes32(uint256(REGISTRY_STORAGE) + 3)), bytes32(0), "registry bounds");
    }

    function test_proxiableUUID_isImplementationSlot() public view {
        vm.assertEq(placeholder.proxiableUUID(), IMPLEMENTATION_SLOT, "ERC-1967 slot");
    }

    // ---------------------------------------------------------------- installing

    function test_upgradeToAndCall_byDeployerInstallsAndInitialises() public {
        vm.expectEmit(proxy);
        emit IERC1967.Upgraded(address(impl));
        vm.expectEmit(proxy);
        emit IOperatorRegistry.AllocationDelayBoundsSet(60, 600);
        _install(_initCall(60, 600));

        vm.assertEq(_implementationOf(proxy), address(impl), "implementation installed");
        OperatorRegistry registry = OperatorRegistry(proxy);
        vm.assertEq(registry.owner(), owner, "owner");
        vm.assertEq(registry.pauser(), pauser, "pauser");
        (uint32 min, uint32 max) = registry.allocationDelayBounds();
        vm.assertEq(min, 60, "minimum delay");
        vm.assertEq(max, 600, "maximum delay");
    }

    function test_upgradeToAndCall_revertsWhen_callerNotDeployer() public {
        vm.expectRevert(abi.encodeWithSelector(DeploymentPlaceholder.OnlyDeployer.selector, stranger));
        vm.prank(stranger);
        UUPSUpgradeable(proxy).upgradeToAndCall(address(impl), _initCall(60, 600));
        vm.assertEq(_implementationOf(proxy), address(placeholder), "still the placeholder");
    }

    /// @dev The future owner has no say before the installation: only the deployer does.
    function test_upgradeToAndCall_revertsWhen_callerIsFutureOwner() public {
        vm.expectRevert(abi.encodeWithSelector(DeploymentPlaceholder.OnlyDeployer.selector, owner));
        vm.prank(owner);
        UUPSUpgradeable(proxy).upgradeToAndCall(address(impl), _initCall(60, 600));
    }

    function test_upgradeToAndCall_onlyTheAccountThatDeployedThePlaceholder() public {
        vm.prank(stranger);
        DeploymentPlaceholder theirs = DeploymentPlaceholder(
            _deploy("DeploymentPlaceholder.sol:DeploymentPlaceholder", "")
        );
        address theirProxy = address(
            ERC1967Proxy(
                payable(
                    _deploy(
                        "ERC1967Proxy.sol:ERC1967Proxy",
                        abi.encode(address(theirs), abi.encodeCall(DeploymentPlaceholder.deployer, ()))
                    )
                )
            )
        );

        vm.expectRevert(abi.encodeWithSelector(DeploymentPlaceholder.OnlyDeployer.selector, address(this)));
        UUPSUpgradeable(theirProxy).upgradeToAndCall(address(impl), _initCall(60, 600));

        vm.prank(stranger);
        UUPSUpgradeable(theirProxy).upgradeToAndCall(address(impl), _initCall(60, 600));
        vm.assertEq(_implementationOf(theirProxy), address(impl), "installed by its deployer");
    }

    /// @dev The placeholder's own code can only be upgraded through a proxy.
    function test_upgradeToAndCall_revertsWhen_calledOnPlaceholderItself() public {
        vm.expectRevert(abi.encodeWithSelector(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector));
        placeholder.upgradeToAndCall(address(impl), "");
    }

    function test_upgradeToAndCall_revertsWhen_implementationNotUUPS() public {
        MockERC20 notUups = new MockERC20("Not UUPS", "NU", 18);
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, address(notUups)));
        UUPSUpgradeable(proxy).upgradeToAndCall(address(notUups), "");
    }

    /// @dev Installation and initialisation are one call: a failing initialiser leaves the placeholder in place,
    /// and the deployer can try again.
    function test_upgradeToAndCall_failingInitialiserLeavesPlaceholder() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidAllocationDelayBounds.selector, 600, 60, 30 days)
        );
        _install(_initCall(600, 60));
        vm.assertEq(_implementationOf(proxy), address(placeholder), "still the placeholder");

        _install(_initCall(60, 600));
        vm.assertEq(_implementationOf(proxy), address(impl), "installed on the second try");
    }

    // ---------------------------------------------------------------- after installation

    function test_installedProxy_initialisesOnlyOnce() public {
        _install(_initCall(60, 600));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(stranger);
        OperatorRegistry(proxy).initialize(stranger, stranger, 0, 0);
        vm.assertEq(OperatorRegistry(proxy).owner(), owner, "owner unchanged");
    }

    function test_installedProxy_deployerCannotInitialiseAgain() public {
        _install(_initCall(60, 600));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        OperatorRegistry(proxy).initialize(address(this), address(this), 0, 0);
    }

    /// @dev Once installed, upgrades follow the implementation's rule (owner only): the deployer's right is gone.
    function test_installedProxy_deployerCannotUpgradeAgain() public {
        _install(_initCall(60, 600));
        OperatorRegistry next = OperatorRegistry(
            _deploy(
                "OperatorRegistry.sol:OperatorRegistry",
                abi.encode(makeAddr("strategy manager"), makeAddr("withdrawal queue"))
            )
        );
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, address(this)));
        UUPSUpgradeable(proxy).upgradeToAndCall(address(next), "");

        vm.prank(owner);
        UUPSUpgradeable(proxy).upgradeToAndCall(address(next), "");
        vm.assertEq(_implementationOf(proxy), address(next), "the owner upgrades");
    }

    // ---------------------------------------------------------------- helpers

    function _install(bytes memory initCall) internal {
        UUPSUpgradeable(proxy).upgradeToAndCall(address(impl), initCall);
    }

    function _initCall(uint32 min, uint32 max) internal view returns (bytes memory) {
        return abi.encodeCall(OperatorRegistry.initialize, (owner, pauser, min, max));
    }

    function _implementationOf(address target) internal view returns (address) {
        return address(uint160(uint256(vm.load(target, IMPLEMENTATION_SLOT))));
    }
}
