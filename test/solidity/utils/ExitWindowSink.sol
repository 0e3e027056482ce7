// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Stands in for the AVS registry where a test deploys a withdrawal queue of its own: it accepts the delay
/// parameters every queue pushes (`IAVSRegistry.syncExitWindow`) and remembers the last ones.
contract ExitWindowSink {
    uint32 public delay;
    uint48 public maturityFloor;

    function syncExitWindow(uint32 delay_, uint48 maturityFloor_) external {
        delay = delay_;
        maturityFloor = maturityFloor_;
    }
}
