// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEquivocationSlasher} from "../../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IStrategy} from "../../../../contracts/interfaces/IStrategy.sol";
import {IWithdrawalQueue} from "../../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../../contracts/libraries/OperatorSetLib.sol";
import {MockERC20} from "../../../../contracts/mocks/MockERC20.sol";

import {AVSHelpers} from "../../utils/AVSHelpers.sol";

/// @notice What the issue-12 attack tests (an operator or a governance action reaching stakers' principal) share on
/// top of `AVSHelpers`: a realistic clock, full withdrawals and their payout in tokens, redistributing sets and their
/// escrowed buckets, scheduling a slasher with its recipient, and the equivocation slasher's EIP-712 messages built
/// from the formula (not read from the contract).
abstract contract StakerProtectionHelpers is AVSHelpers {
    string internal constant EQUIVOCATION = "EquivocationSlasher.sol:EquivocationSlasher";
    string internal constant VETO = "VetoSlasher.sol:VetoSlasher";
    bytes32 internal constant EQUIVOCATION_DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant ATTESTATION_TYPEHASH = keccak256("Attestation(uint64 height,bytes32 payloadHash)");
    bytes32 internal constant KEY_REGISTRATION_TYPEHASH = keccak256("KeyRegistration(address operator,address key)");

    /// @dev A hundred tokens: every victim's stake.
    uint256 internal constant STAKE = 100e18;
    uint256 internal constant STAKE_SHARES = STAKE * SHARES_PER_TOKEN;

    function setUp() public virtual override {
        super.setUp();
        // A realistic clock, so that "now minus the withdrawal delay" is a time like any other.
        vm.warp(1_700_000_000);
    }

    // ---------------------------------------------------------------- stakers

    /// @dev `staker` deposits `amount` fresh tokens of `strategy` and delegates to `operator`.
    function _stakeWith(address staker, address operator, IStrategy strategy, uint256 amount) internal {
        _deposit(staker, strategy, amount);
        _delegate(staker, operator);
    }

    /// @dev `staker` queues a withdrawal of everything it can withdraw from `strategy`.
    function _queueAll(address staker, IStrategy strategy) internal returns (IWithdrawalQueue.Withdrawal memory) {
        return _queue(staker, strategy, sm.withdrawableShares(staker, strategy));
    }

    /// @dev Waits for `withdrawal` to mature, completes it as tokens to its staker, and returns the tokens paid.
    function _completeAsTokens(IWithdrawalQueue.Withdrawal memory withdrawal) internal returns (uint256 paid) {
        if (block.timestamp < withdrawal.maturity) vm.warp(withdrawal.maturity);
        MockERC20 token = MockERC20(address(withdrawal.strategies[0].token()));
        uint256 before = token.balanceOf(withdrawal.staker);
        _complete(withdrawal, true);
        return token.balanceOf(withdrawal.staker) - before;
    }

    /// @dev What `staker`'s position in `strategy` is worth in tokens today.
    function _worth(address staker, IStrategy strategy) internal view returns (uint256) {
        return strategy.sharesToUnderlying(sm.withdrawableShares(staker, strategy));
    }

    // ---------------------------------------------------------------- sets and slashers

    /// @dev `setAVS` creates set `setId` over `strategies`, slashed by `setSlasher`, redistributing to `setRecipient`.
    function _createRedistributingSet(
        address setAVS,
        uint32 setId,
        IStrategy[] memory strategies,
        address setSlasher,
        address setRecipient
    ) internal returns (OperatorSet memory) {
        return _createSet(setAVS, setId, strategies, setSlasher, address(0), setRecipient);
    }

    /// @dev `set`'s AVS schedules `newSlasher`, with `newRecipient` (`address(0)` for a burning set).
    function _scheduleSlasherWith(
        OperatorSet memory set,
        address newSlasher,
        address newRecipient
    ) internal returns (uint48 effectAt) {
        vm.prank(set.avs);
        return avsRegistry.scheduleSlasher(set.id, newSlasher, newRecipient);
    }

    /// @dev The shares in `set`'s bucket of `strategy` owed to `bucketRecipient` (`address(0)`: the burning bucket).
    function _bucketShares(
        OperatorSet memory set,
        IStrategy strategy,
        address bucketRecipient
    ) internal view returns (uint256 shares) {
        (shares, ) = coordinator.bucket(set, strategy, bucketRecipient);
    }

    function _releasableAt(
        OperatorSet memory set,
        IStrategy strategy,
        address bucketRecipient
    ) internal view returns (uint48 releasableAt) {
        (, releasableAt) = coordinator.bucket(set, strategy, bucketRecipient);
    }

    /// @dev Anyone releases `set`'s bucket of `strategy` owed to `bucketRecipient`; returns the tokens sent.
    function _release(
        OperatorSet memory set,
        IStrategy strategy,
        address bucketRecipient
    ) internal returns (uint256 amount) {
        vm.prank(stranger);
        (, amount) = coordinator.releaseSlashedFunds(set, strategy, bucketRecipient);
    }

    /// @dev `caller` slashes `operator` in `set` by `wad` of its allocation of `strategy`; returns the shares taken.
    function _slashBy(
        address caller,
        OperatorSet memory set,
        address operator,
        IStrategy strategy,
        uint256 wad
    ) internal returns (uint256) {
        (, uint256[] memory shares) = _slashAs(caller, set, operator, _strategies(strategy), _wads(wad));
        return shares[0];
    }

    /// @dev `caller`'s slash of `operator` in `set` (all of its allocation of `strategy`) reverts with `reason`.
    function _expectSlashRevert(
        address caller,
        OperatorSet memory set,
        address operator,
        IStrategy strategy,
        bytes memory reason
    ) internal {
        IStrategy[] memory strategies = _strategies(strategy);
        uint256[] memory wads = _wads(WAD);
        vm.expectRevert(reason);
        vm.prank(caller);
        coordinator.slash(operator, set, strategies, wads, "expected to fail");
    }

    // ---------------------------------------------------------------- the equivocation slasher

    function _deployEquivocation(
        OperatorSet memory set,
        IStrategy[] memory strategies,
        uint256 slashWad,
        uint256 bountyWad,
        address treasury
    ) internal returns (IEquivocationSlasher) {
        return
            IEquivocationSlasher(
                _deploy(EQUIVOCATION, abi.encode(coordinator, set, strategies, slashWad, bountyWad, treasury))
            );
    }

    function _equivocationDigest(address instance, bytes32 structHash) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                EQUIVOCATION_DOMAIN_TYPEHASH,
                keccak256(bytes("Palisade EquivocationSlasher")),
                keccak256(bytes("1")),
                block.chainid,
                instance
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev `pk`'s attestation of `payloadHash` at `height` under `instance`'s domain.
    function _attest(
        IEquivocationSlasher instance,
        uint256 pk,
        uint64 height,
        bytes32 payloadHash
    ) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(ATTESTATION_TYPEHASH, height, payloadHash));
        return signDigest(pk, _equivocationDigest(address(instance), structHash));
    }

    /// @dev `operator` registers the key of `pk` with `instance`, with the key's proof of possession.
    function _registerKey(IEquivocationSlasher instance, address operator, uint256 pk) internal {
        address key = vm.addr(pk);
        bytes32 structHash = keccak256(abi.encode(KEY_REGISTRATION_TYPEHASH, operator, key));
        bytes memory proof = signDigest(pk, _equivocationDigest(address(instance), structHash));
        vm.prank(operator);
        instance.registerSigningKey(key, proof);
    }

    /// @dev `reporter` reports that `pk` signed two payloads at `height` under `instance`.
    function _reportEquivocation(
        IEquivocationSlasher instance,
        address reporter,
        uint256 pk,
        uint64 height
    ) internal returns (uint256 slashId) {
        bytes32 a = keccak256(abi.encode("block A", height));
        bytes32 b = keccak256(abi.encode("block B", height));
        bytes memory signatureA = _attest(instance, pk, height, a);
        bytes memory signatureB = _attest(instance, pk, height, b);
        vm.prank(reporter);
        return instance.reportEquivocation(height, a, signatureA, b, signatureB);
    }
}
