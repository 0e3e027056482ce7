import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { InvalidArgumentError as InvalidArgument } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { AVSRegistry } from "../generated/abis/index.js";

export interface RegisterForSetsParams {
  avs: string;
  setIds: number[];
  /** Data for the sets' registrar hooks (for example a signing key or a socket), default empty. */
  data?: string;
}
export interface RegisterForSetsResult extends WriteResult {
  /** Per set: from when the operator is slashable there (after the notice: stakers can leave first). */
  slashableFrom: { setId: number; from: bigint }[];
}
export type RegisterForSetsErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Registers the signer's operator for some of an AVS's sets; a registrar hook may reject it, and its reason is
 * reported. Registration alone puts nothing at stake: allocate to the set next. The set can slash the operator only
 * from the registration's `slashableFrom`, one second after a withdrawal queued now matures.
 *
 * @example
 * await palisade.operator.registerForSets({ avs, setIds: [1] });
 */
export const registerForSetsAction = defineWrite<RegisterForSetsParams, RegisterForSetsResult>({
  build(ctx, params) {
    if (params.setIds.length === 0) throw new InvalidArgument("setIds is empty.", { argument: "setIds" });
    return prepared(
      ctx.contracts.avsRegistry.registerForOperatorSets.populateTransaction(
        requireAddress(params.avs, "avs"),
        params.setIds.map((id, index) => requireSetId(id, `setIds[${index}]`)),
        params.data ?? "0x",
      ),
    );
  },
  result(_ctx, _params, base) {
    return { ...base, slashableFrom: registrationsIn(base) };
  },
});

/** The `OperatorRegisteredInSet` events of a write: per set, from when the operator is slashable there. */
export function registrationsIn(base: WriteResult): { setId: number; from: bigint }[] {
  return eventsOf<AVSRegistry>()
    .named(base.events, "OperatorRegisteredInSet")
    .map((event) => ({ setId: Number(event.args.setId), from: event.args.slashableFrom }));
}
