// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @title DeploymentPlaceholder
/// @notice The first implementation of every Palisade proxy, so that all proxies exist (and their addresses are
/// known) before the real implementations, whose immutables name one another, are deployed. Only the account that
/// deployed the placeholder can replace it with the real implementation and its initialiser; from then on the real
/// implementation's own rule (the owner alone upgrades) applies.
/// @dev Holds no storage: the real implementation's ERC-7201 namespaces start empty.
contract DeploymentPlaceholder is UUPSUpgradeable {
    /// @notice `caller` is not the deployer, the only account allowed to install the real implementation.
    error OnlyDeployer(address caller);

    address private immutable _deployer;

    constructor() {
        _deployer = msg.sender;
    }

    /// @notice The account that may install the real implementation.
    /// @dev Also the proxy's construction call: ERC1967Proxy refuses to be built without one.
    function deployer() external view returns (address) {
        return _deployer;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _deployer) revert OnlyDeployer(msg.sender);
    }
}
