// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyFactory} from "../../../contracts/interfaces/IStrategyFactory.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {ERC20Strategy} from "../../../contracts/strategies/ERC20Strategy.sol";
import {StrategyFactory} from "../../../contracts/strategies/StrategyFactory.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice `StrategyFactory`: permissionless, deterministic deployment of one clone per token.
contract StrategyFactoryTest is DeployFixture {
    MockERC20 internal fresh;

    function setUp() public override {
        super.setUp();
        fresh = new MockERC20("Fresh", "FRS", 18);
    }

    function test_deployStrategy_atPredictedAddress_byAnyone() public {
        address predicted = factory.predictStrategyAddress(IERC20(address(fresh)));
        vm.assertEq(predicted.code.length, 0, "nothing at the predicted address yet");
        vm.assertEq(address(factory.strategyOf(IERC20(address(fresh)))), address(0), "no strategy yet");

        vm.expectEmit(address(factory));
        emit IStrategyFactory.StrategyDeployed(IERC20(address(fresh)), IStrategy(predicted));
        vm.prank(alice);
        IStrategy deployed = factory.deployStrategy(IERC20(address(fresh)));

        vm.assertEq(address(deployed), predicted, "deployed where predicted");
        vm.assertEq(factory.predictStrategyAddress(IERC20(address(fresh))), predicted, "prediction stable after");
        vm.assertEq(address(factory.strategyOf(IERC20(address(fresh)))), predicted, "strategyOf recorded");
        vm.assertEq(address(deployed.token()), address(fresh), "clone holds the token");
        vm.assertEq(deployed.strategyManager(), address(sm), "clone answers to the manager");
        vm.assertEq(deployed.totalShares(), 0, "empty vault");
        // EIP-1167 runtime (45 bytes) followed by the 20-byte token address.
        vm.assertEq(address(deployed).code.length, 65, "clone size");
        vm.assertFalse(sm.isStrategyWhitelisted(deployed), "deployment does not whitelist");
    }

    function test_deployStrategy_distinctTokensGetDistinctAddresses() public {
        MockERC20 other = new MockERC20("Other", "OTH", 18);
        address a = address(factory.deployStrategy(IERC20(address(fresh))));
        address b = address(factory.deployStrategy(IERC20(address(other))));
        vm.assertNotEq(a, b, "one strategy per token");
    }

    function test_deployStrategy_revertsWhen_tokenHasNoCode() public {
        address eoa = makeAddr("eoa token");
        vm.expectRevert(abi.encodeWithSelector(IStrategyFactory.TokenHasNoCode.selector, eoa));
        factory.deployStrategy(IERC20(eoa));
    }

    function test_deployStrategy_revertsWhen_alreadyDeployed() public {
        IStrategy first = factory.deployStrategy(IERC20(address(fresh)));
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyFactory.StrategyAlreadyDeployed.selector, address(fresh), first)
        );
        vm.prank(bob);
        factory.deployStrategy(IERC20(address(fresh)));
    }

    function test_deployStrategy_revertsWhen_deploymentsPaused() public {
        uint256 flags = 1 << factory.PAUSE_DEPLOYMENTS();
        vm.prank(pauser);
        factory.pause(flags);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, uint8(0)));
        factory.deployStrategy(IERC20(address(fresh)));
    }

    function test_deployStrategy_worksAfterUnpause() public {
        vm.prank(pauser);
        factory.pause(1);
        vm.prank(owner);
        factory.unpause(1);
        vm.assertEq(
            address(factory.deployStrategy(IERC20(address(fresh)))),
            factory.predictStrategyAddress(IERC20(address(fresh))),
            "deployed after unpause"
        );
    }

    function test_views() public view {
        vm.assertEq(factory.strategyImplementation(), address(strategyImpl), "implementation");
        vm.assertEq(uint256(factory.PAUSE_DEPLOYMENTS()), 0, "pause bit");
        vm.assertEq(factory.validPauseFlags(), 1, "one pause bit");
        vm.assertEq(factory.owner(), owner, "owner");
        vm.assertEq(factory.pauser(), pauser, "pauser");
    }

    function test_upgrade_newImplementationForFutureTokensKeepsExistingStrategies() public {
        IStrategy before = factory.deployStrategy(IERC20(address(fresh)));
        ERC20Strategy nextImpl = ERC20Strategy(_deploy("ERC20Strategy.sol:ERC20Strategy", abi.encode(address(sm))));
        StrategyFactory nextFactory = StrategyFactory(
            _deploy("StrategyFactory.sol:StrategyFactory", abi.encode(address(nextImpl)))
        );
        vm.prank(owner);
        factory.upgradeToAndCall(address(nextFactory), "");

        vm.assertEq(factory.strategyImplementation(), address(nextImpl), "new implementation");
        vm.assertEq(address(factory.strategyOf(IERC20(address(fresh)))), address(before), "existing entry kept");
        vm.assertEq(
            factory.predictStrategyAddress(IERC20(address(fresh))),
            address(before),
            "prediction of a deployed token is its existing strategy"
        );
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyFactory.StrategyAlreadyDeployed.selector, address(fresh), before)
        );
        factory.deployStrategy(IERC20(address(fresh)));
    }

    function test_initialize_revertsWhen_calledAgain() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        factory.initialize(alice, alice);
    }

    function test_initialize_revertsWhen_calledOnImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        factoryImpl.initialize(alice, alice);
    }

    function test_upgradeToAndCall_revertsWhen_callerNotOwner() public {
        StrategyFactory next = StrategyFactory(
            _deploy("StrategyFactory.sol:StrategyFactory", abi.encode(address(strategyImpl)))
        );
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        factory.upgradeToAndCall(address(next), "");
    }

    function test_ownerFunctions_revertWhen_callerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        factory.unpause(1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        factory.setPauser(alice);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        factory.transferOwnership(alice);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, pauser));
        vm.prank(pauser);
        factory.renounceOwnership();
    }

    function test_renounceOwnership_revertsForOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.OwnershipRenounceDisabled.selector));
        vm.prank(owner);
        factory.renounceOwnership();
    }

    function test_pause_revertsWhen_unknownFlag() public {
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.UnknownPauseFlags.selector, 2, 1));
        vm.prank(pauser);
        factory.pause(2);
    }
}
