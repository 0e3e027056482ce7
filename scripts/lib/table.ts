/** The demo's and the devnet's printouts: the CLI's table and the SDK's token amounts, with a title and rules. */
import { formatTable as formatColumns } from "../../sdk/src/cli/table.js";
import { formatAmount } from "../../sdk/src/errors/format.js";

/** A plain-text table: a title, a header row and aligned columns (numbers right-aligned), between rules. */
export function formatTable(title: string, headers: string[], rows: string[][]): string {
  const table = formatColumns(headers, rows);
  const rule = table.split("\n")[1] ?? "";
  return [`\n${title}`, rule, table, rule].join("\n");
}

/** `amount` of a token with `decimals`, with thousands separators, cut (not rounded) to at most 4 decimals. */
export function formatUnits(amount: bigint, decimals: number): string {
  const cut = decimals > 4 ? 10n ** BigInt(decimals - 4) : 1n;
  return formatAmount(amount - (amount % cut), decimals);
}
