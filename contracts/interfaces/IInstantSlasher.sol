// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {ISlashingCoordinator} from "./ISlashingCoordinator.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IInstantSlasher
/// @notice The simplest reference slasher: an account the AVS controls slashes the operators of one operator set
/// directly, with no delay and no veto.
///
/// One instance serves one operator set, named at deployment and fixed for the instance's life. The AVS creates the
/// set with this contract as its `slasher` (or schedules it with `IAVSRegistry.scheduleSlasher`). The owner (an
/// `Ownable2Step` owner: a transfer takes effect when the new owner accepts it) calls `slash`, which forwards to
/// `ISlashingCoordinator.slash`; the coordinator checks that the operator is slashable in the set, that the
/// strategies belong to the set and that every fraction lies in (0, 1e18], applies the slash and emits
/// `OperatorSlashed`, the record indexers read.
/// @dev Warning:
/// - The owner can slash any operator of the set, up to its whole allocation, at once: operators and their stakers
///   trust the AVS's key (or multisig, or governance contract) completely. `IVetoSlasher` and
///   `IEquivocationSlasher` are the options for sets that want less trust.
/// - A strategy named twice is slashed twice, the second fraction applying to what the first left, as the
///   coordinator does for any slasher.
/// - Ownership cannot be renounced: an ownerless instance could never slash again. To retire it, the AVS schedules
///   another slasher for the set in the AVS registry, which every operator sees coming.
interface IInstantSlasher {
    /// @notice A constructor argument of the slasher is the zero address: the coordinator, the set's AVS, the resolver
    /// or the treasury.
    /// @dev A constructor argument is the zero address: `coordinator`, the set's AVS, or the owner.
    /// @custom:title A slasher's address parameter is the zero address
    /// @custom:hint Pass the deployment's SlashingCoordinator and non-zero addresses for the AVS, resolver and
    /// treasury.
    error ZeroAddress();
    /// @notice Renouncing ownership is disabled: without an owner nothing could be unpaused or upgraded, and a slasher
    /// could never slash again.
    /// @dev Renouncing ownership is disabled (see the warning above).
    /// @custom:title Ownership cannot be renounced
    /// @custom:hint Transfer ownership instead (`transferOwnership`, then `acceptOwnership` from the new owner); to
    /// retire a slasher, schedule another one for the set.
    error OwnershipRenounceDisabled();

    /// @notice Slashes `operator` in this instance's set: fraction `wads[i]` (of 1e18) of its allocation of
    /// `strategies[i]`. Owner only.
    /// @dev Reverts with `OwnableUnauthorizedAccount(caller)` for anyone else, and with the coordinator's errors
    /// (`NoStrategies`, `LengthMismatch`, `InvalidWad`, `ActionPaused`) and the AVS registry's (`NotSlasher` if the
    /// set's slasher is another contract, `OperatorNotSlashable`, `StrategyNotInSet`) as they come.
    /// @param description Why, for the record: it is emitted in the coordinator's `OperatorSlashed` event only.
    /// @return slashId The coordinator's id of the slash.
    function slash(
        address operator,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external returns (uint256 slashId);

    /// @notice The SlashingCoordinator every slash goes through.
    function coordinator() external view returns (ISlashingCoordinator);

    /// @notice The operator set this instance slashes in.
    function operatorSet() external view returns (OperatorSet memory);
}
