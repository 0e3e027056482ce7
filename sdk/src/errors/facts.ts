/**
 * The facts a custom error carries, read from its decoded arguments and written in plain words: addresses and hashes
 * shortened, counts grouped, fractions of 1e18 as percentages, seconds as durations, timestamps as UTC dates, token
 * amounts in whole tokens when the token's decimals are known. The catalogue's generated templates and its
 * hand-written entries both write their facts through these.
 */
import {
  formatAmount,
  formatDuration,
  formatInteger,
  formatTimestamp,
  formatWad,
  shortAddress,
  shortHex,
} from "./format.js";

/**
 * The decoded arguments of a custom error, by name (and by position, `"0"`, `"1"`...): `bigint` for integers, strings
 * for addresses, `bytes32` and `bytes`, booleans, arrays. Two optional context keys, which no Palisade error uses as an
 * argument name, sharpen a message when the caller knows them:
 * - `contract`: the name of the contract that raised the error (for `ActionPaused`, which action the bit pauses);
 * - `tokenDecimals`: the decimals of the token whose amounts the error carries (amounts are shown in whole tokens
 *   rather than base units).
 */
export type ErrorArgs = Readonly<Record<string, unknown>>;

// ------------------------------------------------------------------ reading arguments

/** Shown in place of a fact the arguments do not carry. */
export const UNKNOWN = "(unknown)";
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** An argument's name, or the names it goes by in different contracts' ABIs for the same signature. */
export type Names = string | readonly string[];

/** The argument called `names` (the first present), or else the one at position `index`. */
export function pick(args: ErrorArgs, names: Names, index: number): unknown {
  for (const name of typeof names === "string" ? [names] : names) {
    const value = args[name];
    if (value !== undefined && value !== null) return value;
  }
  return args[String(index)];
}

export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|-?[0-9]+)$/.test(value)) return BigInt(value);
  return undefined;
}

export function num(args: ErrorArgs, names: Names, index: number): bigint | undefined {
  return toBigInt(pick(args, names, index));
}

export function text(args: ErrorArgs, names: Names, index: number): string | undefined {
  const value = pick(args, names, index);
  return typeof value === "string" ? value : undefined;
}

export function isZeroAddress(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === ZERO_ADDRESS;
}

// ------------------------------------------------------------------ formatting facts

/** An address, shortened. */
export function addr(args: ErrorArgs, names: Names, index: number): string {
  const value = text(args, names, index);
  if (value === undefined) return UNKNOWN;
  return isZeroAddress(value) ? "the zero address" : shortAddress(value);
}

/** A hash or other long hex value, shortened. */
export function hex(args: ErrorArgs, names: Names, index: number): string {
  const value = text(args, names, index);
  return value === undefined ? UNKNOWN : shortHex(value);
}

/** A plain count (gas, ids, lengths), with thousands separators. */
export function int(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatInteger(value);
}

/** An id, as digits without separators (operator ids, set ids, request ids, heights, rounds). */
export function ident(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : value.toString();
}

/** A fraction of 1e18 (a wad, a magnitude, a slashing factor), as a percentage. */
export function pct(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatWad(value);
}

/** A number of seconds, in words. */
export function dur(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatDuration(value);
}

/** A timestamp as a UTC date, relative to the chain's time when the error carries it (`now`). */
export function time(args: ErrorArgs, names: Names, index: number, now?: readonly [Names, number]): string {
  const value = num(args, names, index);
  if (value === undefined) return UNKNOWN;
  const current = now === undefined ? undefined : num(args, now[0], now[1]);
  return current === undefined ? formatTimestamp(value) : formatTimestamp(value, current);
}

/** The decimals the caller gave as context, if any. */
function tokenDecimals(args: ErrorArgs): number | undefined {
  const value = toBigInt(args.tokenDecimals);
  return value !== undefined && value >= 0n && value <= 255n ? Number(value) : undefined;
}

/** A token amount, in whole tokens when the token's decimals are known and in base units otherwise. */
export function tokensOf(args: ErrorArgs, value: bigint): string {
  const decimals = tokenDecimals(args);
  if (decimals === undefined) return `${formatInteger(value)} base unit${value === 1n ? "" : "s"}`;
  return `${formatAmount(value, decimals)} token${value === 10n ** BigInt(decimals) ? "" : "s"}`;
}

export function tokens(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : tokensOf(args, value);
}

/** Strategy shares, which have no decimals of their own (a fresh strategy mints 1,000 per token base unit). */
export function shares(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? `${UNKNOWN} shares` : `${formatInteger(value)} shares`;
}

/** `set 3 of AVS 0x12…ab`. */
export function set(args: ErrorArgs, avsIndex: number, setIndex: number): string {
  return `set ${ident(args, "setId", setIndex)} of AVS ${addr(args, "avs", avsIndex)}`;
}

/** The bits set in `flags`, as a list: `0, 2`. */
export function bits(flags: bigint): string {
  const found: string[] = [];
  for (let bit = 0n; flags >> bit !== 0n && bit < 256n; bit++) {
    if (((flags >> bit) & 1n) === 1n) found.push(bit.toString());
  }
  return found.length === 0 ? "none" : found.join(", ");
}

export function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Drops a sentence's final period, to embed it in another sentence. */
export function clause(sentence: string): string {
  return sentence.endsWith(".") ? sentence.slice(0, -1) : sentence;
}
