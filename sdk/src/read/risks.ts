/**
 * Risk flags for stakers: an operator's allocations, in force or pending, to **redistributing** operator sets, whose
 * slashed funds are paid to a recipient instead of being burned. Such a set's slasher and recipient can take the
 * stake allocated to it; when either is the operator itself (or its delegation approver), the operator can take its
 * own stakers' stake: the flag is then critical. Burning sets are not flagged: nobody gains from their slashes.
 *
 * Every figure comes from one lens read of the operator (its sets found in its events); the amounts are also given in
 * tokens.
 */
import { ZeroAddress, zeroPadValue } from "ethers";

import { strategyAt } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";
import { requireAddress } from "../validate.js";
import type { OperatorSetRef } from "./discover.js";
import { getEvents } from "./events.js";
import { getOperatorState, getOperatorStates, type OperatorState } from "./operatorState.js";
import type { AVSRegistry, AllocationManager } from "../generated/abis/index.js";
import { eventsOf } from "../tx/events.js";

/** One allocation to a redistributing set. */
export interface RiskAllocation {
  strategy: string;
  /** The magnitude in force (a fraction of 1e18 of the operator's stake) and the one pending from `effectAt`. */
  current: bigint;
  pending: bigint;
  effectAt: bigint;
  /** What the set can slash now, and at `effectAt` when a change is pending, in strategy shares and in tokens. */
  slashableShares: bigint;
  slashableSharesAtEffect: bigint;
  slashableTokens: bigint;
  slashableTokensAtEffect: bigint;
}

/** A role in a set held by the operator itself or its delegation approver. */
export interface SelfDealing {
  role: "recipient" | "pending recipient" | "slasher" | "pending slasher";
  party: "operator" | "delegation approver";
  address: string;
}

export interface RedistributionRisk extends OperatorSetRef {
  operator: string;
  delegationApprover: string;
  /** Who receives the set's slashed funds now, and who from `changesAt` (the zero address: no change scheduled). */
  recipient: string;
  pendingRecipient: string;
  /** Who may slash in the set now, and who from `changesAt`. */
  slasher: string;
  pendingSlasher: string;
  /** When the pending slasher and recipient take over (0: nothing scheduled). */
  changesAt: bigint;
  /** The operator's registration: registered, slashable now, and from when (it may lie ahead). */
  registered: boolean;
  slashable: boolean;
  slashableFrom: bigint;
  /** The set's AVS is the operator itself: it chooses the set's slasher and recipient (with notice). */
  avsIsOperator: boolean;
  /** The allocations in force or pending, in strategies the set holds. */
  allocations: RiskAllocation[];
  /** The roles the operator or its approver hold in the set. */
  selfDealing: SelfDealing[];
  /** `critical` when `selfDealing` is not empty: the operator can slash its stakers' stake to itself. */
  severity: "critical" | "warning";
}

const same = (a: string, b: string) => a !== ZeroAddress && a.toLowerCase() === b.toLowerCase();

/**
 * The redistribution risks in an operator's state (a pure function of `read.operatorState`): one per redistributing
 * set the operator is registered in (or still slashable in) with an allocation in force or pending. Token amounts
 * are left at zero; `getRedistributionRisks` fills them.
 */
export function redistributionRisks(state: OperatorState): RedistributionRisk[] {
  if (!state.isOperator) return [];
  const risks: RedistributionRisk[] = [];
  for (const set of state.sets) {
    const { info } = set;
    const redistributing =
      info.redistributionRecipient !== ZeroAddress || info.pendingRedistributionRecipient !== ZeroAddress;
    if (!redistributing || !(set.registered || set.slashable)) continue;
    const allocations = set.allocations
      .filter((allocation) => allocation.inSet && (allocation.current > 0n || allocation.pending > 0n))
      .map((allocation) => ({
        strategy: allocation.strategy,
        current: allocation.current,
        pending: allocation.pending,
        effectAt: allocation.effectAt,
        slashableShares: allocation.slashableShares,
        slashableSharesAtEffect: allocation.slashableSharesAtEffect,
        slashableTokens: 0n,
        slashableTokensAtEffect: 0n,
      }));
    if (allocations.length === 0) continue;
    const roles: [SelfDealing["role"], string][] = [
      ["recipient", info.redistributionRecipient],
      ["pending recipient", info.pendingRedistributionRecipient],
      ["slasher", info.slasher],
      ["pending slasher", info.pendingSlasher],
    ];
    const selfDealing: SelfDealing[] = [];
    for (const [role, address] of roles) {
      if (same(address, state.operator)) selfDealing.push({ role, party: "operator", address });
      else if (same(address, state.delegationApprover)) {
        selfDealing.push({ role, party: "delegation approver", address });
      }
    }
    risks.push({
      avs: set.avs,
      setId: set.setId,
      operator: state.operator,
      delegationApprover: state.delegationApprover,
      recipient: info.redistributionRecipient,
      pendingRecipient: info.pendingRedistributionRecipient,
      slasher: info.slasher,
      pendingSlasher: info.pendingSlasher,
      changesAt: info.slasherEffectAt,
      registered: set.registered,
      slashable: set.slashable,
      slashableFrom: set.slashableFrom,
      avsIsOperator: same(set.avs, state.operator),
      allocations,
      selfDealing,
      severity: selfDealing.length > 0 ? "critical" : "warning",
    });
  }
  return risks;
}

