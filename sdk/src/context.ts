/**
 * What every action works with: the provider, the signer (for writes), the deployment and its typed contracts.
 */
import type { Provider, Signer } from "ethers";

import type { PalisadeContracts } from "./contracts.js";
import type { PalisadeDeployment } from "./deployment.js";
import { SignerRequiredError } from "./errors/base.js";

export interface PalisadeContext {
  provider: Provider;
  /** The account that signs writes; `undefined` for a read-only client. */
  signer: Signer | undefined;
  chainId: bigint;
  deployment: PalisadeDeployment;
  contracts: PalisadeContracts;
  /** Confirmations a write waits for unless told otherwise. */
  confirmations: number;
}

/** The context's signer, or a typed error saying a write needs one. */
export function requireSigner(ctx: PalisadeContext): Signer {
  if (ctx.signer === undefined) {
    throw new SignerRequiredError("This action sends a transaction, and the client has no signer.", {
      hint: "Create the client with a Signer as its runner (the CLI: --private-key, PALISADE_PRIVATE_KEY or --keystore).",
    });
  }
  return ctx.signer;
}

/** The signer's address. */
export async function signerAddress(ctx: PalisadeContext): Promise<string> {
  return requireSigner(ctx).getAddress();
}

/** The latest block's timestamp: the clock every delay on chain is measured by. */
export async function chainTime(ctx: PalisadeContext): Promise<bigint> {
  const block = await ctx.provider.getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}
