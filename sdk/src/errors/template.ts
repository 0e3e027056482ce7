/**
 * Catalogue entries written as templates: the sentence and the advice of an error as its NatSpec states them
 * (`@notice`, `@custom:hint`), with its facts as placeholders. sdk/scripts/render-error-catalogue.ts compiles each
 * placeholder to the position of its argument, and this module fills them in.
 *
 * A compiled placeholder reads `{index:kind@now|fallback}`, where only the index is required:
 * - `kind` says how the fact is written (`FACT_KINDS`);
 * - `@now`, for a `time`, is the position of the argument that carries the chain's time, to date it relative to now;
 * - `|fallback` is written instead of the fact when the decoder lost the argument (else `(unknown)` is).
 */
import {
  addr,
  capitalise,
  dur,
  type ErrorArgs,
  hex,
  ident,
  int,
  num,
  pct,
  pick,
  shares,
  text,
  time,
  tokens,
  UNKNOWN,
} from "./facts.js";
import { formatUtcDate } from "./format.js";

/** An error's entry as its NatSpec gives it, placeholders compiled to argument positions. */
export interface ErrorTemplate {
  /** `@custom:title`: a static plain-words title for docs. */
  readonly title: string;
  /** `@notice`: the one-sentence message. */
  readonly notice: string;
  /** `@custom:hint`: what to do next. */
  readonly hint: string;
  /** `@custom:argument`: the name of the caller's argument at fault, when one is. */
  readonly argument?: string;
  /** For each argument position, the names it goes by in the ABIs of the contracts that raise it. */
  readonly params: readonly (readonly string[])[];
}

/** How a fact can be written, by the kind a placeholder names. */
export const FACT_KINDS = [
  /** An address, shortened (`the zero address` for zero). */
  "address",
  /** An address in full, to copy. */
  "full",
  /** A hash or other long hex value, shortened. */
  "hex",
  /** A count, with thousands separators. */
  "int",
  /** An id, digits only. */
  "id",
  /** A fraction of 1e18, as a percentage. */
  "wad",
  /** Seconds, in words. */
  "duration",
  /** A timestamp as a UTC date, relative to the chain's time when the error carries it. */
  "time",
  /** A timestamp as a UTC date alone. */
  "date",
  /** A token amount, in whole tokens when the caller gives the token's decimals, in base units otherwise. */
  "tokens",
  /** Strategy shares. */
  "shares",
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

/** Matches a compiled placeholder: index, kind, the index of the chain's time, fallback. */
const PLACEHOLDER = /\{(\d+)(?::([a-z]+))?(?:@(\d+))?(?:\|([^}]*))?\}/g;

function isFactKind(kind: string): kind is FactKind {
  return (FACT_KINDS as readonly string[]).includes(kind);
}

function fact(
  args: ErrorArgs,
  names: readonly string[],
  index: number,
  kind: FactKind,
  now?: readonly [readonly string[], number],
): string {
  switch (kind) {
    case "address":
      return addr(args, names, index);
    case "full":
      return text(args, names, index) ?? UNKNOWN;
    case "hex":
      return hex(args, names, index);
    case "int":
      return int(args, names, index);
    case "id":
      return ident(args, names, index);
    case "wad":
      return pct(args, names, index);
    case "duration":
      return dur(args, names, index);
    case "time":
      return time(args, names, index, now);
    case "date": {
      const value = num(args, names, index);
      return value === undefined ? UNKNOWN : formatUtcDate(value);
    }
    case "tokens":
      return tokens(args, names, index);
    case "shares":
      return shares(args, names, index);
  }
}

/** `template` with its placeholders filled in from `args` (by the names in `params`, else by position). */
export function fillTemplate(template: string, params: readonly (readonly string[])[], args: ErrorArgs): string {
  const filled = template.replace(
    PLACEHOLDER,
    (
      _match,
      indexText: string,
      kindText: string | undefined,
      nowText: string | undefined,
      fallback: string | undefined,
    ) => {
      const index = Number(indexText);
      const names = params[index] ?? [];
      if (fallback !== undefined) {
        const value = pick(args, names, index);
        if (value === undefined || value === null) return fallback;
      }
      const kind = kindText ?? "int";
      if (!isFactKind(kind)) throw new Error(`unknown fact kind "${kind}" in the error template "${template}"`);
      const now = nowText === undefined ? undefined : ([params[Number(nowText)] ?? [], Number(nowText)] as const);
      return fact(args, names, index, kind, now);
    },
  );
  return capitalise(filled);
}

/** `template` for docs, without facts: each placeholder as its fallback, else as its argument's name. */
export function describeTemplate(template: string, params: readonly (readonly string[])[]): string {
  const described = template.replace(
    PLACEHOLDER,
    (_match, indexText: string, _kind: string | undefined, _now: string | undefined, fallback: string | undefined) =>
      fallback ?? `\`${params[Number(indexText)]?.[0] ?? indexText}\``,
  );
  return capitalise(described);
}
