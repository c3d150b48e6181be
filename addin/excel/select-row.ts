import type { DataRegion } from "./find-data";

/** Selects data row `row` (0-based, under the headers) across the region's columns, showing its sheet. */
export async function selectRow(
  context: Excel.RequestContext,
  region: DataRegion,
  row: number,
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(region.sheet);
  sheet.activate();
  sheet.getRangeByIndexes(region.rowIndex + 1 + row, region.columnIndex, 1, region.columnCount).select();
  await context.sync();
}
