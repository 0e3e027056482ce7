/** An AVS's operator sets with their configuration, strategies, members and stake, in one lens call. */
import type { PalisadeContext } from "../context.js";
import { requireAddress, requireSetId } from "../validate.js";
import { setsOfAvs } from "./discover.js";
import { readLens, setInfo } from "./lens.js";

export interface SetMember {
  operator: string;
  registered: boolean;
  slashable: boolean;
  /** When its last registration became slashable (0: never registered); it may lie ahead. */
  slashableFrom: bigint;
  slashableUntil: bigint;
  /** Per set strategy. */
  slashableShares: bigint[];
  delegatedShares: bigint[];
  allocated: bigint[];
  maxMagnitude: bigint[];
  encumberedMagnitude: bigint[];
}
export interface SetState {
  setId: number;
  exists: boolean;
  slasher: string;
  pendingSlasher: string;
  slasherEffectAt: bigint;
  registrar: string;
  /** Where slashed funds go now (the zero address: burned). */
  redistributionRecipient: string;
  /** The recipient scheduled with `pendingSlasher`, from `slasherEffectAt` (the zero address: none). */
  pendingRedistributionRecipient: string;
  strategies: string[];
  /** Per strategy: from when the set can slash it (a future time for a strategy added back after a removal). */
  strategySlashableFrom: bigint[];
  /** Per strategy: the slashable stake of all members together. */
  totalSlashableShares: bigint[];
  /**
   * Per strategy: slashed shares not yet released, in the bucket of the recipient in force (burned for a burning
   * set). Funds slashed for a former recipient wait in its own bucket (`read.slashedFunds`).
   */
  slashedSharesPending: bigint[];
  /** Per strategy: when that bucket can be released (0 or a past time: now; a redistributing set's escrow). */
  slashedSharesReleasableAt: bigint[];
  /** Every operator that ever registered (check `registered`/`slashable`). */
  members: SetMember[];
}
export interface AvsState {
  avs: string;
  sets: SetState[];
}

/**
 * An AVS's sets (all it created, or `setIds`), found in the registry's events and read through the lens.
 *
 * @example
 * const { sets } = await palisade.read.avsState({ avs });
 */
export async function getAvsState(ctx: PalisadeContext, params: { avs: string; setIds?: number[] }): Promise<AvsState> {
  const avs = requireAddress(params.avs, "avs");
  const known = await setsOfAvs(ctx, avs);
  const ids = params.setIds?.map((id, index) => requireSetId(id, `setIds[${index}]`)) ?? [...known.keys()];
  if (ids.length === 0) return { avs, sets: [] };
  const views = await readLens(ctx, (lens) =>
    lens.setViews(
      ids.map((id) => ({ avs, id })),
      ids.map((id) => known.get(id)?.strategies ?? []),
      ids.map((id) => known.get(id)?.members ?? []),
    ),
  );
  return {
    avs,
    sets: views.map((view, index) => ({
      setId: ids[index] ?? 0,
      exists: view.exists,
      ...setInfo(view.info),
      // Spread: the lens's arrays are ethers Results; the SDK hands out plain arrays.
      strategies: [...view.strategies],
      strategySlashableFrom: [...view.strategySlashableFrom],
      totalSlashableShares: [...view.totalSlashableShares],
      slashedSharesPending: [...view.slashedSharesPending],
      slashedSharesReleasableAt: [...view.slashedSharesReleasableAt],
      members: view.members.map((member) => ({
        operator: member.operator,
        registered: member.registered,
        slashable: member.slashable,
        slashableFrom: member.slashableFrom,
        slashableUntil: member.slashableUntil,
        slashableShares: [...member.slashableShares],
        delegatedShares: [...member.delegatedShares],
        allocated: [...member.allocated],
        maxMagnitude: [...member.maxMagnitude],
        encumberedMagnitude: [...member.encumberedMagnitude],
      })),
    })),
  };
}
