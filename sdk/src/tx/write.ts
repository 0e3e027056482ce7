/**
 * The three forms every write takes: `prepare` (calldata for any signer, a multisig included), `estimateGas`, and
 * `send`, which runs the SDK's pre-flight checks, simulates the call (so a revert is reported, decoded, before any
 * gas is paid), sends it, waits for its confirmations and decodes its events.
 */
import { isError, type TransactionReceipt } from "ethers";

import { requireSigner, type PalisadeContext } from "../context.js";
import { TransactionRevertedError } from "../errors/base.js";
import { decodeRevert, toPalisadeError } from "../errors/decode.js";
import { decodeLogs, type PalisadeEvent } from "./events.js";

/** A call ready for any signer: what a multisig or a relayer needs. */
export interface PreparedCall {
  to: string;
  data: string;
  value: bigint;
}

/** Where a write is, for a progress line. */
export type WriteProgress =
  | { stage: "checking" }
  | { stage: "simulating" }
  | { stage: "sending" }
  | { stage: "sent"; hash: string }
  | { stage: "confirming"; hash: string; confirmations: number; target: number }
  | { stage: "confirmed"; hash: string; blockNumber: number };

export interface SendOptions {
  /** Blocks to wait for (default: the client's `confirmations`, 1 unless configured). */
  confirmations?: number;
  /** Called as the write moves on: the CLI prints a progress line from it. */
  onProgress?: (progress: WriteProgress) => void;
  /** A gas limit; by default the node estimates one. */
  gasLimit?: bigint;
  /** The transaction's nonce; by default the signer's next one. */
  nonce?: number;
}

/** What every write returns: the transaction, its receipt and its decoded events. */
export interface WriteResult {
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
  receipt: TransactionReceipt;
  events: PalisadeEvent[];
}

/** How one write is built: pre-flight checks, the call, and how its result is read from the receipt's events. */
export interface WriteSpec<P, R extends WriteResult> {
  /** Checks that need the chain (allowance, registration...): throw a typed error naming the argument at fault. */
  preflight?: (ctx: PalisadeContext, params: P, sender: string) => Promise<void>;
  /** The call: target, calldata, value. Validates the parameters it encodes. */
  build: (ctx: PalisadeContext, params: P) => PreparedCall | Promise<PreparedCall>;
  /** Reads the action's own result (a withdrawal root, a slash id...) from the common result. */
  result: (ctx: PalisadeContext, params: P, base: WriteResult) => R | Promise<R>;
}

export interface WriteAction<P, R extends WriteResult> {
  prepare: (ctx: PalisadeContext, params: P) => Promise<PreparedCall>;
  estimateGas: (ctx: PalisadeContext, params: P) => Promise<bigint>;
  send: (ctx: PalisadeContext, params: P, options?: SendOptions) => Promise<R>;
}

export function defineWrite<P, R extends WriteResult>(spec: WriteSpec<P, R>): WriteAction<P, R> {
  const prepare = async (ctx: PalisadeContext, params: P) => spec.build(ctx, params);

  const estimateGas = async (ctx: PalisadeContext, params: P) => {
    const call = await prepare(ctx, params);
    const from = await requireSigner(ctx).getAddress();
    try {
      return await ctx.provider.estimateGas({ ...call, from });
    } catch (error) {
      throw toPalisadeError(error);
    }
  };

  const send = async (ctx: PalisadeContext, params: P, options: SendOptions = {}) => {
    const signer = requireSigner(ctx);
    const progress = options.onProgress ?? (() => undefined);
    const call = await prepare(ctx, params);
    const from = await signer.getAddress();
    if (spec.preflight !== undefined) {
      progress({ stage: "checking" });
      await spec.preflight(ctx, params, from);
    }
    progress({ stage: "simulating" });
    try {
      await ctx.provider.call({ ...call, from });
    } catch (error) {
      throw toPalisadeError(error);
    }
    progress({ stage: "sending" });
    let hash: string;
    let receipt: TransactionReceipt | null;
    try {
      const response = await signer.sendTransaction({
        ...call,
        ...(options.gasLimit === undefined ? {} : { gasLimit: options.gasLimit }),
        ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
      });
      hash = response.hash;
      progress({ stage: "sent", hash });
      const target = options.confirmations ?? ctx.confirmations;
      receipt = await response.wait(1);
      for (let seen = 1; seen < target && receipt !== null;) {
        progress({ stage: "confirming", hash, confirmations: seen, target });
        receipt = await response.wait(seen + 1);
        seen += 1;
      }
    } catch (error) {
      // A mined transaction that reverted carries its receipt and no reason: replay it for one.
      if (isError(error, "CALL_EXCEPTION") && error.receipt != null)
        throw await explainMinedRevert(ctx, call, from, error);
      throw toPalisadeError(error);
    }
    if (receipt === null) throw new TransactionRevertedError(`Transaction ${hash} was dropped from the chain.`);
    progress({ stage: "confirmed", hash, blockNumber: receipt.blockNumber });
    const base: WriteResult = {
      hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      receipt,
      events: decodeLogs(receipt.logs),
    };
    return spec.result(ctx, params, base);
  };

  return { prepare, estimateGas, send };
}

/**
 * A transaction that passed simulation and reverted on chain: replay it at the head to recover the reason (the state
 * that made it revert is usually still there).
 */
async function explainMinedRevert(
  ctx: PalisadeContext,
  call: PreparedCall,
  from: string,
  cause: unknown,
): Promise<Error> {
  try {
    await ctx.provider.call({ ...call, from });
  } catch (error) {
    const decoded = toPalisadeError(error);
    return new TransactionRevertedError(`The transaction reverted on chain: ${decoded.shortMessage}`, {
      cause: decoded,
      details: decoded.details,
      ...(decoded.hint === undefined ? {} : { hint: decoded.hint }),
    });
  }
  return new TransactionRevertedError("The transaction reverted on chain after passing simulation.", {
    cause: decodeRevert("0x", cause),
    hint: "The chain changed between simulation and inclusion (a front-run, a pause, an expiry); check and retry.",
  });
}
