/**
 * A security report for one operator set: how much stake an attacker would have to corrupt (and lose) to attack the
 * service. Per strategy: the slashable stake, how concentrated it is among the largest operators, and how much of
 * each operator's stake is also allocated to other sets (stake reused elsewhere can be slashed there first).
 */
import type { PalisadeContext } from "../context.js";
import { InvalidArgumentError } from "../errors/base.js";
import { WAD } from "../validate.js";
import { getAvsState } from "./avsState.js";
import { getRedistributionRisksOf, type RedistributionRisk } from "./risks.js";

export interface OperatorSecurity {
  operator: string;
  /** Per strategy: its slashable stake in this set. */
  slashableShares: bigint[];
  /** Per strategy: the fraction (WAD) of its stake allocated to other sets as well. */
  allocatedElsewhereWad: bigint[];
}
export interface StrategySecurity {
  strategy: string;
  totalSlashableShares: bigint;
  /** The share (WAD) of the slashable stake held by the largest operator, and by the largest three. */
  topOperatorWad: bigint;
  topThreeWad: bigint;
  /** How many of the largest operators together hold more than a third, and more than half, of the stake. */
  operatorsForOneThird: number;
  operatorsForHalf: number;
}
export interface SecurityReport {
  avs: string;
  setId: number;
  /** Operators slashable in the set now. */
  operatorCount: number;
  strategies: StrategySecurity[];
  operators: OperatorSecurity[];
  /** Where the set's slashed funds go now (the zero address: burned) and from `slasherEffectAt` on. */
  redistributionRecipient: string;
  pendingRedistributionRecipient: string;
  /**
   * The slashable operators' allocations, in force or pending, to redistributing sets (this one included when it
   * redistributes), each `critical` when the operator or its approver is that set's slasher or recipient: stake an
   * operator can slash to itself secures nothing.
   */
  risks: RedistributionRisk[];
}

const share = (part: bigint, total: bigint) => (total === 0n ? 0n : (part * WAD) / total);

/** How many of `stakes` (largest first) it takes to exceed `fraction` (WAD) of `total`. */
function operatorsToExceed(stakes: bigint[], total: bigint, fraction: bigint): number {
  let sum = 0n;
  for (const [index, stake] of stakes.entries()) {
    sum += stake;
    if (total > 0n && sum * WAD > total * fraction) return index + 1;
  }
  return stakes.length;
}

/**
 * Builds the security report of one set from its state.
 *
 * @example
 * const report = await palisade.read.securityReport({ avs, setId: 1 });
 */
export async function getSecurityReport(
  ctx: PalisadeContext,
  params: { avs: string; setId: number },
): Promise<SecurityReport> {
  const { sets } = await getAvsState(ctx, { avs: params.avs, setIds: [params.setId] });
  const [set] = sets;
  if (set === undefined || !set.exists) {
    throw new InvalidArgumentError(`${params.avs} has no operator set ${params.setId}.`, { argument: "setId" });
  }
  const members = set.members.filter((member) => member.slashable);
  const operators = members.map((member) => ({
    operator: member.operator,
    slashableShares: member.slashableShares,
    allocatedElsewhereWad: member.allocated.map((allocated, index) => {
      const max = member.maxMagnitude[index] ?? 0n;
      const elsewhere = (member.encumberedMagnitude[index] ?? 0n) - allocated;
      return max === 0n || elsewhere <= 0n ? 0n : share(elsewhere, max);
    }),
  }));
  const strategies = set.strategies.map((strategy, index) => {
    const stakes = members
      .map((member) => member.slashableShares[index] ?? 0n)
      .sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    const total = stakes.reduce((sum, stake) => sum + stake, 0n);
    return {
      strategy,
      totalSlashableShares: total,
      topOperatorWad: share(stakes[0] ?? 0n, total),
      topThreeWad: share(
        stakes.slice(0, 3).reduce((sum, stake) => sum + stake, 0n),
        total,
      ),
      operatorsForOneThird: operatorsToExceed(stakes, total, WAD / 3n),
      operatorsForHalf: operatorsToExceed(stakes, total, WAD / 2n),
    };
  });
  const risks = await getRedistributionRisksOf(
    ctx,
    members.map((member) => member.operator),
  );
  return {
    avs: params.avs,
    setId: params.setId,
    operatorCount: members.length,
    strategies,
    operators,
    redistributionRecipient: set.redistributionRecipient,
    pendingRedistributionRecipient: set.pendingRedistributionRecipient,
    risks,
  };
}
