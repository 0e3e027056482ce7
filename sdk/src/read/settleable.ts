/**
 * Decreases of an operator's allocations that took effect but whose magnitude is not settled yet: it still counts as
 * encumbered (`allocatableMagnitude` does not show it) until someone calls `settleAllocations`, or the operator's
 * next increase of the strategy settles it.
 *
 * The AllocationManager's `allocation` view shows a change that took effect as in force, settled or not; what is not
 * settled shows in the encumbered magnitude: per strategy, `encumberedMagnitude` minus what the operator's sets
 * hold (the larger of the magnitude in force and a pending one, per set). The sets come from the operator's
 * `AllocationUpdated` events, which also say which sets' last change was a decrease now in effect.
 */
import { zeroPadValue } from "ethers";

import { chainTime, type PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";
import { requireAddress, requireSetId } from "../validate.js";
import type { OperatorSetRef } from "./discover.js";
import { getEvents } from "./events.js";
import type { AllocationManager } from "../generated/abis/index.js";
import { eventsOf } from "../tx/events.js";

export interface SettleableDecrease extends OperatorSetRef {
  /** The magnitude the decrease lowered the allocation to. */
  magnitude: bigint;
  /** When it took effect. */
  effectAt: bigint;
}
export interface SettleableStrategy {
  strategy: string;
  /** Magnitude freed by decreases that took effect and still counted as encumbered. */
  unsettledMagnitude: bigint;
  /** The sets whose decrease of the strategy took effect and may be unsettled: settle these. */
  decreases: SettleableDecrease[];
}

export interface SettleableParams {
  operator: string;
  /** Only this set (with `setId`). */
  avs?: string;
  setId?: number;
  /** Only these strategies. */
  strategies?: string[];
}

/** The last change of one (set, strategy) allocation, and the magnitude the change before it set. */
interface LastChange {
  ref: OperatorSetRef;
  strategy: string;
  last: SettleableDecrease;
  previous?: bigint;
}

const key = (avs: string, setId: number, strategy: string) => `${avs.toLowerCase()}:${setId}:${strategy.toLowerCase()}`;

/**
 * The operator's decreases that took effect and are not settled, per strategy (only strategies with some).
 *
 * @example
 * for (const { strategy, decreases } of await palisade.read.settleableDeallocations({ operator })) {
 *   for (const { avs, setId } of decreases) await palisade.operator.settleAllocations({ operator, avs, setId, strategies: [strategy] });
 * }
 */
export async function getSettleableDeallocations(
  ctx: PalisadeContext,
  params: SettleableParams,
): Promise<SettleableStrategy[]> {
  const operator = requireAddress(params.operator, "operator");
  const onlyAvs = params.avs === undefined ? undefined : requireAddress(params.avs, "avs").toLowerCase();
  const onlySet = params.setId === undefined ? undefined : requireSetId(params.setId);
  const onlyStrategies = params.strategies?.map((strategy, index) =>
    requireAddress(strategy, `strategies[${index}]`).toLowerCase(),
  );
  const [events, now] = await Promise.all([
    getEvents(ctx, {
      eventNames: ["AllocationUpdated"],
      address: ctx.deployment.addresses.allocationManager,
      topics: [zeroPadValue(operator, 32)],
    }),
    chainTime(ctx),
  ]);
  // Per (set, strategy), in order: the last two changes, enough to tell the last one's direction.
  const history = new Map<string, LastChange>();
  for (const { args } of eventsOf<AllocationManager>().named(events, "AllocationUpdated")) {
    const ref = { avs: args.avs, setId: Number(args.setId) };
    const { strategy } = args;
    const change = { ...ref, magnitude: args.magnitude, effectAt: args.effectAt };
    const id = key(ref.avs, ref.setId, strategy);
    const known = history.get(id);
    history.set(id, {
      ref,
      strategy,
      last: change,
      ...(known === undefined ? {} : { previous: known.last.magnitude }),
    });
  }
  const byStrategy = new Map<string, { strategy: string; entries: LastChange[] }>();
  for (const entry of history.values()) {
    const id = entry.strategy.toLowerCase();
    if (onlyStrategies !== undefined && !onlyStrategies.includes(id)) continue;
    const found = byStrategy.get(id) ?? { strategy: entry.strategy, entries: [] };
    found.entries.push(entry);
    byStrategy.set(id, found);
  }
  const manager = ctx.contracts.allocationManager;
  const results: SettleableStrategy[] = [];
  try {
    for (const { strategy, entries } of byStrategy.values()) {
      const [encumbered, held] = await Promise.all([
        manager.encumberedMagnitude(operator, strategy),
        Promise.all(
          entries.map(async ({ ref }) => {
            const [current, pending] = await manager.allocation(operator, { avs: ref.avs, id: ref.setId }, strategy);
            return current > pending ? current : pending;
          }),
        ),
      ]);
      const unsettled = encumbered - held.reduce((sum, magnitude) => sum + magnitude, 0n);
      if (unsettled <= 0n) continue;
      const decreases = entries
        .filter(
          ({ last, previous }) =>
            previous !== undefined && last.magnitude < previous && last.effectAt !== 0n && last.effectAt <= now,
        )
        .filter(({ ref }) => onlyAvs === undefined || ref.avs.toLowerCase() === onlyAvs)
        .filter(({ ref }) => onlySet === undefined || ref.setId === onlySet)
        .map(({ last }) => last);
      if (decreases.length > 0) results.push({ strategy, unsettledMagnitude: unsettled, decreases });
    }
  } catch (error) {
    throw toPalisadeError(error);
  }
  return results;
}
