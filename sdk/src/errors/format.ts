/**
 * Small pure formatters for the facts an error carries: addresses, hashes, times, durations, fractions of 1e18 and
 * token amounts. Everything takes `bigint` (never a float), so that no value is rounded by the formatting itself
 * unless the function says so.
 */
import { getAddress } from "ethers";

const SECONDS_PER_MINUTE = 60n;
const SECONDS_PER_HOUR = 3_600n;
const SECONDS_PER_DAY = 86_400n;
const SECONDS_PER_YEAR = 365n * SECONDS_PER_DAY;

/** The last second of year 9999, the last a four-digit ISO date can show. */
const MAX_DATE_SECONDS = 253_402_300_799n;

/**
 * `0x1234…abcd`: the first and last four hex digits of an address, in its checksummed case when it is a valid one.
 * Anything that is not a 20-byte hex string is returned unchanged.
 * @example shortAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3") // "0x5FbD…0aa3"
 */
export function shortAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return address;
  let checksummed = address;
  try {
    checksummed = getAddress(address.toLowerCase());
  } catch {
    // Unreachable for 40 hex digits, which always checksum; kept as typed.
  }
  return `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}`;
}

/**
 * `0xabcd…1234`: a long hex string (a hash, a root, a digest) cut to its first and last `digits` hex digits. Strings
 * short enough to show whole, and anything that is not hex, are returned unchanged.
 * @example shortHex("0x" + "ab".repeat(32)) // "0xabab…abab"
 */
export function shortHex(hex: string, digits = 4): string {
  if (!/^0x[0-9a-fA-F]*$/.test(hex) || hex.length <= 2 + 2 * digits + 1) return hex;
  return `${hex.slice(0, 2 + digits)}…${hex.slice(-digits)}`;
}

/**
 * An integer with thousands separators: `1,234,567`.
 * @example formatInteger(1234567n) // "1,234,567"
 */
export function formatInteger(value: bigint): string {
  const sign = value < 0n ? "-" : "";
  const digits = (value < 0n ? -value : value).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(count: bigint, unit: string): string {
  return `${count.toString()} ${unit}${count === 1n ? "" : "s"}`;
}

/**
 * A duration in words, to its two largest adjacent units, rounded down: `6 days 23 hours`, `1 hour`, `45 seconds`.
 * Years count 365 days. A negative duration gets a leading minus sign.
 * @example formatDuration(3_660n) // "1 hour 1 minute"
 */
export function formatDuration(seconds: bigint): string {
  if (seconds < 0n) return `-${formatDuration(-seconds)}`;
  const units: readonly (readonly [bigint, string])[] = [
    [SECONDS_PER_YEAR, "year"],
    [SECONDS_PER_DAY, "day"],
    [SECONDS_PER_HOUR, "hour"],
    [SECONDS_PER_MINUTE, "minute"],
    [1n, "second"],
  ];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (unit === undefined) break;
    const [size, name] = unit;
    if (seconds < size && size !== 1n) continue;
    const whole = seconds / size;
    const next = units[i + 1];
    if (next === undefined) return plural(whole, name);
    const rest = (seconds % size) / next[0];
    return rest === 0n ? plural(whole, name) : `${plural(whole, name)} ${plural(rest, next[1])}`;
  }
  return plural(seconds, "second");
}

/** Now, in whole seconds since 1970, from the local clock. */
function nowSeconds(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

/**
 * A time relative to `now`: `in 3 hours`, `2 days ago`, `now`.
 * @example formatRelative(1_000n, 4_600n) // "1 hour ago"
 */
export function formatRelative(seconds: bigint, now: bigint = nowSeconds()): string {
  if (seconds === now) return "now";
  return seconds > now ? `in ${formatDuration(seconds - now)}` : `${formatDuration(now - seconds)} ago`;
}

/**
 * A Unix timestamp (seconds) as a UTC date and time with the time relative to `now` (by default the local clock; pass
 * the chain's time when an error carries it): `2026-11-29 14:03:00 UTC (in 6 days 23 hours)`. Timestamps beyond what a
 * date can hold (such as `type(uint256).max`, "never") are shown as numbers.
 * @example formatTimestamp(1_800_000_000n, 1_799_996_400n) // "2027-01-15 08:00:00 UTC (in 1 hour)"
 */
export function formatTimestamp(seconds: bigint, now: bigint = nowSeconds()): string {
  if (seconds < 0n || seconds > MAX_DATE_SECONDS) return formatUtcDate(seconds);
  return `${formatUtcDate(seconds)} (${formatRelative(seconds, now)})`;
}

/**
 * A Unix timestamp (seconds) as a UTC date and time, `2026-11-29 14:03:00 UTC`, without the relative part. Timestamps
 * beyond what a date can hold are shown as numbers.
 * @example formatUtcDate(1_800_000_000n) // "2027-01-15 08:00:00 UTC"
 */
export function formatUtcDate(seconds: bigint): string {
  if (seconds < 0n || seconds > MAX_DATE_SECONDS) return `timestamp ${formatInteger(seconds)}`;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * A fraction of 1e18 as a percentage: `50%`, `12.5%`, `~33.3333%`. Exact when it has at most four decimals;
 * otherwise cut (not rounded) to four decimals, or to the first significant one for smaller values, and marked with
 * `~`, so that a value just above or below a bound never reads as the bound itself.
 * @example formatWad(5n * 10n ** 17n) // "50%"
 */
export function formatWad(wad: bigint): string {
  if (wad < 0n) return `-${formatWad(-wad)}`;
  // One percent is 1e16: the integer part of the percentage, and its 16 decimals.
  const whole = wad / 10n ** 16n;
  const fraction = (wad % 10n ** 16n).toString().padStart(16, "0");
  const exact = fraction.replace(/0+$/, "");
  if (exact.length <= 4) return `${formatInteger(whole)}${exact === "" ? "" : `.${exact}`}%`;
  const firstSignificant = fraction.search(/[1-9]/);
  const keep = Math.max(4, firstSignificant + 1);
  if (keep >= exact.length) return `${formatInteger(whole)}.${exact}%`;
  const cut = fraction.slice(0, keep).replace(/0+$/, "");
  return `~${formatInteger(whole)}${cut === "" ? "" : `.${cut}`}%`;
}

/**
 * A token amount in whole tokens, given the token's `decimals`: `1,234.5`. Exact: every significant decimal is shown,
 * trailing zeros are not.
 * @example formatAmount(1_500_000_000_000_000_000n) // "1.5"
 * @example formatAmount(2_500_000n, 6) // "2.5"
 */
export function formatAmount(value: bigint, decimals = 18): string {
  if (value < 0n) return `-${formatAmount(-value, decimals)}`;
  const places = Number.isInteger(decimals) && decimals > 0 ? decimals : 0;
  if (places === 0) return formatInteger(value);
  const unit = 10n ** BigInt(places);
  const fraction = (value % unit).toString().padStart(places, "0").replace(/0+$/, "");
  return `${formatInteger(value / unit)}${fraction === "" ? "" : `.${fraction}`}`;
}
