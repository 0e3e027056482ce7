import { ZeroAddress } from "ethers";

import { equivocationSlasherAt } from "../contracts.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { PreflightError } from "../errors/base.js";
import { formatDuration, formatUtcDate, shortAddress } from "../errors/format.js";
import { getSlashedFunds, recipientInForce } from "../read/slashedFunds.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireSetId } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { EquivocationSlasher, SlashingCoordinator } from "../generated/abis/index.js";

export interface ReleaseSlashedFundsParams {
  avs: string;
  setId: number;
  strategy: string;
  /**
   * Whose escrowed bucket to release: a redistribution recipient the set had when the funds were slashed. Default:
   * the recipient in force now (the zero address for a burning set, whose bucket is burned).
   */
  recipient?: string;
}
export interface ReleaseSlashedFundsResult extends WriteResult {
  /** Who received the tokens: the bucket's recipient, or the burn address for a burning set. */
  recipient: string;
  shares: bigint;
  amount: bigint;
}
export type ReleaseSlashedFundsErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/** `params` with the recipient resolved (the one in force when none is given). */
async function bucketRecipient(
  ctx: Parameters<typeof recipientInForce>[0],
  params: ReleaseSlashedFundsParams,
): Promise<string> {
  if (params.recipient === undefined) return recipientInForce(ctx, params.avs, params.setId);
  return params.recipient === ZeroAddress ? ZeroAddress : requireAddress(params.recipient, "recipient");
}

/**
 * Releases a set's slashed funds in one strategy: a burning set's bucket is burned; a redistributing set's funds,
 * escrowed per recipient, are sent to that recipient once their escrow is over. Anyone may. Before sending, the SDK
 * refuses an empty bucket and one still in escrow, saying when it can be released.
 *
 * @example
 * const { amount, recipient } = await palisade.avs.releaseSlashedFunds({ avs, setId: 1, strategy });
 * // Funds slashed while the set paid a former recipient:
 * await palisade.avs.releaseSlashedFunds({ avs, setId: 1, strategy, recipient: formerRecipient });
 */
export const releaseSlashedFundsAction = defineWrite<ReleaseSlashedFundsParams, ReleaseSlashedFundsResult>({
  async preflight(ctx, params) {
    const funds = await getSlashedFunds(ctx, { ...params, recipient: await bucketRecipient(ctx, params) });
    const where = `strategy ${shortAddress(funds.strategy)} in set ${funds.setId} of AVS ${shortAddress(funds.avs)}`;
    const whose = funds.recipient === ZeroAddress ? "to be burned" : `for recipient ${funds.recipient}`;
    if (funds.shares === 0n) {
      throw new PreflightError(`Nothing slashed from ${where} is waiting ${whose}.`, {
        argument: "recipient",
        hint: "Funds slashed while the set paid another recipient wait in that recipient's bucket: pass it as recipient (the CLI: --recipient).",
      });
    }
    if (!funds.releasable) {
      throw new PreflightError(
        `The funds slashed from ${where} ${whose} are in escrow until ${formatUtcDate(funds.releasableAt)} (in ${formatDuration(funds.secondsToRelease)} of chain time).`,
        {
          argument: "recipient",
          hint: `Release them from ${formatUtcDate(funds.releasableAt)} on; the escrow lets governance stop a payout from a stolen or self-serving slasher.`,
        },
      );
    }
  },
  async build(ctx, params) {
    const avs = requireAddress(params.avs, "avs");
    const setId = requireSetId(params.setId);
    const strategy = requireAddress(params.strategy, "strategy");
    const recipient = await bucketRecipient(ctx, { ...params, avs, setId });
    return prepared(
      ctx.contracts.slashingCoordinator.releaseSlashedFunds.populateTransaction(
        { avs, id: setId },
        strategy,
        recipient,
      ),
    );
  },
  result(_ctx, _params, base) {
    const released = eventsOf<SlashingCoordinator>().first(base.events, "SlashedFundsReleased");
    return {
      ...base,
      recipient: released?.args.recipient ?? "",
      shares: released?.args.shares ?? 0n,
      amount: released?.args.amount ?? 0n,
    };
  },
});

export interface ClaimBountyParams {
  /** The EquivocationSlasher that owes the bounty. */
  slasher: string;
  strategy: string;
}
export interface ClaimBountyResult extends WriteResult {
  amount: bigint;
  stillOwed: bigint;
}

/** Claims an equivocation reporter's bounty in one strategy's token. */
export const claimBountyAction = defineWrite<ClaimBountyParams, ClaimBountyResult>({
  async build(ctx, params) {
    const slasher = equivocationSlasherAt(requireAddress(params.slasher, "slasher"), ctx.provider);
    return prepared(slasher.claimBounty.populateTransaction(requireAddress(params.strategy, "strategy")));
  },
  result(_ctx, _params, base) {
    const claimed = eventsOf<EquivocationSlasher>().first(base.events, "BountyClaimed");
    return {
      ...base,
      amount: claimed?.args.amount ?? 0n,
      stillOwed: claimed?.args.stillOwed ?? 0n,
    };
  },
});
