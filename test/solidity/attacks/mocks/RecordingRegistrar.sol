// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorSetRegistrar} from "../../../../contracts/interfaces/IOperatorSetRegistrar.sol";

/// @notice A well-behaved registrar hook that remembers what it was told, and can be told to reject registrations
/// with any revert data (a reason string, a custom error, a payload of any length) or to fail deregistrations.
/// Its deregistration hook writes two fresh slots at most, well within `DEREGISTRATION_HOOK_GAS`, and records the
/// gas it was given, so that a test can tell whether it received its whole allowance.
contract RecordingRegistrar is IOperatorSetRegistrar {
    /// @dev The last deregistration heard of and how many there were, in one slot.
    struct Deregistration {
        address operator;
        uint32 setId;
        uint64 count;
    }

    bool public rejecting;
    bytes public rejection;
    bool public failingDeregistrations;

    uint256 public registrations;
    address public lastOperator;
    address public lastAVS;
    uint32 public lastSetId;
    bytes public lastData;

    Deregistration public deregistration;
    /// @dev `gasleft()` on entry into `onDeregister`.
    uint256 public gasAtDeregistration;

    error DeregistrationRefused();

    /// @notice Rejects later registrations by reverting with exactly `reason`.
    function reject(bytes calldata reason) external {
        rejecting = true;
        rejection = reason;
    }

    /// @notice Makes later deregistration hooks revert.
    function failDeregistrations() external {
        failingDeregistrations = true;
    }

    function onRegister(address operator, address avs, uint32 setId, bytes calldata data) external {
        if (rejecting) {
            bytes memory reason = rejection;
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
        ++registrations;
        lastOperator = operator;
        lastAVS = avs;
        lastSetId = setId;
        lastData = data;
    }

    function onDeregister(address operator, address, uint32 setId) external {
        uint256 gasAtEntry = gasleft();
        if (failingDeregistrations) revert DeregistrationRefused();
        gasAtDeregistration = gasAtEntry;
        deregistration = Deregistration({operator: operator, setId: setId, count: deregistration.count + 1});
    }

    function deregistrations() external view returns (uint256) {
        return deregistration.count;
    }
}
