// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {ISlashingCoordinator} from "../../../contracts/interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {CallbackToken} from "../../../contracts/mocks/tokens/CallbackToken.sol";
import {RevertingToken} from "../../../contracts/mocks/tokens/RevertingToken.sol";

import {FakeStrategy} from "../attacks/mocks/FakeStrategy.sol";
import {EquivocationFixture} from "./EquivocationFixture.sol";

/// @notice The equivocation slasher's money: what a report owes the reporter, claims (after a release, or releasing
/// themselves), sweeps of the rest to the treasury, and tokens that revert, fail to value, or call back.
contract EquivocationSlasherBountyTest is EquivocationFixture {
    uint32 internal constant OTHER_SET_ID = SET_ID + 1;

    // ---------------------------------------------------------------- helpers

    /// @dev A whitelisted strategy over `token`.
    function _whitelistedStrategy(address token) internal returns (IStrategy strategy) {
        strategy = factory.deployStrategy(IERC20(token));
        vm.prank(owner);
        sm.addStrategiesToWhitelist(_list(strategy));
    }

    /// @dev An instance slashing `strategy` (with the fixture's fractions) in the AVS's other set, which
    /// redistributes to it; alice (operator1's staker) and operator1 itself each deposit `DEPOSIT` into `strategy`,
    /// operator1 allocates all of it to the set and registers key1.
    function _instanceOver(IStrategy strategy) internal returns (IEquivocationSlasher instance) {
        instance = _deployEquivocation(OTHER_SET_ID, _list(strategy), SLASH_WAD, BOUNTY_WAD, treasury);
        _createSet(OTHER_SET_ID, _list(strategy), address(instance), address(instance));
        _deposit(alice, strategy, DEPOSIT);
        _deposit(operator1, strategy, DEPOSIT);
        _joinAndAllocate(operator1, OTHER_SET_ID, _list(strategy), uint64(WAD));
        _registerKey(instance, operator1, key1Pk);
    }

    /// @dev `pk` equivocates at `height` and the reporter reports it to `instance`.
    function _equivocateTo(IEquivocationSlasher instance, uint256 pk, uint64 height) internal {
        bytes memory sigA = signDigest(pk, _attestationDigest(address(instance), block.chainid, height, PAYLOAD_A));
        bytes memory sigB = signDigest(pk, _attestationDigest(address(instance), block.chainid, height, PAYLOAD_B));
        vm.prank(reporter);
        instance.reportEquivocation(height, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
    }

    /// @dev Anyone releases set `setId`'s bucket of `strategy` owed to `recipient`, once the escrow is over (the
    /// clock moves by the escrow delay first; a cheatcode, so the helper may follow `vm.expectRevert`).
    function _release(uint32 setId, IStrategy strategy, address recipient_) internal returns (uint256 amount) {
        vm.warp(block.timestamp + ESCROW_DELAY);
        vm.prank(stranger);
        (, amount) = coordinator.releaseSlashedFunds(_set(setId), strategy, recipient_);
    }

    /// @dev `account` claims its bounty in `strategy` from `instance`, once the escrow of the slashed funds is over
    /// (the clock moves by the escrow delay first; a cheatcode, so the helper may follow `vm.expectRevert`).
    function _claim(IEquivocationSlasher instance, address account, IStrategy strategy) internal returns (uint256) {
        vm.warp(block.timestamp + ESCROW_DELAY);
        vm.prank(account);
        return instance.claimBounty(strategy);
    }

    // ---------------------------------------------------------------- claimBounty

    function test_claimBounty_afterRelease() public {
        _equivocate(key1Pk, HEIGHT);
        vm.assertEq(_release(SET_ID, strategyA, address(slasher)), SLASHED_TOKENS, "released");
        vm.assertEq(tokenA.balanceOf(address(slasher)), SLASHED_TOKENS, "slashed funds came to the slasher");

        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.BountyClaimed(reporter, strategyA, BOUNTY, 0);
        uint256 paid = _claim(slasher, reporter, strategyA);

        vm.assertEq(paid, BOUNTY, "paid");
        vm.assertEq(tokenA.balanceOf(reporter), BOUNTY, "reporter's tokens");
        vm.assertEq(tokenA.balanceOf(address(slasher)), SLASHED_TOKENS - BOUNTY, "the rest stays");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), 0, "nothing owed to the reporter");
        vm.assertEq(slasher.totalBountyOwed(strategyA), 0, "nothing owed at all");
    }

    function test_claimBounty_releasesTheSlashedFundsItself() public {
        _equivocate(key1Pk, HEIGHT);
        vm.expectEmit(address(coordinator));
        emit ISlashingCoordinator.SlashedFundsReleased(
            avs,
            SET_ID,
            strategyA,
            address(slasher),
            SLASHED_SHARES,
            SLASHED_TOKENS
        );
        uint256 paid = _claim(slasher, reporter, strategyA);

        vm.assertEq(paid, BOUNTY, "paid");
        vm.assertEq(_slashedShares(_set(), strategyA), 0, "bucket emptied");
        vm.assertEq(tokenA.balanceOf(address(slasher)), SLASHED_TOKENS - BOUNTY, "the rest stays");
    }

    /// @dev While the slashed funds are in escrow the claim cannot be paid; it says so and the bounty stays owed.
    function test_claimBounty_revertsWhen_theSlashedFundsAreInEscrow() public {
        _equivocate(key1Pk, HEIGHT);
        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SlashedFundsReleaseFailed(strategyA);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.BountyUnfunded.selector, strategyA, BOUNTY));
        vm.prank(reporter);
        slasher.claimBounty(strategyA);
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY, "still owed");
    }

    function test_claimBounty_revertsWhen_nothingOwed() public {
        _equivocate(key1Pk, HEIGHT);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NoBountyOwed.selector, stranger, strategyA));
        _claim(slasher, stranger, strategyA);
    }

    function test_claimBounty_revertsWhen_claimedTwice() public {
        _equivocate(key1Pk, HEIGHT);
        _claim(slasher, reporter, strategyA);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NoBountyOwed.selector, reporter, strategyA));
        _claim(slasher, reporter, strategyA);
    }

    /// @dev Redistributions paused and nothing held: the claim cannot pay anything and says so; the bounty stays
    /// owed.
    function test_claimBounty_revertsWhen_unfunded() public {
        _equivocate(key1Pk, HEIGHT);
        uint8 flag = coordinator.PAUSE_REDISTRIBUTION();
        vm.prank(pauser);
        coordinator.pause(1 << flag);

        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.BountyUnfunded.selector, strategyA, BOUNTY));
        _claim(slasher, reporter, strategyA);
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY, "still owed");

        vm.prank(owner);
        coordinator.unpause(1 << flag);
        vm.assertEq(_claim(slasher, reporter, strategyA), BOUNTY, "paid once releases resume");
    }

    /// @dev After a loss, the slasher holds less than it owes: a claim pays what there is and the rest stays owed.
    function test_claimBounty_paysWhatItHoldsWhenShort() public {
        _equivocate(key1Pk, HEIGHT);
        _release(SET_ID, strategyA, address(slasher));
        tokenA.burn(address(slasher), SLASHED_TOKENS - BOUNTY / 2);

        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SlashedFundsReleaseFailed(strategyA);
        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.BountyClaimed(reporter, strategyA, BOUNTY / 2, BOUNTY - BOUNTY / 2);
        uint256 paid = _claim(slasher, reporter, strategyA);

        vm.assertEq(paid, BOUNTY / 2, "paid what it held");
        vm.assertEq(slasher.bountyOwed(reporter, strategyA), BOUNTY - BOUNTY / 2, "the rest stays owed");
        vm.assertEq(slasher.totalBountyOwed(strategyA), BOUNTY - BOUNTY / 2, "total follows");
        vm.assertEq(tokenA.balanceOf(address(slasher)), 0, "emptied");
    }

    /// @dev Reporters of different offences are paid out of one pool per strategy, each exactly its bounty.
    function test_claimBounty_reportersShareOnePool() public {
        address reporter2 = makeAddr("reporter2");
        _equivocate(key1Pk, HEIGHT);
        bytes memory sigA = _attest(key2Pk, HEIGHT, PAYLOAD_A);
        bytes memory sigB = _attest(key2Pk, HEIGHT, PAYLOAD_B);
        vm.prank(reporter2);
        slasher.reportEquivocation(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB);
        vm.assertEq(slasher.totalBountyOwed(strategyA), 2 * BOUNTY, "two bounties owed");

        vm.assertEq(_claim(slasher, reporter2, strategyA), BOUNTY, "second reporter, releasing both slashes");
        vm.assertEq(_claim(slasher, reporter, strategyA), BOUNTY, "first reporter");
        vm.prank(stranger);
        uint256 swept = slasher.sweepToTreasury(strategyA);
        vm.assertEq(swept, 2 * (SLASHED_TOKENS - BOUNTY), "the rest of both slashes");
        vm.assertEq(tokenA.balanceOf(address(slasher)), 0, "nothing left");
    }

    // ---------------------------------------------------------------- sweepToTreasury

    function test_sweepToTreasury_sendsOnlyWhatIsNotOwed() public {
        _equivocate(key1Pk, HEIGHT);
        _release(SET_ID, strategyA, address(slasher));

        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.SweptToTreasury(strategyA, treasury, SLASHED_TOKENS - BOUNTY);
        vm.prank(stranger);
        uint256 swept = slasher.sweepToTreasury(strategyA);

        vm.assertEq(swept, SLASHED_TOKENS - BOUNTY, "swept");
        vm.assertEq(tokenA.balanceOf(treasury), SLASHED_TOKENS - BOUNTY, "treasury");
        vm.assertEq(tokenA.balanceOf(address(slasher)), BOUNTY, "the bounty stays");
        vm.assertEq(_claim(slasher, reporter, strategyA), BOUNTY, "and is still paid");
    }

    function test_sweepToTreasury_revertsWhen_onlyTheBountiesAreHeld() public {
        _equivocate(key1Pk, HEIGHT);
        _release(SET_ID, strategyA, address(slasher));
        vm.prank(stranger);
        slasher.sweepToTreasury(strategyA);
        vm.expectRevert(
            abi.encodeWithSelector(IEquivocationSlasher.NothingToSweep.selector, strategyA, BOUNTY, BOUNTY)
        );
        vm.prank(stranger);
        slasher.sweepToTreasury(strategyA);
    }

    function test_sweepToTreasury_revertsWhen_nothingReleased() public {
        _equivocate(key1Pk, HEIGHT);
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NothingToSweep.selector, strategyA, 0, BOUNTY));
        vm.prank(stranger);
        slasher.sweepToTreasury(strategyA);
    }

    /// @dev The attack: name a contract posing as a strategy of the configured token, hoping the sweep counts
    /// nothing owed in it. The sweep looks the bounties up by token, so only the treasury's part moves.
    function test_attack_fakeStrategyCannotSweepTheBounties() public {
        _equivocate(key1Pk, HEIGHT);
        _release(SET_ID, strategyA, address(slasher));
        IStrategy fake = IStrategy(address(new FakeStrategy(address(sm), IERC20(address(tokenA)), 0)));

        vm.prank(stranger);
        vm.assertEq(slasher.sweepToTreasury(fake), SLASHED_TOKENS - BOUNTY, "only what is not owed");
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.NothingToSweep.selector, fake, BOUNTY, BOUNTY));
        vm.prank(stranger);
        slasher.sweepToTreasury(fake);
        vm.assertEq(_claim(slasher, reporter, strategyA), BOUNTY, "the reporter is still paid");
    }

    /// @dev Tokens of no configured strategy (sent by mistake, or released by another slasher of the set) are
    /// owed to nobody: they go to the treasury whole.
    function test_sweepToTreasury_sendsAStrayTokenWhole() public {
        tokenB.mint(address(slasher), 3e18);
        vm.prank(stranger);
        vm.assertEq(slasher.sweepToTreasury(strategyB), 3e18, "all of it");
        vm.assertEq(tokenB.balanceOf(treasury), 3e18, "treasury");
    }

    // ---------------------------------------------------------------- misbehaving tokens

    /// @dev A frozen token cannot block the slash: tokens do not move in a report. The bounty waits for the token.
    function test_revertingToken_neverBlocksTheSlash() public {
        RevertingToken frozen = new RevertingToken(18);
        IStrategy strategy = _whitelistedStrategy(address(frozen));
        IEquivocationSlasher instance = _instanceOver(strategy);
        frozen.setFrozen(true);

        _equivocateTo(instance, key1Pk, HEIGHT);
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategy), WAD - SLASH_WAD, "slashed while frozen");
        vm.assertEq(instance.bountyOwed(reporter, strategy), BOUNTY, "bounty recorded");

        vm.expectRevert(abi.encodeWithSelector(RevertingToken.TokenFrozen.selector));
        _release(OTHER_SET_ID, strategy, address(instance));
        vm.expectRevert(abi.encodeWithSelector(IEquivocationSlasher.BountyUnfunded.selector, strategy, BOUNTY));
        _claim(instance, reporter, strategy);

        frozen.setFrozen(false);
        vm.assertEq(_claim(instance, reporter, strategy), BOUNTY, "paid once the token moves");
        vm.assertEq(frozen.balanceOf(reporter), BOUNTY, "reporter's tokens");
    }

    /// @dev A strategy whose valuation fails during a report (its token's `balanceOf` reverting) costs the reporter
    /// its bounty in that strategy, never the slash.
    function test_reportEquivocation_valuationFailureStillSlashes() public {
        vm.mockCallRevert(
            address(tokenA),
            abi.encodeWithSelector(IERC20.balanceOf.selector, address(strategyA)),
            "balanceOf broken"
        );
        vm.expectEmit(address(slasher));
        emit IEquivocationSlasher.EquivocationReported(
            operator1,
            HEIGHT,
            reporter,
            key1,
            PAYLOAD_A,
            PAYLOAD_B,
            1,
            _amounts(0)
        );
        _equivocate(key1Pk, HEIGHT);
        vm.clearMockedCalls();

        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD - SLASH_WAD, "slashed");
        vm.assertEq(slasher.totalBountyOwed(strategyA), 0, "no bounty");
        _release(SET_ID, strategyA, address(slasher));
        vm.prank(stranger);
        vm.assertEq(slasher.sweepToTreasury(strategyA), SLASHED_TOKENS, "everything to the treasury");
    }

    /// @dev The attack: a token that calls back in the middle of the claim's transfer tries to sweep while the
    /// claim is under way. The guard refuses, and the books stay exact.
    function test_attack_tokenHookCannotReenterDuringAClaim() public {
        CallbackToken hooked = new CallbackToken(18);
        IStrategy strategy = _whitelistedStrategy(address(hooked));
        IEquivocationSlasher instance = _instanceOver(strategy);
        _equivocateTo(instance, key1Pk, HEIGHT);
        _release(OTHER_SET_ID, strategy, address(instance));

        hooked.armCallback(address(instance), abi.encodeCall(IEquivocationSlasher.sweepToTreasury, (strategy)));
        vm.assertEq(_claim(instance, reporter, strategy), BOUNTY, "claim paid");

        vm.assertTrue(hooked.callbackMade(), "the hook ran");
        vm.assertFalse(hooked.callbackSucceeded(), "the re-entrant sweep was refused");
        vm.assertEq(
            hooked.callbackReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "by the reentrancy guard"
        );
        vm.assertEq(hooked.balanceOf(treasury), 0, "nothing swept during the claim");
        vm.assertEq(hooked.balanceOf(reporter), BOUNTY, "reporter paid once");
        vm.assertEq(hooked.balanceOf(address(instance)), SLASHED_TOKENS - BOUNTY, "the rest is held");
        vm.prank(stranger);
        vm.assertEq(instance.sweepToTreasury(strategy), SLASHED_TOKENS - BOUNTY, "swept afterwards");
    }

    // ---------------------------------------------------------------- rounding

    /// @dev For any stake, own stake, price, slash and bounty fraction: the bounty is the fraction of the slashed
    /// shares, rounded down, capped at the operator's own loss, valued rounded down; it never exceeds what the
    /// operator itself lost in tokens; the release always covers it; the reporter is paid exactly it and the
    /// treasury exactly the rest, and the slasher keeps nothing.
    function testFuzz_bounty_roundsDownAndIsAlwaysBacked(
        uint256 amount,
        uint256 ownAmount,
        uint256 donation,
        uint256 slashWad,
        uint256 bountyWad
    ) public {
        amount = bound(amount, 1, 1e30);
        ownAmount = bound(ownAmount, 0, 1e30);
        donation = bound(donation, 0, 1e24);
        slashWad = bound(slashWad, 1, WAD);
        bountyWad = bound(bountyWad, 0, WAD);

        IEquivocationSlasher instance = _deployEquivocation(
            OTHER_SET_ID,
            _list(strategyB),
            slashWad,
            bountyWad,
            treasury
        );
        _createSet(OTHER_SET_ID, _list(strategyB), address(instance), address(instance));
        _deposit(carol, strategyB, amount);
        _delegate(carol, operator2);
        if (ownAmount != 0) _deposit(operator2, strategyB, ownAmount);
        tokenB.mint(address(strategyB), donation);
        _joinAndAllocate(operator2, OTHER_SET_ID, _list(strategyB), uint64(WAD));
        _registerKey(instance, operator2, key2Pk);

        uint256 ownBefore = sm.withdrawableShares(operator2, strategyB);
        uint256 ownValueBefore = strategyB.sharesToUnderlying(ownBefore);
        bytes memory sigA = signDigest(key2Pk, _attestationDigest(address(instance), block.chainid, HEIGHT, PAYLOAD_A));
        bytes memory sigB = signDigest(key2Pk, _attestationDigest(address(instance), block.chainid, HEIGHT, PAYLOAD_B));
        vm.prank(reporter);
        try instance.reportEquivocation(HEIGHT, PAYLOAD_A, sigA, PAYLOAD_B, sigB) {} catch (bytes memory reason) {
            // A slash too small to take a share is refused, and leaves the key reportable.
            vm.assertEq(
                reason,
                abi.encodeWithSelector(IEquivocationSlasher.NothingSlashed.selector, operator2, key2),
                "only a slash of nothing is refused"
            );
            vm.assertFalse(instance.isKeyPunished(key2), "the key's incident stays open");
            return;
        }
        uint256 ownAfter = sm.withdrawableShares(operator2, strategyB);
        uint256 shares = _slashedShares(_set(OTHER_SET_ID), strategyB);
        uint256 capped = (shares * bountyWad) / WAD;
        if (capped > ownBefore - ownAfter) capped = ownBefore - ownAfter;
        uint256 expected = (capped * (tokenB.balanceOf(address(strategyB)) + 1)) / (strategyB.totalShares() + 1e3);
        uint256 owed = instance.bountyOwed(reporter, strategyB);
        vm.assertEq(owed, expected, "bounty: the fraction, capped at the operator's own loss, valued rounded down");
        vm.assertLe(
            owed,
            ownValueBefore - strategyB.sharesToUnderlying(ownAfter),
            "never more than the operator itself lost"
        );
        vm.assertEq(instance.totalBountyOwed(strategyB), owed, "total");

        uint256 released = _release(OTHER_SET_ID, strategyB, address(instance));
        vm.assertGe(released, owed, "the release covers the bounty");
        if (owed != 0) vm.assertEq(_claim(instance, reporter, strategyB), owed, "paid exactly");
        if (released > owed) {
            vm.prank(stranger);
            vm.assertEq(instance.sweepToTreasury(strategyB), released - owed, "the rest to the treasury");
        }
        vm.assertEq(tokenB.balanceOf(address(instance)), 0, "nothing left behind");
        vm.assertEq(tokenB.balanceOf(reporter) + tokenB.balanceOf(treasury), released, "conservation");
    }
}
