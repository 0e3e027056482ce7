import { ZeroAddress } from "ethers";

import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSetId } from "../validate.js";

export interface CreateOperatorSetParams {
  setId: number;
  strategies: string[];
  /** The account or contract allowed to slash in the set (for example one of the reference slashers). */
  slasher: string;
  /** A registrar hook called on every registration and deregistration (default: none). */
  registrar?: string;
  /** Where slashed funds go; default: burned. Fixed at creation. */
  redistributionRecipient?: string;
}
export type CreateOperatorSetErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Creates one of the signer's operator sets.
 *
 * @example
 * await palisade.avs.createOperatorSet({ setId: 1, strategies: [s], slasher });
 */
export const createOperatorSetAction = defineWrite<CreateOperatorSetParams, WriteResult>({
  build: (ctx, params) =>
    prepared(
      ctx.contracts.avsRegistry.createOperatorSet.populateTransaction(
        requireSetId(params.setId),
        requireAddresses(params.strategies, "strategies"),
        requireAddress(params.slasher, "slasher"),
        params.registrar === undefined ? ZeroAddress : requireAddress(params.registrar, "registrar"),
        params.redistributionRecipient === undefined
          ? ZeroAddress
          : requireAddress(params.redistributionRecipient, "redistributionRecipient"),
      ),
    ),
  result: (_ctx, _params, base) => base,
});
