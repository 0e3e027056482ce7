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

export * from "./events.js";
export * from "./time.js";
export * from "./watch.js";
export * from "./withdrawals.js";

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
  };
}
