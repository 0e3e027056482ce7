/**
 * How results are shown: as JSON (bigints as decimal strings) or as text for people (decoded events with short
 * addresses and raw amounts, an action's own result fields in full so that roots and ids can be copied).
 */
import { TransactionReceipt } from "ethers";

import type { PalisadeEvent } from "../tx/events.js";
import type { WriteResult } from "../tx/write.js";
import { shortAddress } from "../errors/format.js";

/** `value` as JSON, two-space indented; bigints become decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item), 2);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` is a write's common result (a transaction, its receipt and events). */
export function isWriteResult(value: unknown): value is WriteResult {
  return (
    isRecord(value) &&
    typeof value.hash === "string" &&
    typeof value.blockNumber === "number" &&
    Array.isArray(value.events)
  );
}

/** An event as data: its name, emitter and arguments. */
export function plainEvent(event: PalisadeEvent): {
  name: string;
  address: string;
  args: Readonly<Record<string, unknown>>;
} {
  return { name: event.name, address: event.address, args: event.args };
}

/**
 * A write's result as data: the transaction, the action's own fields, then the events. The receipt is left out
 * (its facts are the hash, block and gas here), as is anything undefined.
 */
export function plainResult(action: string, result: WriteResult): Record<string, unknown> {
  const { hash, blockNumber, gasUsed, events, ...own } = result;
  return { action, hash, blockNumber, gasUsed, ...plainFields(own), events: events.map(plainEvent) };
}

function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key === "receipt" || value instanceof TransactionReceipt) continue;
    plain[key] = plainValue(key, value);
  }
  return plain;
}

function plainValue(key: string, value: unknown): unknown {
  if (isWriteResult(value)) return plainResult(key, value);
  if (Array.isArray(value)) return value.map((item: unknown) => plainValue(key, item));
  if (isRecord(value)) return plainFields(value);
  return value;
}

/** One argument of an event, for a person: addresses shortened, numbers raw, structs and arrays inline. */
export function eventArg(value: unknown): string {
  if (typeof value === "string") return shortAddress(value);
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(eventArg).join(", ")}]`;
  if (isRecord(value)) {
    return `{${Object.entries(value)
      .map(([name, item]) => `${name}=${eventArg(item)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/** `Name(arg=value, ...)`. */
export function eventLine(event: { name: string; args: Readonly<Record<string, unknown>> }): string {
  const args = Object.entries(event.args).map(([name, value]) => `${name}=${eventArg(value)}`);
  return `${event.name}(${args.join(", ")})`;
}

/** A scalar for a person: in full (a root or an address in a result is meant to be copied). */
function scalar(value: unknown): string {
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "-";
  return JSON.stringify(value);
}

const isScalar = (value: unknown) => !Array.isArray(value) && !isRecord(value);

/** Indented `key  value` lines for a plain value tree (what `plainResult` makes), for a person. */
export function fieldLines(fields: Record<string, unknown>, indent: string): string[] {
  const width = Math.max(0, ...Object.keys(fields).map((key) => key.length));
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (isScalar(value)) {
      lines.push(`${indent}${key.padEnd(width)}  ${scalar(value)}`);
    } else if (Array.isArray(value) && value.every(isScalar)) {
      lines.push(`${indent}${key.padEnd(width)}  ${value.length === 0 ? "none" : value.map(scalar).join(", ")}`);
    } else if (Array.isArray(value)) {
      lines.push(`${indent}${key}`);
      for (const item of value) {
        const itemLines = isRecord(item) ? fieldLines(item, `${indent}    `) : [`${indent}    ${scalar(item)}`];
        lines.push(...itemLines.map((line, index) => (index === 0 ? `${indent}  - ${line.trimStart()}` : line)));
      }
    } else if (isRecord(value)) {
      lines.push(`${indent}${key}`, ...fieldLines(value, `${indent}  `));
    }
  }
  return lines;
}

const isPlainTransaction = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && typeof value.hash === "string" && Array.isArray(value.events);

/** A sent transaction's summary for a person: hash, block, gas, the action's fields, then its events. */
export function summaryLines(plain: Record<string, unknown>, indent = "  "): string[] {
  const { action, hash, blockNumber, gasUsed, events, ...own } = plain;
  // A transaction sent first (a deposit's approval) gets its own summary, before this one's.
  const earlier = Object.entries(own).filter(([, value]) => isPlainTransaction(value));
  const fields = Object.fromEntries(Object.entries(own).filter(([, value]) => !isPlainTransaction(value)));
  const lines: string[] = [];
  for (const [key, value] of earlier) {
    if (isPlainTransaction(value)) lines.push(...summaryLines({ ...value, action: key }, indent));
  }
  lines.push(`${scalar(action)}: confirmed`);
  lines.push(...fieldLines({ hash, block: blockNumber, "gas used": gasUsed, ...fields }, indent));
  const decoded = Array.isArray(events) ? (events as { name: string; args: Record<string, unknown> }[]) : [];
  lines.push(`${indent}events${decoded.length === 0 ? "  none" : ""}`);
  lines.push(...decoded.map((event) => `${indent}  ${eventLine(event)}`));
  return lines;
}
