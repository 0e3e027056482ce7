// TEMPORARY stub until the errcat branch lands. Not committed.
export type ErrorArgs = Readonly<Record<string, unknown>>;
export interface ErrorEntry {
  contracts: readonly string[];
  title: string;
  explain(args: ErrorArgs): string;
  argument?: string;
  hint(args: ErrorArgs): string;
}
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorEntry>> = {};
export function explainPanic(code: bigint): string {
  return `panic ${code}`;
}
