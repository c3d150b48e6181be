import { mapColumns, mappedFields, PURCHASE_FIELDS, type PurchaseField } from "../../shared/engine/columns";
import type { RowsAre } from "../../shared/engine/types";
import { todayLocal } from "../../shared/dates/plain-date";
import { cellsToPurchase, surveyDateColumn, type ColumnMapping } from "../../shared/sheet/cell-values";
import type { DateOrderFinding, DayMonthOrder } from "../../shared/dates/date-text";
import { checkDataRows, type RowsCheck } from "../../shared/sheet/check-rows";
import { findResultColumns, headersWithResults, resultCells } from "../../shared/sheet/result-columns";
import { keyColumns } from "../../shared/sheet/row-fingerprint";
import type { CellValue } from "../../shared/sheet/cell-values";
import type { RuleBook } from "../../shared/rules/rule-book";
import type { DateSystemInfo } from "../excel/date-system";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";
import type { DataRegion } from "../excel/find-data";
import { PART_NAMESPACES } from "../excel/document-store";
import type { IoStats } from "../excel/io-stats";
import { guardRegion } from "../excel/region-guard";
import type { RowKey } from "../excel/select-row";
import type { WriteBlocker } from "../excel/write-access";
import { FirstWriteFailedError } from "../excel/write-results";
import {
  loadFromWorkbook,
  locateData,
  readRegionRows,
  saveToWorkbook,
  whyNotWritable,
  writeResultColumns,
} from "../excel/workbook";

/** The data found and how its columns map: what the mapping editor shows. */
export type Located = { region: DataRegion; dateSystem: DateSystemInfo; mapping: ColumnMapping };

/**
 * A finished check: results, the purchases (for refs), which data row each checked row is (blank
 * rows are not checked, see `checkDataRows`), and what each step took.
 */
export type CheckOutcome = RowsCheck & {
  region: DataRegion;
  timings: { readMs: number; engineMs: number; writeMs: number };
  io: { syncs: number; largestRequestBytes: number };
  /** Whether the result columns were written, or why Excel would not take them. */
  write: { written: true } | { written: false; why: WriteBlocker };
  /** The key cells data row `row` held when it was read, to select it only while it holds them. */
  keyOf: (row: number) => RowKey;
  /**
   * How dates written as text in the invoice-date column were read: day or month first, decided by
   * the column's values, given by the analyst, or left open (those rows then report an unreadable
   * date, and the pane asks).
   */
  dateOrder: DateOrderFinding | { kind: "given"; order: DayMonthOrder };
};

/** What became of the analyst's column choices: kept as they were, saved, or not savable here. */
export type MappingSave =
  { status: "unchanged" | "saved" } | { status: "failed"; readOnly: boolean; message: string };

export type Phase = "read" | "check" | "write";
export type PhaseProgress = (phase: Phase, done: number, total: number) => void;

/** Where a mapping is remembered: per sheet and table (or sheet, for a plain range). */
const regionKey = (r: DataRegion) => `${r.sheet}!${r.table ?? "(range)"}`;

/**
 * Finds the data and its mapping: what the workbook remembers for it (by header text, so moved
 * columns still map), else the header synonyms. Headroom's own result columns are never mapped.
 */
export async function locate(): Promise<Located> {
  const { region, dateSystem } = await locateData();
  // The functions read dates in the same system; Excel may have told us more than it told them.
  if (!dateSystem.assumed) setWorkbookDateSystem(dateSystem.system);
  const remembered = await rememberedMapping(region);
  return { region, dateSystem, mapping: withCorrections(region, remembered ?? {}) };
}

/**
 * `next` (the data found again) with the column choices the analyst made on `previous`, when both
 * are the same table or sheet: the choices live in the pane until they are saved, and a workbook
 * that cannot save them (read-only) must not lose them between "Find data" and the check.
 */
