import { mapColumns, PURCHASE_FIELDS, type PurchaseField } from "../../shared/engine/columns";
import { todayLocal } from "../../shared/dates/plain-date";
import { cellsToPurchases, type ColumnMapping } from "../../shared/sheet/cell-values";
import { checkDataRows, type RowsCheck } from "../../shared/sheet/check-rows";
import { findResultColumns, headersWithResults, resultCells } from "../../shared/sheet/result-columns";
import type { RuleBook } from "../../shared/rules/rule-book";
import type { DateSystemInfo } from "../excel/date-system";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";
import type { DataRegion } from "../excel/find-data";
import { PART_NAMESPACES } from "../excel/document-store";
import type { IoStats } from "../excel/io-stats";
import {
  loadFromWorkbook,
  locateData,
  readRegionRows,
  saveToWorkbook,
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
};

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
  const usable = usableHeaders(region);
  const mapping: ColumnMapping = mapColumns(usable);
  const remembered = await rememberedMapping(region);
  if (remembered) {
    for (const field of PURCHASE_FIELDS) {
      if (!(field in remembered)) continue;
      const header = remembered[field];
      const col = header === null || header === undefined ? -1 : usable.indexOf(header);
      if (col === -1) delete mapping[field];
      else mapping[field] = col;
    }
  }
  return { region, dateSystem, mapping };
}

/** The headers the mapping may use: Headroom's own result columns are blanked out. */
function usableHeaders(region: DataRegion): string[] {
  const own = findResultColumns(region.headers);
  return region.headers.map((h, i) => (own && (i === own.status || i === own.details) ? "" : h));
}

async function rememberedMapping(
  region: DataRegion,
): Promise<Partial<Record<PurchaseField, string | null>> | null> {
  try {
    const text = await loadFromWorkbook(PART_NAMESPACES.mapping);
    if (!text) return null;
    const all = JSON.parse(text) as Record<string, Partial<Record<PurchaseField, string | null>>>;
    return all[regionKey(region)] ?? null;
  } catch {
    // A damaged or foreign part: the synonyms still map the columns.
    return null;
  }
}

/**
 * Remembers the analyst's corrections in the workbook: only the fields whose column differs from what
 * the header synonyms find (by header text; a field the analyst cleared as null). A field the synonyms
 * map stays theirs, so a column added to the sheet later (Currency, Invoice date) is found then.
 */
export async function rememberMapping(region: DataRegion, mapping: ColumnMapping): Promise<void> {
  const text = await loadFromWorkbook(PART_NAMESPACES.mapping).catch(() => null);
  let all: Record<string, unknown>;
  try {
    all = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // A damaged part is replaced: the mapping being saved is the analyst's latest word.
    all = {};
  }
  const auto = mapColumns(usableHeaders(region));
  const entry: Record<string, string | null> = {};
  for (const field of PURCHASE_FIELDS) {
    const col = mapping[field];
    if (col === auto[field]) continue;
    entry[field] = col === undefined ? null : (region.headers[col] ?? null);
  }
  all[regionKey(region)] = entry;
  await saveToWorkbook(PART_NAMESPACES.mapping, JSON.stringify(all));
}

/** Reads every row, checks them in one batch, writes the two result columns. */
export async function runCheck(
  book: RuleBook,
  located: Located,
  onProgress: PhaseProgress,
  asOf = todayLocal(),
): Promise<CheckOutcome> {
  const { region, dateSystem, mapping } = located;
  const t0 = performance.now();
  const read = await readRegionRows(region, (d, t) => onProgress("read", d, t));
  const t1 = performance.now();
  onProgress("check", 0, read.rows.length);
  const own = findResultColumns(region.headers);
  const checked = checkDataRows(
    book,
    read.rows,
    (rows) => cellsToPurchases(rows, mapping, dateSystem.system),
    { asOf },
    new Set(own ? [own.status, own.details] : []),
  );
  const cells = resultCells(checked.result, checked.rowOf, read.rows.length);
  onProgress("check", read.rows.length, read.rows.length);
  const t2 = performance.now();
  const written = await writeResultColumns(region, cells, (d, t) => onProgress("write", d, t));
  const t3 = performance.now();
  const io = combine(read.stats, written.stats);
  // The region now has the result columns: a re-run and row selection use it as it is.
  const headers = headersWithResults(region.headers);
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
  };
}

function combine(a: IoStats, b: IoStats): CheckOutcome["io"] {
  return {
    syncs: a.syncs + b.syncs,
    largestRequestBytes: Math.max(a.largestRequestBytes, b.largestRequestBytes),
  };
}
