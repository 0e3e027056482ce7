import { ZeroAddress } from "ethers";

import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";
import { eventsOf } from "../tx/events.js";
import type { OperatorRegistry } from "../generated/abis/index.js";

export interface RegisterAsOperatorParams {
  /** A URI to the operator's metadata (name, website, logo), emitted for indexers. */
  metadataURI: string;
  /** Seconds before an allocation increase takes effect, within the registry's bounds. */
  allocationDelay: number;
  /** An account whose signature stakers need to delegate (default: none, anyone may delegate). */
  delegationApprover?: string;
}
export interface RegisterAsOperatorResult extends WriteResult {
  operatorId: bigint;
}
export type RegisterAsOperatorErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Registers the signer as an operator (delegated to itself).
 *
 * @example
 * const { operatorId } = await palisade.operator.registerAsOperator({ metadataURI: "https://…", allocationDelay: 300 });
 */
export const registerAsOperatorAction = defineWrite<RegisterAsOperatorParams, RegisterAsOperatorResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.operatorRegistry.registerAsOperator.populateTransaction(
        params.delegationApprover === undefined
          ? ZeroAddress
          : requireAddress(params.delegationApprover, "delegationApprover"),
        params.allocationDelay,
        params.metadataURI,
      ),
    ),
  result(_ctx, _params, base) {
    const registered = eventsOf<OperatorRegistry>().first(base.events, "OperatorRegistered");
    return { ...base, operatorId: registered?.args.operatorId ?? 0n };
  },
});
