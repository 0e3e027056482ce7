// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The donation (inflation) attack over arbitrary sizes: Bob deposits `a` first, donates `d`, then Alice
/// deposits `x`. Losses are measured on what each could withdraw at the end.
///
/// Derivation (ShareMath: 1e3 virtual shares, 1 virtual token). Bob's `a` mints `1e3 * a` shares; after the
/// donation one share costs `p = (a + d + 1) / (1e3 * (a + 1))`. Alice buys `floor(x / p)` shares and leaves a
/// fraction `f < 1` of a share to rounding. Before the final roundings down, Alice's loss is
/// `vL = f * p * (S + 1e3) / (S' + 1e3) < p` and the two losses satisfy `(a + 1) * aL + a * vL = d` exactly: of
/// the donation the virtual shares keep `1 / (a + 1)`, less Bob's cut of Alice's rounding. Together:
/// `aL > 999 * vL - 1`. Each measured loss exceeds its exact value by less than one wei (a withdrawal rounds down
/// once), which gives the properties below:
/// - `(a + 1) * attackerLoss + a * victimLoss` lies in `[d, d + 2a + 1)`;
/// - `attackerLoss >= 999 * (victimLoss - 1)`: the attack costs the attacker about a thousand times the damage
///   (999 is tight: 1000 fails, e.g. a = 484644, d = 994452450661, x = 8207);
/// - hence `victimLoss <= attackerLoss + 1`. The one-wei allowance is needed: at dust scale the victim's rounding
///   wei can refund the attacker's (e.g. attacker 1035 wei, donation 1 wei, victim 28 wei: the attacker recovers
///   all 1036, the victim 27 of 28).
/// The property guards depositors' funds and a run costs little, so it gets 2048 runs instead of the default 256.
contract InflationAttackFuzzTest is DeployFixture {
    /// hardhat-config: fuzz.runs = 2048
    function testFuzz_inflation_attackerAlwaysLosesMoreThanVictim(
        uint256 attackerDeposit,
        uint256 donation,
        uint256 victimDeposit
    ) public {
        attackerDeposit = bound(attackerDeposit, 1, 1e24);
        donation = bound(donation, 0, 1e30);
        victimDeposit = bound(victimDeposit, 1, 1e30);

        uint256 attackerShares = _deposit(bob, strategy, attackerDeposit);
        vm.assertEq(attackerShares, attackerDeposit * 1e3, "a fresh vault mints 1e3 shares per token unit");
        _donate(strategy, donation);

        uint256 victimShares = strategy.underlyingToShares(victimDeposit);
        if (victimShares == 0) {
            // The vault refuses a deposit that would mint nothing: the victim keeps the tokens.
            _fund(strategy, alice, victimDeposit);
            vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositWouldMintZeroShares.selector, victimDeposit));
            vm.prank(alice);
            sm.deposit(strategy, victimDeposit);
        } else {
            _deposit(alice, strategy, victimDeposit);
        }

        uint256 attackerSpent = attackerDeposit + donation;
        uint256 attackerValue = strategy.sharesToUnderlying(attackerShares);
        uint256 victimValue = victimShares == 0 ? victimDeposit : strategy.sharesToUnderlying(victimShares);
        vm.assertLe(attackerValue, attackerSpent, "the attacker never profits");
        vm.assertLe(victimValue, victimDeposit, "the victim never gains either");

        uint256 attackerLoss = attackerSpent - attackerValue;
        uint256 victimLoss = victimDeposit - victimValue;
        uint256 weighted = (attackerDeposit + 1) * attackerLoss + attackerDeposit * victimLoss;
        vm.assertGe(weighted, donation, "the attacker loses d/(a+1), less its cut of the victim's loss");
        vm.assertLt(weighted, donation + 2 * attackerDeposit + 1, "give or take the two final roundings");
        vm.assertLe(victimLoss, attackerLoss + 1, "the victim never loses more than the attacker, beyond 1 wei");
        vm.assertGe(attackerLoss + 999, victimLoss * 999, "the attack costs the attacker 999x the damage, less 1 wei");
    }
}
