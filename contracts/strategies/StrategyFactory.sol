// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyFactory} from "../interfaces/IStrategyFactory.sol";
import {PauseControl} from "../mixins/PauseControl.sol";

/// @title StrategyFactory
/// @notice Deploys one ERC20Strategy clone per token, with CREATE2.
contract StrategyFactory is IStrategyFactory, UUPSUpgradeable, PauseControl {
    /// @custom:storage-location erc7201:palisade.storage.StrategyFactory
    struct StrategyFactoryStorage {
        mapping(IERC20 token => IStrategy strategy) strategyOf;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.StrategyFactory")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STRATEGY_FACTORY_STORAGE =
        0x3f2a58101fc1e5d7df63fcf5175f8044c6d9efe4d4bcf5534c3cc18b6b58a300;

    /// @inheritdoc IStrategyFactory
    uint8 public constant PAUSE_DEPLOYMENTS = 0;

    /// @inheritdoc IStrategyFactory
    // In code rather than storage: a new implementation for future tokens comes with an upgrade of the factory.
    address public immutable strategyImplementation;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address strategyImplementation_) {
        strategyImplementation = strategyImplementation_;
        _disableInitializers();
    }

    /// @notice Sets the owner and the pauser of the factory behind its proxy.
    function initialize(address initialOwner, address initialPauser) external initializer {
        __PauseControl_init(initialOwner, initialPauser);
    }

    /// @inheritdoc IStrategyFactory
    function deployStrategy(IERC20 token) external whenNotPaused(PAUSE_DEPLOYMENTS) returns (IStrategy strategy) {
        if (address(token).code.length == 0) revert TokenHasNoCode(token);
        StrategyFactoryStorage storage $ = _factoryStorage();
        IStrategy existing = $.strategyOf[token];
        if (address(existing) != address(0)) revert StrategyAlreadyDeployed(token, existing);

        // The token is both the clone's immutable argument and, through it, part of the CREATE2 address, so the
        // salt can stay constant: one address per (implementation, token).
        strategy = IStrategy(
            Clones.cloneDeterministicWithImmutableArgs(strategyImplementation, abi.encodePacked(token), bytes32(0))
        );
        $.strategyOf[token] = strategy;
        emit StrategyDeployed(token, strategy);
    }

    /// @inheritdoc IStrategyFactory
    function strategyOf(IERC20 token) external view returns (IStrategy) {
        return _factoryStorage().strategyOf[token];
    }

    /// @inheritdoc IStrategyFactory
    function predictStrategyAddress(IERC20 token) external view returns (address) {
        IStrategy existing = _factoryStorage().strategyOf[token];
        if (address(existing) != address(0)) return address(existing);
        return
            Clones.predictDeterministicAddressWithImmutableArgs(
                strategyImplementation,
                abi.encodePacked(token),
                bytes32(0)
            );
    }

    function _validPauseFlags() internal pure override returns (uint256) {
        return 1 << PAUSE_DEPLOYMENTS;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}

    function _factoryStorage() private pure returns (StrategyFactoryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STRATEGY_FACTORY_STORAGE
        }
    }
}
