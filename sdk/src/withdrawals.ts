/** Queued withdrawals as the SDK hands them around: what the queue's event published, plus the root. */
import type { PalisadeEvent } from "./tx/events.js";
import { eventsOf } from "./tx/events.js";
import type { WithdrawalQueue } from "./generated/typechain/index.js";

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
