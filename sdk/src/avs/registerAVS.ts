import type { ContractRevertError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";

export interface RegisterAVSParams {
  metadataURI: string;
}
export type RegisterAVSErrorType = ContractRevertError;

/**
 * Registers the signer (an AVS's contract or team account) as an AVS.
 *
 * @example
 * await palisade.avs.registerAVS({ metadataURI: "https://oracle.example/avs.json" });
 */
export const registerAVSAction = defineWrite<RegisterAVSParams, WriteResult>({
  build: (ctx, params) => prepared(ctx.contracts.avsRegistry.registerAVS.populateTransaction(params.metadataURI)),
  result: (_ctx, _params, base) => base,
});

/** Points the signer's AVS record at new metadata. */
export const updateAVSMetadataURIAction = defineWrite<RegisterAVSParams, WriteResult>({
  build: (ctx, params) =>
    prepared(ctx.contracts.avsRegistry.updateAVSMetadataURI.populateTransaction(params.metadataURI)),
  result: (_ctx, _params, base) => base,
});
