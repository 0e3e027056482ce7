/**
 * When changes made now take effect, by the chain's clock: the withdrawal delay in force (and governance's delay and
 * its floor), when an operator's allocation increase made now takes effect (after its allocation delay and the
 * notice of guarantee 9), and when stake that starts leaving now is gone (a withdrawal's maturity, a decrease's
 * effect, a deregistration's end).
 */
import { chainTime, type PalisadeContext } from "../context.js";
import { toPalisadeError } from "../errors/decode.js";
import { requireAddress } from "../validate.js";

export interface WithdrawalDelay {
  /** Seconds between queueing a withdrawal now and its maturity: the delay in force. */
  delay: bigint;
  /**
   * The delay governance set. The delay in force is longer while a shortened delay glides down: windows promised
   * under the longer one never shrink (guarantee 10).
   */
  governanceDelay: bigint;
  /** No withdrawal queued from now on matures before this time (0: none), left by the last shortening. */
  maturityFloor: bigint;
  /** When a withdrawal queued now matures; also when a decrease or a deregistration made now takes effect. */
  exitEnd: bigint;
  /** The chain's time the figures are for. */
  now: bigint;
}

/**
 * The withdrawal delay in force now, governance's delay and the maturity floor.
 *
 * @example
 * const { delay, governanceDelay, exitEnd } = await palisade.read.withdrawalDelay();
 */
export async function getWithdrawalDelay(ctx: PalisadeContext): Promise<WithdrawalDelay> {
  const queue = ctx.contracts.withdrawalQueue;
  try {
    const [delay, [governanceDelay, maturityFloor], exitEnd, now] = await Promise.all([
      queue.withdrawalDelay(),
      queue.delayParameters(),
      ctx.contracts.avsRegistry.exitEnd(),
      chainTime(ctx),
    ]);
    return { delay, governanceDelay, maturityFloor, exitEnd, now };
  } catch (error) {
    throw toPalisadeError(error);
  }
}

export interface AllocationTiming {
  operator: string;
  /** When an increase made now takes effect: after the allocation delay, and one second after `exitEnd`. */
  increaseEffectAt: bigint;
  /** When a decrease made now (where the operator is slashable) takes effect; it stays slashable until then. */
  decreaseEffectAt: bigint;
  now: bigint;
}

/**
 * When an allocation change `operator` makes now takes effect: increases after its allocation delay and the notice,
 * decreases once stake leaving now is gone.
 *
 * @example
 * const { increaseEffectAt } = await palisade.read.allocationTiming({ operator });
 */
export async function getAllocationTiming(
  ctx: PalisadeContext,
  params: { operator: string },
): Promise<AllocationTiming> {
  const operator = requireAddress(params.operator, "operator");
  try {
    const [increaseEffectAt, decreaseEffectAt, now] = await Promise.all([
      ctx.contracts.allocationManager.increaseEffectAt(operator),
      ctx.contracts.avsRegistry.exitEnd(),
      chainTime(ctx),
    ]);
    return { operator, increaseEffectAt, decreaseEffectAt, now };
  } catch (error) {
    throw toPalisadeError(error);
  }
}
