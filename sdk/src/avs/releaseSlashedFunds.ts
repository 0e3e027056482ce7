import { equivocationSlasherAt } from "../contracts.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { coreCall } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireSetId } from "../validate.js";

export interface ReleaseSlashedFundsParams {
  avs: string;
  setId: number;
  strategy: string;
}
export interface ReleaseSlashedFundsResult extends WriteResult {
  /** The redistribution recipient, or the burn address. */
  recipient: string;
  shares: bigint;
  amount: bigint;
}
export type ReleaseSlashedFundsErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Releases a set's slashed funds in one strategy: burned, or sent to the set's redistribution recipient. Anyone may.
 *
 * @example
 * const { amount, recipient } = await palisade.avs.releaseSlashedFunds({ avs, setId: 1, strategy });
 */
export const releaseSlashedFundsAction = defineWrite<ReleaseSlashedFundsParams, ReleaseSlashedFundsResult>({
  build: (ctx, params) =>
    coreCall(ctx, "slashingCoordinator", "releaseSlashedFunds", [
      { avs: requireAddress(params.avs, "avs"), id: requireSetId(params.setId) },
      requireAddress(params.strategy, "strategy"),
    ]),
  result(_ctx, _params, base) {
    const released = base.events.find((event) => event.name === "SlashedFundsReleased");
    return {
      ...base,
      recipient: (released?.args.recipient as string | undefined) ?? "",
      shares: (released?.args.shares as bigint | undefined) ?? 0n,
      amount: (released?.args.amount as bigint | undefined) ?? 0n,
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
    return {
      to: await slasher.getAddress(),
      data: slasher.interface.encodeFunctionData("claimBounty", [requireAddress(params.strategy, "strategy")]),
      value: 0n,
    };
  },
  result(_ctx, _params, base) {
    const claimed = base.events.find((event) => event.name === "BountyClaimed");
    return {
      ...base,
      amount: (claimed?.args.amount as bigint | undefined) ?? 0n,
      stillOwed: (claimed?.args.stillOwed as bigint | undefined) ?? 0n,
    };
  },
});
