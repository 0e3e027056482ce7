import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { InvalidArgumentError as InvalidArgument } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddresses, requirePositive, requireSameLength } from "../validate.js";
import { queuedWithdrawalsIn, type QueuedWithdrawal } from "../withdrawals.js";

/** One withdrawal: withdrawable shares from each strategy. */
export interface WithdrawalRequest {
  strategies: string[];
  shares: bigint[];
}
export interface QueueWithdrawalParams {
  /** One or more withdrawals, each queued under its own root. */
  requests: WithdrawalRequest[];
}
export interface QueueWithdrawalResult extends WriteResult {
  /** The queued withdrawals, as `completeWithdrawal` takes them back, with their roots and maturities. */
  withdrawals: QueuedWithdrawal[];
}
export type QueueWithdrawalErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Queues withdrawals of the signer's shares. They stay slashable until they mature (the withdrawal delay), and then
 * complete as tokens or shares. Keep the returned withdrawals, or find them later with `read.withdrawals`.
 *
 * @example
 * const { withdrawals } = await palisade.staker.queueWithdrawal({ requests: [{ strategies: [s], shares: [n] }] });
 */
export const queueWithdrawalAction = defineWrite<QueueWithdrawalParams, QueueWithdrawalResult>({
  build(ctx, { requests }) {
    if (requests.length === 0) throw new InvalidArgument("requests is empty.", { argument: "requests" });
    const encoded = requests.map((request, index) => {
      const strategies = requireAddresses(request.strategies, `requests[${index}].strategies`);
      requireSameLength(strategies, request.shares, `requests[${index}].shares`);
      request.shares.forEach((shares, j) => requirePositive(shares, `requests[${index}].shares[${j}]`));
      return { strategies, shares: request.shares };
    });
    return prepared(ctx.contracts.withdrawalQueue.queueWithdrawals.populateTransaction(encoded));
  },
  result: (_ctx, _params, base) => ({ ...base, withdrawals: queuedWithdrawalsIn(base.events) }),
});
