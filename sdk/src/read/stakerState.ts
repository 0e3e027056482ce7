/**
 * A staker's state: delegation, positions with their token value, its withdrawals with status and payout, and the
 * risk flags of its operator's allocations to redistributing sets.
 */
import type { PalisadeContext } from "../context.js";
import { requireAddress } from "../validate.js";
import { ZeroAddress } from "ethers";

import { readLens } from "./lens.js";
import { getRedistributionRisks, type RedistributionRisk } from "./risks.js";
import { getWithdrawals, type WithdrawalInfo } from "./withdrawals.js";

export interface Position {
  strategy: string;
  token: string;
  scaledShares: bigint;
  /** Shares the staker can withdraw now (after its operator's slashes). */
  withdrawableShares: bigint;
  /** What those shares are worth in the token. */
  underlying: bigint;
}
export interface StakerState {
  staker: string;
  /** The operator the staker is delegated to (the zero address: none). */
  delegatedTo: string;
  operatorId: bigint;
  /** The nonce its next signed deposit must carry. */
  depositNonce: bigint;
  positions: Position[];
  /** Pending withdrawals with their status and what completing them now pays. */
  withdrawals: WithdrawalInfo[];
  /**
   * The operator's allocations, in force or pending, to redistributing sets (`read.redistributionRisks`); each is
   * `critical` when the operator or its delegation approver is the set's slasher or recipient. Empty when the
   * staker is not delegated.
   */
  risks: RedistributionRisk[];
}

/**
 * A staker's whole state: one lens call, plus one log query for its withdrawals' contents, and for a delegated
 * staker its operator's risk flags (two log queries and one lens call).
 *
 * @example
 * const { positions, withdrawals } = await palisade.read.stakerState({ staker });
 */
export async function getStakerState(ctx: PalisadeContext, params: { staker: string }): Promise<StakerState> {
  const staker = requireAddress(params.staker, "staker");
  const [view, withdrawals] = await Promise.all([
    readLens(ctx, (lens) => lens.stakerView(staker)),
    getWithdrawals(ctx, { staker }),
  ]);
  const { delegatedTo } = view;
  return {
    staker,
    delegatedTo,
    operatorId: view.operatorId,
    depositNonce: view.depositNonce,
    positions: view.positions.map((position) => ({
      strategy: position.strategy,
      token: position.token,
      scaledShares: position.scaledShares,
      withdrawableShares: position.withdrawableShares,
      underlying: position.underlying,
    })),
    withdrawals,
    risks: delegatedTo === ZeroAddress ? [] : await getRedistributionRisks(ctx, { operator: delegatedTo }),
  };
}