export function carryMapping(previous: Located | null, next: Located): Located {
  if (!previous || regionKey(previous.region) !== regionKey(next.region)) return next;
  return { ...next, mapping: withCorrections(next.region, corrections(previous.region, previous.mapping)) };
}

/** A field's column, by header text (null: the analyst chose none), where it differs from the synonyms. */
type Corrections = Partial<Record<PurchaseField, string | null>>;

/** The headers the mapping may use: Headroom's own result columns are blanked out. */
function usableHeaders(region: DataRegion): string[] {
  const own = findResultColumns(region.headers);
  return region.headers.map((h, i) => (own && (i === own.status || i === own.details) ? "" : h));
}

/** The synonyms' mapping with `fix` applied; a corrected header no longer there unmaps its field. */
function withCorrections(region: DataRegion, fix: Corrections): ColumnMapping {
  const usable = usableHeaders(region);
  const mapping: ColumnMapping = mapColumns(usable);
  for (const field of PURCHASE_FIELDS) {
    if (!(field in fix)) continue;
    const header = fix[field];
    const col = header === null || header === undefined ? -1 : usable.indexOf(header);
    if (col === -1) delete mapping[field];
    else mapping[field] = col;
  }
  return mapping;
}

/**
 * The analyst's corrections: only the fields whose column differs from what the header synonyms
 * find (by header text; a field the analyst cleared as null). A field the synonyms map stays theirs,
 * so a column added to the sheet later (Currency, Invoice date) is found then.
 */
function corrections(region: DataRegion, mapping: ColumnMapping): Corrections {
  const auto = mapColumns(usableHeaders(region));
  const entry: Corrections = {};
  for (const field of PURCHASE_FIELDS) {
    const col = mapping[field];
    if (col === auto[field]) continue;
    entry[field] = col === undefined ? null : (region.headers[col] ?? null);
  }
  return entry;
}

async function rememberedMapping(region: DataRegion): Promise<Corrections | null> {
  try {
    const text = await loadFromWorkbook(PART_NAMESPACES.mapping);
    if (!text) return null;
    const all = JSON.parse(text) as Record<string, Corrections>;
    return all[regionKey(region)] ?? null;
  } catch {
    // A damaged or foreign part: the synonyms still map the columns.
    return null;
  }
}

/**
 * Remembers the analyst's corrections in the workbook (see `corrections`), only when they differ
 * from what the workbook remembers for this table: a check with nothing corrected writes nothing, so
 * it runs in a workbook open read-only or for viewing. Never throws: a save Excel refuses leaves the
 * choices in force for this check and says so.
 */
export async function rememberMapping(region: DataRegion, mapping: ColumnMapping): Promise<MappingSave> {
  let all: Record<string, unknown> = {};
  try {
    const text = await loadFromWorkbook(PART_NAMESPACES.mapping);
    all = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // A damaged or unreadable part is replaced: the mapping being saved is the analyst's latest word.
  }
  if (typeof all !== "object" || all === null || Array.isArray(all)) all = {};
  const key = regionKey(region);
  const entry = corrections(region, mapping);
  const stored = (all[key] ?? {}) as Corrections;
  if (sameCorrections(stored, entry)) return { status: "unchanged" };
  all[key] = entry;
  try {
    await saveToWorkbook(PART_NAMESPACES.mapping, JSON.stringify(all));
    return { status: "saved" };
  } catch (e) {
    const why = await whyNotWritable(region).catch(() => null);
    return {
      status: "failed",
      readOnly: why === "read-only",
      message: e instanceof Error ? e.message : String(e),
    };
  }
}

function sameCorrections(a: Corrections, b: Corrections): boolean {
  return PURCHASE_FIELDS.every((f) => f in a === f in b && (a[f] ?? null) === (b[f] ?? null));
}

