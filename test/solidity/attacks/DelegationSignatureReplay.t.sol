// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {WithdrawalQueue} from "../../../contracts/core/WithdrawalQueue.sol";
import {OperatorRegistry} from "../../../contracts/delegation/OperatorRegistry.sol";
import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {MockERC1271Wallet} from "../../../contracts/mocks/MockERC1271Wallet.sol";
import {StrategyManagerHarness} from "../../../contracts/mocks/StrategyManagerHarness.sol";
import {DeploymentPlaceholder} from "../../../contracts/proxy/DeploymentPlaceholder.sol";

import {ExitWindowSink} from "../utils/ExitWindowSink.sol";
import {RegistryHelpers} from "../utils/RegistryHelpers.sol";

/// @notice Replaying a delegation approver's signature: a second time (same salt), by another staker, for another
/// operator, on another chain, on another registry deployment, after it expired, and in malleated form.
contract DelegationSignatureReplayAttackTest is RegistryHelpers {
    /// @dev The order of the secp256k1 group: `s` and `n - s` both verify, OpenZeppelin accepts only the low one.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant SALT = keccak256("salt");

    /// @dev The operator `approver` gates.
    address internal gated;
    address internal approver;
    uint256 internal approverKey;
    address internal alice;
    address internal bob;
    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        gated = makeAddr("gated");
        (approver, approverKey) = makeAddrAndKey("approver");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        _registerOperator(gated, approver);
        expiry = block.timestamp + 1 days;
        // Stake worth delegating: what an attacker replaying an approval would move.
        _deposit(alice, strategyA, 1e18);
    }

    // ---------------------------------------------------------------- same salt

    function test_replay_sameSignatureAfterUndelegating_refused() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        _delegateWith(alice, gated, signature, SALT);
        _undelegate(alice, alice);

        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, approver, SALT));
        _delegateWith(alice, gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), address(0), "the replay delegated nobody");
    }

    /// @dev Redelegating back through `redelegate` spends salts like `delegate` does.
    function test_replay_sameSignatureThroughRedelegate_refused() public {
        address open = makeAddr("open");
        _registerOperator(open);
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        _delegateWith(alice, gated, signature, SALT);
        vm.prank(alice);
        registry.redelegate(open, _noSignature(), bytes32(0));

        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, approver, SALT));
        vm.prank(alice);
        registry.redelegate(gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), open, "still with the open operator");
    }

    function test_replay_sameSaltWithEIP1271Approver_refused() public {
        (address walletOwner, uint256 walletKey) = makeAddrAndKey("wallet owner");
        MockERC1271Wallet wallet = new MockERC1271Wallet(walletOwner);
        address contractGated = makeAddr("contract gated");
        _registerOperator(contractGated, address(wallet));
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(
            walletKey,
            alice,
            contractGated,
            SALT,
            expiry
        );
        _delegateWith(alice, contractGated, signature, SALT);
        _undelegate(alice, alice);

        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, address(wallet), SALT));
        _delegateWith(alice, contractGated, signature, SALT);
    }

    // ---------------------------------------------------------------- another staker, another operator

    function test_replay_byAnotherStaker_refused() public {
        IOperatorRegistry.ApproverSignature memory forAlice = _signApproval(approverKey, alice, gated, SALT, expiry);
        bytes32 bobsDigest = _approvalDigest(bob, gated, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, bobsDigest)
        );
        _delegateWith(bob, gated, forAlice, SALT);

        // Bob's attempt spent nothing: alice can still use what was made for her.
        _delegateWith(alice, gated, forAlice, SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "accepted for the staker it was made for");
    }

    function test_replay_forAnotherOperatorOfSameApprover_refused() public {
        address second = makeAddr("second gated");
        _registerOperator(second, approver);
        IOperatorRegistry.ApproverSignature memory forGated = _signApproval(approverKey, alice, gated, SALT, expiry);
        bytes32 secondDigest = _approvalDigest(alice, second, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, secondDigest)
        );
        _delegateWith(alice, second, forGated, SALT);
        vm.assertFalse(registry.isApproverSaltSpent(approver, SALT), "salt not spent");
    }

    // ---------------------------------------------------------------- another chain

    function test_replay_onAnotherChain_refused() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        uint256 forkChainId = block.chainid + 1;
        vm.chainId(forkChainId);

        bytes32 forkDigest = _approvalDigest(address(registry), forkChainId, alice, gated, SALT, expiry);
        vm.assertEq(registry.delegationApprovalDigest(alice, gated, SALT, expiry), forkDigest, "digest of the fork");
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, forkDigest)
        );
        _delegateWith(alice, gated, signature, SALT);
    }

    function test_replay_signatureMadeForAnotherChain_refusedHere() public {
        bytes32 mainnetDigest = _approvalDigest(address(registry), 1, alice, gated, SALT, expiry);
        IOperatorRegistry.ApproverSignature memory signature = IOperatorRegistry.ApproverSignature({
            signature: signDigest(approverKey, mainnetDigest),
            expiry: expiry
        });
        bytes32 localDigest = _approvalDigest(alice, gated, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, localDigest)
        );
        _delegateWith(alice, gated, signature, SALT);

        // On chain 1 the very same signature is accepted: the chain id was the only difference.
        vm.chainId(1);
        _delegateWith(alice, gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "accepted on the chain it was made for");
    }

    // ---------------------------------------------------------------- another deployment

    function test_replay_onAnotherRegistryDeployment_refused() public {
        OperatorRegistry other = _deploySecondCore();
        vm.prank(gated);
        other.registerAsOperator(approver, MIN_ALLOCATION_DELAY, "ipfs://operator");

        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        bytes32 otherDigest = _approvalDigest(address(other), block.chainid, alice, gated, SALT, expiry);
        vm.assertEq(other.delegationApprovalDigest(alice, gated, SALT, expiry), otherDigest, "other's digest");
        vm.assertNotEq(
            uint256(otherDigest),
            uint256(_approvalDigest(alice, gated, SALT, expiry)),
            "the verifying contract separates the digests"
        );

        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, otherDigest)
        );
        vm.prank(alice);
        other.delegate(gated, signature, SALT);
        vm.assertFalse(other.isApproverSaltSpent(approver, SALT), "nothing spent on the other registry");

        _delegateWith(alice, gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "accepted by the registry it was made for");
    }

    /// @dev Salts are per registry: spending one here leaves the same salt usable, with its own signature, there.
    function test_saltSpentOnOneRegistry_stillFreshOnAnother() public {
        OperatorRegistry other = _deploySecondCore();
        vm.prank(gated);
        other.registerAsOperator(approver, MIN_ALLOCATION_DELAY, "ipfs://operator");
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);

        bytes32 otherDigest = _approvalDigest(address(other), block.chainid, alice, gated, SALT, expiry);
        IOperatorRegistry.ApproverSignature memory forOther = IOperatorRegistry.ApproverSignature({
            signature: signDigest(approverKey, otherDigest),
            expiry: expiry
        });
        vm.prank(alice);
        other.delegate(gated, forOther, SALT);
        vm.assertEq(other.delegatedTo(alice), gated, "delegated on the other registry");
        vm.assertTrue(other.isApproverSaltSpent(approver, SALT), "spent there now");
    }

    // ---------------------------------------------------------------- expiry

    function test_expiry_acceptedAtExpiry() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        vm.warp(expiry);
        _delegateWith(alice, gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "accepted in its last second");
    }

    function test_expiry_refusedAtExpiryPlusOne() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.ApproverSignatureExpired.selector, expiry, expiry + 1)
        );
        _delegateWith(alice, gated, signature, SALT);
        vm.assertFalse(registry.isApproverSaltSpent(approver, SALT), "an expired signature spends nothing");
    }

    // ---------------------------------------------------------------- malleability

    /// @dev The high-s twin of a valid signature is refused, and so cannot be a second, unspent copy.
    function test_replay_malleatedSignature_refused() public {
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(approverKey, digest);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        IOperatorRegistry.ApproverSignature memory twin = IOperatorRegistry.ApproverSignature({
            signature: abi.encodePacked(r, highS, flippedV),
            expiry: expiry
        });
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        _delegateWith(alice, gated, twin, SALT);

        _delegateWith(
            alice,
            gated,
            IOperatorRegistry.ApproverSignature({signature: abi.encodePacked(r, s, v), expiry: expiry}),
            SALT
        );
        vm.assertEq(registry.delegatedTo(alice), gated, "the canonical form works");
    }

    // ---------------------------------------------------------------- a second core

    /// @dev A second core wired like `CoreFixture` wires the first: proxies on a placeholder, then the real
    /// implementations. Only its registry is returned; the tests need no strategy there.
    function _deploySecondCore() internal returns (OperatorRegistry) {
        DeploymentPlaceholder placeholder = DeploymentPlaceholder(
            _deploy("DeploymentPlaceholder.sol:DeploymentPlaceholder", "")
        );
        bytes memory placeholderCall = abi.encodeCall(DeploymentPlaceholder.deployer, ());
        address smProxy = address(
            ERC1967Proxy(
                payable(_deploy("ERC1967Proxy.sol:ERC1967Proxy", abi.encode(address(placeholder), placeholderCall)))
            )
        );
        address wqProxy = address(
            ERC1967Proxy(
                payable(_deploy("ERC1967Proxy.sol:ERC1967Proxy", abi.encode(address(placeholder), placeholderCall)))
            )
        );
        address registryProxy = address(
            ERC1967Proxy(
                payable(_deploy("ERC1967Proxy.sol:ERC1967Proxy", abi.encode(address(placeholder), placeholderCall)))
            )
        );
        UUPSUpgradeable(smProxy).upgradeToAndCall(
            address(
                StrategyManagerHarness(
                    _deploy(
                        "StrategyManagerHarness.sol:StrategyManagerHarness",
                        abi.encode(wqProxy, registryProxy, address(0), address(0))
                    )
                )
            ),
            abi.encodeCall(StrategyManager.initialize, (owner, pauser))
        );
        UUPSUpgradeable(wqProxy).upgradeToAndCall(
            address(
                WithdrawalQueue(
                    _deploy(
                        "WithdrawalQueue.sol:WithdrawalQueue",
                        abi.encode(smProxy, registryProxy, address(new ExitWindowSink()))
                    )
                )
            ),
            abi.encodeCall(WithdrawalQueue.initialize, (owner, pauser, WITHDRAWAL_DELAY))
        );
        UUPSUpgradeable(registryProxy).upgradeToAndCall(
            address(OperatorRegistry(_deploy("OperatorRegistry.sol:OperatorRegistry", abi.encode(smProxy, wqProxy)))),
            abi.encodeCall(OperatorRegistry.initialize, (owner, pauser, MIN_ALLOCATION_DELAY, MAX_ALLOCATION_DELAY))
        );
        return OperatorRegistry(registryProxy);
    }
}
