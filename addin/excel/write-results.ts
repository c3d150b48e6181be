import { chunksByBytes, jsonBytes } from "../../shared/sheet/chunk-plan";
import { findResultColumns, RESULT_HEADERS, STATUS_COLOURS } from "../../shared/sheet/result-columns";
import { safeCellText } from "../../shared/sheet/safe-cell-text";
import type { RowStatus } from "../../shared/engine/types";
import type { DataRegion } from "./find-data";
import { countSync, type IoStats, type Progress } from "./io-stats";

/** Bytes of the small requests around the values (headers, formats): a generous flat estimate. */
const SMALL_REQUEST_BYTES = 2_048;

/**
 * The first write request failed. Its first operations add the result columns' headers, so a
 * refusal (a protected sheet, a workbook open for viewing only) stops it before any cell changes;
 * the caller asks Excel why (see `writeBlocker`) rather than trusting the error code, which hosts
 * word differently.
 */
export class FirstWriteFailedError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Writes the two result columns next to the data, or over Headroom's own columns from an earlier
 * run (found by their headers), and touches no other cell. In a table the columns are added to the
 * table, so they sort and filter with it. Status cells are coloured by conditional formats on the
 * status column (four rules, however many rows), replaced on every run. Each chunk's payload stays
 * under the limit; calculation is suspended for every write (and run once at the end) and screen
 * updating for the first.
 * `cells` holds [status, details] per data row (see `resultCells`); every text goes through
 * `safeCellText`, so none can become a formula.
 */
export async function writeResults(
  context: Excel.RequestContext,
  region: DataRegion,
  cells: readonly (readonly [string, string] | string[])[],
  stats: IoStats,
  onProgress?: Progress,
): Promise<{ statusColumn: number }> {
  if (cells.length !== region.dataRows) {
    throw new Error(`writeResults: ${cells.length} result rows for ${region.dataRows} data rows`);
  }
  const workbook = context.workbook;
  const sheet = workbook.worksheets.getItem(region.sheet);
  const app = context.application;
  app.suspendScreenUpdatingUntilNextSync();

  const existing = findResultColumns(region.headers);
  let offset: number;
  if (existing) offset = existing.status;
  else {
    offset = region.columnCount;
    if (region.table !== null) {
      const columns = workbook.tables.getItem(region.table).columns;
      columns.add(undefined, undefined, RESULT_HEADERS[0]);
      columns.add(undefined, undefined, RESULT_HEADERS[1]);
    } else {
      sheet.getRangeByIndexes(region.rowIndex, region.columnIndex + offset, 1, 2).values = [
        [...RESULT_HEADERS],
      ];
    }
  }
  const column = region.columnIndex + offset;
  const total = region.dataRows;
  if (total > 0) {
    const statusRange = sheet.getRangeByIndexes(region.rowIndex + 1, column, total, 1);
    statusRange.conditionalFormats.clearAll();
    for (const status of ["block", "warn", "info", "ok"] as RowStatus[]) {
      const rule = statusRange.conditionalFormats.add(
        "ContainsText" as Excel.ConditionalFormatType,
      ).textComparison;
      rule.format.fill.color = STATUS_COLOURS[status].fill;
      rule.format.font.color = STATUS_COLOURS[status].font;
      rule.rule = { operator: "BeginsWith" as Excel.ConditionalTextOperator, text: status };
    }
  }

  const safe = cells.map((row) => row.map(safeCellText));
  const rowBytes = new Float64Array(total);
  for (let i = 0; i < total; i++) rowBytes[i] = jsonBytes(safe[i]) + 1;
  let pending = SMALL_REQUEST_BYTES;
  let done = 0;
  onProgress?.(0, total);
  for (const [start, count] of chunksByBytes(rowBytes)) {
    const block = safe.slice(start, start + count);
    sheet.getRangeByIndexes(region.rowIndex + 1 + start, column, count, 2).values = block;
    app.suspendApiCalculationUntilNextSync();
    let bytes = pending;
    for (let i = start; i < start + count; i++) bytes += rowBytes[i]!;
    try {
      await context.sync();
    } catch (e) {
      throw done === 0 ? new FirstWriteFailedError(e) : e;
    }
    countSync(stats, bytes);
    pending = 0;
    done += count;
    onProgress?.(done, total);
  }
  // Calculation was suspended for the writes: formulas that read the result columns (a COUNTIF of
  // "block", say) are brought up to date once, now, instead of after every chunk.
  app.calculate("Recalculate" as Excel.CalculationType);
  try {
    await context.sync();
  } catch (e) {
    // No data rows: the headers went in this last request.
    throw done === 0 ? new FirstWriteFailedError(e) : e;
  }
  countSync(stats, pending);
  return { statusColumn: column };
}
