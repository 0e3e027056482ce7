/**
 * TEMPORARY: the status reads (`read.operatorState`, `read.stakerState`, `read.avsState`, `read.securityReport`)
 * are being added to the SDK on another branch. Until it is merged, the status commands are written against their
 * announced signatures, declared here, and fail with a clear error on an SDK without them. This module goes away
 * with the merge.
 */
import type { PalisadeClient } from "../client.js";
import { PalisadeError } from "../errors/base.js";
import type { WithdrawalInfo } from "../read/withdrawals.js";

export interface OperatorSetRef {
  avs: string;
  setId: number;
}

export interface OperatorState {
  operator: string;
  isOperator: boolean;
  operatorId: bigint;
  registeredAt: bigint;
  delegationApprover: string;
  allocationDelay: bigint;
  pendingAllocationDelay: { delay: bigint; effectAt: bigint } | undefined;
  stakes: {
    strategy: string;
    delegatedShares: bigint;
    slashingFactor: bigint;
    maxMagnitude: bigint;
    encumberedMagnitude: bigint;
    allocatableMagnitude: bigint;
  }[];
  sets: (OperatorSetRef & {
    registered: boolean;
    slashable: boolean;
    slashableUntil: bigint;
    allocations: {
      strategy: string;
      inSet: boolean;
      current: bigint;
      pending: bigint;
      effectAt: bigint;
      slashableShares: bigint;
      slashableSharesAtEffect: bigint;
    }[];
  })[];
}

export interface StakerState {
  staker: string;
  delegatedTo: string;
  operatorId: bigint;
  depositNonce: bigint;
  positions: {
    strategy: string;
    token: string;
    scaledShares: bigint;
    withdrawableShares: bigint;
    underlying: bigint;
  }[];
  withdrawals: WithdrawalInfo[];
}

export interface AvsState {
  avs: string;
  sets: {
    setId: number;
    exists: boolean;
    slasher: string;
    pendingSlasher: string;
    slasherEffectAt: bigint;
    registrar: string;
    redistributionRecipient: string;
    strategies: string[];
    totalSlashableShares: bigint[];
    slashedSharesPending: bigint[];
    members: {
      operator: string;
      registered: boolean;
      slashable: boolean;
      slashableUntil: bigint;
      slashableShares: bigint[];
    }[];
  }[];
}

export interface SecurityReport {
  avs: string;
  setId: number;
  operatorCount: number;
  strategies: {
    strategy: string;
    totalSlashableShares: bigint;
    topOperatorWad: bigint;
    topThreeWad: bigint;
    operatorsForOneThird: number;
    operatorsForHalf: number;
  }[];
  operators: { operator: string; slashableShares: bigint[]; allocatedElsewhereWad: bigint[] }[];
}

interface StatusReads {
  operatorState(params: { operator: string; sets?: OperatorSetRef[]; strategies?: string[] }): Promise<OperatorState>;
  stakerState(params: { staker: string }): Promise<StakerState>;
  avsState(params: { avs: string; setIds?: number[] }): Promise<AvsState>;
  securityReport(params: { avs: string; setId: number }): Promise<SecurityReport>;
}

/** The status read `name` of `client`, or an error saying this SDK build does not have it yet. */
export function statusRead<K extends keyof StatusReads>(client: PalisadeClient, name: K): StatusReads[K] {
  const read = (client.read as Partial<StatusReads>)[name];
  if (read === undefined) {
    throw new PalisadeError(`This build of the SDK has no read.${name}, which the status commands need.`, {
      hint: "Update @palisade/sdk.",
    });
  }
  return read;
}
