import type { CellValue } from "../../shared/sheet/cell-values";
import {
  DEFAULT_BYTES_PER_CELL,
  FIRST_CHUNK_ROWS,
  jsonBytes,
  rowsPerChunk,
} from "../../shared/sheet/chunk-plan";
import type { DataRegion } from "./find-data";
import { countSync, type IoStats, type Progress } from "./io-stats";

/**
 * The data rows of a region as plain values (numbers, text, booleans; "" for empty cells), read in
 * chunks that keep each response well under Excel on the web's 5 MB: the first chunk is sized from
 * an estimate, the next ones from the bytes per cell actually measured, with a quarter to spare.
 * Only `values` are read: a number in the invoice-date column is a date serial by that column's
 * meaning, so number formats (which would double the payload) are not needed.
 */
export async function readRows(
  context: Excel.RequestContext,
  region: DataRegion,
  stats: IoStats,
  onProgress?: Progress,
): Promise<CellValue[][]> {
  const sheet = context.workbook.worksheets.getItem(region.sheet);
  const total = region.dataRows;
  const rows: CellValue[][] = new Array<CellValue[]>(total);
  let bytesPerCell = DEFAULT_BYTES_PER_CELL;
  let done = 0;
  onProgress?.(0, total);
  while (done < total) {
    const planned =
      done === 0
        ? Math.min(FIRST_CHUNK_ROWS, rowsPerChunk(region.columnCount, bytesPerCell))
        : rowsPerChunk(region.columnCount, bytesPerCell);
    const count = Math.min(planned, total - done);
    const range = sheet.getRangeByIndexes(
      region.rowIndex + 1 + done,
      region.columnIndex,
      count,
      region.columnCount,
    );
    range.load("values");
    await context.sync();
    const values = range.values as CellValue[][];
    const bytes = jsonBytes(values);
    countSync(stats, bytes);
    bytesPerCell = Math.max(DEFAULT_BYTES_PER_CELL / 4, (bytes / (count * region.columnCount)) * 1.25);
    for (let i = 0; i < count; i++) rows[done + i] = values[i]!;
    done += count;
    onProgress?.(done, total);
  }
  return rows;
}
