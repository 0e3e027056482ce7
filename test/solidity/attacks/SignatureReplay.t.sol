// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {StrategyManager} from "../../../contracts/core/StrategyManager.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {MockERC1271Wallet} from "../../../contracts/mocks/MockERC1271Wallet.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice Replaying a staker's deposit signature: twice on the same manager, on another chain, on another
/// manager, out of nonce order, and for a contract staker (EIP-1271).
contract SignatureReplayAttackTest is DeployFixture {
    uint256 internal constant AMOUNT = 10e18;
    /// @dev What a fresh vault mints per token unit (VIRTUAL_SHARES / VIRTUAL_ASSETS): deposits here are the
    /// vault's first, or made at its unchanged price.
    uint256 internal constant SHARES_PER_UNIT = 1e3;
    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        expiry = block.timestamp + 1 days;
        _fund(strategy, carol, 1_000e18);
    }

    function test_replay_sameSignatureTwice_secondRefused() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        bytes32 digestAtNextNonce = sm.depositDigest(alice, strategy, AMOUNT, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digestAtNextNonce));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        vm.assertEq(sm.scaledShares(alice, strategy), AMOUNT * SHARES_PER_UNIT, "credited once");
        vm.assertEq(token.balanceOf(carol), 1_000e18 - AMOUNT, "payer charged once");
    }

    function test_replay_onAnotherChain_refused() public {
        // Signed on this chain, replayed after a fork that changed the chain id.
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        uint256 forkChainId = block.chainid + 1;
        vm.chainId(forkChainId);

        bytes32 forkDigest = _eip712Digest(address(sm), forkChainId, alice, strategy, AMOUNT, 0, expiry);
        vm.assertEq(sm.depositDigest(alice, strategy, AMOUNT, 0, expiry), forkDigest, "digest of the fork");
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, forkDigest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_replay_signatureMadeForAnotherChain_refusedHere() public {
        // Signed (correctly) for chain 1 and presented on this one.
        bytes32 mainnetDigest = _eip712Digest(address(sm), 1, alice, strategy, AMOUNT, 0, expiry);
        bytes memory signature = signDigest(aliceKey, mainnetDigest);
        bytes32 localDigest = _eip712Digest(address(sm), block.chainid, alice, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, localDigest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        // On chain 1 the very same signature is accepted: the only difference was the chain id.
        vm.chainId(1);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(
            sm.scaledShares(alice, strategy),
            AMOUNT * SHARES_PER_UNIT,
            "accepted on the chain it was made for"
        );
    }

    function test_replay_onAnotherManagerProxy_refused() public {
        // A second manager behind its own proxy, even one running the very same implementation code.
        StrategyManager other = StrategyManager(
            address(
                ERC1967Proxy(
                    payable(
                        _deploy(
                            "ERC1967Proxy.sol:ERC1967Proxy",
                            abi.encode(address(smImpl), abi.encodeCall(StrategyManager.initialize, (owner, pauser)))
                        )
                    )
                )
            )
        );
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes32 otherDigest = other.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        vm.assertNotEq(
            uint256(otherDigest),
            uint256(sm.depositDigest(alice, strategy, AMOUNT, 0, expiry)),
            "the verifying contract separates the digests"
        );

        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, otherDigest));
        vm.prank(carol);
        other.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(other.nonces(alice), 0, "other manager's nonce untouched");

        // The signature is still good where it belongs.
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(
            sm.scaledShares(alice, strategy),
            AMOUNT * SHARES_PER_UNIT,
            "accepted by the manager it was made for"
        );
    }

    function test_replay_outOfNonceOrder_refusedThenAcceptedInOrder() public {
        bytes memory first = signDigest(aliceKey, sm.depositDigest(alice, strategy, 1e18, 0, expiry));
        bytes memory second = signDigest(aliceKey, sm.depositDigest(alice, strategy, 2e18, 1, expiry));

        bytes32 digestAtZero = sm.depositDigest(alice, strategy, 2e18, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digestAtZero));
        vm.prank(carol);
        sm.depositWithSignature(strategy, 2e18, alice, expiry, second);

        vm.startPrank(carol);
        sm.depositWithSignature(strategy, 1e18, alice, expiry, first);
        sm.depositWithSignature(strategy, 2e18, alice, expiry, second);
        vm.stopPrank();
        vm.assertEq(sm.scaledShares(alice, strategy), 3e18 * SHARES_PER_UNIT, "both credited in order");
        vm.assertEq(sm.nonces(alice), 2, "two nonces spent");
    }

    function test_replay_twoSignaturesForSameNonce_onlyOneUsable() public {
        // The staker can cancel a signature given to a relayer by spending its nonce on another one.
        bytes memory given = _signDeposit(aliceKey, alice, strategy, 5e18, expiry);
        bytes memory replacement = _signDeposit(aliceKey, alice, strategy, 1e18, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, 1e18, alice, expiry, replacement);

        bytes32 digest = sm.depositDigest(alice, strategy, 5e18, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, 5e18, alice, expiry, given);
    }

    function test_replay_contractStaker_acceptedOnceWithOwnerKey_refusedWithOtherKey() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(alice);
        address staker = address(wallet);

        bytes memory forged = _signDeposit(bobKey, staker, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(staker, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, staker, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, staker, expiry, forged);

        bytes memory genuine = _signDeposit(aliceKey, staker, strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, staker, expiry, genuine);
        vm.assertEq(sm.scaledShares(staker, strategy), AMOUNT * SHARES_PER_UNIT, "wallet credited");

        bytes32 nextDigest = sm.depositDigest(staker, strategy, AMOUNT, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, staker, nextDigest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, staker, expiry, genuine);
    }

    function test_replay_ownersEoaSignatureNotValidForItsWallet() public {
        // Alice both owns a wallet and stakes herself: her signature for herself cannot be replayed for the
        // wallet, because the staker is part of the signed struct.
        MockERC1271Wallet wallet = new MockERC1271Wallet(alice);
        bytes memory forSelf = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes32 walletDigest = sm.depositDigest(address(wallet), strategy, AMOUNT, 0, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, address(wallet), walletDigest)
        );
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, address(wallet), expiry, forSelf);
    }
}
