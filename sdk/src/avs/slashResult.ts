/** What a slash did, read from the coordinator's events: shared by every slasher's action. */
import type { SlashingCoordinator } from "../generated/abis/index.js";
import { eventsOf } from "../tx/events.js";
import type { WriteResult } from "../tx/write.js";

export interface StrategySlash {
  strategy: string;
  wad: bigint;
  allocationBefore: bigint;
  slashedMagnitude: bigint;
  maxMagnitudeBefore: bigint;
  sharesSlashed: bigint;
}
export interface SlashResult extends WriteResult {
  /** The coordinator's id for the slash (0 when the transaction did not slash, e.g. a request or a veto). */
  slashId: bigint;
  strategies: StrategySlash[];
}

export function slashResult(base: WriteResult): SlashResult {
  const coordinator = eventsOf<SlashingCoordinator>();
  const slashed = coordinator.first(base.events, "OperatorSlashed");
  const strategies = coordinator.named(base.events, "StrategySlashed").map((event) => ({
    strategy: event.args.strategy,
    wad: event.args.wad,
    allocationBefore: event.args.allocationBefore,
    slashedMagnitude: event.args.slashedMagnitude,
    maxMagnitudeBefore: event.args.maxMagnitudeBefore,
    sharesSlashed: event.args.sharesSlashed,
  }));
  return { ...base, slashId: slashed?.args.slashId ?? 0n, strategies };
}
