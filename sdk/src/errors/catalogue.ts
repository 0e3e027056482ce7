/**
 * Every custom error a Palisade contract can return, in plain words: what happened, with the facts the error carries,
 * which of the caller's arguments is at fault, and what to do next. The SDK's decoder finds the error by selector in
 * the contracts' ABIs and looks its signature up here.
 *
 * Most entries are generated from the NatSpec beside each error's declaration (`@notice`, `@custom:hint`: see
 * sdk/scripts/render-error-catalogue.ts); the few that compute their message are written in `computed.ts`, and the
 * errors of OpenZeppelin and of tokens in `external.ts`. Which contracts raise an error comes from their ABIs.
 *
 * Errors bubble: a call to the OperatorRegistry can fail with the StrategyManager's or the withdrawal queue's error, a
 * deposit with the token's. So an entry never assumes which contract the caller called, only which contracts can raise
 * it (`contracts`).
 */
import { CATALOGUE_CONTRACTS, ERROR_RAISERS, ERROR_TEMPLATES } from "../generated/errorCatalogue.js";
import { type Catalogue, computedEntries } from "./computed.js";
import type { ErrorEntry, HandwrittenEntry } from "./entry.js";
import { EXTERNAL_ENTRIES } from "./external.js";
import { describeTemplate, type ErrorTemplate, fillTemplate } from "./template.js";

export { CATALOGUE_CONTRACTS, ERC20_TOKEN } from "../generated/errorCatalogue.js";
export type { ErrorEntry } from "./entry.js";
export type { ErrorArgs } from "./facts.js";
export { explainPanic } from "./panic.js";

// ------------------------------------------------------------------ the catalogue

function fromTemplate(template: ErrorTemplate): HandwrittenEntry {
  return {
    title: template.title,
    explain: (args) => fillTemplate(template.notice, template.params, args),
    ...(template.argument === undefined ? {} : { argument: template.argument }),
    hint: (args) => fillTemplate(template.hint, template.params, args),
  };
}

const catalogue: Catalogue = {
  get entries() {
    return ERROR_CATALOGUE;
  },
};

const HANDWRITTEN: Readonly<Record<string, HandwrittenEntry>> = {
  ...computedEntries(() => catalogue),
  ...EXTERNAL_ENTRIES,
};

/**
 * Keyed by the error's full signature, e.g. "WithdrawalNotMature(bytes32,uint256,uint256)": names alone collide. An
 * error with neither a template nor a hand-written entry has none (test/ts/sdk/errorCatalogue.test.ts catches it).
 */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorEntry>> = Object.fromEntries(
  Object.entries(ERROR_RAISERS).flatMap(([signature, contracts]) => {
    const template = ERROR_TEMPLATES[signature];
    const entry = HANDWRITTEN[signature] ?? (template === undefined ? undefined : fromTemplate(template));
    return entry === undefined ? [] : [[signature, { contracts, ...entry }]];
  }),
);

// ------------------------------------------------------------------ docs

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Errors raised by this many contracts or more are listed once, in a table of their own. */
const COMMON_THRESHOLD = 3;

function table(rows: readonly (readonly [string, ErrorEntry])[], withContracts: boolean): string[] {
  const header = withContracts
    ? ["| Error | What happened | Raised by | What to do |", "| --- | --- | --- | --- |"]
    : ["| Error | What happened | What to do |", "| --- | --- | --- |"];
  return [
    ...header,
    ...rows.map(([signature, entry]) => {
      const cells = [`\`${signature}\``, entry.title];
      if (withContracts) cells.push(entry.contracts.join(", "));
      const template = ERROR_TEMPLATES[signature];
      cells.push(template === undefined ? entry.hint({}) : describeTemplate(template.hint, template.params));
      return `| ${cells.map(escapeCell).join(" | ")} |`;
    }),
  ];
}

/**
 * The catalogue as markdown, for the SDK's README: one table of the errors many contracts share, then one table per
 * contract of its own errors (error, title, what to do).
 */
export function renderCatalogueMarkdown(): string {
  const entries = Object.entries(ERROR_CATALOGUE).sort(([a], [b]) => a.localeCompare(b));
  const common = entries.filter(([, entry]) => entry.contracts.length >= COMMON_THRESHOLD);
  const lines: string[] = [
    "## Contract errors",
    "",
    `Every custom error a Palisade contract (or a token, through one) can return: ${entries.length.toString()} in all. The SDK explains each in a sentence with its facts; the tables give the gist and what to do.`,
    "",
    "### Common to several contracts",
    "",
    ...table(common, true),
  ];
  for (const contract of CATALOGUE_CONTRACTS) {
    const own = entries.filter(
      ([, entry]) => entry.contracts.length < COMMON_THRESHOLD && entry.contracts.includes(contract),
    );
    const shared = common.filter(([, entry]) => entry.contracts.includes(contract)).map(([signature]) => signature);
    lines.push("", `### ${contract}`, "");
    if (own.length !== 0) lines.push(...table(own, false));
    if (shared.length !== 0) {
      if (own.length !== 0) lines.push("");
      const names = shared.map((signature) => `\`${signature.replace(/\(.*$/, "")}\``);
      lines.push(`Also the common error${names.length === 1 ? "" : "s"} ${names.join(", ")}.`);
    }
  }
  return `${lines.join("\n")}\n`;
}
