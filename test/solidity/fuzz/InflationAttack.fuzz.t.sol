// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";

import {DeployFixture} from "../utils/DeployFixture.sol";

/// @notice The donation (inflation) attack over arbitrary sizes: Bob deposits first, donates `d`, then Alice
/// deposits `x`. Losses are measured on what each could withdraw at the end.
///
/// The properties are stated with a two-wei allowance. Without it they are false: rounding alone can cost the
/// victim a wei or two while the attacker, whose share also collects the victim's rounding, breaks even
/// (e.g. attacker 1007 wei, donation 1 wei, victim 8 wei: the attacker recovers all 1008, the victim 7 of 8).
/// Beyond that dust the attacker loses about VIRTUAL_SHARES (1e3) times what the victim loses.
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
        vm.assertLe(victimLoss, attackerLoss + 2, "the victim never loses more than the attacker, beyond 2 wei");
        if (victimLoss > 2) {
            vm.assertGe(attackerLoss, (victimLoss - 2) * 990, "the attack costs the attacker ~1000x the damage");
        }
    }
}
