// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorSetRegistrar} from "../../../../contracts/interfaces/IOperatorSetRegistrar.sol";

/// @notice A hostile registrar hook that loops until it runs out of gas: on deregistrations always, and on
/// registrations once armed. Whatever gas it is given, it burns.
contract GasBurningRegistrar is IOperatorSetRegistrar {
    bool public burningRegistrations;

    function burnRegistrations() external {
        burningRegistrations = true;
    }

    function onRegister(address, address, uint32, bytes calldata) external view {
        if (burningRegistrations) _burn();
    }

    function onDeregister(address, address, uint32) external pure {
        _burn();
    }

    function _burn() private pure {
        assembly ("memory-safe") {
            for {
                let i := 0
            } 1 {
                i := add(i, 1)
            } {}
        }
    }
}
