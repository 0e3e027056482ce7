/**
 * A set's slashed funds waiting in one bucket: a burning set's, or a redistributing set's escrowed bucket of one
 * recipient (the one in force at each slash), with when it can be released.
 */
import { ZeroAddress } from "ethers";

import { chainTime, type PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";
import { requireAddress, requireSetId } from "../validate.js";

export interface SlashedFundsTarget {
  avs: string;
  setId: number;
  strategy: string;
  /**
   * Whose bucket: a redistribution recipient, or the zero address for a burning set's. Default: the recipient in
   * force now (the zero address for a burning set). Funds slashed for a former recipient stay in its bucket.
   */
  recipient?: string;
}

export interface SlashedFunds {
  avs: string;
  setId: number;
  strategy: string;
  /** The bucket's recipient (the zero address: the funds are burned). */
  recipient: string;
  /** Strategy shares waiting. */
  shares: bigint;
  /** When the bucket can be released (0: at once; a burning bucket has no escrow). */
  releasableAt: bigint;
  /** Seconds of escrow left (0: releasable now, or nothing waits). */
  secondsToRelease: bigint;
  /** Whether a release now would pay out: something waits and the escrow is over. */
  releasable: boolean;
}

/** The recipient in force of a set: where a slash now sends its funds (the zero address: burned). */
export async function recipientInForce(ctx: PalisadeContext, avs: string, setId: number): Promise<string> {
  try {
    const info = await ctx.contracts.avsRegistry.operatorSetInfo({ avs, id: setId });
    return info.redistributionRecipient;
  } catch (error) {
    throw toPalisadeError(error);
  }
}

/**
 * The bucket of one strategy in one set, for one recipient (by default the one in force).
 *
 * @example
 * const { shares, releasableAt, releasable } = await palisade.read.slashedFunds({ avs, setId: 2, strategy });
 */
export async function getSlashedFunds(ctx: PalisadeContext, target: SlashedFundsTarget): Promise<SlashedFunds> {
  const avs = requireAddress(target.avs, "avs");
  const setId = requireSetId(target.setId);
  const strategy = requireAddress(target.strategy, "strategy");
  const recipient =
    target.recipient === undefined
      ? await recipientInForce(ctx, avs, setId)
      : target.recipient === ZeroAddress
        ? ZeroAddress
        : requireAddress(target.recipient, "recipient");
  let shares: bigint;
  let releasableAt: bigint;
  let now: bigint;
  try {
    [[shares, releasableAt], now] = await Promise.all([
      ctx.contracts.slashingCoordinator.bucket({ avs, id: setId }, strategy, recipient),
      chainTime(ctx),
    ]);
  } catch (error) {
    throw toPalisadeError(error);
  }
  const secondsToRelease = shares > 0n && releasableAt > now ? releasableAt - now : 0n;
  return {
    avs,
    setId,
    strategy,
    recipient,
    shares,
    releasableAt,
    secondsToRelease,
    releasable: shares > 0n && secondsToRelease === 0n,
  };
}
