/** An operator's whole state in one lens call: registration, delegated stake, allocations per set, slashable stake. */
import type { PalisadeContext } from "../context.js";
import { requireAddress, requireAddresses, requireSetId } from "../validate.js";
import { setsOfOperator, strategiesOfOperator, type OperatorSetRef } from "./discover.js";
import { PalisadeError } from "../errors/base.js";
import { ranOutOfGas } from "../errors/decode.js";
import type { IPalisadeLens } from "../generated/abis/PalisadeLens.js";
import { readLens, setInfo, setRef } from "./lens.js";

export interface StrategyStake {
  strategy: string;
  /** The operator's delegated stake (its stakers' and its own), in shares. */
  delegatedShares: bigint;
  slashingFactor: bigint;
  maxMagnitude: bigint;
  encumberedMagnitude: bigint;
  allocatableMagnitude: bigint;
}
export interface AllocationView {
  strategy: string;
  inSet: boolean;
  /** From when the set can slash the strategy: 0 or a past time, or a future one for a strategy added back. */
  strategySlashableFrom: bigint;
  current: bigint;
  pending: bigint;
  effectAt: bigint;
  slashableShares: bigint;
  slashableSharesAtEffect: bigint;
}
/** An operator set's configuration: who slashes it and where its slashed funds go, now and scheduled. */
export interface OperatorSetInfo {
  slasher: string;
  /** The slasher scheduled to take over at `slasherEffectAt` (the zero address: none). */
  pendingSlasher: string;
  slasherEffectAt: bigint;
  registrar: string;
  /** Where slashed funds go now (the zero address: burned). */
  redistributionRecipient: string;
  /** The recipient scheduled with `pendingSlasher` (the zero address: none, or a burning set). */
  pendingRedistributionRecipient: string;
}
export interface SetMembership extends OperatorSetRef {
  /** The set's configuration (every address zero when the set does not exist). */
  info: OperatorSetInfo;
  registered: boolean;
  /** Whether the set can slash the operator now. */
  slashable: boolean;
  /** When the operator's last registration became slashable (0: never registered); it may lie ahead. */
  slashableFrom: bigint;
  slashableUntil: bigint;
  allocations: AllocationView[];
}
export interface OperatorState {
  operator: string;
  isOperator: boolean;
  operatorId: bigint;
  registeredAt: bigint;
  delegationApprover: string;
  allocationDelay: bigint;
  /** A scheduled change of the allocation delay, if any. */
  pendingAllocationDelay: { delay: bigint; effectAt: bigint } | undefined;
  stakes: StrategyStake[];
  sets: SetMembership[];
}

export interface OperatorStatesParams {
  operators: string[];
  /** The sets to report on, for every operator. */
  sets: OperatorSetRef[];
  /** The strategies to report on, for every operator and set. */
  strategies: string[];
  /**
   * Operators per eth_call (the calls run concurrently; a JSON-RPC provider batches them). Default 70: an operator
   * with stake, three sets and three strategies costs the lens about 400,000 gas to read on the unoptimised test
   * build (`npm run bench:sdk`; less on the production build), so a call stays under 28M gas, within the 30M-50M caps
   * nodes put on eth_call. A call that still runs out of gas is split in two and retried.
   */
  operatorsPerCall?: number;
}

