import { ZeroAddress } from "ethers";

import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";

export interface SetDelegationApproverParams {
  /** The new approver; omit (or the zero address) to let anyone delegate. */
  approver?: string;
}
export type SetDelegationApproverErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Sets who must approve the signer's new stakers.
 *
 * @example
 * await palisade.operator.setDelegationApprover({ approver: gatekeeper });
 */
export const setDelegationApproverAction = defineWrite<SetDelegationApproverParams, WriteResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.operatorRegistry.setDelegationApprover.populateTransaction(
        params.approver === undefined ? ZeroAddress : requireAddress(params.approver, "approver"),
      ),
    ),
  result: (_ctx, _params, base) => base,
});
