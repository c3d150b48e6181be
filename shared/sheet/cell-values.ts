import {
  DateColumnSurvey,
  dateTextToIso,
  type DateOrderFinding,
  type DayMonthOrder,
} from "../dates/date-text";
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
 * date system; a date written as text (`21.11.2026`, `11/21/2026`, `21-Nov-2026`, see
 * shared/dates/date-text.ts) is read with the column's day/month `order` and passed on as
 * YYYY-MM-DD; every other cell is taken as text. Empty cells are left out, as in `rowToPurchase`.
 * A date that cannot be read is passed on as written, so the engine reports the row.
 */
export function cellsToPurchase(
  cells: readonly CellValue[],
  mapping: ColumnMapping,
  dateSystem: ExcelDateSystem,
  order?: DayMonthOrder,
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
    } else if (typeof value === "string") {
      if (field === "invoiceDate") {
        const iso = dateTextToIso(value, { order, system: dateSystem });
        p.invoiceDate = iso.ok ? iso.value : value;
      } else p[field] = value;
    } else p[field] = value ? "TRUE" : "FALSE";
  }
  return p;
}

/**
 * Rows of cells as purchases (see {@link cellsToPurchase}). Without an `order`, the day/month order
 * of dates written as text is decided from the invoice-date column itself (see `surveyDateColumn`);
 * when the column leaves it open, such dates are passed on as written and the engine reports them.
 */
export function cellsToPurchases(
  rows: readonly (readonly CellValue[])[],
  mapping: ColumnMapping,
  dateSystem: ExcelDateSystem,
  order?: DayMonthOrder,
): PurchaseInput[] {
  let columnOrder = order;
  if (columnOrder === undefined && mapping.invoiceDate !== undefined) {
    const survey = surveyDateColumn(rows, mapping.invoiceDate);
    if (survey.kind === "decided") columnOrder = survey.order;
  }
  const out = new Array<PurchaseInput>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = cellsToPurchase(rows[i]!, mapping, dateSystem, columnOrder);
  return out;
}

/**
 * The day/month order of a date column's text dates, decided from its values (the first date with
 * a day over 12 decides; see `DateColumnSurvey`). `firstRow` is the sheet row of `rows[0]`, for
 * the examples a message shows. Dates stored as dates (numbers) say nothing about it.
 */
export function surveyDateColumn(
  rows: readonly (readonly CellValue[])[],
  column: number,
  firstRow = 1,
): DateOrderFinding {
  const survey = new DateColumnSurvey();
  for (let i = 0; i < rows.length && !survey.done; i++) {
    const value = rows[i]![column];
    if (typeof value === "string" && value !== "") survey.add(value, firstRow + i);
  }
  return survey.result();
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
