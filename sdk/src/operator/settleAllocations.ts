import { signerAddress } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { AllocationManager } from "../generated/abis/index.js";

export interface SettleAllocationsParams {
  /** The operator whose allocations to settle; default: the signer. Anyone may settle anyone's. */
  operator?: string;
  avs: string;
  setId: number;
  strategies: string[];
}
export interface SettledStrategy {
  strategy: string;
  /** The operator's magnitude of the strategy still allocated or held by pending changes, after settling. */
  encumbered: bigint;
}
export interface SettleAllocationsResult extends WriteResult {
  /** One per strategy whose change had taken effect (strategies with nothing to settle are left as they were). */
  settled: SettledStrategy[];
}
export type SettleAllocationsErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Settles an operator's allocations of some strategies in one set: a change that took effect is written down, and a
 * decrease frees its magnitude for new allocations at once (`allocatableMagnitude` shows it). An increase of the
 * strategy settles its decreases by itself; settling is for reading the freed magnitude, or for anyone else. Find
 * what to settle with `read.settleableDeallocations`.
 *
 * @example
 * const { settled } = await palisade.operator.settleAllocations({ avs, setId: 1, strategies: [strategy] });
 */
export const settleAllocationsAction = defineWrite<SettleAllocationsParams, SettleAllocationsResult>({
  async build(ctx, params) {
    const operator =
      params.operator === undefined ? await signerAddress(ctx) : requireAddress(params.operator, "operator");
    return prepared(
      ctx.contracts.allocationManager.settleAllocations.populateTransaction(
        operator,
        { avs: requireAddress(params.avs, "avs"), id: requireSetId(params.setId) },
        requireAddresses(params.strategies, "strategies"),
      ),
    );
  },
  result(_ctx, _params, base) {
    const settled = eventsOf<AllocationManager>()
      .named(base.events, "EncumberedMagnitudeUpdated")
      .map((event) => ({ strategy: event.args.strategy, encumbered: event.args.encumbered }));
    return { ...base, settled };
  },
});