/** Fills the token amounts of `risks` (one `sharesToUnderlying` per amount). */
async function withTokens(ctx: PalisadeContext, risks: RedistributionRisk[]): Promise<RedistributionRisk[]> {
  const toTokens = (strategy: string, shares: bigint) =>
    shares === 0n ? Promise.resolve(0n) : strategyAt(strategy, ctx.provider).sharesToUnderlying(shares);
  try {
    return await Promise.all(
      risks.map(async (risk) => ({
        ...risk,
        allocations: await Promise.all(
          risk.allocations.map(async (allocation) => ({
            ...allocation,
            slashableTokens: await toTokens(allocation.strategy, allocation.slashableShares),
            slashableTokensAtEffect: await toTokens(allocation.strategy, allocation.slashableSharesAtEffect),
          })),
        ),
      })),
    );
  } catch (error) {
    throw toPalisadeError(error);
  }
}

/**
 * The redistribution risks of one operator: its allocations to redistributing sets, critical when it (or its
 * approver) is a set's slasher or recipient.
 *
 * @example
 * const risks = await palisade.read.redistributionRisks({ operator });
 * if (risks.some((risk) => risk.severity === "critical")) console.warn("the operator can slash its stakers to itself");
 */
export async function getRedistributionRisks(
  ctx: PalisadeContext,
  params: { operator: string },
): Promise<RedistributionRisk[]> {
  const state = await getOperatorState(ctx, { operator: requireAddress(params.operator, "operator") });
  return withTokens(ctx, redistributionRisks(state));
}

/**
 * The redistribution risks of many operators, batched: one log query for the sets and strategies they allocated to
 * or joined, and one lens read (per 70 operators) over all of them.
 */
export async function getRedistributionRisksOf(
  ctx: PalisadeContext,
  operators: readonly string[],
): Promise<RedistributionRisk[]> {
  if (operators.length === 0) return [];
  const checked = operators.map((operator, index) => requireAddress(operator, `operators[${index}]`));
  const events = await getEvents(ctx, {
    eventNames: ["OperatorRegisteredInSet", "AllocationUpdated"],
    address: [ctx.deployment.addresses.avsRegistry, ctx.deployment.addresses.allocationManager],
    topics: [checked.map((operator) => zeroPadValue(operator, 32))],
  });
  const sets = new Map<string, OperatorSetRef>();
  const strategies = new Set<string>();
  const registryEvents = eventsOf<AVSRegistry>();
  const allocationEvents = eventsOf<AllocationManager>();
  for (const event of events) {
    if (!registryEvents.is(event, "OperatorRegisteredInSet") && !allocationEvents.is(event, "AllocationUpdated"))
      continue;
    const ref = { avs: event.args.avs, setId: Number(event.args.setId) };
    sets.set(`${ref.avs.toLowerCase()}:${ref.setId}`, ref);
    if (allocationEvents.is(event, "AllocationUpdated")) strategies.add(event.args.strategy);
  }
  if (sets.size === 0 || strategies.size === 0) return [];
  const states = await getOperatorStates(ctx, {
    operators: checked,
    sets: [...sets.values()],
    strategies: [...strategies],
  });
  return withTokens(ctx, states.flatMap(redistributionRisks));
}
