// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../contracts/interfaces/IOperatorRegistry.sol";
import {IPauseControl} from "../../../contracts/interfaces/IPauseControl.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {MockERC1271Wallet} from "../../../contracts/mocks/MockERC1271Wallet.sol";

import {RegistryHelpers} from "../utils/RegistryHelpers.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The staker side of the registry: delegation (without approver, with an ECDSA or an EIP-1271
/// approver, by the approver itself), undelegation by the staker and forced by the operator or its approver, and
/// redelegation, each with its revert paths and pause bit.
contract OperatorRegistryDelegationTest is RegistryHelpers {
    bytes32 internal constant SALT = keccak256("salt");

    address internal operator;
    uint32 internal operatorId;
    /// @dev An operator whose delegations `approver` (an EOA with `approverKey`) must approve.
    address internal gated;
    uint32 internal gatedId;
    address internal approver;
    uint256 internal approverKey;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    address internal stranger;
    uint256 internal expiry;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        operator = makeAddr("operator");
        gated = makeAddr("gated");
        (approver, approverKey) = makeAddrAndKey("approver");
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        stranger = makeAddr("stranger");
        operatorId = _registerOperator(operator);
        gatedId = _registerOperator(gated, approver);
        expiry = block.timestamp + 1 days;
    }

    // ---------------------------------------------------------------- delegate, no approver

    function test_delegate_movesEveryPositionIntoOperatorStake() public {
        uint256 sharesA = _deposit(alice, strategyA, 3e18);
        uint256 sharesB = _deposit(alice, strategyB, 5e18);

        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerDelegated(alice, operator, operatorId);
        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, 3e21);
        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyB, 5e21);
        _delegate(alice, operator);

        vm.assertEq(registry.delegatedTo(alice), operator, "delegated to");
        vm.assertEq(sm.delegatedOperatorId(alice), operatorId, "header id");
        (uint256 scaledA, uint256 stakeA) = sm.operatorStake(operatorId, strategyA);
        (uint256 scaledB, uint256 stakeB) = sm.operatorStake(operatorId, strategyB);
        vm.assertEq(scaledA, sharesA, "scaled stake A");
        vm.assertEq(stakeA, sharesA, "stake A");
        vm.assertEq(scaledB, sharesB, "scaled stake B");
        vm.assertEq(stakeB, sharesB, "stake B");
        vm.assertEq(sm.scaledShares(alice, strategyA), sharesA, "position A unchanged at factor WAD");
    }

    function test_delegate_withoutPositionsOnlySetsOperator() public {
        vm.recordLogs();
        _delegate(alice, operator);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(sm.delegatedOperatorId(alice), operatorId, "delegated");
        vm.assertEq(_countLogs(logs, address(sm), IStrategyManager.OperatorStakeChanged.selector), 0, "no stake moved");
    }

    /// @dev Without an approver, whatever signature and salt come along are ignored and nothing is spent.
    function test_delegate_withoutApprover_ignoresSignatureAndSalt() public {
        IOperatorRegistry.ApproverSignature memory junk = IOperatorRegistry.ApproverSignature({
            signature: hex"deadbeef",
            expiry: 0
        });
        _delegateWith(alice, operator, junk, SALT);
        vm.assertEq(registry.delegatedTo(alice), operator, "delegated");
        vm.assertFalse(registry.isApproverSaltSpent(address(0), SALT), "no salt spent");
    }

    /// @dev Deposits after delegating join the operator's stake as they arrive.
    function test_delegate_laterDepositsJoinOperatorStake() public {
        _delegate(alice, operator);
        tokenA.mint(alice, 2e18);
        vm.prank(alice);
        tokenA.approve(address(strategyA), 2e18);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, 2e21);
        vm.prank(alice);
        sm.deposit(strategyA, 2e18);
        (uint256 scaled, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, 2e21, "stake");
    }

    function test_delegate_revertsWhen_operatorNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        _delegateWith(alice, stranger, _noSignature(), SALT);
    }

    function test_delegate_revertsWhen_operatorIsZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, address(0)));
        _delegateWith(alice, address(0), _noSignature(), SALT);
    }

    /// @dev A delegated staker carries an operator id, but it is not an operator: nobody can delegate to it.
    function test_delegate_revertsWhen_targetIsDelegatedStaker() public {
        _delegate(bob, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, bob));
        _delegateWith(alice, bob, _noSignature(), SALT);
    }

    function test_delegate_revertsWhen_stakerAlreadyDelegated() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StakerAlreadyDelegated.selector, alice, operatorId));
        _delegateWith(alice, operator, _noSignature(), SALT);
    }

    function test_delegate_revertsWhen_stakerDelegatedElsewhere() public {
        address other = makeAddr("other");
        _registerOperator(other);
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StakerAlreadyDelegated.selector, alice, operatorId));
        _delegateWith(alice, other, _noSignature(), SALT);
        vm.assertEq(registry.delegatedTo(alice), operator, "still with the first operator");
    }

    /// @dev An operator is delegated to itself for good: it cannot join another operator.
    function test_delegate_revertsWhen_callerIsOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StakerAlreadyDelegated.selector, gated, gatedId));
        _delegateWith(gated, operator, _noSignature(), SALT);
    }

    function test_delegate_revertsWhen_operatorDelegatesToItself() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.StakerAlreadyDelegated.selector, operator, operatorId));
        _delegateWith(operator, operator, _noSignature(), SALT);
    }

    function test_delegate_revertsWhen_delegationPaused() public {
        _pauseRegistry(DELEGATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_DELEGATION()));
        _delegateWith(alice, operator, _noSignature(), SALT);
    }

    function test_delegate_worksWhileRegistrationAndUndelegationPaused() public {
        _pauseRegistry(REGISTRATION_FLAG | UNDELEGATION_FLAG);
        _delegate(alice, operator);
        vm.assertEq(registry.delegatedTo(alice), operator, "delegated");
    }

    // ---------------------------------------------------------------- delegate, ECDSA approver

    function test_delegate_withApproverSignature_delegatesAndSpendsSalt() public {
        _deposit(alice, strategyA, 1e18);
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);

        vm.expectEmit(address(registry));
        emit IOperatorRegistry.ApproverSaltUsed(approver, SALT);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerDelegated(alice, gated, gatedId);
        _delegateWith(alice, gated, signature, SALT);

        vm.assertEq(registry.delegatedTo(alice), gated, "delegated");
        vm.assertTrue(registry.isApproverSaltSpent(approver, SALT), "salt spent");
        (uint256 scaled, ) = sm.operatorStake(gatedId, strategyA);
        vm.assertEq(scaled, 1e21, "stake moved");
    }

    function test_delegate_revertsWhen_approverSignatureMissing() public {
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry);
        IOperatorRegistry.ApproverSignature memory empty = IOperatorRegistry.ApproverSignature({
            signature: "",
            expiry: expiry
        });
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        _delegateWith(alice, gated, empty, SALT);
    }

    function test_delegate_revertsWhen_signedByAnotherKey() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(aliceKey, alice, gated, SALT, expiry);
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        _delegateWith(alice, gated, signature, SALT);
        vm.assertFalse(registry.isApproverSaltSpent(approver, SALT), "salt not spent by a failed attempt");
    }

    /// @dev The signature covers the expiry: presenting a later one than was signed breaks it.
    function test_delegate_revertsWhen_expiryDiffersFromSigned() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        signature.expiry = expiry + 1;
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        _delegateWith(alice, gated, signature, SALT);
    }

    /// @dev The signature covers the salt: presenting another salt than was signed breaks it.
    function test_delegate_revertsWhen_saltDiffersFromSigned() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        bytes32 otherSalt = keccak256("other salt");
        bytes32 digest = _approvalDigest(alice, gated, otherSalt, expiry);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        _delegateWith(alice, gated, signature, otherSalt);
    }

    function test_delegate_revertsWhen_approverSignatureExpired() public {
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.ApproverSignatureExpired.selector, expiry, expiry + 1)
        );
        _delegateWith(alice, gated, signature, SALT);
    }

    function test_delegate_revertsWhen_approverSaltSpent() public {
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        IOperatorRegistry.ApproverSignature memory forBob = _signApproval(approverKey, bob, gated, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, approver, SALT));
        _delegateWith(bob, gated, forBob, SALT);
    }

    /// @dev Checks run in the documented order: expiry first, then the salt, then the signature.
    function test_delegate_checksExpiryBeforeSalt() public {
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        vm.warp(expiry + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.ApproverSignatureExpired.selector, expiry, expiry + 1)
        );
        _delegateWith(bob, gated, _signApproval(approverKey, bob, gated, SALT, expiry), SALT);
    }

    function test_delegate_checksSaltBeforeSignature() public {
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        IOperatorRegistry.ApproverSignature memory garbage = IOperatorRegistry.ApproverSignature({
            signature: hex"01",
            expiry: expiry
        });
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, approver, SALT));
        _delegateWith(bob, gated, garbage, SALT);
    }

    /// @dev Salts belong to the approver, not to an (approver, operator) pair: an approver serving two operators
    /// cannot reuse a salt across them.
    function test_delegate_saltSpentAcrossOperatorsOfSameApprover() public {
        address second = makeAddr("second gated");
        _registerOperator(second, approver);
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);

        IOperatorRegistry.ApproverSignature memory forSecond = _signApproval(approverKey, bob, second, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.ApproverSaltSpent.selector, approver, SALT));
        _delegateWith(bob, second, forSecond, SALT);
    }

    function test_delegate_sameSaltWorksForDifferentApprovers() public {
        (address otherApprover, uint256 otherKey) = makeAddrAndKey("other approver");
        address second = makeAddr("second gated");
        _registerOperator(second, otherApprover);
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        _delegateWith(bob, second, _signApproval(otherKey, bob, second, SALT, expiry), SALT);
        vm.assertEq(registry.delegatedTo(bob), second, "bob delegated with the same salt");
        vm.assertTrue(registry.isApproverSaltSpent(otherApprover, SALT), "spent for the other approver too");
    }

    /// @dev The approver approves its own delegation by sending it: no signature, and no salt spent.
    function test_delegate_byApproverItselfNeedsNoSignature() public {
        _deposit(approver, strategyA, 1e18);
        vm.recordLogs();
        _delegateWith(approver, gated, _noSignature(), SALT);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        vm.assertEq(registry.delegatedTo(approver), gated, "approver delegated");
        vm.assertFalse(registry.isApproverSaltSpent(approver, SALT), "salt not spent");
        vm.assertEq(
            _countLogs(logs, address(registry), IOperatorRegistry.ApproverSaltUsed.selector),
            0,
            "no salt event"
        );
        (uint256 scaled, ) = sm.operatorStake(gatedId, strategyA);
        vm.assertEq(scaled, 1e21, "stake moved");
    }

    /// @dev The approver of one operator has no say over another operator's delegations.
    function test_delegate_revertsWhen_approverOfAnotherOperatorSends() public {
        (address otherApprover, ) = makeAddrAndKey("other approver");
        address second = makeAddr("second gated");
        _registerOperator(second, otherApprover);
        bytes32 digest = _approvalDigest(approver, second, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, otherApprover, digest)
        );
        _delegateWith(approver, second, IOperatorRegistry.ApproverSignature({signature: "", expiry: expiry}), SALT);
    }

    function test_delegate_afterApproverRemovedNeedsNoSignature() public {
        vm.prank(gated);
        registry.setDelegationApprover(address(0));
        _delegateWith(alice, gated, _noSignature(), SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "delegated freely");
        vm.assertFalse(registry.isApproverSaltSpent(approver, SALT), "old approver's salt untouched");
    }

    function test_delegate_afterApproverChangedNeedsNewApprover() public {
        (address newApprover, uint256 newKey) = makeAddrAndKey("new approver");
        vm.prank(gated);
        registry.setDelegationApprover(newApprover);

        IOperatorRegistry.ApproverSignature memory byOld = _signApproval(approverKey, alice, gated, SALT, expiry);
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, newApprover, digest)
        );
        _delegateWith(alice, gated, byOld, SALT);

        _delegateWith(alice, gated, _signApproval(newKey, alice, gated, SALT, expiry), SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "delegated with the new approver's signature");
    }

    /// @dev Delegations made before an approver is set stay.
    function test_setDelegationApprover_keepsExistingDelegations() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        vm.prank(operator);
        registry.setDelegationApprover(approver);
        vm.assertEq(registry.delegatedTo(alice), operator, "still delegated");
        (uint256 scaled, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(scaled, 1e21, "stake kept");
    }

    // ---------------------------------------------------------------- delegate, EIP-1271 approver

    function test_delegate_withEIP1271Approver_acceptsOwnersSignature() public {
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
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.ApproverSaltUsed(address(wallet), SALT);
        _delegateWith(alice, contractGated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), contractGated, "delegated");
        vm.assertTrue(registry.isApproverSaltSpent(address(wallet), SALT), "wallet's salt spent");
    }

    function test_delegate_withEIP1271Approver_revertsWhen_walletRefuses() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(makeAddr("wallet owner"));
        address contractGated = makeAddr("contract gated");
        _registerOperator(contractGated, address(wallet));

        IOperatorRegistry.ApproverSignature memory signature = _signApproval(
            aliceKey,
            alice,
            contractGated,
            SALT,
            expiry
        );
        bytes32 digest = _approvalDigest(alice, contractGated, SALT, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, address(wallet), digest)
        );
        _delegateWith(alice, contractGated, signature, SALT);
    }

    function test_delegate_withEIP1271Approver_walletSendingNeedsNoSignature() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(makeAddr("wallet owner"));
        address contractGated = makeAddr("contract gated");
        _registerOperator(contractGated, address(wallet));
        _delegateWith(address(wallet), contractGated, _noSignature(), SALT);
        vm.assertEq(registry.delegatedTo(address(wallet)), contractGated, "wallet delegated");
    }

    // ---------------------------------------------------------------- undelegate by the staker

    function test_undelegate_byStaker_queuesAllPositionsAsOneWithdrawal() public {
        uint256 sharesA = _deposit(alice, strategyA, 3e18);
        uint256 sharesB = _deposit(alice, strategyB, 5e18);
        _delegate(alice, operator);

        vm.recordLogs();
        vm.prank(alice);
        bytes32 root = registry.undelegate(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        IWithdrawalQueue.Withdrawal memory withdrawal = _queuedIn(logs);

        _assertWithdrawal(
            withdrawal,
            alice,
            operatorId,
            block.timestamp + WITHDRAWAL_DELAY,
            0,
            _list(strategyA, strategyB),
            _amounts(sharesA, sharesB)
        );
        vm.assertEq(root, wq.withdrawalRoot(withdrawal), "returned root is the withdrawal's");
        vm.assertTrue(wq.isPending(withdrawal), "pending");
        vm.assertEq(_countLogs(logs, address(wq), IWithdrawalQueue.WithdrawalQueued.selector), 1, "one withdrawal");
        vm.assertEq(
            _countLogs(logs, address(registry), IOperatorRegistry.StakerForceUndelegated.selector),
            0,
            "not forced"
        );

        vm.assertEq(registry.delegatedTo(alice), address(0), "undelegated");
        vm.assertEq(sm.stakerStrategyCount(alice), 0, "no positions left");
        (uint256 stakeA, ) = sm.operatorStake(operatorId, strategyA);
        (uint256 stakeB, ) = sm.operatorStake(operatorId, strategyB);
        vm.assertEq(stakeA, 0, "operator stake A");
        vm.assertEq(stakeB, 0, "operator stake B");
    }

    function test_undelegate_byStaker_emitsStakerUndelegatedWithRoot() public {
        _deposit(alice, strategyA, 3e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory expected = IWithdrawalQueue.Withdrawal({
            staker: alice,
            operatorId: operatorId,
            maturity: uint48(block.timestamp + WITHDRAWAL_DELAY),
            nonce: 0,
            strategies: _list(strategyA),
            scaledShares: new uint256[](1)
        });
        expected.scaledShares[0] = 3e21;
        bytes32 root = wq.withdrawalRoot(expected);

        vm.expectEmit(address(sm));
        emit IStrategyManager.OperatorStakeChanged(operatorId, strategyA, 0);
        vm.expectEmit(address(wq));
        emit IWithdrawalQueue.WithdrawalQueued(root, alice, expected);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerUndelegated(alice, operator, root);
        vm.prank(alice);
        registry.undelegate(alice);
    }

    function test_undelegate_stakerCompletesWithdrawalAsTokens() public {
        _deposit(alice, strategyA, 3e18);
        _deposit(alice, strategyB, 5e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(alice, alice);

        vm.warp(withdrawal.maturity);
        uint256[] memory paid = _complete(withdrawal, true);
        vm.assertEq(paid[0], 3e21, "shares of A paid");
        vm.assertEq(paid[1], 5e21, "shares of B paid");
        vm.assertEq(tokenA.balanceOf(alice), 3e18, "tokens A back");
        vm.assertEq(tokenB.balanceOf(alice), 5e18, "tokens B back");
    }

    /// @dev A staker without positions leaves without a withdrawal: the root is zero.
    function test_undelegate_withoutPositions_returnsZeroRootAndQueuesNothing() public {
        _delegate(alice, operator);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerUndelegated(alice, operator, bytes32(0));
        vm.recordLogs();
        vm.prank(alice);
        bytes32 root = registry.undelegate(alice);
        vm.assertEq(root, bytes32(0), "zero root");
        vm.assertEq(
            _countLogs(vm.getRecordedLogs(), address(wq), IWithdrawalQueue.WithdrawalQueued.selector),
            0,
            "nothing queued"
        );
        vm.assertEq(registry.delegatedTo(alice), address(0), "undelegated");
    }

    function test_undelegate_thenDelegateToAnotherOperator() public {
        address other = makeAddr("other");
        uint32 otherId = _registerOperator(other);
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        _undelegate(alice, alice);
        _deposit(alice, strategyA, 2e18);
        _delegate(alice, other);
        (uint256 oldStake, ) = sm.operatorStake(operatorId, strategyA);
        (uint256 newStake, ) = sm.operatorStake(otherId, strategyA);
        vm.assertEq(oldStake, 0, "old operator");
        vm.assertEq(newStake, 2e21, "new operator has the fresh deposit only");
    }

    function test_undelegate_revertsWhen_stakerNotDelegated() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotDelegated.selector, alice));
        vm.prank(alice);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_operatorUndelegatesItself() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.OperatorCannotUndelegate.selector, operator));
        vm.prank(operator);
        registry.undelegate(operator);
    }

    /// @dev Nobody, the approver included, can take an operator out of its own stake.
    function test_undelegate_revertsWhen_approverTargetsOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.OperatorCannotUndelegate.selector, gated));
        vm.prank(approver);
        registry.undelegate(gated);
    }

    function test_undelegate_revertsWhen_undelegationPaused() public {
        _delegate(alice, operator);
        _pauseRegistry(UNDELEGATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_UNDELEGATION()));
        vm.prank(alice);
        registry.undelegate(alice);
    }

    function test_undelegate_forced_revertsWhen_undelegationPaused() public {
        _delegate(alice, operator);
        _pauseRegistry(UNDELEGATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_UNDELEGATION()));
        vm.prank(operator);
        registry.undelegate(alice);
    }

    /// @dev Undelegation queues through the withdrawal queue, so the queue's pause stops it too.
    function test_undelegate_revertsWhen_queueingPaused() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        vm.prank(owner);
        wq.pause(QUEUE_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, wq.PAUSE_QUEUE()));
        vm.prank(alice);
        registry.undelegate(alice);
        vm.assertEq(registry.delegatedTo(alice), operator, "still delegated");
    }

    /// @dev Without positions there is nothing to queue, so the queue's pause is never consulted. The interface
    /// says undelegation "also stops while the withdrawal queue's queueing is paused"; it does only for stakers
    /// that hold positions (see the report that came with these tests).
    function test_undelegate_withoutPositions_succeedsWhileQueueingPaused() public {
        _delegate(alice, operator);
        vm.prank(owner);
        wq.pause(QUEUE_FLAG);
        vm.prank(alice);
        bytes32 root = registry.undelegate(alice);
        vm.assertEq(root, bytes32(0), "nothing queued");
        vm.assertEq(registry.delegatedTo(alice), address(0), "undelegated although queueing is paused");
    }

    function test_undelegate_worksWhileRegistrationAndDelegationPaused() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        _pauseRegistry(REGISTRATION_FLAG | DELEGATION_FLAG);
        _undelegate(alice, alice);
        vm.assertEq(registry.delegatedTo(alice), address(0), "undelegated");
    }

    // ---------------------------------------------------------------- forced undelegation

    function test_undelegate_byOperator_isForcedAndQueuesForStaker() public {
        uint256 shares = _deposit(alice, strategyA, 3e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory expected = IWithdrawalQueue.Withdrawal({
            staker: alice,
            operatorId: operatorId,
            maturity: uint48(block.timestamp + WITHDRAWAL_DELAY),
            nonce: 0,
            strategies: _list(strategyA),
            scaledShares: new uint256[](1)
        });
        expected.scaledShares[0] = shares;
        bytes32 root = wq.withdrawalRoot(expected);

        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerUndelegated(alice, operator, root);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerForceUndelegated(alice, operator, operator, root);
        vm.prank(operator);
        bytes32 returned = registry.undelegate(alice);

        vm.assertEq(returned, root, "root returned");
        vm.assertTrue(wq.isPending(expected), "queued in the staker's name");
        vm.assertEq(registry.delegatedTo(alice), address(0), "alice undelegated");

        vm.warp(expected.maturity);
        _complete(expected, true);
        vm.assertEq(tokenA.balanceOf(alice), 3e18, "alice gets her tokens");
    }

    function test_undelegate_byApprover_isForcedAndQueuesForStaker() public {
        _deposit(alice, strategyA, 2e18);
        _deposit(alice, strategyB, 1e18);
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);

        vm.recordLogs();
        vm.prank(approver);
        bytes32 root = registry.undelegate(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        IWithdrawalQueue.Withdrawal memory withdrawal = _queuedIn(logs);

        _assertWithdrawal(
            withdrawal,
            alice,
            gatedId,
            block.timestamp + WITHDRAWAL_DELAY,
            0,
            _list(strategyA, strategyB),
            _amounts(2e21, 1e21)
        );
        vm.assertEq(root, wq.withdrawalRoot(withdrawal), "root");
        _assertForcedEvent(logs, alice, gated, approver, root);
    }

    /// @dev The staker may take its forced-out stake back as shares; undelegated, they sit at factor WAD.
    function test_undelegate_forced_stakerCompletesAsShares() public {
        _deposit(alice, strategyA, 2e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(operator, alice);

        vm.warp(withdrawal.maturity);
        _complete(withdrawal, false);
        vm.assertEq(sm.scaledShares(alice, strategyA), 2e21, "position back");
        vm.assertEq(sm.delegatedOperatorId(alice), 0, "undelegated");
        (uint256 stake, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(stake, 0, "not back in the operator's stake");
    }

    /// @dev Forcing a staker out gives the operator no claim on the withdrawal.
    function test_undelegate_forced_operatorCannotCompleteWithdrawal() public {
        _deposit(alice, strategyA, 2e18);
        _delegate(alice, operator);
        IWithdrawalQueue.Withdrawal memory withdrawal = _undelegate(operator, alice);
        vm.warp(withdrawal.maturity);
        vm.expectRevert(abi.encodeWithSelector(IWithdrawalQueue.NotWithdrawalStaker.selector, operator, alice));
        vm.prank(operator);
        wq.completeWithdrawal(withdrawal, true, operator);
    }

    function test_undelegate_revertsWhen_callerIsStranger() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, stranger, alice));
        vm.prank(stranger);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_callerIsAnotherOperator() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, gated, alice));
        vm.prank(gated);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_callerIsAnotherOperatorsApprover() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, approver, alice));
        vm.prank(approver);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_callerIsFellowStaker() public {
        _delegate(alice, operator);
        _delegate(bob, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, bob, alice));
        vm.prank(bob);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_callerIsFormerApprover() public {
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        vm.prank(gated);
        registry.setDelegationApprover(makeAddr("new approver"));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, approver, alice));
        vm.prank(approver);
        registry.undelegate(alice);
    }

    function test_undelegate_revertsWhen_callerIsRemovedApprover() public {
        _delegateWith(alice, gated, _signApproval(approverKey, alice, gated, SALT, expiry), SALT);
        vm.prank(gated);
        registry.setDelegationApprover(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.UndelegationUnauthorized.selector, approver, alice));
        vm.prank(approver);
        registry.undelegate(alice);
    }

    /// @dev An approver set after the staker delegated can force it out all the same.
    function test_undelegate_byApproverSetAfterDelegation() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        vm.prank(operator);
        registry.setDelegationApprover(approver);

        vm.recordLogs();
        vm.prank(approver);
        bytes32 root = registry.undelegate(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(root, wq.withdrawalRoot(_queuedIn(logs)), "root of the queued withdrawal");
        _assertForcedEvent(logs, alice, operator, approver, root);
    }

    // ---------------------------------------------------------------- redelegate

    function test_redelegate_queuesStakeAndDelegatesToNewOperator() public {
        address other = makeAddr("other");
        uint32 otherId = _registerOperator(other);
        uint256 shares = _deposit(alice, strategyA, 4e18);
        _delegate(alice, operator);

        vm.recordLogs();
        vm.prank(alice);
        bytes32 root = registry.redelegate(other, _noSignature(), SALT);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        IWithdrawalQueue.Withdrawal memory withdrawal = _queuedIn(logs);

        _assertWithdrawal(
            withdrawal,
            alice,
            operatorId,
            block.timestamp + WITHDRAWAL_DELAY,
            0,
            _list(strategyA),
            _amounts1(shares)
        );
        vm.assertEq(root, wq.withdrawalRoot(withdrawal), "root");
        vm.assertEq(registry.delegatedTo(alice), other, "delegated to the new operator");
        (uint256 oldStake, ) = sm.operatorStake(operatorId, strategyA);
        (uint256 newStake, ) = sm.operatorStake(otherId, strategyA);
        vm.assertEq(oldStake, 0, "left the old operator");
        vm.assertEq(newStake, 0, "not in the new operator's stake before the delay");

        // Completed as shares, the stake lands with the new operator.
        vm.warp(withdrawal.maturity);
        _complete(withdrawal, false);
        (newStake, ) = sm.operatorStake(otherId, strategyA);
        vm.assertEq(newStake, shares, "in the new operator's stake after completion");
        vm.assertEq(sm.scaledShares(alice, strategyA), shares, "position back");
    }

    function test_redelegate_emitsUndelegatedThenDelegated() public {
        address other = makeAddr("other");
        uint32 otherId = _registerOperator(other);
        _delegate(alice, operator);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerUndelegated(alice, operator, bytes32(0));
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.StakerDelegated(alice, other, otherId);
        vm.prank(alice);
        bytes32 root = registry.redelegate(other, _noSignature(), SALT);
        vm.assertEq(root, bytes32(0), "no positions, no withdrawal");
    }

    function test_redelegate_toGatedOperatorWithApproverSignature() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        IOperatorRegistry.ApproverSignature memory signature = _signApproval(approverKey, alice, gated, SALT, expiry);
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.ApproverSaltUsed(approver, SALT);
        vm.prank(alice);
        registry.redelegate(gated, signature, SALT);
        vm.assertEq(registry.delegatedTo(alice), gated, "delegated to the gated operator");
        vm.assertTrue(registry.isApproverSaltSpent(approver, SALT), "salt spent");
    }

    function test_redelegate_revertsWhen_newOperatorsApproverDidNotSign() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        bytes32 digest = _approvalDigest(alice, gated, SALT, expiry);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidApproverSignature.selector, approver, digest));
        vm.prank(alice);
        registry.redelegate(gated, IOperatorRegistry.ApproverSignature({signature: "", expiry: expiry}), SALT);
        // All or nothing: the undelegation half is undone too.
        vm.assertEq(registry.delegatedTo(alice), operator, "still with the old operator");
        vm.assertEq(sm.scaledShares(alice, strategyA), 1e21, "position untouched");
    }

    function test_redelegate_revertsWhen_newOperatorNotRegistered() public {
        _delegate(alice, operator);
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotOperator.selector, stranger));
        vm.prank(alice);
        registry.redelegate(stranger, _noSignature(), SALT);
    }

    function test_redelegate_revertsWhen_notDelegated() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotDelegated.selector, alice));
        vm.prank(alice);
        registry.redelegate(operator, _noSignature(), SALT);
    }

    function test_redelegate_revertsWhen_callerIsOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.OperatorCannotUndelegate.selector, operator));
        vm.prank(operator);
        registry.redelegate(gated, _noSignature(), SALT);
    }

    function test_redelegate_revertsWhen_undelegationPaused() public {
        _delegate(alice, operator);
        _pauseRegistry(UNDELEGATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_UNDELEGATION()));
        vm.prank(alice);
        registry.redelegate(gated, _noSignature(), SALT);
    }

    function test_redelegate_revertsWhen_delegationPaused() public {
        _delegate(alice, operator);
        _pauseRegistry(DELEGATION_FLAG);
        vm.expectRevert(abi.encodeWithSelector(IPauseControl.ActionPaused.selector, registry.PAUSE_DELEGATION()));
        vm.prank(alice);
        registry.redelegate(gated, _noSignature(), SALT);
    }

    /// @dev Redelegating to the same operator is legal: it sends the stake through the queue and back.
    function test_redelegate_toSameOperatorQueuesStake() public {
        _deposit(alice, strategyA, 1e18);
        _delegate(alice, operator);
        vm.prank(alice);
        bytes32 root = registry.redelegate(operator, _noSignature(), SALT);
        vm.assertNotEq(uint256(root), 0, "queued");
        vm.assertEq(registry.delegatedTo(alice), operator, "same operator");
        (uint256 stake, ) = sm.operatorStake(operatorId, strategyA);
        vm.assertEq(stake, 0, "stake in the queue");
    }

    // ---------------------------------------------------------------- helpers

    function _amounts1(uint256 amount) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](1);
        amounts[0] = amount;
    }

    /// @dev The one withdrawal the queue announced in `logs`.
    function _queuedIn(Vm.Log[] memory logs) internal view returns (IWithdrawalQueue.Withdrawal memory withdrawal) {
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(wq) && logs[i].topics[0] == IWithdrawalQueue.WithdrawalQueued.selector) {
                vm.assertFalse(found, "a single withdrawal");
                withdrawal = abi.decode(logs[i].data, (IWithdrawalQueue.Withdrawal));
                found = true;
            }
        }
        vm.assertTrue(found, "a withdrawal was queued");
    }

    /// @dev Asserts `logs` hold exactly one `StakerForceUndelegated` with these arguments.
    function _assertForcedEvent(
        Vm.Log[] memory logs,
        address staker,
        address fromOperator,
        address caller,
        bytes32 root
    ) internal view {
        uint256 count;
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (
                log.emitter != address(registry) || log.topics[0] != IOperatorRegistry.StakerForceUndelegated.selector
            ) {
                continue;
            }
            ++count;
            vm.assertEq(log.topics[1], bytes32(uint256(uint160(staker))), "event staker");
            vm.assertEq(log.topics[2], bytes32(uint256(uint160(fromOperator))), "event operator");
            vm.assertEq(log.topics[3], bytes32(uint256(uint160(caller))), "event caller");
            vm.assertEq(abi.decode(log.data, (bytes32)), root, "event root");
        }
        vm.assertEq(count, 1, "one forced undelegation event");
    }
}
