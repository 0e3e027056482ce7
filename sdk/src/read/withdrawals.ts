/** A staker's queued withdrawals, whole (from the queue's events) and with what completing each would pay now. */
import { zeroPadValue } from "ethers";

import { chainTime, type PalisadeContext } from "../context.js";
import { requireAddress } from "../validate.js";
import { queuedWithdrawalsIn, type QueuedWithdrawal, type Withdrawal } from "../withdrawals.js";
import { getEvents } from "./events.js";

export type WithdrawalStatus = "waiting" | "ready" | "completed";

export interface WithdrawalInfo extends QueuedWithdrawal {
  status: WithdrawalStatus;
  /** Seconds until it can be completed (0 when ready or completed). */
  secondsToMaturity: bigint;
  /** Shares and tokens completing it now would pay per strategy (0 once completed). */
  preview: { shares: bigint[]; tokens: bigint[] };
}

/**
 * Every withdrawal the staker queued (pending ones only unless `includeCompleted`), with status and payout preview.
 *
 * @example
 * const ready = (await palisade.read.withdrawals({ staker })).filter((w) => w.status === "ready");
 */
export async function getWithdrawals(
  ctx: PalisadeContext,
  params: { staker: string; includeCompleted?: boolean },
): Promise<WithdrawalInfo[]> {
  const staker = requireAddress(params.staker, "staker");
  const [events, now] = await Promise.all([
    getEvents(ctx, {
      eventNames: ["WithdrawalQueued"],
      address: ctx.deployment.addresses.withdrawalQueue,
      topics: [null, zeroPadValue(staker, 32)],
    }),
    chainTime(ctx),
  ]);
  const queue = ctx.contracts.withdrawalQueue;
  const infos = await Promise.all(
    queuedWithdrawalsIn(events).map(async (queued) => {
      const pending = await queue.isPending(queued.withdrawal);
      const status: WithdrawalStatus = !pending ? "completed" : queued.withdrawal.maturity > now ? "waiting" : "ready";
      const [shares, tokens] = pending ? await queue.previewCompletion(queued.withdrawal) : [[], []];
      return {
        ...queued,
        status,
        secondsToMaturity: status === "waiting" ? queued.withdrawal.maturity - now : 0n,
        preview: { shares: [...shares], tokens: [...tokens] },
      };
    }),
  );
  return params.includeCompleted === true ? infos : infos.filter((info) => info.status !== "completed");
}

/** Finds a withdrawal by its root among the staker's (the queue keeps only roots; the events keep the rest). */
export async function findWithdrawal(
  ctx: PalisadeContext,
  params: { root: string; staker?: string },
): Promise<Withdrawal | undefined> {
  const events = await getEvents(ctx, {
    eventNames: ["WithdrawalQueued"],
    address: ctx.deployment.addresses.withdrawalQueue,
    topics: [params.root, ...(params.staker === undefined ? [] : [zeroPadValue(params.staker, 32)])],
  });
  return queuedWithdrawalsIn(events)[0]?.withdrawal;
}
