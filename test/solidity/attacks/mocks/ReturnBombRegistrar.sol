// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorSetRegistrar} from "../../../../contracts/interfaces/IOperatorSetRegistrar.sol";

/// @notice A hostile registrar hook that answers with a huge payload (a "return bomb"): `size` bytes, returned or
/// reverted with, so that a caller copying the return data would pay the memory expansion a second time. The
/// first `PATTERN_WORDS` words carry a recognisable pattern (`patternWord(i)`), the rest are zeros.
contract ReturnBombRegistrar is IOperatorSetRegistrar {
    uint256 public constant PATTERN_WORDS = 64;

    uint256 public immutable size;
    bool public immutable reverting;

    constructor(uint256 size_, bool reverting_) {
        size = size_;
        reverting = reverting_;
    }

    /// @notice The `i`-th word of the payload, for `i < PATTERN_WORDS`.
    function patternWord(uint256 i) public pure returns (bytes32) {
        // Arithmetic only: hashing would allocate memory over the payload being written.
        return bytes32(type(uint256).max - i);
    }

    function onRegister(address, address, uint32, bytes calldata) external view {
        _bomb();
    }

    function onDeregister(address, address, uint32) external view {
        _bomb();
    }

    /// @dev Returns or reverts with `size` bytes from memory offset 0, overwriting memory: nothing runs after it.
    function _bomb() private view {
        uint256 payloadSize = size;
        bool shouldRevert = reverting;
        uint256 words = PATTERN_WORDS;
        for (uint256 i; i < words; ++i) {
            bytes32 word = patternWord(i);
            assembly {
                mstore(mul(i, 0x20), word)
            }
        }
        assembly {
            if shouldRevert {
                revert(0, payloadSize)
            }
            return(0, payloadSize)
        }
    }
}
