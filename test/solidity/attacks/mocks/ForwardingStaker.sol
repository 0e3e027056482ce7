// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A staker that is a contract and forwards any call it is given, bubbling reverts up unchanged. Armed as
/// the target of a token's transfer hook, it makes the staker itself re-enter Palisade in the middle of a payment,
/// so that only a reentrancy guard (not a caller check) can stop the nested call.
contract ForwardingStaker {
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
