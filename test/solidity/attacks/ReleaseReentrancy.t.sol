// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../contracts/interfaces/IStrategyManager.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The attack: a token with transfer hooks re-enters the coordinator while a bucket is being released
/// (the tokens are in flight to the burn address or the recipient) to release the same bucket again, another
/// bucket, slash again, or withdraw straight from the StrategyManager. The bucket is emptied before the transfer
/// and both the coordinator and the manager hold reentrancy guards: every nested call is refused, the outer
/// release pays once, and a refused bucket can still be released afterwards. The token records the nested call's
/// outcome rather than propagating it, so each test sees why it was refused while the outer release completes.
contract ReleaseReentrancyTest is AVSHelpers {
    bytes internal constant REENTRANT_CALL = abi.encodeWithSelector(
        ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector
    );
    uint64 internal constant HALF = 0.5e18;
    /// @dev Alice's 100 hook tokens at 1,000 shares each; each set's slash takes half of its half.
    uint256 internal constant BUCKET = (100e18 * SHARES_PER_TOKEN) / 4;
    uint256 internal constant RELEASED = 25e18;

    CallbackToken internal hookToken;
    IStrategy internal hookStrategy;
    /// @dev Set 1 burns, set 2 pays `recipient`.
    OperatorSet internal set1;
    OperatorSet internal set2;

    function setUp() public override {
        super.setUp();
        vm.warp(1_700_000_000);
        hookToken = new CallbackToken(18);
        hookStrategy = factory.deployStrategy(IERC20(address(hookToken)));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_strategies(hookStrategy));
        vm.label(address(hookToken), "CallbackToken");

        _registerAVS(avs);
        set1 = _createSet(SET_ID, _strategies(hookStrategy));
        set2 = _createSet(avs, 2, _strategies(hookStrategy), slasher, address(0), recipient);
        _registerOperator(operator1);
        _deposit(alice, hookStrategy, 100e18);
        _delegate(alice, operator1);
        vm.prank(operator1);
        avsRegistry.registerForOperatorSets(avs, _setIds(SET_ID, 2), "");
        _allocateAndWait(operator1, set1, hookStrategy, HALF);
        _allocateAndWait(operator1, set2, hookStrategy, HALF);
        // A slash in each set: each set's bucket holds a quarter of alice's shares.
        vm.assertEq(_slash(set1, operator1, hookStrategy, 0.5e18), BUCKET, "set 1's bucket");
        vm.assertEq(_slash(set2, operator1, hookStrategy, 0.5e18), BUCKET, "set 2's bucket");
        // Set 2's funds are redistributed: releasable once their escrow is over.
        _waitForEscrow(set2, hookStrategy);
    }

    function test_reentrancy_releasingTheSameBucketAgain_isRefused() public {
        _arm(
            address(coordinator),
            abi.encodeCall(ISlashingCoordinator.releaseSlashedFunds, (set1, hookStrategy, address(0)))
        );

        (, uint256 amount) = coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));

        _assertRefused(REENTRANT_CALL);
        vm.assertEq(amount, RELEASED, "the outer release paid");
        vm.assertEq(hookToken.balanceOf(coordinator.BURN_ADDRESS()), RELEASED, "burned once");
        vm.assertEq(_slashedShares(set1, hookStrategy), 0, "bucket empty");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingCoordinator.NothingToRelease.selector,
                avs,
                SET_ID,
                hookStrategy,
                address(0)
            )
        );
        coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));
    }

    function test_reentrancy_releasingAnotherBucket_isRefusedAndLeavesItWhole() public {
        _arm(
            address(coordinator),
            abi.encodeCall(ISlashingCoordinator.releaseSlashedFunds, (set2, hookStrategy, recipient))
        );

        coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));

        _assertRefused(REENTRANT_CALL);
        vm.assertEq(hookToken.balanceOf(recipient), 0, "the recipient got nothing in the nested call");
        vm.assertEq(_slashedShares(set2, hookStrategy), BUCKET, "set 2's bucket intact");
        (address to, uint256 amount) = coordinator.releaseSlashedFunds(set2, hookStrategy, recipient);
        vm.assertEq(to, recipient, "released afterwards");
        vm.assertEq(amount, hookToken.balanceOf(recipient), "to the recipient");
    }

    function test_reentrancy_slashingDuringARelease_isRefused() public {
        _arm(
            address(coordinator),
            abi.encodeCall(
                ISlashingCoordinator.slash,
                (operator1, set1, _strategies(hookStrategy), _wads(WAD), "from the hook")
            )
        );
        uint256 nextId = coordinator.nextSlashId();

        coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));

        _assertRefused(REENTRANT_CALL);
        vm.assertEq(coordinator.nextSlashId(), nextId, "no slash happened");
    }

    function test_reentrancy_withdrawingFromTheManagerDuringARelease_isRefused() public {
        _arm(address(sm), abi.encodeCall(IStrategyManager.withdrawSharesAsTokens, (hookStrategy, stranger, BUCKET)));

        coordinator.releaseSlashedFunds(set2, hookStrategy, recipient);

        _assertRefused(REENTRANT_CALL);
        vm.assertEq(hookToken.balanceOf(stranger), 0, "nothing withdrawn");
        vm.assertEq(hookToken.balanceOf(recipient), RELEASED, "the release paid the recipient once");
    }

    function test_reentrancy_readingThePriceDuringARelease_isRefused() public {
        _arm(address(hookStrategy), abi.encodeCall(IStrategy.sharesToUnderlying, (BUCKET)));
        coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));
        _assertRefused(REENTRANT_CALL);
    }

    function test_control_bothBucketsReleaseOnceEach_andTheVaultFallsByWhatWasPaid() public {
        uint256 vaultBefore = hookToken.balanceOf(address(hookStrategy));
        (, uint256 burned) = coordinator.releaseSlashedFunds(set1, hookStrategy, address(0));
        (, uint256 paid) = coordinator.releaseSlashedFunds(set2, hookStrategy, recipient);
        vm.assertEq(hookToken.balanceOf(address(hookStrategy)), vaultBefore - burned - paid, "vault");
        vm.assertEq(burned + paid, 2 * RELEASED, "a quarter each");
        vm.assertEq(sm.withdrawableShares(alice, hookStrategy), 2 * BUCKET, "alice keeps half");
    }

    // ---------------------------------------------------------------- helpers

    function _arm(address target, bytes memory data) internal {
        hookToken.armCallback(target, data);
    }

    function _assertRefused(bytes memory expectedReason) internal view {
        vm.assertTrue(hookToken.callbackMade(), "the hook fired during the release");
        vm.assertFalse(hookToken.callbackSucceeded(), "the nested call was refused");
        vm.assertEq(hookToken.callbackReturnData(), expectedReason, "by the reentrancy guard");
    }
}
