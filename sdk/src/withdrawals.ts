/** Queued withdrawals as the SDK hands them around: what the queue's event published, plus the root. */
import type { Log } from "ethers";

import { InvalidArgumentError } from "./errors/base.js";
import type { WithdrawalQueue } from "./generated/abis/index.js";
import { decodeLogs, eventsOf, type PalisadeEvent } from "./tx/events.js";

/** A queued withdrawal, exactly as `completeWithdrawal` takes it back. */
export interface Withdrawal {
  staker: string;
  operatorId: bigint;
  maturity: bigint;
  nonce: bigint;
  strategies: string[];
  scaledShares: bigint[];
}

/** A withdrawal and the root the queue stores for it. */
export interface QueuedWithdrawal {
  root: string;
  withdrawal: Withdrawal;
}

/** The withdrawals announced by `WithdrawalQueued` events, in order. */
export function queuedWithdrawalsIn(events: readonly PalisadeEvent[]): QueuedWithdrawal[] {
  return eventsOf<WithdrawalQueue>()
    .named(events, "WithdrawalQueued")
    .map(({ args: { root, withdrawal } }) => ({
      root,
      withdrawal: {
        staker: withdrawal.staker,
        operatorId: withdrawal.operatorId,
        maturity: withdrawal.maturity,
        nonce: withdrawal.nonce,
        strategies: [...withdrawal.strategies],
        scaledShares: [...withdrawal.scaledShares],
      },
    }));
}

/**
 * The withdrawals a transaction queued, from its receipt's logs: for callers that sent it without the SDK (typed
 * contracts, a multisig), since the queue stores only roots and completing needs what the event published.
 */
export function queuedWithdrawalsInReceipt(receipt: { logs: readonly Log[] } | null): QueuedWithdrawal[] {
  return queuedWithdrawalsIn(decodeLogs(receipt?.logs ?? []));
}

/** The one withdrawal a transaction queued, as `completeWithdrawal` takes it; throws if it queued none or several. */
export function queuedWithdrawalInReceipt(receipt: { logs: readonly Log[] } | null): Withdrawal {
  const queued = queuedWithdrawalsInReceipt(receipt);
  const [only] = queued;
  if (only === undefined || queued.length !== 1) {
    throw new InvalidArgumentError(`The transaction queued ${queued.length} withdrawals, not one.`, {
      argument: "receipt",
    });
  }
  return only.withdrawal;
}
