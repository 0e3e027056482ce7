/** The calldata of a typed contract call, the common case of `WriteSpec.build`. */
import type { ContractTransaction } from "ethers";

import type { PreparedCall } from "./write.js";

/**
 * A call with no value, from a typechain method's `populateTransaction`: the method's name, its arguments and their
 * struct fields are checked against the contract's ABI at compile time, so a renamed function does not compile.
 *
 * @example
 * build: (ctx, params) => prepared(ctx.contracts.avsRegistry.registerAVS.populateTransaction(params.metadataURI)),
 */
export async function prepared(transaction: Promise<ContractTransaction>): Promise<PreparedCall> {
  const { to, data } = await transaction;
  return { to, data, value: 0n };
}
