/**
 * Status, time and wait helpers for Palisade's delayed flows: withdrawals (the withdrawal delay), allocation changes
 * (the allocation delay for increases, the deallocation delay for decreases) and deregistrations (slashable until
 * the deallocation delay passes). Time is the chain's: the latest block's timestamp.
 */
import { chainTime, type PalisadeContext } from "../context.js";
import { TimeoutError } from "../errors/base.js";
import { requireAddress, requireSetId } from "../validate.js";
import type { Withdrawal } from "../withdrawals.js";
import type { WithdrawalStatus } from "./withdrawals.js";

export interface WaitOptions {
  /** Milliseconds between checks (default 2,000). */
  pollIntervalMs?: number;
  /** Give up after this many milliseconds (default: never). */
  timeoutMs?: number;
  onPoll?: (secondsLeft: bigint) => void;
}

/** Whether a withdrawal is waiting for its delay, ready to complete, or completed. */
export async function getWithdrawalStatus(ctx: PalisadeContext, withdrawal: Withdrawal): Promise<WithdrawalStatus> {
  const [pending, now] = await Promise.all([ctx.contracts.withdrawalQueue.isPending(withdrawal), chainTime(ctx)]);
  if (!pending) return "completed";
  return withdrawal.maturity > now ? "waiting" : "ready";
}

/** Seconds until `withdrawal` can be completed (0 if it can now), and when. */
export async function getTimeToComplete(
  ctx: PalisadeContext,
  withdrawal: Withdrawal,
): Promise<{ seconds: bigint; maturesAt: bigint }> {
  const now = await chainTime(ctx);
  return { seconds: withdrawal.maturity > now ? withdrawal.maturity - now : 0n, maturesAt: withdrawal.maturity };
}

/** Polls until `isDone` reports 0 seconds left; returns the chain time then. */
async function waitUntil(
  ctx: PalisadeContext,
  secondsLeft: () => Promise<bigint>,
  what: string,
  options: WaitOptions,
): Promise<bigint> {
  const started = Date.now();
  for (;;) {
    const left = await secondsLeft();
    options.onPoll?.(left);
    if (left <= 0n) return chainTime(ctx);
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new TimeoutError(`Gave up waiting for ${what}: ${left} seconds of chain time still to go.`, {
        hint: "Chain time moves with blocks: on a quiet devnet, mine a block or raise the timeout.",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 2_000));
  }
}

/**
 * Resolves once `withdrawal` can be completed.
 *
 * @example
 * await palisade.read.waitToComplete(withdrawal, { timeoutMs: 60_000 });
 * await palisade.staker.completeWithdrawal({ withdrawals: [withdrawal] });
 */
export async function waitToComplete(ctx: PalisadeContext, withdrawal: Withdrawal, options: WaitOptions = {}) {
  return waitUntil(
    ctx,
    async () => (await getTimeToComplete(ctx, withdrawal)).seconds,
    "the withdrawal to mature",
    options,
  );
}

export interface AllocationTarget {
  operator: string;
  avs: string;
  setId: number;
  strategy: string;
}

export interface AllocationStatus {
  /** The magnitude slashable now. */
  current: bigint;
  /** The magnitude from `effectAt` on (equal to `current` when nothing is pending). */
  pending: bigint;
  /** When the pending magnitude takes over (0: nothing pending). */
  effectAt: bigint;
  /** "increase" waits for the allocation delay and the notice, "decrease" for the deallocation delay. */
  change: "none" | "increase" | "decrease";
  secondsToEffect: bigint;
}

/** The allocation of one (operator, set, strategy) and its pending change. */
export async function getAllocationStatus(ctx: PalisadeContext, target: AllocationTarget): Promise<AllocationStatus> {
  const [allocation, now] = await Promise.all([
    ctx.contracts.allocationManager.allocation(
      requireAddress(target.operator, "operator"),
      { avs: requireAddress(target.avs, "avs"), id: requireSetId(target.setId) },
      requireAddress(target.strategy, "strategy"),
    ),
    chainTime(ctx),
  ]);
  const current = allocation.current;
  const effectAt = allocation.effectAt;
  const active = effectAt > now;
  const pending = active ? allocation.pending : current;
  return {
    current,
    pending,
    effectAt: active ? effectAt : 0n,
    change: !active || pending === current ? "none" : pending > current ? "increase" : "decrease",
    secondsToEffect: active ? effectAt - now : 0n,
  };
}

/** Seconds until the pending allocation change takes effect (0 if none). */
export async function getTimeToAllocationEffect(ctx: PalisadeContext, target: AllocationTarget): Promise<bigint> {
  return (await getAllocationStatus(ctx, target)).secondsToEffect;
}

/** Resolves once the pending allocation change of `target` is in force. */
export async function waitForAllocation(ctx: PalisadeContext, target: AllocationTarget, options: WaitOptions = {}) {
  return waitUntil(ctx, () => getTimeToAllocationEffect(ctx, target), "the allocation change", options);
}

/** An operator's registration in a set: whether it is slashable now, from when, and (once it left) until when. */
export async function getDeallocationStatus(
  ctx: PalisadeContext,
  target: { operator: string; avs: string; setId: number },
): Promise<{
  registered: boolean;
  slashable: boolean;
  /** When the last registration became slashable (0: never registered); during its notice it lies ahead. */
  slashableFrom: bigint;
  slashableUntil: bigint;
  secondsLeft: bigint;
}> {
  const set = { avs: requireAddress(target.avs, "avs"), id: requireSetId(target.setId) };
  const operator = requireAddress(target.operator, "operator");
  const registry = ctx.contracts.avsRegistry;
  const [registration, slashable, now] = await Promise.all([
    registry.registration(operator, set),
    registry.isSlashable(operator, set),
    chainTime(ctx),
  ]);
  const { registered, slashableFrom } = registration;
  // `slashableUntil` is reported while deregistered only, as the registry's own view does.
  const slashableUntil = registered ? 0n : registration.slashableUntil;
  return {
    registered,
    slashable,
    slashableFrom,
    slashableUntil,
    secondsLeft: !registered && slashableUntil > now ? slashableUntil - now : 0n,
  };
}
