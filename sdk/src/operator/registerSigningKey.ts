import type { Signer } from "ethers";

import { equivocationSlasherAt } from "../contracts.js";
import { signerAddress } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { signKeyRegistration } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";

export interface RegisterSigningKeyParams {
  /** The set's EquivocationSlasher. */
  slasher: string;
  /** The signing key: it signs its own registration here, so only a key the operator controls can be registered. */
  key: Signer;
}
export type RegisterSigningKeyErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Registers the key that signs the signer's attestations for an equivocation-slashed set. Two different payloads it
 * signs for one height get the operator slashed.
 *
 * @example
 * await palisade.operator.registerSigningKey({ slasher, key: Wallet.createRandom() });
 */
export const registerSigningKeyAction = defineWrite<RegisterSigningKeyParams, WriteResult>({
  async build(ctx, params) {
    const slasher = equivocationSlasherAt(requireAddress(params.slasher, "slasher"), ctx.provider);
    const { message, signature } = await signKeyRegistration(ctx, params.key, params.slasher, await signerAddress(ctx));
    return prepared(slasher.registerSigningKey.populateTransaction(message.key, signature));
  },
  result: (_ctx, _params, base) => base,
});
