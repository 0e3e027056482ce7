import { ZeroAddress } from "ethers";

import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { InvalidArgumentError as InvalidArgument } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";
import type { Withdrawal } from "../withdrawals.js";
import { eventsOf } from "../tx/events.js";
import type { WithdrawalQueue } from "../generated/abis/index.js";

export interface CompleteWithdrawalParams {
  /** The withdrawals to complete, as queued (`queueWithdrawal`'s result, or `read.withdrawals`). */
  withdrawals: Withdrawal[];
  /** Receive tokens (default) or re-credit shares, for all withdrawals or one flag each. */
  asTokens?: boolean | boolean[];
  /** Where tokens go; default: the staker. */
  receiver?: string;
}
export interface CompletedWithdrawal {
  root: string;
  asTokens: boolean;
  receiver: string;
}
export interface CompleteWithdrawalResult extends WriteResult {
  completed: CompletedWithdrawal[];
  /** Tokens paid out, per token address (as tokens only). */
  tokensPaid: Record<string, bigint>;
}
export type CompleteWithdrawalErrorType = InvalidArgumentError | ContractRevertError;

const toStruct = (withdrawal: Withdrawal) => ({
  staker: withdrawal.staker,
  operatorId: withdrawal.operatorId,
  maturity: withdrawal.maturity,
  nonce: withdrawal.nonce,
  strategies: withdrawal.strategies,
  scaledShares: withdrawal.scaledShares,
});

/**
 * Completes matured withdrawals: one call for one withdrawal, a batch call for several. Paid at the operator's
 * slashing factor at maturity, so a slash before maturity reduces what it pays.
 *
 * @example
 * await palisade.staker.completeWithdrawal({ withdrawals: [queued.withdrawal] });
 */
export const completeWithdrawalAction = defineWrite<CompleteWithdrawalParams, CompleteWithdrawalResult>({
  build(ctx, params) {
    const { withdrawals } = params;
    if (withdrawals.length === 0) throw new InvalidArgument("withdrawals is empty.", { argument: "withdrawals" });
    const [first] = withdrawals;
    // Tokens go to the staker unless another receiver is named (the queue rejects the zero address).
    const receiver =
      params.receiver === undefined ? (first?.staker ?? ZeroAddress) : requireAddress(params.receiver, "receiver");
    const flags = Array.isArray(params.asTokens) ? params.asTokens : withdrawals.map(() => params.asTokens !== false);
    if (flags.length !== withdrawals.length) {
      throw new InvalidArgument(`asTokens has ${flags.length} flags for ${withdrawals.length} withdrawals.`, {
        argument: "asTokens",
      });
    }
    const queue = ctx.contracts.withdrawalQueue;
    return prepared(
      withdrawals.length === 1 && first !== undefined
        ? queue.completeWithdrawal.populateTransaction(toStruct(first), flags[0] ?? true, receiver)
        : queue.completeWithdrawals.populateTransaction(withdrawals.map(toStruct), flags, receiver),
    );
  },
  result(_ctx, _params, base) {
    const completed = eventsOf<WithdrawalQueue>()
      .named(base.events, "WithdrawalCompleted")
      .map((event) => ({ root: event.args.root, asTokens: event.args.asTokens, receiver: event.args.receiver }));
    const tokensPaid: Record<string, bigint> = {};
    for (const event of base.events) {
      if (event.name !== "Transfer") continue;
      const to = String(event.args.to).toLowerCase();
      if (completed.some((c) => c.receiver.toLowerCase() === to)) {
        tokensPaid[event.address] = (tokensPaid[event.address] ?? 0n) + (event.args.value as bigint);
      }
    }
    return { ...base, completed, tokensPaid };
  },
});
