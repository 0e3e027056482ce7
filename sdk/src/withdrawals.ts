/** Queued withdrawals as the SDK hands them around: what the queue's event published, plus the root. */
import type { PalisadeEvent } from "./tx/events.js";

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
  return events
    .filter((event) => event.name === "WithdrawalQueued")
    .map((event) => {
      const raw = event.args.withdrawal as Record<string, unknown>;
      return {
        root: event.args.root as string,
        withdrawal: {
          staker: raw.staker as string,
          operatorId: raw.operatorId as bigint,
          maturity: raw.maturity as bigint,
          nonce: raw.nonce as bigint,
          strategies: [...(raw.strategies as string[])],
          scaledShares: [...(raw.scaledShares as bigint[])],
        },
      };
    });
}
