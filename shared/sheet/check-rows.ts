import { checkBatch } from "../engine/check";
import type { BatchResult, CheckOptions, PurchaseInput } from "../engine/types";
import type { RuleBook } from "../rules/rule-book";
import { isBlankRow, type CellValue } from "./cell-values";

/** A sheet's (or CSV file's) data rows checked as one batch. */
export type RowsCheck = {
  result: BatchResult;
  /** The purchases the batch checked, in its order. */
  purchases: PurchaseInput[];
  /** The data row (0-based) of the batch's row i. */
  rowOf: number[];
  /** Data rows left out: they hold nothing. */
  blankRows: number;
};

/**
 * Checks data rows as one batch, leaving out the rows with nothing in them (apart from the columns
 * in `ignore`, Headroom's own result columns): a gap in a register is not a purchase, and gets no
 * status. The task pane and `headroom check` both read registers this way.
 */
export function checkDataRows<Row extends readonly CellValue[]>(
  book: RuleBook,
  rows: readonly Row[],
  toPurchases: (rows: Row[]) => PurchaseInput[],
  options: CheckOptions,
  ignore: ReadonlySet<number> = new Set(),
): RowsCheck {
  const rowOf: number[] = [];
  const filled: Row[] = [];
  rows.forEach((cells, i) => {
    if (isBlankRow(cells, ignore)) return;
    rowOf.push(i);
    filled.push(cells);
  });
  const purchases = toPurchases(filled);
  return {
    result: checkBatch(book, purchases, options),
    purchases,
    rowOf,
    blankRows: rows.length - rowOf.length,
  };
}
