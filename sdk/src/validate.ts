/** Argument checks shared by the actions: each failure names the argument at fault. */
import { getAddress, isAddress, isHexString } from "ethers";

import { InvalidArgumentError } from "./errors/base.js";

/** `value` as a checksummed address. */
export function requireAddress(value: string, argument: string): string {
  const given: string = value;
  if (!isAddress(value)) {
    throw new InvalidArgumentError(`${argument} is not an address: "${given}".`, {
      argument,
      hint: "Pass a 20-byte hex address (0x followed by 40 hex digits).",
    });
  }
  return getAddress(value);
}

/** A list of addresses, at least one. */
export function requireAddresses(values: readonly string[], argument: string): string[] {
  if (values.length === 0) throw new InvalidArgumentError(`${argument} is empty.`, { argument });
  return values.map((value, index) => requireAddress(value, `${argument}[${index}]`));
}

/** A positive amount. */
export function requirePositive(value: bigint, argument: string): bigint {
  if (value <= 0n) {
    throw new InvalidArgumentError(`${argument} must be positive, got ${value}.`, { argument });
  }
  return value;
}

/** A 32-byte hex value. */
export function requireBytes32(value: string, argument: string): string {
  if (!isHexString(value, 32)) {
    throw new InvalidArgumentError(`${argument} is not 32 bytes of hex: "${value}".`, { argument });
  }
  return value;
}

/** An operator set id: a uint32. */
export function requireSetId(value: number | bigint, argument = "setId"): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new InvalidArgumentError(`${argument} must be an integer from 0 to 4294967295, got ${value}.`, { argument });
  }
  return id;
}

/** Two lists that must pair up one to one. */
export function requireSameLength(a: readonly unknown[], b: readonly unknown[], argument: string): void {
  if (a.length !== b.length) {
    throw new InvalidArgumentError(`${argument}: ${a.length} strategies but ${b.length} values.`, {
      argument,
      hint: "Give one value per strategy, in the same order.",
    });
  }
}

/** WAD: 1e18, a fraction of one (slashes, bounties). */
export const WAD = 10n ** 18n;

/** A fraction in (0, 1e18]. */
export function requireWad(value: bigint, argument: string): bigint {
  if (value <= 0n || value > WAD) {
    throw new InvalidArgumentError(`${argument} must be in (0, 1e18] (a fraction of one, 1e18 = 100%), got ${value}.`, {
      argument,
    });
  }
  return value;
}
