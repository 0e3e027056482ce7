import type { TransactionReceipt } from "ethers";

import type {
  IWithdrawalQueue,
  WithdrawalQueuedEvent,
} from "../../types/ethers-contracts/contracts/core/WithdrawalQueue.js";
import type { WithdrawalQueue } from "../../types/ethers-contracts/index.js";

/**
 * The withdrawals `queue` announced in `receipt` (its `WithdrawalQueued` events), in the form `completeWithdrawal`
 * takes them back: the queue stores only a root, so the staker keeps what the event published.
 */
export async function queuedWithdrawals(
  queue: WithdrawalQueue,
  receipt: TransactionReceipt | null,
): Promise<IWithdrawalQueue.WithdrawalStruct[]> {
  const queueAddress = (await queue.getAddress()).toLowerCase();
  const event = queue.interface.getEvent("WithdrawalQueued");
  const withdrawals: IWithdrawalQueue.WithdrawalStruct[] = [];
  for (const log of receipt?.logs ?? []) {
    if (log.address.toLowerCase() !== queueAddress || log.topics[0] !== event.topicHash) continue;
    // decodeEventLog returns an untyped Result; the event's ABI, from which typechain generated this tuple type,
    // fixes its shape.
    const [, , withdrawal] = queue.interface.decodeEventLog(
      event,
      log.data,
      log.topics,
    ) as unknown as WithdrawalQueuedEvent.OutputTuple;
    withdrawals.push({
      staker: withdrawal.staker,
      operatorId: withdrawal.operatorId,
      maturity: withdrawal.maturity,
      nonce: withdrawal.nonce,
      strategies: [...withdrawal.strategies],
      scaledShares: [...withdrawal.scaledShares],
    });
  }
  return withdrawals;
}

/** The one withdrawal `queue` announced in `receipt`; throws if there is not exactly one. */
export async function queuedWithdrawal(
  queue: WithdrawalQueue,
  receipt: TransactionReceipt | null,
): Promise<IWithdrawalQueue.WithdrawalStruct> {
  const withdrawals = await queuedWithdrawals(queue, receipt);
  const [withdrawal] = withdrawals;
  if (withdrawal === undefined || withdrawals.length !== 1) {
    throw new Error(`expected one WithdrawalQueued event, found ${withdrawals.length}`);
  }
  return withdrawal;
}
