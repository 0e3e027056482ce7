/** Calls into the PalisadeLens (contracts/periphery): one eth_call for a whole state, decoded into plain objects. */
import type { PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";

import { plain } from "../tx/events.js";

/** A decoded lens struct: named fields. */
export type LensRecord = Record<string, unknown>;

/** Calls `method` on the lens and returns its first output as plain data. */
export async function callLens(ctx: PalisadeContext, method: string, args: readonly unknown[]): Promise<unknown> {
  try {
    const call = ctx.contracts.lens.getFunction(method);
    const [output] = call.fragment.outputs;
    const result = await call.staticCallResult(...args);
    return output === undefined ? undefined : plain(output, result[0]);
  } catch (error) {
    throw toPalisadeError(error);
  }
}

export const asRecord = (value: unknown): LensRecord => value as LensRecord;
export const asRecords = (value: unknown): LensRecord[] => (value as unknown[]).map(asRecord);
export const big = (value: unknown): bigint => value as bigint;
export const bigs = (value: unknown): bigint[] => (value as unknown[]).map(big);
export const str = (value: unknown): string => String(value);
/** An OperatorSet struct as a set reference. */
export const setRef = (value: unknown) => {
  const set = asRecord(value);
  return { avs: str(set.avs), setId: Number(set.id) };
};
/** An `IAVSRegistry.OperatorSetInfo` struct, without its strategy count. */
export const setInfo = (value: unknown) => {
  const info = asRecord(value);
  return {
    slasher: str(info.slasher),
    pendingSlasher: str(info.pendingSlasher),
    slasherEffectAt: big(info.slasherEffectAt),
    registrar: str(info.registrar),
    redistributionRecipient: str(info.redistributionRecipient),
    pendingRedistributionRecipient: str(info.pendingRedistributionRecipient),
  };
};