function toOperatorState(view: IPalisadeLens.OperatorViewStructOutput): OperatorState {
  const pendingDelay = view.pendingAllocationDelayEffectAt;
  return {
    operator: view.operator,
    isOperator: view.isOperator,
    operatorId: view.operatorId,
    registeredAt: view.registeredAt,
    delegationApprover: view.delegationApprover,
    allocationDelay: view.allocationDelay,
    pendingAllocationDelay:
      pendingDelay === 0n ? undefined : { delay: view.pendingAllocationDelay, effectAt: pendingDelay },
    stakes: view.stakes.map((stake) => ({
      strategy: stake.strategy,
      delegatedShares: stake.delegatedShares,
      slashingFactor: stake.slashingFactor,
      maxMagnitude: stake.maxMagnitude,
      encumberedMagnitude: stake.encumberedMagnitude,
      allocatableMagnitude: stake.allocatableMagnitude,
    })),
    sets: view.sets.map((membership) => ({
      ...setRef(membership.operatorSet),
      info: setInfo(membership.info),
      registered: membership.registered,
      slashable: membership.slashable,
      slashableFrom: membership.slashableFrom,
      slashableUntil: membership.slashableUntil,
      allocations: membership.allocations.map((allocation) => ({
        strategy: allocation.strategy,
        inSet: allocation.inSet,
        strategySlashableFrom: allocation.strategySlashableFrom,
        current: allocation.current,
        pending: allocation.pending,
        effectAt: allocation.effectAt,
        slashableShares: allocation.slashableShares,
        slashableSharesAtEffect: allocation.slashableSharesAtEffect,
      })),
    })),
  };
}

/**
 * The state of many operators over the same sets and strategies: one lens eth_call per `operatorsPerCall` operators.
 *
 * @example
 * const states = await palisade.read.operatorStates({ operators, sets: [{ avs, setId: 1 }], strategies });
 */
export async function getOperatorStates(ctx: PalisadeContext, params: OperatorStatesParams): Promise<OperatorState[]> {
  const operators = requireAddresses(params.operators, "operators");
  const sets = params.sets.map((set, index) => ({
    avs: requireAddress(set.avs, `sets[${index}].avs`),
    id: requireSetId(set.setId, `sets[${index}].setId`),
  }));
  const strategies = params.strategies.map((strategy, index) => requireAddress(strategy, `strategies[${index}]`));
  const size = Math.max(1, params.operatorsPerCall ?? 70);
  const chunks: string[][] = [];
  for (let start = 0; start < operators.length; start += size) chunks.push(operators.slice(start, start + size));
  const read = async (chunk: string[]): Promise<IPalisadeLens.OperatorViewStructOutput[]> => {
    try {
      return await readLens(ctx, (lens) => lens.operatorViews(chunk, sets, strategies));
    } catch (error) {
      if (chunk.length < 2 || !ranOutOfGas(error)) throw error;
      const half = Math.ceil(chunk.length / 2);
      const [first, second] = await Promise.all([read(chunk.slice(0, half)), read(chunk.slice(half))]);
      return [...first, ...second];
    }
  };
  const results = await Promise.all(chunks.map(read));
  return results.flat().map(toOperatorState);
}

/**
 * One operator's state. Without `sets`/`strategies` the SDK finds them in the operator's events (the sets it joined or
 * allocated to, the strategies its stake or those sets hold).
 *
 * @example
 * const state = await palisade.read.operatorState({ operator });
 * if (!state.isOperator) console.log("not registered");
 */
export async function getOperatorState(
  ctx: PalisadeContext,
  params: { operator: string; sets?: OperatorSetRef[]; strategies?: string[] },
): Promise<OperatorState> {
  const operator = requireAddress(params.operator, "operator");
  let sets = params.sets;
  let strategies = params.strategies;
  if (sets === undefined || strategies === undefined) {
    const registry = ctx.contracts.operatorRegistry;
    // The registry refuses `operatorId` for an address that is not an operator; such an address has no stake.
    const operatorId = (await registry.isOperator(operator)) ? await registry.operatorId(operator) : 0n;
    const [found, staked] = await Promise.all([setsOfOperator(ctx, operator), strategiesOfOperator(ctx, operatorId)]);
    sets ??= found.sets;
    strategies ??= [...new Set([...staked, ...found.allocatedStrategies])];
  }
  const [state] = await getOperatorStates(ctx, { operators: [operator], sets, strategies });
  // The lens answers one view per operator asked about.
  if (state === undefined) throw new PalisadeError(`The lens returned no state for operator ${operator}.`);
  return state;
}
