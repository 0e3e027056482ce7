import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import type { RegistrationConsent, Signed } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { registrationsIn, type RegisterForSetsResult } from "../operator/registerForSets.js";
import { defineWrite } from "../tx/write.js";
import { requireAddress } from "../validate.js";

export interface RegisterOperatorWithConsentParams {
  /** The operator's signed consent (`signRegistrationConsent`); the signer must be the consent's AVS. */
  consent: Signed<RegistrationConsent>;
}
export type RegisterOperatorWithConsentErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Registers an operator for the signer's sets with the operator's signed consent, so the AVS pays the gas.
 *
 * @example
 * const consent = await signRegistrationConsent(ctx, operatorSigner, { avs, setIds: [1], expiry: expiresIn(3600) });
 * await avsClient.avs.registerOperatorWithConsent({ consent });
 */
export const registerOperatorWithConsentAction = defineWrite<RegisterOperatorWithConsentParams, RegisterForSetsResult>({
  build(ctx, { consent }) {
    const { message, signature } = consent;
    return prepared(
      ctx.contracts.avsRegistry.registerOperatorWithConsent.populateTransaction(
        requireAddress(message.operator, "consent.operator"),
        message.setIds,
        message.data,
        { signature, salt: message.salt, expiry: message.expiry },
      ),
    );
  },
  result: (_ctx, _params, base) => ({ ...base, slashableFrom: registrationsIn(base) }),
});
