/** What a slash would do, computed on chain by the lens with the contracts' own math, without sending it. */
import type { PalisadeContext } from "../context.js";
import { requireAddress, requireAddresses, requireSameLength, requireSetId, requireWad } from "../validate.js";
import { setsOfOperator, type OperatorSetRef } from "./discover.js";
import { readLens, setRef } from "./lens.js";

export interface StrategySlashPreview {
  strategy: string;
  wad: bigint;
  allocationBefore: bigint;
  magnitudeTaken: bigint;
  maxMagnitudeBefore: bigint;
  maxMagnitudeAfter: bigint;
  /** Shares taken from the operator's delegated stake (its stakers' and its own). */
  delegatedSharesSlashed: bigint;
  /** Shares taken from withdrawals queued before the slash and maturing after it. */
  queuedSharesSlashed: bigint;
  /** Everything taken: what the set's slashed-funds bucket receives. */
  totalSharesSlashed: bigint;
  /** The part of the delegated stake that is the operator's own deposit. */
  operatorOwnSharesSlashed: bigint;
  /** The stakers' part: delegated stake that is not the operator's own. */
  stakersSharesSlashed: bigint;
  tokensSlashed: bigint;
}
export interface OtherSetImpact extends OperatorSetRef {
  strategy: string;
  slashableSharesBefore: bigint;
  slashableSharesAfter: bigint;
}
export interface SlashPreview {
  slashable: boolean;
  strategies: StrategySlashPreview[];
  /** The operator's other sets: their slashable stake is the same after the slash (up to rounding). */
  otherSets: OtherSetImpact[];
}

export interface PreviewSlashParams {
  operator: string;
  avs: string;
  setId: number;
  strategies: string[];
  wads: bigint[];
  /** The operator's other sets to check; default: every set it joined or allocated to (from its events). */
  otherSets?: OperatorSetRef[];
}

/**
 * Previews a slash: what it takes from each strategy, from the operator, its stakers and queued withdrawals, and
 * that the operator's other sets keep their slashable stake.
 *
 * @example
 * const preview = await palisade.read.previewSlash({ operator, avs, setId: 1, strategies: [s], wads: [parseEther("0.1")] });
 */
export async function previewSlash(ctx: PalisadeContext, params: PreviewSlashParams): Promise<SlashPreview> {
  const operator = requireAddress(params.operator, "operator");
  const avs = requireAddress(params.avs, "avs");
  const setId = requireSetId(params.setId);
  const strategies = requireAddresses(params.strategies, "strategies");
  requireSameLength(strategies, params.wads, "wads");
  params.wads.forEach((wad, index) => requireWad(wad, `wads[${index}]`));
  const others = (params.otherSets ?? (await setsOfOperator(ctx, operator)).sets).filter(
    (set) => !(set.avs.toLowerCase() === avs.toLowerCase() && set.setId === setId),
  );
  const preview = await readLens(ctx, (lens) =>
    lens.previewSlash(
      operator,
      { avs, id: setId },
      strategies,
      params.wads,
      others.map((set) => ({ avs: set.avs, id: set.setId })),
    ),
  );
  return {
    slashable: preview.slashable,
    strategies: preview.strategies.map((s) => ({
      strategy: s.strategy,
      wad: s.wad,
      allocationBefore: s.allocationBefore,
      magnitudeTaken: s.magnitudeTaken,
      maxMagnitudeBefore: s.maxMagnitudeBefore,
      maxMagnitudeAfter: s.maxMagnitudeAfter,
      delegatedSharesSlashed: s.delegatedSharesSlashed,
      queuedSharesSlashed: s.queuedSharesSlashed,
      totalSharesSlashed: s.totalSharesSlashed,
      operatorOwnSharesSlashed: s.operatorOwnSharesSlashed,
      stakersSharesSlashed: s.delegatedSharesSlashed - s.operatorOwnSharesSlashed,
      tokensSlashed: s.tokensSlashed,
    })),
    otherSets: preview.otherSets.map((impact) => ({
      ...setRef(impact.operatorSet),
      strategy: impact.strategy,
      slashableSharesBefore: impact.slashableSharesBefore,
      slashableSharesAfter: impact.slashableSharesAfter,
    })),
  };
}
