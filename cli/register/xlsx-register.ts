// .xlsx files are read with ExcelJS (exceljs on npm): its streaming reader gives a sheet's rows as
// the file is unzipped, so memory holds the workbook's shared strings and the current rows, never
// the whole sheet; it also writes .xlsx, which the tests use to make real workbooks. The npm copy of
// SheetJS (xlsx 0.18.5) has had no release for years and reads whole workbooks into memory;
// read-excel-file is maintained but reads a whole sheet at once. ExcelJS releases are slow (4.4.0
// is the stable line), but it is the most used streaming reader and has no native code.
import type { Row } from "exceljs";
import type { CellValue } from "../../shared/sheet/cell-values";
import { quoteText } from "../../shared/text/quote";
import { RegisterError, type OpenOptions, type Register, type RegisterRow } from "./register";

/** Rows handed on at a time. */
const BATCH_ROWS = 1000;

type SheetInfo = { name: string; id: number; state?: string };
type Reader = AsyncIterable<SheetReader> & {
  model?: { sheets?: SheetInfo[]; properties?: { date1904?: boolean } };
};
type SheetReader = AsyncIterable<Row> & { name?: string; id?: number };

/**
 * Opens a sheet of an .xlsx workbook: `--sheet NAME`, or else the first visible sheet in the
 * workbook's tab order. The header is the sheet's first row with something in it. Cells are read as
 * the workbook stores them: numbers (dates are serials of the workbook's date system), text,
 * booleans; a formula gives its last calculated value.
 */
export async function openXlsxRegister(path: string, options: OpenOptions): Promise<Register> {
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  }) as unknown as Reader;
  const sheets = reader[Symbol.asyncIterator]();
  let chosen: { sheet: SheetReader; name: string; names: string[] } | undefined;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const list = reader.model?.sheets ?? [];
      const wanted = options.sheet ?? list.find((s) => s.state === undefined || s.state === "visible")?.name;
      const name = next.value.name ?? "";
      if (wanted === undefined || name === wanted) {
        chosen = { sheet: next.value, name, names: list.map((s) => s.name) };
        break;
      }
    }
  } catch (e) {
    throw new RegisterError(
      `the file cannot be read as an .xlsx workbook: it may be damaged or cut short (${e instanceof Error ? e.message : String(e)}); open it in Excel and save it again`,
    );
  }
  if (!chosen) {
    await sheets.return?.();
    const names = (reader.model?.sheets ?? []).map((s) => quoteText(s.name)).join(", ");
    throw new RegisterError(
      options.sheet === undefined
        ? "the workbook has no sheet to read"
        : `the workbook has no sheet called ${quoteText(options.sheet)}; its sheets are ${names || "none"}`,
    );
  }
  const dateSystem = reader.model?.properties?.date1904 ? "1904" : "1900";
  const rowsOfSheet = chosen.sheet[Symbol.asyncIterator]();
  let header: RegisterRow | undefined;
  try {
    for (;;) {
      const next = await rowsOfSheet.next();
      if (next.done) break;
      const row = toRegisterRow(next.value);
      if (row.cells.some((c) => c !== "" && !(typeof c === "string" && c.trim() === ""))) {
        header = row;
        break;
      }
    }
  } catch (e) {
    throw new RegisterError(
      `the sheet ${quoteText(chosen.name)} cannot be read (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!header) {
    await sheets.return?.();
    throw new RegisterError(`the sheet ${quoteText(chosen.name)} is empty: expected a header row and rows`);
  }
  const sheetName = chosen.name;
  async function* rows(): AsyncGenerator<RegisterRow[]> {
    try {
      let batch: RegisterRow[] = [];
      for (;;) {
        const next = await rowsOfSheet.next();
        if (next.done) break;
        batch.push(toRegisterRow(next.value));
        if (batch.length === BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } catch (e) {
      if (e instanceof RegisterError) throw e;
      throw new RegisterError(
        `the sheet ${quoteText(sheetName)} cannot be read (${e instanceof Error ? e.message : String(e)})`,
      );
    } finally {
      await rowsOfSheet.return?.();
      await sheets.return?.();
    }
  }
  return {
    format: { kind: "xlsx", sheet: chosen.name, sheets: chosen.names, dateSystem },
    header: header.cells.map((c) => cellText(c).trim()),
    headerRow: header,
    preamble: [],
    rows: rows(),
    close: () => void sheets.return?.(),
    where: "row",
  };
}

function toRegisterRow(row: Row): RegisterRow {
  const values = row.values as unknown[];
  const cells: CellValue[] = new Array<CellValue>(Math.max(0, values.length - 1));
  for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c]);
  return { line: row.number, cells, raw: "", ended: true };
}

/** An ExcelJS cell value as a plain cell: formulas by their result, rich text and links by their text, errors as Excel shows them. */
function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("result" in o) return cellValue(o.result);
    if ("formula" in o || "sharedFormula" in o) return "";
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if (typeof o.text === "string") return o.text;
    if (typeof o.error === "string") return o.error;
  }
  return String(v);
}

/** A cell as text (header cells, and cells written to CSV). */
export function cellText(c: CellValue): string {
  return typeof c === "string" ? c : typeof c === "boolean" ? (c ? "TRUE" : "FALSE") : String(c);
}
