import type { ContractRevertError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";

export interface UpdateMetadataURIParams {
  metadataURI: string;
}
export type UpdateMetadataURIErrorType = ContractRevertError;

/**
 * Points the signer's operator record at new metadata.
 *
 * @example
 * await palisade.operator.updateMetadataURI({ metadataURI: "ipfs://…" });
 */
export const updateMetadataURIAction = defineWrite<UpdateMetadataURIParams, WriteResult>({
  build: (ctx, params) =>
    prepared(ctx.contracts.operatorRegistry.updateOperatorMetadataURI.populateTransaction(params.metadataURI)),
  result: (_ctx, _params, base) => base,
});
