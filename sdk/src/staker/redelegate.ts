import type { ContractRevertError, InvalidArgumentError, PreflightError } from "../errors/base.js";
import type { DelegationApproval, Signed } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { defineWrite } from "../tx/write.js";
import { requireAddress } from "../validate.js";
import { approverSignatureOf, checkOperatorAccepts, undelegationResult, type UndelegationResult } from "./delegate.js";

export interface RedelegateParams {
  /** The new operator. */
  operator: string;
  approval?: Signed<DelegationApproval>;
}
export type RedelegateResult = UndelegationResult;
export type RedelegateErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/**
 * Moves the signer to a new operator in one transaction: its shares are queued for withdrawal (completing them as
 * shares re-delegates them to the new operator).
 *
 * @example
 * const { withdrawals } = await palisade.staker.redelegate({ operator: newOperator });
 */
export const redelegateAction = defineWrite<RedelegateParams, RedelegateResult>({
  build(ctx, params) {
    const operator = requireAddress(params.operator, "operator");
    const { signature, salt } = approverSignatureOf(params.approval);
    return prepared(ctx.contracts.operatorRegistry.redelegate.populateTransaction(operator, signature, salt));
  },
  preflight: (ctx, params) => checkOperatorAccepts(ctx, params.operator, params.approval),
  result: (_ctx, _params, base) => undelegationResult(base),
});
