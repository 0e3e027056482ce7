import { MaxUint256 } from "ethers";

import { erc20At, strategyAt } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { defineWrite, type WriteResult } from "../tx/write.js";
import { requireAddress } from "../validate.js";

export interface ApproveParams {
  /** The strategy that will pull the tokens (deposits pay the strategy, not the StrategyManager). */
  strategy: string;
  /** How much the strategy may pull; default: unlimited. */
  amount?: bigint;
}
export interface ApproveResult extends WriteResult {
  token: string;
}
export type ApproveErrorType = InvalidArgumentError | ContractRevertError;

/** The token a strategy holds. */
export async function strategyToken(ctx: PalisadeContext, strategy: string): Promise<string> {
  return strategyAt(strategy, ctx.provider).token();
}

/**
 * Lets `strategy` pull the staker's tokens for deposits.
 *
 * @example
 * await palisade.staker.approve({ strategy, amount: parseEther("10") });
 */
export const approveAction = defineWrite<ApproveParams, ApproveResult>({
  async build(ctx, params) {
    const strategy = requireAddress(params.strategy, "strategy");
    const token = erc20At(await strategyToken(ctx, strategy), ctx.provider);
    return {
      to: await token.getAddress(),
      data: token.interface.encodeFunctionData("approve", [strategy, params.amount ?? MaxUint256]),
      value: 0n,
    };
  },
  async result(ctx, params, base) {
    return { ...base, token: await strategyToken(ctx, params.strategy) };
  },
});
