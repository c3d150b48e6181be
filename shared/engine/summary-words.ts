import type { BatchSummary } from "./types";

/**
 * What a report says under its counts: how the rows counted against budgets (new, or already in
 * spent and committed) and what was assumed for the whole register, one line each. `rowsOption`
 * names how the reader changes the choice for budgets whose figures carry no date (the CLI's
 * "--rows"); without it, no such line.
 */
export function summaryNotes(s: BatchSummary, hints: { rowsOption?: string } = {}): string[] {
  const lines: string[] = [];
  if (s.newRows + s.countedRows > 0) {
    lines.push(
      `Against budgets: ${rows(s.newRows)} new (they used headroom), ${rows(s.countedRows)} already in spent or committed (checked, no headroom used).`,
    );
  }
  lines.push(...s.assumptions);
  if (s.undatedRows > 0 && hints.rowsOption !== undefined) {
    lines.push(
      s.undatedRowsAre === "new"
        ? `${hints.rowsOption} counted takes them as already counted: for an AP register of posted invoices.`
        : `${hints.rowsOption} new takes them as new purchases: for a PO log of new orders.`,
    );
  }
  return lines;
}

const rows = (n: number) => `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;
