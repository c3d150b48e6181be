import { err, ok, type Result } from "../result";

export type CsvTable = {
  /** The delimiter found in the header line. */
  delimiter: "," | ";";
  header: string[];
  /** Data rows, each with the 1-based line number where it starts (for messages). */
  rows: { line: number; cells: string[] }[];
};

/**
 * Parses CSV as registers export it: comma or semicolon (whichever the header line uses more),
 * fields quoted with "…" and "" for a quote inside, line breaks inside quotes, CRLF or LF, UTF-8 with
 * or without a byte-order mark. Blank lines are skipped. Fails only when a quote is never closed.
 */
export function parseCsv(text: string): Result<CsvTable> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(src);
  const records: { line: number; cells: string[] }[] = [];
  const d = delimiter.charCodeAt(0);
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let atEnd = false;
    while (!atEnd) {
      if (src.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === 34) {
            if (src.charCodeAt(i + 1) === 34) {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === 10) line++;
          cell += src[i];
          i++;
        }
        if (!closed) return err(`line ${quoteLine}: a quoted field is never closed (missing ")`);
      }
      // Unquoted part (or text after a closing quote, kept as written).
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        cell += src[i];
        i++;
      }
      cells.push(cell);
      cell = "";
      const c = src.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (src.charCodeAt(i) === 10) i++;
      line++;
      atEnd = true;
    }
    if (!(cells.length === 1 && cells[0]!.trim() === "")) records.push({ line: startLine, cells });
  }
  const [head, ...rows] = records;
  if (!head) return err("the file is empty: expected a header line and rows");
  return ok({ delimiter, header: head.cells.map((h) => h.trim()), rows });
}

/** Writes one CSV record, quoting only the fields that need it. */
export function formatCsvRecord(cells: readonly string[], delimiter: "," | ";"): string {
  return cells
    .map((c) => (c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(delimiter);
}

function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}
