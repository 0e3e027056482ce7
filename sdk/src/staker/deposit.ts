import { erc20At } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import { PreflightError, type ContractRevertError, type InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite, type SendOptions, type WriteResult } from "../tx/write.js";
import { requireAddress, requirePositive } from "../validate.js";
import { approveAction, strategyToken } from "./approve.js";
import { eventsOf } from "../tx/events.js";
import type { StrategyManager } from "../generated/abis/index.js";

export interface DepositParams {
  /** A whitelisted strategy. */
  strategy: string;
  /** Token units to deposit. */
  amount: bigint;
  /** Approve the strategy for exactly `amount` first when its allowance is short (default: no, fail instead). */
  approve?: boolean;
}
export interface DepositResult extends WriteResult {
  /** Shares credited to the staker. */
  shares: bigint;
  /** The approval sent first, when `approve` was needed and asked for. */
  approval?: WriteResult;
}
export type DepositErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/** Checks the staker's balance and allowance; returns the shortfall of the allowance (0 when it suffices). */
export async function depositShortfall(
  ctx: PalisadeContext,
  staker: string,
  strategy: string,
  amount: bigint,
): Promise<bigint> {
  const token = erc20At(await strategyToken(ctx, strategy), ctx.provider);
  const [balance, allowance] = await Promise.all([token.balanceOf(staker), token.allowance(staker, strategy)]);
  if (balance < amount) {
    throw new PreflightError(`The staker holds ${balance} token units, less than the ${amount} to deposit.`, {
      argument: "amount",
      details: [`Token: ${await token.getAddress()}`, `Staker: ${staker}`],
      hint: "Deposit at most the balance, or fund the staker with the token first.",
    });
  }
  return allowance >= amount ? 0n : amount - allowance;
}

const depositCall = defineWrite<DepositParams, DepositResult>({
  build(ctx, params) {
    const strategy = requireAddress(params.strategy, "strategy");
    requirePositive(params.amount, "amount");
    return prepared(ctx.contracts.strategyManager.deposit.populateTransaction(strategy, params.amount));
  },
  async preflight(ctx, params, sender) {
    const shortfall = await depositShortfall(ctx, sender, params.strategy, params.amount);
    if (shortfall > 0n) {
      throw new PreflightError(
        `The strategy may not pull ${params.amount} token units: its allowance is short by ${shortfall}.`,
        {
          argument: "approve",
          details: [`Strategy (the spender): ${params.strategy}`],
          hint: "Approve the strategy first (staker.approve, or pass approve: true / --approve to approve exactly the amount).",
        },
      );
    }
  },
  result(_ctx, _params, base) {
    const deposited = eventsOf<StrategyManager>().first(base.events, "Deposited");
    return { ...base, shares: deposited?.args.shares ?? 0n };
  },
});

/**
 * Deposits `amount` tokens into `strategy` for the signer. The allowance is checked first: with `approve: true`
 * the SDK approves exactly the shortfall's total (`amount`) before depositing; without it, a short allowance is an
 * error and nothing is sent.
 *
 * @example
 * const { shares } = await palisade.staker.deposit({ strategy, amount: parseEther("10"), approve: true });
 */
export const depositAction = {
  prepare: depositCall.prepare,
  estimateGas: depositCall.estimateGas,
  async send(ctx: PalisadeContext, params: DepositParams, options?: SendOptions): Promise<DepositResult> {
    let approval: WriteResult | undefined;
    if (params.approve === true) {
      const sender = await ctx.signer?.getAddress();
      const strategy = requireAddress(params.strategy, "strategy");
      if (sender !== undefined && (await depositShortfall(ctx, sender, strategy, params.amount)) > 0n) {
        approval = await approveAction.send(ctx, { strategy, amount: params.amount }, options);
      }
    }
    // The deposit takes the nonce after the approval's: a provider may still serve the nonce it cached before the
    // approval was sent (ethers caches identical requests briefly), which would give both transactions one nonce.
    const nonce = approval === undefined ? undefined : (await approval.receipt.getTransaction()).nonce + 1;
    const result = await depositCall.send(ctx, params, nonce === undefined ? options : { ...options, nonce });
    return approval === undefined ? result : { ...result, approval };
  },
};

/** The token a strategy holds, with its display metadata. */
export async function tokenOf(ctx: PalisadeContext, strategy: string) {
  const token = erc20At(await strategyToken(ctx, strategy), ctx.provider);
  const [symbol, decimals] = await Promise.all([token.symbol().catch(() => "?"), token.decimals().catch(() => 18n)]);
  return { address: await token.getAddress(), symbol, decimals: Number(decimals) };
}
