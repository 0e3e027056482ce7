/** One error of the catalogue, in plain words. */
import type { ErrorArgs } from "./facts.js";

export interface ErrorEntry {
  /** The contract(s) that raise it, e.g. ["WithdrawalQueue"]. */
  contracts: readonly string[];
  /** A static plain-words title for docs, e.g. "The withdrawal is not mature yet". */
  title: string;
  /** The one-sentence message with the facts filled in. */
  explain(args: ErrorArgs): string;
  /** The name of the caller's argument (SDK/CLI parameter) at fault, when one is, e.g. "withdrawal" or "amount". */
  argument?: string;
  /** What to do next, one sentence, static or computed. */
  hint(args: ErrorArgs): string;
}

/** An entry as written by hand: the contracts that raise it come from their ABIs (src/generated/errorCatalogue.ts). */
export type HandwrittenEntry = Omit<ErrorEntry, "contracts">;
