import { instantSlasherAt } from "../contracts.js";
import type { ContractRevertError, InvalidArgumentError } from "../errors/base.js";
import { prepared } from "../tx/call.js";
import { defineWrite } from "../tx/write.js";
import { requireAddress, requireAddresses, requireSameLength, requireWad } from "../validate.js";
import { slashResult, type SlashResult } from "./slashResult.js";

export interface InstantSlashParams {
  /** The set's InstantSlasher; the signer must own it. */
  slasher: string;
  operator: string;
  strategies: string[];
  /** The fraction of the set's allocation to take from each strategy, in (0, 1e18]. */
  wads: bigint[];
  description: string;
}
export type InstantSlashErrorType = InvalidArgumentError | ContractRevertError;

/**
 * Slashes an operator through an InstantSlasher: takes effect in this transaction.
 *
 * @example
 * const { slashId } = await palisade.avs.instantSlash({ slasher, operator, strategies: [s], wads: [parseEther("0.1")], description: "downtime" });
 */
export const instantSlashAction = defineWrite<InstantSlashParams, SlashResult>({
  async build(ctx, params) {
    const slasher = instantSlasherAt(requireAddress(params.slasher, "slasher"), ctx.provider);
    const strategies = requireAddresses(params.strategies, "strategies");
    requireSameLength(strategies, params.wads, "wads");
    params.wads.forEach((wad, index) => requireWad(wad, `wads[${index}]`));
    return prepared(
      slasher.slash.populateTransaction(
        requireAddress(params.operator, "operator"),
        strategies,
        params.wads,
        params.description,
      ),
    );
  },
  result: (_ctx, _params, base) => slashResult(base),
});
