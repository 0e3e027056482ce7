/** Small pieces the command modules share. */
import { readFile } from "node:fs/promises";

import { chainTime, type PalisadeContext } from "../../context.js";
import { InvalidArgumentError } from "../../errors/base.js";
import { toPalisadeError } from "../../errors/decode.js";
import { tokenOf } from "../../staker/deposit.js";
import type { TokenInfo } from "../status.js";

/** A read from the chain, its failure as a typed SDK error (a revert, or the network). */
export async function onChain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw toPalisadeError(error);
  }
}

/** The chain's clock: the latest block's timestamp. */
export const chainNow = (ctx: PalisadeContext): Promise<bigint> => onChain(() => chainTime(ctx));

/** The JSON in `file`, for a flag that takes one. */
export async function readJsonFile(file: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InvalidArgumentError(`${flag}: cannot read ${file}.`, { argument: flag, cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidArgumentError(`${flag}: ${file} is not valid JSON.`, { argument: flag, cause: error });
  }
}

/** Token metadata for each of `strategies` (each read once), by lower-case strategy address. */
export async function tokensOfStrategies(
  ctx: PalisadeContext,
  strategies: readonly string[],
): Promise<Map<string, TokenInfo>> {
  const unique = [...new Set(strategies.map((strategy) => strategy.toLowerCase()))];
  const infos = await Promise.all(unique.map((strategy) => onChain(() => tokenOf(ctx, strategy))));
  return new Map(unique.map((strategy, index) => [strategy, infos[index] as TokenInfo]));
}
