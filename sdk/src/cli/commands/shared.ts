/** Small pieces the command modules share. */
import { readFile } from "node:fs/promises";

import { ZeroAddress } from "ethers";

import { chainTime, type PalisadeContext } from "../../context.js";
import { InvalidArgumentError } from "../../errors/base.js";
import { toPalisadeError } from "../../errors/decode.js";
import { formatTimestamp } from "../../errors/format.js";

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

/** An address, or "none" for the zero address. */
export const orNone = (address: string): string => (address === ZeroAddress ? "none" : address);

/** "yes"/"no". */
export const yesNo = (value: boolean): string => (value ? "yes" : "no");

/** A time on the chain's clock, or "-" for zero (never / nothing pending). */
export const timeOrDash = (seconds: bigint, now: bigint): string =>
  seconds === 0n ? "-" : formatTimestamp(seconds, now);

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
