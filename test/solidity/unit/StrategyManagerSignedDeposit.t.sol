// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {MockERC1271Wallet} from "../../../contracts/mocks/MockERC1271Wallet.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice `StrategyManager.depositWithSignature`: the signature checks, the nonce, and who pays.
/// Alice is the staker who signs; Carol relays the deposit and pays the tokens.
contract StrategyManagerSignedDepositTest is DeployFixture {
    uint256 internal constant AMOUNT = 25e18;
    /// @dev The shares `AMOUNT` buys in a fresh vault: 1,000 per token unit.
    uint256 internal constant SHARES = 25e21;
    /// @dev secp256k1 group order, to build the high-s twin of a signature.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        expiry = block.timestamp + 1 hours;
        _fund(strategy, carol, 1_000e18);
    }

    // ---------------------------------------------------------------- happy paths

    function test_depositDigest_matchesEip712Formula() public view {
        bytes32 fromContract = sm.depositDigest(alice, strategy, AMOUNT, 7, expiry);
        bytes32 fromFormula = _eip712Digest(address(sm), block.chainid, alice, strategy, AMOUNT, 7, expiry);
        vm.assertEq(fromContract, fromFormula, "digest follows EIP-712 with the documented type and domain");
        vm.assertEq(sm.DEPOSIT_TYPEHASH(), DEPOSIT_TYPEHASH, "type hash of the documented type string");
    }

    function test_depositWithSignature_creditsStakerChargesCallerAndSpendsNonce() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);

        vm.expectEmit(address(sm));
        emit IStrategyManager.DepositSignatureUsed(alice, 0, carol);
        vm.expectEmit(address(sm));
        emit IStrategyManager.Deposited(alice, strategy, AMOUNT, SHARES, SHARES);
        vm.prank(carol);
        uint256 shares = sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        vm.assertEq(shares, SHARES, "shares minted");
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "staker credited");
        vm.assertEq(sm.scaledShares(carol, strategy), 0, "payer not credited");
        vm.assertEq(token.balanceOf(carol), 1_000e18 - AMOUNT, "tokens came from the caller");
        vm.assertEq(token.balanceOf(alice), 0, "staker paid nothing");
        vm.assertEq(sm.nonces(alice), 1, "nonce spent");
        vm.assertEq(sm.nonces(carol), 0, "payer's nonce untouched");
        vm.assertEq(address(sm.stakerStrategies(alice)[0]), address(strategy), "strategy listed for the staker");
    }

    function test_depositWithSignature_acceptedAtExactExpiry() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.warp(expiry);
        vm.prank(carol);
        vm.assertEq(sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature), SHARES, "valid up to expiry");
    }

    function test_depositWithSignature_stakerMayRelayOwnSignature() public {
        _fund(strategy, alice, AMOUNT);
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(alice);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(token.balanceOf(alice), 0, "staker paid as the caller");
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "staker credited");
    }

    function test_depositWithSignature_noncesAdvanceOneBySignedDeposit() public {
        for (uint256 i; i < 3; ++i) {
            bytes memory signature = _signDeposit(aliceKey, alice, strategy, 1e18, expiry);
            vm.prank(carol);
            sm.depositWithSignature(strategy, 1e18, alice, expiry, signature);
            vm.assertEq(sm.nonces(alice), i + 1, "nonce after each signed deposit");
        }
        // A plain deposit is not signed and leaves the nonce alone.
        _deposit(alice, strategy, 1e18);
        vm.assertEq(sm.nonces(alice), 3, "plain deposit leaves the nonce");
        // Each 1e18 deposit mints 1e21 shares: the price stays at 1,000 shares per token unit without donations.
        vm.assertEq(sm.scaledShares(alice, strategy), 4e21, "all four deposits credited");
    }

    function test_depositWithSignature_contractStakerAcceptedWithOwnerSignature() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(bob);
        bytes memory signature = _signDeposit(bobKey, address(wallet), strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, address(wallet), expiry, signature);
        vm.assertEq(sm.scaledShares(address(wallet), strategy), SHARES, "contract staker credited");
        vm.assertEq(sm.nonces(address(wallet)), 1, "contract staker's nonce spent");
    }

    function test_depositWithSignature_delegatedAccountStillSignsWithOwnKey() public {
        // Alice delegates her account's code (EIP-7702) to a contract without `isValidSignature`: her account now
        // has code, yet her own key must still sign for her, so ECDSA is tried before EIP-1271.
        _delegate(alice, address(token));
        vm.assertGt(alice.code.length, 0, "alice's account has code");

        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(carol);
        vm.assertEq(sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature), SHARES, "own key accepted");
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "delegated account credited");
        vm.assertEq(sm.nonces(alice), 1, "nonce spent");
    }

    function test_depositWithSignature_revertsWhen_delegatedAccountSignedByAnotherKey() public {
        // Another key is no ECDSA signature of alice's, and her code (a token) approves nothing by EIP-1271.
        _delegate(alice, address(token));
        bytes memory signature = _signDeposit(bobKey, alice, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_delegatedAccountAcceptsBothItsKeyAndItsCodesApproval() public {
        // Alice delegates to a wallet's code that approves Bob's signatures: Bob's key now signs for her through
        // EIP-1271, and her own key keeps working through ECDSA.
        MockERC1271Wallet wallet = new MockERC1271Wallet(bob);
        _delegate(alice, address(wallet));

        bytes memory bobsApproval = _signDeposit(bobKey, alice, strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, bobsApproval);
        vm.assertEq(sm.nonces(alice), 1, "EIP-1271 approval accepted");

        bytes memory ownSignature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, ownSignature);
        vm.assertEq(sm.nonces(alice), 2, "own key accepted");
        vm.assertEq(sm.scaledShares(alice, strategy), 2 * SHARES, "both deposits credited");
    }

    // ---------------------------------------------------------------- reverts

    function test_depositWithSignature_revertsWhen_expired() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.SignatureExpired.selector, expiry, expiry + 1));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(sm.nonces(alice), 0, "nonce not spent by a refused signature");
    }

    function test_depositWithSignature_revertsWhen_signedByAnotherKey() public {
        bytes memory signature = _signDeposit(bobKey, alice, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_amountTampered() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        // The relayer tries to deposit more (or less) than the staker agreed to: the digest no longer matches.
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT + 1, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT + 1, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_strategyTampered() public {
        (, IStrategy other) = _newWhitelistedStrategy("Other", 18);
        _fund(other, carol, AMOUNT);
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(alice, other, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(other, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_expiryTampered() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry + 1 days, signature);
    }

    function test_depositWithSignature_revertsWhen_stakerSwapped() public {
        // Alice's signature presented as Bob's: credited to Bob it would be, but Bob never signed.
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(bob, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, bob, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, bob, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_replayed() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        // The nonce moved to 1, so the same bytes now sign a digest nobody asked for.
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "credited once only");
    }

    function test_depositWithSignature_revertsWhen_signatureForFutureNonce() public {
        bytes memory signature = signDigest(aliceKey, sm.depositDigest(alice, strategy, AMOUNT, 1, expiry));
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_signatureMalformed() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        bytes memory truncated = new bytes(64);
        for (uint256 i; i < 64; ++i) truncated[i] = signature[i];
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, truncated);
    }

    function test_depositWithSignature_revertsWhen_signatureIsHighSTwin() public {
        // (r, n - s, v ^ 1) recovers the same signer; accepting it would give every signature a second encoding.
        bytes32 digest = sm.depositDigest(alice, strategy, AMOUNT, 0, expiry);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        bytes memory twin = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, alice, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, twin);
    }

    function test_depositWithSignature_revertsWhen_contractStakerSignedByAnotherKey() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(bob);
        bytes memory signature = _signDeposit(aliceKey, address(wallet), strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(address(wallet), strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, address(wallet), digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, address(wallet), expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_contractStakerGivenItsOwnersDirectSignatureAsEoa() public {
        // The wallet's owner key signs for its own address: valid for Bob, useless for the wallet (and vice versa).
        MockERC1271Wallet wallet = new MockERC1271Wallet(bob);
        bytes memory signature = _signDeposit(bobKey, bob, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(address(wallet), strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, address(wallet), digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, address(wallet), expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_contractStakerWithoutIsValidSignature() public {
        // A contract staker that does not implement EIP-1271 can never authorise a deposit, whoever signs.
        address tokenAsStaker = address(token);
        bytes memory signature = _signDeposit(aliceKey, tokenAsStaker, strategy, AMOUNT, expiry);
        bytes32 digest = sm.depositDigest(tokenAsStaker, strategy, AMOUNT, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.InvalidSignature.selector, tokenAsStaker, digest));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, tokenAsStaker, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_signedDepositsPaused() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        _pause(SIGNED_DEPOSITS_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, uint8(1)));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_depositsPaused() public {
        // The deposit bit covers signed deposits too (checked first).
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        _pause(DEPOSITS_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, uint8(0)));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_strategyNotWhitelisted_andNonceSurvives() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.prank(owner);
        sm.removeStrategiesFromWhitelist(_list(strategy));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StrategyNotWhitelisted.selector, strategy));
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);

        // The revert undid the nonce increment: the same signature works once the strategy is back.
        vm.assertEq(sm.nonces(alice), 0, "nonce restored by the revert");
        _whitelist(strategy);
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
        vm.assertEq(sm.scaledShares(alice, strategy), SHARES, "signature usable after the failed attempt");
    }

    function test_depositWithSignature_revertsWhen_amountIsZero() public {
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.ZeroDepositAmount.selector));
        vm.prank(carol);
        sm.depositWithSignature(strategy, 0, alice, expiry, signature);
    }

    function test_depositWithSignature_revertsWhen_perDepositCapExceeded() public {
        _setCaps(strategy, 10e18, 100e18);
        bytes memory signature = _signDeposit(aliceKey, alice, strategy, AMOUNT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.PerDepositCapExceeded.selector, strategy, AMOUNT, 10e18)
        );
        vm.prank(carol);
        sm.depositWithSignature(strategy, AMOUNT, alice, expiry, signature);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Gives `account` the EIP-7702 delegation designator `0xef0100 || implementation`, as a type-4
    /// transaction signed by the account would.
    function _delegate(address account, address implementation) internal {
        vm.etch(account, abi.encodePacked(hex"ef0100", implementation));
    }
}
