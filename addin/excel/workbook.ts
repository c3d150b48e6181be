import { runExcel } from "./run";
import type { CellValue } from "../../shared/sheet/cell-values";
import { detectDateSystem, type DateSystemInfo } from "./date-system";
import { readPart, writePart } from "./document-store";
import { findData, type DataRegion } from "./find-data";
import { newIoStats, type IoStats, type Progress } from "./io-stats";
import { readRows } from "./read-rows";
import { verifyRegion, type RegionGuard } from "./region-guard";
import { selectRow, type RowKey, type RowSelection } from "./select-row";
import { writeBlocker, type WriteBlocker } from "./write-access";
import { writeResults } from "./write-results";

/**
 * The add-in's whole conversation with Excel, one `Excel.run` per step: the task pane calls these
 * and deals only in plain data (regions, rows of values, result text).
 */

/** Finds the purchases (see `findData`) and the workbook's date system. */
export async function locateData(): Promise<{
  region: DataRegion;
  dateSystem: DateSystemInfo;
  stats: IoStats;
}> {
  const stats = newIoStats();
  const dateSystem = await detectDateSystem();
  const region = await runExcel((context) => findData(context, stats));
  return { region, dateSystem, stats };
}

/** Reads the region's data rows in chunks. */
export async function readRegionRows(
  region: DataRegion,
  onProgress?: Progress,
): Promise<{ rows: CellValue[][]; stats: IoStats }> {
  const stats = newIoStats();
  const rows = await runExcel((context) => readRows(context, region, stats, onProgress));
  return { rows, stats };
}

/**
 * Writes the two result columns; returns what it cost and where the status column is. In the same
 * batch, before anything is written, the region is read again and compared with `guard` (what was
 * read): when rows were sorted, added or removed, or a key cell was edited, it throws
 * `RegionChangedError` and writes nothing (see region-guard.ts).
 */
export async function writeResultColumns(
  guard: RegionGuard,
  cells: readonly (readonly [string, string] | string[])[],
  onProgress?: Progress,
): Promise<{ stats: IoStats; statusColumn: number }> {
  const stats = newIoStats();
  const { statusColumn } = await runExcel(async (context) => {
    await verifyRegion(context, guard, stats);
    return writeResults(context, guard.region, cells, stats, onProgress);
  });
  return { stats, statusColumn };
}

/** Why Excel refused to write the region's sheet (protected, read-only), or null (see write-access.ts). */
export async function whyNotWritable(region: DataRegion): Promise<WriteBlocker | null> {
  return runExcel((context) => writeBlocker(context, region));
}

/**
 * Selects a data row (0-based) of the region; with `expected`, only when the row still holds that
 * purchase (see select-row.ts).
 */
export async function goToRow(region: DataRegion, row: number, expected?: RowKey): Promise<RowSelection> {
  return runExcel((context) => selectRow(context, region, row, expected));
}

/** Text stored in the workbook under a namespace (see document-store.ts), or null. */
export async function loadFromWorkbook(namespace: string): Promise<string | null> {
  return runExcel((context) => readPart(context, namespace));
}

/** Stores text in the workbook under a namespace; null removes it. */
export async function saveToWorkbook(namespace: string, text: string | null): Promise<void> {
  await runExcel((context) => writePart(context, namespace, text));
}
