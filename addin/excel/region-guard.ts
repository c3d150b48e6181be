import { headerTexts, type CellValue, type ColumnMapping } from "../../shared/sheet/cell-values";
import { MAX_ROWS_PER_CHUNK } from "../../shared/sheet/chunk-plan";
import {
  fingerprintRows,
  hashColumns,
  keyColumns,
  type RowFingerprint,
} from "../../shared/sheet/row-fingerprint";
import type { DataRegion } from "./find-data";
import { countSync, type IoStats } from "./io-stats";

/**
 * Results are written by row number, in a later `Excel.run` than the read. In between the analyst
 * may sort or insert rows and a co-author's edits may arrive, and a workbook value copied into the
 * add-in is not kept in step with the workbook:
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/co-authoring-in-excel-add-ins
 * So the write batch first reads the region again (where its header row is, how many rows it has,
 * its headers, and the key columns of every row, see `keyColumns`) and writes only when all of it
 * is what was read.
 */
export type RegionGuard = { region: DataRegion; fingerprint: RowFingerprint };

/** The register changed between the read and the write; nothing was written. */
export class RegionChangedError extends Error {
  constructor(readonly changes: string[]) {
    super(changes.join(" "));
  }
}

/**
 * What the write must find again: `rows` are the region's data rows as read, `mapping` the columns
 * they were checked with. Key cells are read back in chunks holding as many cells as a chunk of the
 * full read holds (a register 11 columns wide reads its two key columns 110,000 rows at a time), and
 * never more bytes than one request may carry.
 */
export function guardRegion(
  region: DataRegion,
  rows: readonly (readonly CellValue[])[],
  mapping: ColumnMapping,
): RegionGuard {
  const columns = keyColumns(mapping);
  const maxRows = Math.max(
    MAX_ROWS_PER_CHUNK,
    Math.floor((MAX_ROWS_PER_CHUNK * region.columnCount) / Math.max(1, columns.length)),
  );
  return { region, fingerprint: fingerprintRows(rows, columns, { maxRows }) };
}

/**
 * Reads the region again and throws `RegionChangedError` unless it is where it was, as wide and as
 * long, with the same headers and the same key cells in every row. Run it in the write's own
 * batch, before any write is queued: one request for the structure and the first chunk of key
 * cells (the only one below about 100,000 rows), one more per further chunk.
 */
export async function verifyRegion(
  context: Excel.RequestContext,
  guard: RegionGuard,
  stats: IoStats,
): Promise<void> {
  const { region, fingerprint } = guard;
  let sheet: Excel.Worksheet;
  const where = region.table !== null ? `Table ${region.table}` : `The data on sheet ${region.sheet}`;
  let extent: () => {
    sheet: string;
    rowIndex: number;
    columnIndex: number;
    columnCount: number;
    dataRows: number;
  } | null;
  let header: Excel.Range;
  if (region.table !== null) {
    const table = context.workbook.tables.getItem(region.table);
    // The table's own sheet: a renamed sheet is then named as such, not taken for a lost table.
    sheet = table.worksheet;
    header = table.getHeaderRowRange();
    header.load("values,rowIndex,columnIndex,columnCount");
    const body = table.getDataBodyRange();
    body.load("rowCount");
    table.worksheet.load("name");
    extent = () => ({
      sheet: table.worksheet.name,
      rowIndex: header.rowIndex,
      columnIndex: header.columnIndex,
      columnCount: header.columnCount,
      dataRows: body.rowCount,
    });
  } else {
    sheet = context.workbook.worksheets.getItem(region.sheet);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    header = sheet.getRangeByIndexes(region.rowIndex, region.columnIndex, 1, region.columnCount);
    header.load("values");
    extent = () =>
      used.isNullObject
        ? null
        : {
            sheet: region.sheet,
            rowIndex: used.rowIndex,
            columnIndex: used.columnIndex,
            columnCount: used.columnCount,
            dataRows: used.rowCount - 1,
          };
  }

  const chunks = fingerprint.chunks;
  let reads = queueChunk(sheet, region, fingerprint, 0);
  try {
    await context.sync();
  } catch (e) {
    // A table or sheet deleted or renamed since the read: documented as ItemNotFound,
    // https://learn.microsoft.com/en-us/office/dev/add-ins/reference/javascript-api-for-office-error-codes
    if ((e as { code?: string }).code === "ItemNotFound") {
      throw new RegionChangedError([`${where} is no longer in the workbook (deleted or renamed).`]);
    }
    throw e;
  }
  countSync(stats, 1_024 + (chunks[0]?.bytes ?? 0));

  const now = extent();
  const changes: string[] = [];
  if (!now) changes.push(`Sheet ${region.sheet} is empty now.`);
  else {
    if (now.sheet !== region.sheet)
      changes.push(`${where} is on sheet ${now.sheet} now, not ${region.sheet}.`);
    if (now.rowIndex !== region.rowIndex || now.columnIndex !== region.columnIndex) {
      changes.push(
        `${where} starts at ${cellName(now.rowIndex, now.columnIndex)} now; it started at ${cellName(region.rowIndex, region.columnIndex)} when it was read (rows or columns were inserted or deleted above or before it).`,
      );
    }
    if (now.dataRows !== region.dataRows) {
      changes.push(
        `${where} has ${now.dataRows.toLocaleString("en-US")} rows now; it had ${region.dataRows.toLocaleString("en-US")} when it was read (rows were added or removed).`,
      );
    }
    if (now.columnCount !== region.columnCount) {
      changes.push(
        `${where} has ${now.columnCount} columns now; it had ${region.columnCount} when it was read.`,
      );
    } else if (!sameTexts(headerTexts((header.values[0] ?? []) as CellValue[]), region.headers)) {
      changes.push(`The column headers of ${where.replace(/^The/, "the")} changed.`);
    }
  }
  if (changes.length > 0) throw new RegionChangedError(changes);

  for (let i = 0; i < chunks.length; i++) {
    if (i > 0) {
      reads = queueChunk(sheet, region, fingerprint, i);
      await context.sync();
      countSync(stats, chunks[i]!.bytes);
    }
    const chunk = chunks[i]!;
    if (
      hashColumns(
        reads.map((r) => r.values as CellValue[][]),
        chunk.count,
      ) !== chunk.hash
    ) {
      const names = fingerprint.columns.map((c) => region.headers[c] || `column ${c + 1}`).join(" or ");
      const first = region.rowIndex + 2 + chunk.start;
      const rows = chunk.count === 1 ? `row ${first}` : `rows ${first} to ${first + chunk.count - 1}`;
      throw new RegionChangedError([
        `${names} in ${rows} of sheet ${region.sheet} changed since the read (rows were sorted or moved, or someone edited them).`,
      ]);
    }
  }
}

/** Queues the loads of chunk `i`'s key cells, one single-column range per key column. */
function queueChunk(
  sheet: Excel.Worksheet,
  region: DataRegion,
  fingerprint: RowFingerprint,
  i: number,
): Excel.Range[] {
  const chunk = fingerprint.chunks[i];
  if (!chunk) return [];
  return fingerprint.columns.map((c) => {
    const range = sheet.getRangeByIndexes(
      region.rowIndex + 1 + chunk.start,
      region.columnIndex + c,
      chunk.count,
      1,
    );
    range.load("values");
    return range;
  });
}

/** A cell's A1 name from 0-based indexes ("C3"). */
function cellName(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
