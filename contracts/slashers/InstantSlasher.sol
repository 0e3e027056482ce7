// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IInstantSlasher} from "../interfaces/IInstantSlasher.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";

/// @title InstantSlasher
/// @notice The owner slashes the operators of one operator set directly. See `IInstantSlasher`.
/// @dev Not upgradeable and without storage of its own beyond `Ownable2Step`'s: the set and the coordinator are
/// immutables, so a slash reads no slot but the owner's.
contract InstantSlasher is IInstantSlasher, Ownable2Step {
    /// @inheritdoc IInstantSlasher
    ISlashingCoordinator public immutable coordinator;

    /// @dev The set, as two immutables: a struct cannot be one.
    address private immutable _avs;
    uint32 private immutable _setId;

    constructor(ISlashingCoordinator coordinator_, OperatorSet memory operatorSet_, address owner_) Ownable(owner_) {
        // `Ownable` has already refused a zero owner (`OwnableInvalidOwner`).
        if (address(coordinator_) == address(0) || operatorSet_.avs == address(0)) revert ZeroAddress();
        coordinator = coordinator_;
        _avs = operatorSet_.avs;
        _setId = operatorSet_.id;
    }

    /// @inheritdoc IInstantSlasher
    function slash(
        address operator,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external onlyOwner returns (uint256 slashId) {
        // Every other check (fractions, lengths, slashability, membership) is the coordinator's: repeating it here
        // would only cost gas and risk drifting from the coordinator's rules.
        (slashId, ) = coordinator.slash(operator, operatorSet(), strategies, wads, description);
    }

    /// @notice Disabled: an ownerless instance could never slash again (see `IInstantSlasher`).
    function renounceOwnership() public view override onlyOwner {
        revert OwnershipRenounceDisabled();
    }

    /// @inheritdoc IInstantSlasher
    function operatorSet() public view returns (OperatorSet memory) {
        return OperatorSet({avs: _avs, id: _setId});
    }
}
