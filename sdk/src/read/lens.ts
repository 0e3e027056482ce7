/**
 * Calls into the PalisadeLens (contracts/periphery): one eth_call for a whole state, read through the lens's typechain
 * methods, so the structs it returns are typed by its ABI (a renamed field does not compile where it is read).
 */
import type { PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";
import type { PalisadeLens } from "../generated/abis/index.js";
import type { IAVSRegistry, OperatorSetStructOutput } from "../generated/abis/PalisadeLens.js";

/** Runs `read` against the lens; a revert or a network failure becomes a typed `PalisadeError`. */
export async function readLens<T>(ctx: PalisadeContext, read: (lens: PalisadeLens) => Promise<T>): Promise<T> {
  try {
    return await read(ctx.contracts.lens);
  } catch (error) {
    throw toPalisadeError(error);
  }
}

/** An OperatorSet struct as a set reference. */
export const setRef = (set: OperatorSetStructOutput) => ({ avs: set.avs, setId: Number(set.id) });

/** An `IAVSRegistry.OperatorSetInfo` struct, without its strategy count. */
export const setInfo = (info: IAVSRegistry.OperatorSetInfoStructOutput) => ({
  slasher: info.slasher,
  pendingSlasher: info.pendingSlasher,
  slasherEffectAt: info.slasherEffectAt,
  registrar: info.registrar,
  redistributionRecipient: info.redistributionRecipient,
  pendingRedistributionRecipient: info.pendingRedistributionRecipient,
});
