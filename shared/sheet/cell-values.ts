import { excelSerialToDate, type ExcelDateSystem } from "../dates/excel-serial";
import { formatIsoDate } from "../dates/plain-date";
import { PURCHASE_FIELDS, type PurchaseField } from "../engine/columns";
import type { PurchaseInput } from "../engine/types";

/** A cell as a spreadsheet hands it over: text, a number (dates are serial numbers), a boolean, or "" when empty. */
export type CellValue = string | number | boolean;

/** Column index per purchase field, as `mapColumns` makes it and the analyst corrects it. */
export type ColumnMapping = Partial<Record<PurchaseField, number>>;

/** Header cells as text: numbers and booleans as they read, surrounding spaces kept (normalizeHeader drops them). */
export function headerTexts(cells: readonly CellValue[]): string[] {
  return cells.map((c) => (typeof c === "string" ? c : String(c)));
}

/**
 * One sheet row as a purchase. Amounts that are numbers stay numbers (the engine reads them exactly,
 * see `amountFromNumber`); a number in the invoice-date column is a date serial of the workbook's
 * date system; every other cell is taken as text. Empty cells are left out, as in `rowToPurchase`.
 * A serial Excel cannot show as a date is passed on as text, so the engine reports the row.
 */
export function cellsToPurchase(
  cells: readonly CellValue[],
  mapping: ColumnMapping,
  dateSystem: ExcelDateSystem,
): PurchaseInput {
  const p: PurchaseInput = {};
  for (const field of PURCHASE_FIELDS) {
    const col = mapping[field];
    if (col === undefined) continue;
    const value = cells[col];
    if (value === undefined || value === "") continue;
    if (typeof value === "number") {
      if (field === "amount") p.amount = value;
      else if (field === "invoiceDate") p.invoiceDate = serialText(value, dateSystem);
      else p[field] = numberText(value);
    } else p[field] = typeof value === "string" ? value : value ? "TRUE" : "FALSE";
  }
  return p;
}

/** Rows of cells as purchases (see {@link cellsToPurchase}). */
export function cellsToPurchases(
  rows: readonly (readonly CellValue[])[],
  mapping: ColumnMapping,
  dateSystem: ExcelDateSystem,
): PurchaseInput[] {
  const out = new Array<PurchaseInput>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = cellsToPurchase(rows[i]!, mapping, dateSystem);
  return out;
}

function serialText(serial: number, system: ExcelDateSystem): string {
  const date = excelSerialToDate(serial, system);
  return date.ok ? formatIsoDate(date.value) : `serial ${serial}`;
}

/** Vendor ids and PO numbers typed as numbers ("10042"): written as Excel shows them, never "1e+21" surprises for ids. */
function numberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

/**
 * Whether a sheet row holds nothing, apart from the columns in `ignore` (Headroom's own result
 * columns): no cell with a number, a boolean or text other than spaces. Such a row is a gap in the
 * register, not a purchase; it gets no status.
 */
export function isBlankRow(cells: readonly CellValue[], ignore: ReadonlySet<number>): boolean {
  for (let c = 0; c < cells.length; c++) {
    if (ignore.has(c)) continue;
    const v = cells[c];
    if (typeof v !== "string" || v.trim() !== "") return false;
  }
  return true;
}
