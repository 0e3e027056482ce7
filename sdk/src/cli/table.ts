/** A plain-text table for status output: a header row, a rule, aligned columns (numbers right-aligned). */

/** Whether a cell reads as a number (digits with separators, a percentage), to be right-aligned. */
const isNumeric = (cell: string): boolean => /^-?[\d,.]+%?$/.test(cell);

/**
 * `rows` under `headers`, each column as wide as its widest cell, two spaces apart.
 *
 * @example
 * formatTable(["strategy", "shares"], [["0x1234…abcd", "100"]]);
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? "";
        return isNumeric(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** Aligned `label  value` lines, for a record's fields. */
export function formatFields(fields: readonly (readonly [string, string])[], indent = "  "): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join("\n");
}
