import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../shared/csv/parse-csv";
import { dateToExcelSerial } from "../../shared/dates/excel-serial";
import { parseIsoDate } from "../../shared/dates/plain-date";
import type { CellValue } from "../../shared/sheet/cell-values";
import { repoRoot } from "../helpers/cli";

/**
 * A purchase register as Excel holds it, made from examples/purchases.csv: amounts that read as
 * plain numbers become numbers, ISO dates become 1900-system serials, numeric vendor ids numbers,
 * the rest text ("$1,240.00", "EURO", credit notes stay as written). Rows repeat with fresh PO
 * numbers to reach `n`, and a Notes column carries text that would be a formula if written unescaped.
 */
export function registerRows(n: number): { header: string[]; rows: CellValue[][] } {
  const csv = parseCsv(readFileSync(join(repoRoot, "examples/purchases.csv"), "utf8"));
  if (!csv.ok) throw new Error(csv.error);
  const header = [...csv.value.header, "Notes"];
  const source = csv.value.rows.map((r) => r.cells);
  const notes = ["", '=HYPERLINK("http://x")', "+1 call back", "@risk", "-", "'quoted"];
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const cells = source[i % source.length]!;
    const row: CellValue[] = cells.map((c, col) => typed(c, csv.value.header[col]!));
    row[0] = `PO-${100000 + i}`;
    row.push(notes[i % notes.length]!);
    rows.push(row);
  }
  return { header, rows };
}

function typed(text: string, header: string): CellValue {
  if (header === "Invoice Date") {
    const d = parseIsoDate(text);
    return d.ok ? dateToExcelSerial(d.value, "1900") : text;
  }
  if ((header === "Amount" || header === "Vendor ID") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
