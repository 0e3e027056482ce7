import { signerAddress } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite } from "../tx/write.js";
import { requireAddress } from "../validate.js";
import { undelegationResult, type UndelegationResult } from "./delegate.js";

export interface UndelegateParams {
  /** The staker to undelegate; default: the signer. An operator (or its approver) may force out its stakers. */
  staker?: string;
}
export type UndelegateResult = UndelegationResult;
export type UndelegateErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Undelegates a staker: all of its shares are queued for withdrawal (returned with their roots).
 *
 * @example
 * const { withdrawals } = await palisade.staker.undelegate();
 */
export const undelegateAction = defineWrite<UndelegateParams, UndelegateResult>({
  async build(ctx, params) {
    const staker = params.staker === undefined ? await signerAddress(ctx) : requireAddress(params.staker, "staker");
    return prepared(ctx.contracts.operatorRegistry.undelegate.populateTransaction(staker));
  },
  result: (_ctx, _params, base) => undelegationResult(base),
});
