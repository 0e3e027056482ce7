/**
 * The CLI's own checks of what the user typed, made before anything reaches the SDK or the chain: each failure is an
 * `InvalidArgumentError` naming the flag (exit code 2), so the user is told `--amount`, not the SDK's `amount`.
 */
import { getAddress, isHexString, parseUnits } from "ethers";

import { InvalidArgumentError } from "../errors/base.js";
import { WAD } from "../validate.js";

const UINT32_MAX = 0xffff_ffffn;

function invalid(flag: string, message: string, hint?: string): InvalidArgumentError {
  return new InvalidArgumentError(`${flag}: ${message}`, { argument: flag, ...(hint === undefined ? {} : { hint }) });
}

/** Commander's collector for a repeatable option that also takes comma-separated lists: `--set 1 --set 2,3`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  ];
}

/** A checksummed address (a mixed-case address must carry a valid checksum). */
export function parseAddress(value: string, flag: string): string {
  try {
    return getAddress(value.trim());
  } catch {
    throw invalid(flag, `not an address: "${value}".`, "Pass a 20-byte hex address: 0x followed by 40 hex digits.");
  }
}

/** One or more addresses (a repeatable flag). */
export function parseAddresses(values: readonly string[] | undefined, flag: string): string[] {
  if (values === undefined || values.length === 0) throw invalid(flag, "give at least one address.");
  return values.map((value) => parseAddress(value, flag));
}

/** A non-negative integer written in decimal digits (no sign, no exponent, no fraction). */
export function parseUint(value: string, flag: string, what = "a whole number"): bigint {
  const trimmed = value.trim();
  if (trimmed.startsWith("-")) throw invalid(flag, `must not be negative, got ${value}.`);
  if (!/^\d+$/.test(trimmed)) throw invalid(flag, `must be ${what}, got "${value}".`);
  return BigInt(trimmed);
}

/** A positive integer. */
export function parsePositive(value: string, flag: string, what = "a positive whole number"): bigint {
  const parsed = parseUint(value, flag, what);
  if (parsed === 0n) throw invalid(flag, `must be positive, got ${value}.`);
  return parsed;
}

/** An integer that fits a JavaScript number (seconds, confirmations), within [min, max]. */
export function parseSmallInt(value: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = parseUint(value, flag);
  if (parsed < BigInt(min) || parsed > BigInt(max)) throw invalid(flag, `must be from ${min} to ${max}, got ${value}.`);
  return Number(parsed);
}

/** An operator set id: a uint32. */
export function parseSetId(value: string, flag = "--set"): number {
  const parsed = parseUint(value, flag, "an operator set id (a whole number)");
  if (parsed > UINT32_MAX) throw invalid(flag, `must be at most ${UINT32_MAX} (a uint32), got ${value}.`);
  return Number(parsed);
}

/** Several set ids (a repeatable flag), at least one. */
export function parseSetIds(values: readonly string[] | undefined, flag = "--set"): number[] {
  if (values === undefined || values.length === 0) throw invalid(flag, "give at least one operator set id.");
  return values.map((value) => parseSetId(value, flag));
}

/** Checks an amount's form before the token's decimals are known: positive, decimal (or whole with `raw`). */
export function checkAmount(value: string, flag: string, raw: boolean): void {
  const trimmed = value.trim();
  if (trimmed.startsWith("-")) throw invalid(flag, `must not be negative, got ${value}.`);
  if (raw) {
    parsePositive(trimmed, flag, "a whole number of base units (--raw)");
    return;
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    throw invalid(flag, `must be a decimal number of tokens, like 1.5, got "${value}".`);
  }
  if (!/[1-9]/.test(trimmed)) throw invalid(flag, `must be positive, got ${value}.`);
}

/**
 * A token amount in token units (`1.5`), converted with the token's `decimals`, or base units (`1500000`) when
 * `raw`. Must be positive.
 */
export function parseAmount(value: string, flag: string, decimals: number, raw: boolean): bigint {
  checkAmount(value, flag, raw);
  const trimmed = value.trim();
  if (raw) return BigInt(trimmed);
  const fraction = trimmed.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw invalid(flag, `has ${fraction.length} decimals, but the token has ${decimals}.`, "Round the amount.");
  }
  return parseUnits(trimmed.startsWith(".") ? `0${trimmed}` : trimmed, decimals);
}

/**
 * A fraction of one as a WAD (1e18 = 100%): `0.5`, `50%`, `12.5%`, `1`. At most 100%; zero only when `allowZero`
 * (a magnitude can be set to zero to deallocate, a slash cannot take nothing).
 */
export function parseFraction(value: string, flag: string, allowZero: boolean): bigint {
  const trimmed = value.trim();
  if (trimmed.startsWith("-")) throw invalid(flag, `must not be negative, got ${value}.`);
  const percent = trimmed.endsWith("%");
  const number = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(number)) {
    throw invalid(flag, `must be a fraction like 0.5 or a percentage like 50%, got "${value}".`);
  }
  // A fraction has 18 decimals of precision as a WAD, a percentage two fewer.
  const decimals = percent ? 16 : 18;
  const digits = number.split(".")[1] ?? "";
  if (digits.length > decimals) throw invalid(flag, `is more precise than 1e-18, got "${value}".`);
  const wad = parseUnits(number.startsWith(".") ? `0${number}` : number, decimals);
  if (wad > WAD) throw invalid(flag, `must be at most 100% (1.0), got ${value}.`);
  if (wad === 0n && !allowZero) throw invalid(flag, `must be more than 0%, got ${value}.`);
  return wad;
}

/** 32 bytes of hex (a withdrawal root, a payload hash). */
export function parseBytes32(value: string, flag: string): string {
  if (!isHexString(value, 32)) throw invalid(flag, `must be 32 bytes of hex (0x and 64 hex digits), got "${value}".`);
  return value.toLowerCase();
}

/** Any hex bytes (`0x` for none). */
export function parseHexData(value: string, flag: string): string {
  if (!isHexString(value) || value.length % 2 !== 0)
    throw invalid(flag, `must be hex bytes like 0x1234, got "${value}".`);
  return value;
}

/** A 32-byte private key, with or without its `0x`. */
export function parsePrivateKey(value: string, flag: string): string {
  const key = value.trim().startsWith("0x") ? value.trim() : `0x${value.trim()}`;
  if (!isHexString(key, 32)) {
    throw invalid(
      flag,
      "is not a private key (32 bytes of hex).",
      "The key itself is never printed: check its length.",
    );
  }
  return key;
}

/** Pairs `values` with `strategies`: one value for all, or one each in the same order. */
export function pairWithStrategies<T>(strategies: readonly string[], values: readonly T[], flag: string): T[] {
  const [only] = values;
  if (values.length === 1 && only !== undefined) return strategies.map(() => only);
  if (values.length !== strategies.length) {
    throw invalid(
      flag,
      `${values.length} values for ${strategies.length} strategies.`,
      `Give one ${flag} for all strategies, or one per --strategy in the same order.`,
    );
  }
  return [...values];
}
