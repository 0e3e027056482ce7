/** Changes to an existing set: strategies in and out, the registrar hook, the slasher (after a delay). */
import { ZeroAddress } from "ethers";

import type { PalisadeContext } from "../context.js";
import { InvalidArgumentError, type ContractRevertError } from "../errors/base.js";
import { toPalisadeError } from "../errors/decode.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { AVSRegistry } from "../generated/abis/index.js";

export interface SetStrategiesParams {
  setId: number;
  strategies: string[];
}
export interface SetRegistrarParams {
  setId: number;
  /** The new hook; omit to remove it. */
  registrar?: string;
}
export interface ScheduleSlasherParams {
  setId: number;
  slasher: string;
  /**
   * The redistribution recipient that takes over with the slasher. A redistributing set needs one; a burning set
   * burns for its life and takes none (the zero address). Default: the set's recipient in force, read from the
   * chain, so a redistributing set keeps paying the same recipient and a burning set stays burning.
   */
  recipient?: string;
  /** The set's AVS, to read the recipient in force when `recipient` is omitted; default: the signer. */
  avs?: string;
}
export interface ScheduleSlasherResult extends WriteResult {
  /** When the new slasher (and recipient) take over: one second after a withdrawal queued now matures. */
  effectAt: bigint;
  /** The recipient scheduled with it (the zero address for a burning set). */
  recipient: string;
}
export type ManageSetErrorType = InvalidArgumentError | ContractRevertError;

/** Adds strategies to one of the signer's sets. */
export const addStrategiesAction = defineWrite<SetStrategiesParams, WriteResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.avsRegistry.addStrategiesToOperatorSet.populateTransaction(
        requireSetId(params.setId),
        requireAddresses(params.strategies, "strategies"),
      ),
    ),
  result: (_ctx, _params, base) => base,
});

/** Removes strategies from one of the signer's sets. */
export const removeStrategiesAction = defineWrite<SetStrategiesParams, WriteResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.avsRegistry.removeStrategiesFromOperatorSet.populateTransaction(
        requireSetId(params.setId),
        requireAddresses(params.strategies, "strategies"),
      ),
    ),
  result: (_ctx, _params, base) => base,
});

/** Sets or removes the registrar hook of one of the signer's sets. */
export const setRegistrarAction = defineWrite<SetRegistrarParams, WriteResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.avsRegistry.setRegistrar.populateTransaction(
        requireSetId(params.setId),
        params.registrar === undefined ? ZeroAddress : requireAddress(params.registrar, "registrar"),
      ),
    ),
  result: (_ctx, _params, base) => base,
});

/** The recipient to schedule: the one given, or the set's recipient in force (kept). */
async function scheduledRecipient(ctx: PalisadeContext, params: ScheduleSlasherParams): Promise<string> {
  if (params.recipient !== undefined) {
    return params.recipient === ZeroAddress ? ZeroAddress : requireAddress(params.recipient, "recipient");
  }
  let avs = params.avs === undefined ? undefined : requireAddress(params.avs, "avs");
  if (avs === undefined) {
    if (ctx.signer === undefined) {
      throw new InvalidArgumentError("scheduleSlasher needs the set's AVS to keep its recipient, or a recipient.", {
        argument: "recipient",
        hint: "Pass recipient (the zero address for a burning set), or avs (the CLI: --from) to keep the one in force.",
      });
    }
    avs = await ctx.signer.getAddress();
  }
  try {
    return (await ctx.contracts.avsRegistry.operatorSetInfo({ avs, id: requireSetId(params.setId) }))
      .redistributionRecipient;
  } catch (error) {
    throw toPalisadeError(error);
  }
}

/**
 * Schedules a new slasher for one of the signer's sets, with the redistribution recipient that takes over with it
 * (by default the one in force). Both take effect after the notice: stakers who opted in under one slasher can
 * leave before another one applies.
 *
 * @example
 * const { effectAt } = await palisade.avs.scheduleSlasher({ setId: 1, slasher: newSlasher });
 * // A redistributing set whose slasher must also receive the funds (an EquivocationSlasher pays bounties from them):
 * await palisade.avs.scheduleSlasher({ setId: 2, slasher: newSlasher, recipient: newSlasher });
 */
export const scheduleSlasherAction = defineWrite<ScheduleSlasherParams, ScheduleSlasherResult>({
  async build(ctx, params) {
    const recipient = await scheduledRecipient(ctx, params);
    return prepared(
      ctx.contracts.avsRegistry.scheduleSlasher.populateTransaction(
        requireSetId(params.setId),
        requireAddress(params.slasher, "slasher"),
        recipient,
      ),
    );
  },
  result(_ctx, _params, base) {
    const scheduled = eventsOf<AVSRegistry>().first(base.events, "SlasherScheduled");
    return {
      ...base,
      effectAt: scheduled?.args.effectAt ?? 0n,
      recipient: scheduled?.args.redistributionRecipient ?? "",
    };
  },
});
