/** What a slash did, read from the coordinator's events: shared by every slasher's action. */
import type { PalisadeEvent } from "../tx/events.js";
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
  const slashed = base.events.find((event: PalisadeEvent) => event.name === "OperatorSlashed");
  const strategies = base.events
    .filter((event) => event.name === "StrategySlashed")
    .map((event) => ({
      strategy: event.args.strategy as string,
      wad: event.args.wad as bigint,
      allocationBefore: event.args.allocationBefore as bigint,
      slashedMagnitude: event.args.slashedMagnitude as bigint,
      maxMagnitudeBefore: event.args.maxMagnitudeBefore as bigint,
      sharesSlashed: event.args.sharesSlashed as bigint,
    }));
  return { ...base, slashId: (slashed?.args.slashId as bigint | undefined) ?? 0n, strategies };
}
