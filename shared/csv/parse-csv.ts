import { err, ok, type Result } from "../result";
import { CsvTextReader, type CsvRecord } from "./csv-reader";
import type { Delimiter } from "./dialect";

export type CsvTable = {
  /** The delimiter found in the header line. */
  delimiter: Delimiter;
  header: string[];
  /** Data rows, each with the 1-based line number where it starts (for messages). */
  rows: { line: number; cells: string[] }[];
};

/**
 * Parses a whole CSV text as registers export it (see `CsvTextReader`, which reads files as they
 * stream): comma, semicolon or tab (whichever the header line uses most), fields quoted with "…" and
 * "" for a quote inside, line breaks inside quotes, CRLF or LF, with or without a byte-order mark.
 * Blank lines are skipped. Fails only when a quote is never closed.
 */
export function parseCsv(text: string): Result<CsvTable> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const reader = new CsvTextReader();
  const records: CsvRecord[] = [];
  const keep = (r: CsvRecord) => {
    if (!isBlankLine(r.cells)) records.push(r);
  };
  const read = reader.push(src, keep);
  if (!read.ok) return read;
  const ended = reader.end(keep);
  if (!ended.ok) return ended;
  const [head, ...rows] = records;
  if (!head) return err("the file is empty: expected a header line and rows");
  return ok({
    delimiter: reader.dialect!.delimiter,
    header: head.cells.map((h) => h.trim()),
    rows: rows.map((r) => ({ line: r.line, cells: r.cells })),
  });
}

/** A line with nothing but spaces on it: not a record (unlike `,,,`, a row whose cells are empty). */
export function isBlankLine(cells: readonly string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === "";
}

/** Writes one CSV record, quoting only the fields that need it. */
export function formatCsvRecord(cells: readonly string[], delimiter: Delimiter): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (i > 0) out += delimiter;
    out += needsQuotes(c, delimiter) ? `"${c.replace(/"/g, '""')}"` : c;
  }
  return out;
}

function needsQuotes(cell: string, delimiter: Delimiter): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13 || c === delimiter.charCodeAt(0)) return true;
  }
  return false;
}
