/**
 * What the contracts do not enumerate, found in their events: the sets an operator joined or allocated to, the
 * strategies of a set, the members of an AVS's sets. Each is one paged log query from the deployment block.
 */
import { toBeHex, zeroPadValue } from "ethers";

import type { PalisadeContext } from "../context.js";
import type { AVSRegistry, AllocationManager, StrategyManager } from "../generated/abis/index.js";
import { eventsOf } from "../tx/events.js";
import { getEvents } from "./events.js";

const registryEvents = eventsOf<AVSRegistry>();
const allocationEvents = eventsOf<AllocationManager>();

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
    if (!registryEvents.is(event, "OperatorRegisteredInSet") && !allocationEvents.is(event, "AllocationUpdated"))
      continue;
    const ref = { avs: event.args.avs, setId: Number(event.args.setId) };
    sets.set(setKey(ref.avs, ref.setId), ref);
    if (allocationEvents.is(event, "AllocationUpdated")) strategies.add(event.args.strategy);
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
  return [
    ...new Set(
      eventsOf<StrategyManager>()
        .named(events, "OperatorStakeChanged")
        .map((event) => event.args.strategy),
    ),
  ];
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
    if (registryEvents.is(event, "OperatorSetCreated")) entry(Number(event.args.setId));
    if (registryEvents.is(event, "StrategyAddedToOperatorSet"))
      entry(Number(event.args.setId)).strategies.add(event.args.strategy);
    if (registryEvents.is(event, "StrategyRemovedFromOperatorSet"))
      entry(Number(event.args.setId)).strategies.delete(event.args.strategy);
  }
  for (const event of registryEvents.named(memberEvents, "OperatorRegisteredInSet"))
    entry(Number(event.args.setId)).members.add(event.args.operator);
  return new Map(
    [...sets.entries()].map(([id, set]) => [id, { strategies: [...set.strategies], members: [...set.members] }]),
  );
}
