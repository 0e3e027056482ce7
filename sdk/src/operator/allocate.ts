import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { InvalidArgumentError as InvalidArgument } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSameLength, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { AllocationManager } from "../generated/abis/index.js";

/** New magnitudes for some strategies in one set (a magnitude is a fraction of the operator's stake, 1e18 = all). */
export interface AllocationChange {
  avs: string;
  setId: number;
  strategies: string[];
  magnitudes: bigint[];
}
export interface AllocateParams {
  changes: AllocationChange[];
}
export interface AllocationUpdate {
  avs: string;
  setId: number;
  strategy: string;
  magnitude: bigint;
  /** When the new magnitude takes effect: increases after the allocation delay, decreases after the deallocation delay. */
  effectAt: bigint;
}
export interface AllocateResult extends WriteResult {
  updates: AllocationUpdate[];
}
export type AllocateErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Sets the signer's allocations: how much of its stake in each strategy each set may slash. Increases take effect
 * after the operator's allocation delay, decreases after the deallocation delay (they stay slashable until then).
 *
 * @example
 * await palisade.operator.allocate({ changes: [{ avs, setId: 1, strategies: [s], magnitudes: [parseEther("0.5")] }] });
 */
export const allocateAction = defineWrite<AllocateParams, AllocateResult>({
  build(ctx, { changes }) {
    if (changes.length === 0) throw new InvalidArgument("changes is empty.", { argument: "changes" });
    const params = changes.map((change, index) => {
      const strategies = requireAddresses(change.strategies, `changes[${index}].strategies`);
      requireSameLength(strategies, change.magnitudes, `changes[${index}].magnitudes`);
      return {
        operatorSet: { avs: requireAddress(change.avs, `changes[${index}].avs`), id: requireSetId(change.setId) },
        strategies,
        magnitudes: change.magnitudes,
      };
    });
    return prepared(ctx.contracts.allocationManager.modifyAllocations.populateTransaction(params));
  },
  result(_ctx, _params, base) {
    const updates = eventsOf<AllocationManager>()
      .named(base.events, "AllocationUpdated")
      .map((event) => ({
        avs: event.args.avs,
        setId: Number(event.args.setId),
        strategy: event.args.strategy,
        magnitude: event.args.magnitude,
        effectAt: event.args.effectAt,
      }));
    return { ...base, updates };
  },
});
