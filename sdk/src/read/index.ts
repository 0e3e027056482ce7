import type { PalisadeContext } from "../context.js";
import type { Withdrawal } from "../withdrawals.js";
import { getEvents, type GetEventsParams } from "./events.js";
import {
  getAllocationStatus,
  getDeallocationStatus,
  getTimeToAllocationEffect,
  getTimeToComplete,
  getWithdrawalStatus,
  waitForAllocation,
  waitToComplete,
  type AllocationTarget,
  type WaitOptions,
} from "./time.js";
import { watchEvents, type WatchEventsParams } from "./watch.js";
import { findWithdrawal, getWithdrawals } from "./withdrawals.js";
import { getAvsState } from "./avsState.js";
import type { OperatorSetRef } from "./discover.js";
import { getOperatorState, getOperatorStates, type OperatorStatesParams } from "./operatorState.js";
import { previewSlash, type PreviewSlashParams } from "./previewSlash.js";
import { getSecurityReport } from "./securityReport.js";
import { getStakerState } from "./stakerState.js";
import { getAllocationTiming, getWithdrawalDelay } from "./delays.js";
import { getRedistributionRisks } from "./risks.js";
import { getSettleableDeallocations, type SettleableParams } from "./settleable.js";
import { getSlashedFunds, type SlashedFundsTarget } from "./slashedFunds.js";

export * from "./events.js";
export * from "./time.js";
export * from "./watch.js";
export * from "./withdrawals.js";
export * from "./avsState.js";
export * from "./discover.js";
export * from "./operatorState.js";
export * from "./previewSlash.js";
export * from "./securityReport.js";
export * from "./stakerState.js";
export * from "./delays.js";
export * from "./risks.js";
export * from "./settleable.js";
export * from "./slashedFunds.js";

/** The read client: every read bound to one context. */
export function createReadClient(ctx: PalisadeContext) {
  return {
    getEvents: (params?: GetEventsParams) => getEvents(ctx, params),
    watchEvents: (params: WatchEventsParams) => watchEvents(ctx, params),
    withdrawals: (params: { staker: string; includeCompleted?: boolean }) => getWithdrawals(ctx, params),
    findWithdrawal: (params: { root: string; staker?: string }) => findWithdrawal(ctx, params),
    getWithdrawalStatus: (withdrawal: Withdrawal) => getWithdrawalStatus(ctx, withdrawal),
    getTimeToComplete: (withdrawal: Withdrawal) => getTimeToComplete(ctx, withdrawal),
    waitToComplete: (withdrawal: Withdrawal, options?: WaitOptions) => waitToComplete(ctx, withdrawal, options),
    getAllocationStatus: (target: AllocationTarget) => getAllocationStatus(ctx, target),
    getTimeToAllocationEffect: (target: AllocationTarget) => getTimeToAllocationEffect(ctx, target),
    waitForAllocation: (target: AllocationTarget, options?: WaitOptions) => waitForAllocation(ctx, target, options),
    getDeallocationStatus: (target: { operator: string; avs: string; setId: number }) =>
      getDeallocationStatus(ctx, target),
    operatorState: (params: { operator: string; sets?: OperatorSetRef[]; strategies?: string[] }) =>
      getOperatorState(ctx, params),
    operatorStates: (params: OperatorStatesParams) => getOperatorStates(ctx, params),
    stakerState: (params: { staker: string }) => getStakerState(ctx, params),
    avsState: (params: { avs: string; setIds?: number[] }) => getAvsState(ctx, params),
    previewSlash: (params: PreviewSlashParams) => previewSlash(ctx, params),
    securityReport: (params: { avs: string; setId: number }) => getSecurityReport(ctx, params),
    redistributionRisks: (params: { operator: string }) => getRedistributionRisks(ctx, params),
    slashedFunds: (target: SlashedFundsTarget) => getSlashedFunds(ctx, target),
    settleableDeallocations: (params: SettleableParams) => getSettleableDeallocations(ctx, params),
    withdrawalDelay: () => getWithdrawalDelay(ctx),
    allocationTiming: (params: { operator: string }) => getAllocationTiming(ctx, params),
  };
}
