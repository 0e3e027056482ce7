// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IOperatorSetRegistrar
/// @notice The hook an AVS may install on an operator set to learn of, and vet, its operators.
/// @dev The AVSRegistry calls it, and only it should be trusted as the caller.
/// - `onRegister` runs inside the registration: reverting rejects the operator, and the revert data reaches the
///   caller wrapped in `IAVSRegistry.RegistrarRejected` (truncated to `MAX_REGISTRAR_REASON_BYTES`).
/// - `onDeregister` runs with exactly `DEREGISTRATION_HOOK_GAS` gas and its outcome is ignored: the operator leaves
///   whatever it does. A hook that needs to react reliably must fit in that allowance.
interface IOperatorSetRegistrar {
    /// @notice `operator` is registering in `avs`'s set `setId`, with `data` from the operator (or the AVS, under the
    /// operator's consent).
    function onRegister(address operator, address avs, uint32 setId, bytes calldata data) external;

    /// @notice `operator` has left `avs`'s set `setId`.
    function onDeregister(address operator, address avs, uint32 setId) external;
}
