/**
 * A polling watch over Palisade events: a cursor (the next block to read) moves forward only over blocks with enough
 * confirmations, so a watcher never reports a log twice and can resume from its cursor after a restart.
 */
import type { PalisadeContext } from "../context.js";
import type { PalisadeEvent } from "../tx/events.js";
import { decodeLogs } from "../tx/events.js";
import { getLogsChunked, sortLogs, topicsFor, type GetEventsParams } from "./events.js";

export interface WatchEventsParams extends Omit<GetEventsParams, "toBlock" | "fromBlock"> {
  /** The first block to read; default: the latest confirmed block. Resume from a saved `cursor` here. */
  cursor?: number;
  /** Blocks a log must be buried under before it is reported (default 0; use a few on public chains). */
  confirmations?: number;
  /** Milliseconds between polls (default 2,000). */
  pollIntervalMs?: number;
  /** Called with each batch of new events and the cursor after them (persist it to resume). */
  onEvents: (events: PalisadeEvent[], cursor: number) => void | Promise<void>;
  /** Called when a poll fails; the watch keeps going. Default: ignore. */
  onError?: (error: unknown) => void;
}

export interface EventWatch {
  /** The next block the watch will read. */
  readonly cursor: number;
  /** Runs one poll now; resolves when it is done. */
  poll(): Promise<void>;
  stop(): void;
}

/**
 * Watches Palisade events by polling `eth_getLogs`.
 *
 * @example
 * const watch = palisade.read.watchEvents({ eventNames: ["OperatorSlashed"], confirmations: 2, onEvents: console.log });
 * // later: watch.stop()
 */
export function watchEvents(ctx: PalisadeContext, params: WatchEventsParams): EventWatch {
  const confirmations = params.confirmations ?? 0;
  const address = params.address ?? Object.values(ctx.deployment.addresses);
  const topics = [params.eventNames === undefined ? null : topicsFor(params.eventNames), ...(params.topics ?? [])];
  let cursor = params.cursor;
  let stopped = false;
  let running: Promise<void> | undefined;

  const pollOnce = async () => {
    const safeHead = (await ctx.provider.getBlockNumber()) - confirmations;
    cursor ??= safeHead + 1;
    if (safeHead < cursor) return;
    const logs = await getLogsChunked(ctx, { address, topics }, cursor, safeHead, params.chunkSize);
    cursor = safeHead + 1;
    const events = decodeLogs(sortLogs(logs));
    if (events.length > 0) await params.onEvents(events, cursor);
  };
  const poll = () => {
    running ??= pollOnce().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) poll().catch((error: unknown) => params.onError?.(error));
  }, params.pollIntervalMs ?? 2_000);
  timer.unref();

  return {
    get cursor() {
      return cursor ?? -1;
    },
    poll,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
