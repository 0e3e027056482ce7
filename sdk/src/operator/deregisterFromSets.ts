import { signerAddress } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { InvalidArgumentError as InvalidArgument } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { AVSRegistry } from "../generated/abis/index.js";

export interface DeregisterFromSetsParams {
  avs: string;
  setIds: number[];
  /** The operator; default: the signer. The AVS itself may deregister its operators. */
  operator?: string;
}
export interface DeregisterFromSetsResult extends WriteResult {
  /** Per set: until when the operator stays slashable there (the deallocation delay). */
  slashableUntil: { setId: number; until: bigint }[];
}
export type DeregisterFromSetsErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Deregisters an operator from an AVS's sets. It stays slashable there until the deallocation delay passes.
 *
 * @example
 * const { slashableUntil } = await palisade.operator.deregisterFromSets({ avs, setIds: [1] });
 */
export const deregisterFromSetsAction = defineWrite<DeregisterFromSetsParams, DeregisterFromSetsResult>({
  async build(ctx, params) {
    if (params.setIds.length === 0) throw new InvalidArgument("setIds is empty.", { argument: "setIds" });
    const operator =
      params.operator === undefined ? await signerAddress(ctx) : requireAddress(params.operator, "operator");
    return prepared(
      ctx.contracts.avsRegistry.deregisterFromOperatorSets.populateTransaction(
        operator,
        requireAddress(params.avs, "avs"),
        params.setIds.map((id, index) => requireSetId(id, `setIds[${index}]`)),
      ),
    );
  },
  result(_ctx, _params, base) {
    const slashableUntil = eventsOf<AVSRegistry>()
      .named(base.events, "OperatorDeregisteredFromSet")
      .map((event) => ({ setId: Number(event.args.setId), until: event.args.slashableUntil }));
    return { ...base, slashableUntil };
  },
});
