/** Changes to an existing set: strategies in and out, the registrar hook, the slasher (after a delay). */
import { ZeroAddress } from "ethers";

import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { coreCall } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSetId } from "../validate.js";

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
}
export interface ScheduleSlasherResult extends WriteResult {
  /** When the new slasher takes over: no sooner than the withdrawal delay, so stake can leave first. */
  effectAt: bigint;
}
export type ManageSetErrorType = InvalidArgumentError | ContractRevertError;

/** Adds strategies to one of the signer's sets. */
export const addStrategiesAction = defineWrite<SetStrategiesParams, WriteResult>({
  build: (ctx, params) =>
    coreCall(ctx, "avsRegistry", "addStrategiesToOperatorSet", [
      requireSetId(params.setId),
      requireAddresses(params.strategies, "strategies"),
    ]),
  result: (_ctx, _params, base) => base,
});

/** Removes strategies from one of the signer's sets. */
export const removeStrategiesAction = defineWrite<SetStrategiesParams, WriteResult>({
  build: (ctx, params) =>
    coreCall(ctx, "avsRegistry", "removeStrategiesFromOperatorSet", [
      requireSetId(params.setId),
      requireAddresses(params.strategies, "strategies"),
    ]),
  result: (_ctx, _params, base) => base,
});

/** Sets or removes the registrar hook of one of the signer's sets. */
export const setRegistrarAction = defineWrite<SetRegistrarParams, WriteResult>({
  build: (ctx, params) =>
    coreCall(ctx, "avsRegistry", "setRegistrar", [
      requireSetId(params.setId),
      params.registrar === undefined ? ZeroAddress : requireAddress(params.registrar, "registrar"),
    ]),
  result: (_ctx, _params, base) => base,
});

/** Schedules a new slasher for one of the signer's sets. */
export const scheduleSlasherAction = defineWrite<ScheduleSlasherParams, ScheduleSlasherResult>({
  build: (ctx, params) =>
    coreCall(ctx, "avsRegistry", "scheduleSlasher", [
      requireSetId(params.setId),
      requireAddress(params.slasher, "slasher"),
    ]),
  result(_ctx, _params, base) {
    const scheduled = base.events.find((event) => event.name === "SlasherScheduled");
    return { ...base, effectAt: (scheduled?.args.effectAt as bigint | undefined) ?? 0n };
  },
});