/**
 * Reads every row, checks them in one batch, writes the two result columns. The write confirms
 * first that the rows are still the rows read (see region-guard.ts) and throws `RegionChangedError`,
 * having written nothing, when they are not. On a protected sheet nothing is written and the outcome
 * says so; so too when Excel refuses the first write because the sheet or workbook cannot be changed
 * (protected since it was found, or open for viewing only).
 */
export async function runCheck(
  book: RuleBook,
  located: Located,
  onProgress: PhaseProgress,
  asOf = todayLocal(),
  rows: RowsAre = "new",
  order?: DayMonthOrder,
): Promise<CheckOutcome> {
  const { region, dateSystem, mapping } = located;
  const t0 = performance.now();
  const read = await readRegionRows(region, (d, t) => onProgress("read", d, t));
  const guard = guardRegion(region, read.rows, mapping);
  const t1 = performance.now();
  onProgress("check", 0, read.rows.length);
  const own = findResultColumns(region.headers);
  // How text dates are read: the analyst's order, else the column's, surveyed once here (sheet row
  // numbers for the examples: data row 0 is the row under the header).
  const dateOrder: CheckOutcome["dateOrder"] =
    order !== undefined
      ? { kind: "given", order }
      : mapping.invoiceDate === undefined
        ? { kind: "not-needed" }
        : surveyDateColumn(read.rows, mapping.invoiceDate, region.rowIndex + 2);
  const columnOrder =
    dateOrder.kind === "given" || dateOrder.kind === "decided" ? dateOrder.order : undefined;
  const checked = checkDataRows(
    book,
    read.rows,
    (cells) => cells.map((row) => cellsToPurchase(row, mapping, dateSystem.system, columnOrder)),
    // The mapped columns: a blank date or currency cell is then a row warning, a missing column an
    // assumption the summary states. `rows`: the analyst's word for budgets without a figures date.
    { asOf, columns: mappedFields(mapping), rows },
    new Set(own ? [own.status, own.details] : []),
  );
  const cells = resultCells(checked.result, checked.rowOf, read.rows.length);
  const keyOf = rowKeys(read.rows, keyColumns(mapping));
  onProgress("check", read.rows.length, read.rows.length);
  const t2 = performance.now();
  let write: CheckOutcome["write"] = { written: true };
  let io = combine(read.stats, null);
  if (region.sheetProtected) write = { written: false, why: "protected" };
  else {
    try {
      const written = await writeResultColumns(guard, cells, (d, t) => onProgress("write", d, t));
      io = combine(read.stats, written.stats);
    } catch (e) {
      if (!(e instanceof FirstWriteFailedError)) throw e;
      const why = await whyNotWritable(region).catch(() => null);
      if (!why) throw e;
      write = { written: false, why };
    }
  }
  const t3 = performance.now();
  // The region now has the result columns: a re-run and row selection use it as it is.
  const headers = write.written ? headersWithResults(region.headers) : region.headers;
  const after = {
    ...region,
    headers,
    columnCount: region.columnCount + headers.length - region.headers.length,
  };
  return {
    ...checked,
    region: after,
    timings: { readMs: t1 - t0, engineMs: t2 - t1, writeMs: t3 - t2 },
    io,
    write,
    keyOf,
    dateOrder,
  };
}

/** Each data row's key cells as read, kept flat (two cells a row) rather than as the whole rows. */
function rowKeys(rows: readonly (readonly CellValue[])[], columns: number[]): (row: number) => RowKey {
  const k = columns.length;
  const flat = new Array<CellValue>(rows.length * k);
  for (let r = 0; r < rows.length; r++)
    for (let j = 0; j < k; j++) flat[r * k + j] = rows[r]![columns[j]!] ?? "";
  return (row) => ({ columns, cells: flat.slice(row * k, row * k + k) });
}

function combine(a: IoStats, b: IoStats | null): CheckOutcome["io"] {
  return {
    syncs: a.syncs + (b?.syncs ?? 0),
    largestRequestBytes: Math.max(a.largestRequestBytes, b?.largestRequestBytes ?? 0),
  };
}
