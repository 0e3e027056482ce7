/**
 * Event history that works on real RPCs: logs are fetched in block chunks from the deployment block, ranges are
 * inclusive and never overlap (so no log is returned twice), and a chunk the node refuses as too large is halved
 * and retried.
 */
import type { Filter, Log } from "ethers";

import type { PalisadeContext } from "../context.js";
import { InvalidArgumentError } from "../errors/base.js";
import { toPalisadeError } from "../errors/decode.js";
import { decodeLogs, EVENTS, type PalisadeEvent } from "../tx/events.js";

export interface GetEventsParams {
  /** Event names to fetch (any Palisade event); default: all events of `address`. */
  eventNames?: string[];
  /** Emitting contract(s); default: every core contract. */
  address?: string | string[];
  /** Extra topics after the event signature (indexed arguments), `null` for "any", a list for "any of these". */
  topics?: (string | string[] | null)[];
  /** First block, inclusive; default: the deployment block. */
  fromBlock?: number;
  /** Last block, inclusive; default: the latest block. */
  toBlock?: number;
  /** Blocks per request; halved automatically when the node refuses a range. Default 10,000. */
  chunkSize?: number;
}

/** Messages and codes nodes use to refuse a log query that spans too much. */
const RANGE_TOO_LARGE = /range|too (many|large)|exceed|limit|more than|10000 results|response size/i;

function isRangeTooLarge(error: unknown): boolean {
  const text =
    error instanceof Error
      ? `${error.message} ${JSON.stringify((error as { info?: unknown }).info ?? "")}`
      : String(error);
  return RANGE_TOO_LARGE.test(text);
}

/** The topic-0 list for `eventNames`. */
export function topicsFor(eventNames: readonly string[]): string[] {
  return eventNames.map((name) => {
    const fragment = EVENTS.getEvent(name);
    if (fragment === null) {
      throw new InvalidArgumentError(`"${name}" is not a Palisade event.`, { argument: "eventNames" });
    }
    return fragment.topicHash;
  });
}

/** The raw logs matching `filter` over [fromBlock, toBlock], chunked and retried. */
export async function getLogsChunked(
  ctx: PalisadeContext,
  filter: Omit<Filter, "fromBlock" | "toBlock">,
  fromBlock: number,
  toBlock: number,
  chunkSize = 10_000,
): Promise<Log[]> {
  const logs: Log[] = [];
  let size = Math.max(1, chunkSize);
  for (let start = fromBlock; start <= toBlock;) {
    const end = Math.min(toBlock, start + size - 1);
    try {
      logs.push(...(await ctx.provider.getLogs({ ...filter, fromBlock: start, toBlock: end })));
      start = end + 1;
    } catch (error) {
      if (size > 1 && isRangeTooLarge(error)) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      throw toPalisadeError(error);
    }
  }
  return logs;
}

/**
 * Palisade events, decoded, in chain order.
 *
 * @example
 * const queued = await palisade.read.getEvents({ eventNames: ["WithdrawalQueued"], topics: [null, zeroPadValue(staker, 32)] });
 */
export async function getEvents(ctx: PalisadeContext, params: GetEventsParams = {}): Promise<PalisadeEvent[]> {
  const fromBlock = params.fromBlock ?? ctx.deployment.deploymentBlock;
  const toBlock = params.toBlock ?? (await ctx.provider.getBlockNumber());
  const address = params.address ?? Object.values(ctx.deployment.addresses);
  const eventTopics = params.eventNames === undefined ? null : topicsFor(params.eventNames);
  const logs = await getLogsChunked(
    ctx,
    { address, topics: [eventTopics, ...(params.topics ?? [])] },
    fromBlock,
    toBlock,
    params.chunkSize,
  );
  return decodeLogs(sortLogs(logs));
}

/** Logs in chain order, each once (a node may return a log on both sides of a chunk boundary after a reorg). */
export function sortLogs(logs: readonly Log[]): Log[] {
  const unique = new Map<string, Log>();
  for (const log of logs) unique.set(`${log.blockHash}:${log.index}`, log);
  return [...unique.values()].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}
