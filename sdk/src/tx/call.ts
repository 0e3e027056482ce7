/** Encoding a call to one of the core contracts, the common case of `WriteSpec.build`. */
import type { Interface } from "ethers";

import type { PalisadeContracts } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import type { PreparedCall } from "./write.js";

/** Calldata for `contract.method(...args)`, with no value. */
export async function coreCall(
  ctx: PalisadeContext,
  contract: keyof PalisadeContracts,
  method: string,
  args: readonly unknown[],
): Promise<PreparedCall> {
  const target = ctx.contracts[contract];
  // The typechain interface types each method's arguments; callers here pass them by name, checked at encoding.
  const encoder: Interface = target.interface;
  return { to: await target.getAddress(), data: encoder.encodeFunctionData(method, args), value: 0n };
}
