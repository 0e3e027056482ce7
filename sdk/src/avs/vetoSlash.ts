/** The VetoSlasher's flow: request → veto window (the resolver may veto) → anyone executes before expiry. */
import { vetoSlasherAt } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSameLength, requireWad } from "../validate.js";
import { slashResult, type SlashResult } from "./slashResult.js";
import { eventsOf } from "../tx/events.js";
import type { VetoSlasher } from "../generated/abis/index.js";

export interface RequestSlashParams {
  slasher: string;
  operator: string;
  strategies: string[];
  wads: bigint[];
  description: string;
}
export interface RequestSlashResult extends WriteResult {
  requestId: bigint;
  /** The resolver may veto until then; execution is possible after it. */
  vetoDeadline: bigint;
  /** The request lapses at this time. */
  expiresAt: bigint;
}
export interface VetoRequestParams {
  slasher: string;
  requestId: bigint;
}
export interface ExecuteSlashParams {
  slasher: string;
  requestId: bigint;
  /** Omit to read them from the request's event (they must match what was requested). */
  strategies?: string[];
  wads?: bigint[];
  description?: string;
}
export type VetoSlashErrorType = InvalidArgumentError | ContractRevertError;

/** The VetoSlasher at `address`, its address checked. */
const slasherAt = (ctx: PalisadeContext, address: string) =>
  vetoSlasherAt(requireAddress(address, "slasher"), ctx.provider);

/**
 * Requests a slash through a VetoSlasher (the signer must own it). What is at stake is fixed now.
 *
 * @example
 * const { requestId, vetoDeadline } = await palisade.avs.requestSlash({ slasher, operator, strategies, wads, description });
 */
export const requestSlashAction = defineWrite<RequestSlashParams, RequestSlashResult>({
  build(ctx, params) {
    const strategies = requireAddresses(params.strategies, "strategies");
    requireSameLength(strategies, params.wads, "wads");
    params.wads.forEach((wad, index) => requireWad(wad, `wads[${index}]`));
    return prepared(
      slasherAt(ctx, params.slasher).requestSlash.populateTransaction(
        requireAddress(params.operator, "operator"),
        strategies,
        params.wads,
        params.description,
      ),
    );
  },
  result(_ctx, _params, base) {
    const requested = eventsOf<VetoSlasher>().first(base.events, "SlashRequested");
    return {
      ...base,
      requestId: requested?.args.requestId ?? 0n,
      vetoDeadline: requested?.args.vetoDeadline ?? 0n,
      expiresAt: requested?.args.expiresAt ?? 0n,
    };
  },
});

/** Vetoes a pending request (the signer must be the slasher's resolver). */
export const vetoAction = defineWrite<VetoRequestParams, WriteResult>({
  build: (ctx, params) => prepared(slasherAt(ctx, params.slasher).veto.populateTransaction(params.requestId)),
  result: (_ctx, _params, base) => base,
});

/** Cancels a pending request (the slasher's owner). */
export const cancelSlashRequestAction = defineWrite<VetoRequestParams, WriteResult>({
  build: (ctx, params) => prepared(slasherAt(ctx, params.slasher).cancel.populateTransaction(params.requestId)),
  result: (_ctx, _params, base) => base,
});

/** The parameters a request was made with, from its `SlashRequested` event. */
export async function requestedSlash(ctx: PalisadeContext, slasher: string, requestId: bigint) {
  const contract = slasherAt(ctx, slasher);
  const logs = await contract.queryFilter(contract.filters.SlashRequested(requestId), ctx.deployment.deploymentBlock);
  const [log] = logs;
  if (log === undefined) return undefined;
  return {
    strategies: [...log.args.strategies],
    wads: [...log.args.wads],
    description: log.args.description,
  };
}

/**
 * Executes a request once its veto window has passed (anyone may).
 *
 * @example
 * const { slashId } = await palisade.avs.executeSlash({ slasher, requestId });
 */
export const executeSlashAction = defineWrite<ExecuteSlashParams, SlashResult>({
  async build(ctx, params) {
    let { strategies, wads, description } = params;
    if (strategies === undefined || wads === undefined || description === undefined) {
      const requested = await requestedSlash(ctx, params.slasher, params.requestId);
      strategies ??= requested?.strategies ?? [];
      wads ??= requested?.wads ?? [];
      description ??= requested?.description ?? "";
    }
    return prepared(
      slasherAt(ctx, params.slasher).executeSlash.populateTransaction(params.requestId, strategies, wads, description),
    );
  },
  result: (_ctx, _params, base) => slashResult(base),
});
