import type { ContractRevertError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { eventsOf } from "../tx/events.js";
import type { OperatorRegistry } from "../generated/abis/index.js";

export interface SetAllocationDelayParams {
  /** Seconds, within the registry's bounds. */
  delay: number;
}
export interface SetAllocationDelayResult extends WriteResult {
  /** When the new delay takes effect: the change waits out the delay in force, so stake cannot be rushed in. */
  effectAt: bigint;
}
export type SetAllocationDelayErrorType = ContractRevertError;

/**
 * Schedules a new allocation delay for the signer's operator.
 *
 * @example
 * const { effectAt } = await palisade.operator.setAllocationDelay({ delay: 3600 });
 */
export const setAllocationDelayAction = defineWrite<SetAllocationDelayParams, SetAllocationDelayResult>({
  build: (ctx, params) => prepared(ctx.contracts.operatorRegistry.setAllocationDelay.populateTransaction(params.delay)),
  result(_ctx, _params, base) {
    const scheduled = eventsOf<OperatorRegistry>().first(base.events, "AllocationDelayScheduled");
    return { ...base, effectAt: scheduled?.args.effectAt ?? 0n };
  },
});
