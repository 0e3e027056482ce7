// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";

import {CoreFixture} from "./CoreFixture.sol";
import {Vm} from "./Vm.sol";

/// @notice What the delegation tests share on top of `CoreFixture`: an approver's EIP-712 digest built from the
/// formula (not read from the registry, so that a wrong domain or type hash in the contract shows), signing and
/// delegating with it, the registry's storage layout for forcing id collisions, and log counting.
abstract contract RegistryHelpers is CoreFixture {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant APPROVAL_TYPEHASH = keccak256(
        "DelegationApproval(address staker,address operator,bytes32 salt,uint256 expiry)"
    );
    string internal constant REGISTRY_NAME = "Palisade OperatorRegistry";
    string internal constant REGISTRY_VERSION = "1";

    /// @dev The registry's ERC-7201 namespace; `operators` is the first member of its struct, so it sits here.
    bytes32 internal constant REGISTRY_STORAGE = 0x83156177f0d2ad6cf0005481c8020fda5aaffbf89549a44515aa867b97933400;

    /// @dev The registry's pause bits as flag sets (checked against the contract's constants in the view tests).
    uint256 internal constant REGISTRATION_FLAG = 1 << 0;
    uint256 internal constant DELEGATION_FLAG = 1 << 1;
    uint256 internal constant UNDELEGATION_FLAG = 1 << 2;
    /// @dev The withdrawal queue's queueing pause bit as a flag set.
    uint256 internal constant QUEUE_FLAG = 1 << 0;

    // ---------------------------------------------------------------- digests and signatures

    /// @dev The EIP-712 domain separator of an OperatorRegistry at `verifyingContract` on chain `chainId`.
    function _registryDomainSeparator(address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(REGISTRY_NAME)),
                    keccak256(bytes(REGISTRY_VERSION)),
                    chainId,
                    verifyingContract
                )
            );
    }

    /// @dev The digest an approver signs, built from the EIP-712 formula.
    function _approvalDigest(
        address verifyingContract,
        uint256 chainId,
        address staker,
        address operator,
        bytes32 salt,
        uint256 expiry
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(APPROVAL_TYPEHASH, staker, operator, salt, expiry));
        return
            keccak256(abi.encodePacked("\x19\x01", _registryDomainSeparator(verifyingContract, chainId), structHash));
    }

    /// @dev The digest for the fixture's registry on the current chain.
    function _approvalDigest(
        address staker,
        address operator,
        bytes32 salt,
        uint256 expiry
    ) internal view returns (bytes32) {
        return _approvalDigest(address(registry), block.chainid, staker, operator, salt, expiry);
    }

    /// @dev `key`'s approval of `staker` delegating to `operator` with `salt`, for the fixture's registry here.
    function _signApproval(
        uint256 key,
        address staker,
        address operator,
        bytes32 salt,
        uint256 expiry
    ) internal view returns (IOperatorRegistry.ApproverSignature memory) {
        return
            IOperatorRegistry.ApproverSignature({
                signature: signDigest(key, _approvalDigest(staker, operator, salt, expiry)),
                expiry: expiry
            });
    }

    function _noSignature() internal pure returns (IOperatorRegistry.ApproverSignature memory none) {}

    // ---------------------------------------------------------------- actions

    /// @dev `staker` delegates to `operator` with `signature` and `salt`.
    function _delegateWith(
        address staker,
        address operator,
        IOperatorRegistry.ApproverSignature memory signature,
        bytes32 salt
    ) internal {
        vm.prank(staker);
        registry.delegate(operator, signature, salt);
    }

    function _pauseRegistry(uint256 flags) internal {
        vm.prank(pauser);
        registry.pause(flags);
    }

    // ---------------------------------------------------------------- operator ids

    /// @dev The id `_freeId` starts from: the low 32 bits of `keccak256(abi.encode(operator))`.
    function _hashedId(address operator) internal pure returns (uint32) {
        return uint32(uint256(keccak256(abi.encode(operator))));
    }

    /// @dev The storage slot of `operators[id]` in the registry.
    function _recordSlot(uint32 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(id), REGISTRY_STORAGE));
    }

    /// @dev Makes id `id` look taken, by writing `occupant` into its record's address field.
    function _occupyId(uint32 id, address occupant) internal {
        vm.store(address(registry), _recordSlot(id), bytes32(uint256(uint160(occupant))));
    }

    // ---------------------------------------------------------------- small builders and log reading

    function _list(IStrategy strategy) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = strategy;
    }

    function _list(IStrategy first, IStrategy second) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](2);
        list[0] = first;
        list[1] = second;
    }

    function _amounts(uint256 first, uint256 second) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        amounts[0] = first;
        amounts[1] = second;
    }

    /// @dev How many of `logs` `emitter` emitted with first topic `topic0`.
    function _countLogs(Vm.Log[] memory logs, address emitter, bytes32 topic0) internal pure returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == emitter && logs[i].topics.length != 0 && logs[i].topics[0] == topic0) ++count;
        }
    }

    /// @dev Asserts that `actual` is the withdrawal described by the other arguments.
    function _assertWithdrawal(
        IWithdrawalQueue.Withdrawal memory actual,
        address staker,
        uint32 operatorId,
        uint256 maturity,
        uint256 nonce,
        IStrategy[] memory strategies,
        uint256[] memory scaled
    ) internal pure {
        vm.assertEq(actual.staker, staker, "withdrawal staker");
        vm.assertEq(actual.operatorId, operatorId, "withdrawal operator id");
        vm.assertEq(actual.maturity, maturity, "withdrawal maturity");
        vm.assertEq(actual.nonce, nonce, "withdrawal nonce");
        vm.assertEq(actual.strategies.length, strategies.length, "withdrawal strategy count");
        vm.assertEq(actual.scaledShares.length, scaled.length, "withdrawal amount count");
        for (uint256 i; i < strategies.length; ++i) {
            vm.assertEq(address(actual.strategies[i]), address(strategies[i]), "withdrawal strategy");
            vm.assertEq(actual.scaledShares[i], scaled[i], "withdrawal scaled shares");
        }
    }
}
