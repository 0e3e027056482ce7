// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice An operator set: the AVS that owns it and the id the AVS gave it. Ids are the AVS's own namespace, so two
/// AVSs can both have a set 0.
struct OperatorSet {
    address avs;
    uint32 id;
}

/// @title OperatorSetLib
/// @notice The storage key of an operator set.
library OperatorSetLib {
    /// @notice `set` packed into one word: the AVS's address above the id. Distinct sets have distinct keys, and the
    /// key costs no hashing.
    function key(OperatorSet calldata set) internal pure returns (bytes32) {
        return bytes32((uint256(uint160(set.avs)) << 32) | set.id);
    }
}
