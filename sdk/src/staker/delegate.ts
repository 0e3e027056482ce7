import type { PalisadeContext } from "../context.js";
import { PreflightError, type ContractRevertError, type InvalidArgumentError } from "../errors/base.js";
import { ZeroHash } from "ethers";
import type { DelegationApproval, Signed } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";
import { queuedWithdrawalsIn, type QueuedWithdrawal } from "../withdrawals.js";
import { eventsOf } from "../tx/events.js";
import type { OperatorRegistry } from "../generated/abis/index.js";

export interface DelegateParams {
  /** A registered operator. */
  operator: string;
  /** The operator's delegation approver's signature (`signDelegationApproval`), when the operator has an approver. */
  approval?: Signed<DelegationApproval>;
}
export interface DelegateResult extends WriteResult {
  operatorId: bigint;
}
export type DelegateErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/** The encoded approver signature: empty when the operator needs none. */
export function approverSignatureOf(approval: Signed<DelegationApproval> | undefined) {
  return approval === undefined
    ? { signature: { signature: "0x", expiry: 0n }, salt: ZeroHash }
    : { signature: { signature: approval.signature, expiry: approval.message.expiry }, salt: approval.message.salt };
}

/** Fails, naming the argument, when `operator` is not registered or needs an approval that is missing. */
export async function checkOperatorAccepts(
  ctx: PalisadeContext,
  operator: string,
  approval: Signed<DelegationApproval> | undefined,
): Promise<void> {
  const registry = ctx.contracts.operatorRegistry;
  const [isOperator, approver] = await Promise.all([
    registry.isOperator(operator),
    registry.delegationApprover(operator),
  ]);
  if (!isOperator) {
    throw new PreflightError(`${operator} is not a registered operator.`, {
      argument: "operator",
      hint: "Check the address (`palisade operator status <address>` shows an operator's registration).",
    });
  }
  if (approver !== "0x0000000000000000000000000000000000000000" && approval === undefined) {
    throw new PreflightError(
      `Operator ${operator} only accepts stakers its delegation approver ${approver} approved.`,
      {
        argument: "approval",
        hint: "Ask the operator for a signed delegation approval and pass it as `approval`.",
      },
    );
  }
}

/**
 * Delegates all of the signer's stake to `operator`.
 *
 * @example
 * await palisade.staker.delegate({ operator });
 */
export const delegateAction = defineWrite<DelegateParams, DelegateResult>({
  build(ctx, params) {
    const operator = requireAddress(params.operator, "operator");
    const { signature, salt } = approverSignatureOf(params.approval);
    return prepared(ctx.contracts.operatorRegistry.delegate.populateTransaction(operator, signature, salt));
  },
  preflight: (ctx, params) => checkOperatorAccepts(ctx, params.operator, params.approval),
  result(_ctx, _params, base) {
    const delegated = eventsOf<OperatorRegistry>().first(base.events, "StakerDelegated");
    return { ...base, operatorId: delegated?.args.operatorId ?? 0n };
  },
});

/** What an undelegation or redelegation queued: one withdrawal of all the staker's shares (none if it had none). */
export interface UndelegationResult extends WriteResult {
  withdrawals: QueuedWithdrawal[];
}

export function undelegationResult(base: WriteResult): UndelegationResult {
  return { ...base, withdrawals: queuedWithdrawalsIn(base.events) };
}
