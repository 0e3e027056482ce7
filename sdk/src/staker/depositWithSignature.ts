import type { ContractRevertError, InvalidArgumentError, PreflightError } from "../errors/base.js";
import { PreflightError as Preflight } from "../errors/base.js";
import type { DepositAuthorization, Signed } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress, requirePositive } from "../validate.js";
import { depositShortfall } from "./deposit.js";
import { eventsOf } from "../tx/events.js";
import type { StrategyManager } from "../generated/abis/index.js";

export interface DepositWithSignatureParams {
  /** The staker's signed authorisation (`signDeposit`). The signer of this transaction pays the tokens. */
  authorization: Signed<DepositAuthorization>;
}
export interface DepositWithSignatureResult extends WriteResult {
  shares: bigint;
}
export type DepositWithSignatureErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/**
 * Submits a staker's signed deposit authorisation: the sender pays `amount` tokens, the staker is credited.
 *
 * @example
 * const signed = await signDeposit(ctx, stakerWallet, { strategy, amount, expiry: expiresIn(3600) });
 * await relayer.staker.depositWithSignature({ authorization: signed });
 */
export const depositWithSignatureAction = defineWrite<DepositWithSignatureParams, DepositWithSignatureResult>({
  build(ctx, { authorization }) {
    const { message, signature } = authorization;
    const strategy = requireAddress(message.strategy, "authorization.strategy");
    const staker = requireAddress(message.staker, "authorization.staker");
    requirePositive(message.amount, "authorization.amount");
    return prepared(
      ctx.contracts.strategyManager.depositWithSignature.populateTransaction(
        strategy,
        message.amount,
        staker,
        message.expiry,
        signature,
      ),
    );
  },
  async preflight(ctx, { authorization }, payer) {
    const { strategy, amount } = authorization.message;
    const shortfall = await depositShortfall(ctx, payer, strategy, amount);
    if (shortfall > 0n) {
      throw new Preflight(`The payer's allowance to the strategy is short by ${shortfall} token units.`, {
        argument: "authorization.amount",
        hint: "The account submitting a signed deposit pays the tokens: approve the strategy from it first.",
      });
    }
  },
  result(_ctx, _params, base) {
    const deposited = eventsOf<StrategyManager>().first(base.events, "Deposited");
    return { ...base, shares: deposited?.args.shares ?? 0n };
  },
});
