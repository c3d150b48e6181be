import { runExcel } from "./run";
import type { CellValue } from "../../shared/sheet/cell-values";
import { readDateSystem, type DateSystemInfo } from "./date-system";
import { readPart, writePart } from "./document-store";
import { findData, type DataRegion } from "./find-data";
import { newIoStats, type IoStats, type Progress } from "./io-stats";
import { readRows } from "./read-rows";
import { selectRow } from "./select-row";
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
  const dateSystem = await runExcel((context) => readDateSystem(context));
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

/** Writes the two result columns; returns what it cost and where the status column is. */
export async function writeResultColumns(
  region: DataRegion,
  cells: readonly (readonly [string, string] | string[])[],
  onProgress?: Progress,
): Promise<{ stats: IoStats; statusColumn: number }> {
  const stats = newIoStats();
  const { statusColumn } = await runExcel((context) =>
    writeResults(context, region, cells, stats, onProgress),
  );
  return { stats, statusColumn };
}

/** Selects a data row (0-based) of the region. */
export async function goToRow(region: DataRegion, row: number): Promise<void> {
  await runExcel((context) => selectRow(context, region, row));
}

/** Text stored in the workbook under a namespace (see document-store.ts), or null. */
export async function loadFromWorkbook(namespace: string): Promise<string | null> {
  return runExcel((context) => readPart(context, namespace));
}

/** Stores text in the workbook under a namespace; null removes it. */
export async function saveToWorkbook(namespace: string, text: string | null): Promise<void> {
  await runExcel((context) => writePart(context, namespace, text));
}
