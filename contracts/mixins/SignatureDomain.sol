// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title SignatureDomain
/// @notice EIP-712 domain (name, version, chain id, this contract) and signature checks for contracts behind a
/// proxy, published through ERC-5267.
/// @dev The name and version are compile-time constants of the inheriting contract, so the domain lives in code,
/// not in storage: nothing to initialise, nothing to collide with in an upgrade. The separator is rebuilt on every
/// use (one keccak over five words): it always carries the proxy's address and the current chain id, so a
/// signature is valid on one chain and one contract only, forks included.
abstract contract SignatureDomain is IERC5267 {
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        // 0x0f: name, version, chainId and verifyingContract are set; salt and extensions are not.
        return (hex"0f", _domainName(), _domainVersion(), block.chainid, address(this), bytes32(0), extensions);
    }

    /// @notice The EIP-712 domain separator of this contract on this chain.
    function domainSeparator() public view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(_domainName())),
                    keccak256(bytes(_domainVersion())),
                    block.chainid,
                    address(this)
                )
            );
    }

    /// @dev The EIP-712 digest of a struct hash under this contract's domain.
    function _hashTypedData(bytes32 structHash) internal view returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(domainSeparator(), structHash);
    }

    /// @dev Whether `signature` is `signer`'s over `digest`: an ECDSA signature by the signer's key, or else, for
    /// an account with code, its EIP-1271 approval. ECDSA comes first so that an account which delegated its code
    /// (EIP-7702) can still sign with its own key; no key exists for a contract's address, so the order cannot
    /// let anyone else sign for a contract.
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) internal view returns (bool) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return
            signer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    /// @dev The EIP-712 domain name.
    function _domainName() internal pure virtual returns (string memory);

    /// @dev The EIP-712 domain version.
    function _domainVersion() internal pure virtual returns (string memory);
}
