/**
 * Display formatters for the CLI's tables and summaries.
 *
 * TEMPORARY: the SDK's own formatters (`sdk/src/errors/format.ts`, same names and signatures) are being written on
 * another branch; until they land these small private ones stand in, and the CLI imports them from here only, so
 * the switch is one import line per module.
 */
import { formatUnits, getAddress } from "ethers";

/** `0x1234…abcd`, checksummed; anything that is not an address is returned unchanged. */
export function shortAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return address;
  const checksummed = getAddress(address.toLowerCase());
  return `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}`;
}

/** A long hex string (a hash, a root) cut to its first and last four digits. */
export function shortHex(hex: string): string {
  if (!/^0x[0-9a-fA-F]*$/.test(hex) || hex.length <= 11) return hex;
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}

/** A duration in words, to its two largest adjacent units, rounded down: `6 days 23 hours`, `45 seconds`. */
export function formatDuration(seconds: bigint): string {
  if (seconds < 0n) return `-${formatDuration(-seconds)}`;
  const units: [bigint, string][] = [
    [86_400n, "day"],
    [3_600n, "hour"],
    [60n, "minute"],
    [1n, "second"],
  ];
  const word = (count: bigint, name: string) => `${count} ${name}${count === 1n ? "" : "s"}`;
  const first = units.findIndex(([size]) => seconds >= size);
  const [size, name] = units[first] ?? [1n, "second"];
  const count = seconds / size;
  const next = units[first + 1];
  const rest = next === undefined ? 0n : (seconds - count * size) / next[0];
  return next === undefined || rest === 0n ? word(count, name) : `${word(count, name)} ${word(rest, next[1])}`;
}

/** A UTC time, with how far it is from `now` when given: `2025-01-01 00:00:00 UTC (in 2 hours)`. */
export function formatTimestamp(seconds: bigint, now?: bigint): string {
  const date = new Date(Number(seconds) * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  if (now === undefined) return date;
  if (seconds === now) return `${date} (now)`;
  return seconds > now
    ? `${date} (in ${formatDuration(seconds - now)})`
    : `${date} (${formatDuration(now - seconds)} ago)`;
}

/** A fraction of 1e18 as a percentage: `50%`, `12.5%`, `0.0001%`. */
export function formatWad(wad: bigint): string {
  const percent = formatUnits(wad * 100n, 18).replace(/\.0$/, "");
  return `${percent}%`;
}

/** Token units as a decimal: `1.5`, `1000`. */
export function formatAmount(value: bigint, decimals = 18): string {
  return formatUnits(value, decimals).replace(/\.0$/, "");
}
