import type { CellValue } from "../../shared/sheet/cell-values";
import { sameCells } from "../../shared/sheet/row-fingerprint";
import type { DataRegion } from "./find-data";

/**
 * The key cells a data row held at the check (see `keyColumns`): `columns` of the region and the
 * values they held, in that order.
 */
export type RowKey = { columns: readonly number[]; cells: readonly CellValue[] };

/** What selecting a row did: selected it, or found other key cells there and left the selection. */
export type RowSelection = { selected: true } | { selected: false; found: CellValue[] };

/**
 * Selects data row `row` (0-based, under the headers) across the region's columns, showing its
 * sheet. With `expected`, the row is read first, in the same batch, and selected only when its key
 * cells are still those of the purchase the pane lists for it: after a sort, or rows added above
 * it, that row holds another purchase, and selecting it would point the analyst at the wrong one.
 */
export async function selectRow(
  context: Excel.RequestContext,
  region: DataRegion,
  row: number,
  expected?: RowKey,
): Promise<RowSelection> {
  const sheet = context.workbook.worksheets.getItem(region.sheet);
  const range = sheet.getRangeByIndexes(region.rowIndex + 1 + row, region.columnIndex, 1, region.columnCount);
  if (expected) {
    range.load("values");
    await context.sync();
    const cells = (range.values[0] ?? []) as CellValue[];
    const found = expected.columns.map((c) => cells[c] ?? "");
    if (!sameCells(found, expected.cells)) return { selected: false, found };
  }
  sheet.activate();
  range.select();
  await context.sync();
  return { selected: true };
}
