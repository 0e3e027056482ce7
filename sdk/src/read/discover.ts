/**
 * What the contracts do not enumerate, found in their events: the sets an operator joined or allocated to, the
 * strategies of a set, the members of an AVS's sets. Each is one paged log query from the deployment block.
 */
import { toBeHex, zeroPadValue } from "ethers";

import type { PalisadeContext } from "../context.js";
import { getEvents } from "./events.js";

/** An operator set: its AVS and id. */
export interface OperatorSetRef {
  avs: string;
  setId: number;
}

const setKey = (avs: string, setId: number) => `${avs.toLowerCase()}:${setId}`;
const topic = (address: string) => zeroPadValue(address, 32);

/** The sets `operator` ever registered for or allocated to, and the strategies it allocated, in first-seen order. */
export async function setsOfOperator(
  ctx: PalisadeContext,
  operator: string,
): Promise<{ sets: OperatorSetRef[]; allocatedStrategies: string[] }> {
  const events = await getEvents(ctx, {
    eventNames: ["OperatorRegisteredInSet", "AllocationUpdated"],
    address: [ctx.deployment.addresses.avsRegistry, ctx.deployment.addresses.allocationManager],
    topics: [topic(operator)],
  });
  const sets = new Map<string, OperatorSetRef>();
  const strategies = new Set<string>();
  for (const event of events) {
    const ref = { avs: event.args.avs as string, setId: Number(event.args.setId) };
    sets.set(setKey(ref.avs, ref.setId), ref);
    if (event.name === "AllocationUpdated") strategies.add(event.args.strategy as string);
  }
  return { sets: [...sets.values()], allocatedStrategies: [...strategies] };
}

/** The strategies `operator` ever held delegated stake in (from the StrategyManager's stake events). */
export async function strategiesOfOperator(ctx: PalisadeContext, operatorId: bigint): Promise<string[]> {
  if (operatorId === 0n) return [];
  const events = await getEvents(ctx, {
    eventNames: ["OperatorStakeChanged"],
    address: ctx.deployment.addresses.strategyManager,
    topics: [toBeHex(operatorId, 32)],
  });
  return [...new Set(events.map((event) => event.args.strategy as string))];
}

/** Everything the AVS registry logged about `avs`'s sets: ids, strategies (replayed), members ever registered. */
export async function setsOfAvs(
  ctx: PalisadeContext,
  avs: string,
): Promise<Map<number, { strategies: string[]; members: string[] }>> {
  const registry = ctx.deployment.addresses.avsRegistry;
  const [setEvents, memberEvents] = await Promise.all([
    getEvents(ctx, {
      eventNames: ["OperatorSetCreated", "StrategyAddedToOperatorSet", "StrategyRemovedFromOperatorSet"],
      address: registry,
      topics: [topic(avs)],
    }),
    getEvents(ctx, {
      eventNames: ["OperatorRegisteredInSet"],
      address: registry,
      topics: [null, topic(avs)],
    }),
  ]);
  const sets = new Map<number, { strategies: Set<string>; members: Set<string> }>();
  const entry = (setId: number) => {
    let found = sets.get(setId);
    if (found === undefined) {
      found = { strategies: new Set(), members: new Set() };
      sets.set(setId, found);
    }
    return found;
  };
  for (const event of setEvents) {
    const set = entry(Number(event.args.setId));
    if (event.name === "StrategyAddedToOperatorSet") set.strategies.add(event.args.strategy as string);
    if (event.name === "StrategyRemovedFromOperatorSet") set.strategies.delete(event.args.strategy as string);
  }
  for (const event of memberEvents) entry(Number(event.args.setId)).members.add(event.args.operator as string);
  return new Map(
    [...sets.entries()].map(([id, set]) => [id, { strategies: [...set.strategies], members: [...set.members] }]),
  );
}
