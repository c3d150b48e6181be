import type { BatchResult, Finding, RowStatus } from "../engine/types";

/** Headers of the two columns Headroom adds next to the data; found again by these texts on the next run. */
export const RESULT_HEADERS = ["Headroom status", "Headroom details"] as const;

/** Fill and font colour of a status cell, by severity (Office's own red/amber/blue/green tints, readable in light and dark). */
export const STATUS_COLOURS: Readonly<Record<RowStatus, { fill: string; font: string }>> = {
  block: { fill: "#FFC7CE", font: "#9C0006" },
  warn: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
  ok: { fill: "#C6EFCE", font: "#006100" },
};

/** The details cell of one row: each finding as "code: message", separated by " | " (as `headroom check --csv`). */
export function detailsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return "";
  return findings.map((f) => `${f.code}: ${f.message}`).join(" | ");
}

/**
 * The two result columns for every data row of a sheet: status (the row's worst severity word) and
 * details. `rowOf[i]` is the data row of the batch's row i (every row, by default); a row the batch
 * did not check (a blank one) gets two empty cells, which also clears what an earlier check wrote.
 * Plain text: the writer makes it safe for cells (`safeCellText`).
 */
export function resultCells(
  result: BatchResult,
  rowOf?: readonly number[],
  dataRows: number = result.rows,
): string[][] {
  const out = new Array<string[]>(dataRows);
  if (rowOf) for (let r = 0; r < dataRows; r++) out[r] = ["", ""];
  for (let i = 0; i < result.rows; i++) {
    out[rowOf ? rowOf[i]! : i] = [result.statusOf(i), detailsText(result.findingsOf(i))];
  }
  return out;
}

/**
 * Where a header row already has Headroom's columns: their indexes, when both are there side by side
 * (a re-run writes into them); null when they are not (the first run adds them after the data).
 * Headers are compared without case or surrounding spaces.
 */
export function findResultColumns(headers: readonly string[]): { status: number; details: number } | null {
  const norm = headers.map((h) => h.trim().toLowerCase());
  const status = RESULT_HEADERS[0].toLowerCase();
  const details = RESULT_HEADERS[1].toLowerCase();
  for (let i = 0; i < norm.length - 1; i++) {
    if (norm[i] === status && norm[i + 1] === details) return { status: i, details: i + 1 };
  }
  return null;
}

/**
 * The headers after the result columns are written: unchanged when the pair was there, else with
 * the pair appended (where `writeResults` adds it).
 */
export function headersWithResults(headers: readonly string[]): string[] {
  return findResultColumns(headers) ? [...headers] : [...headers, ...RESULT_HEADERS];
}
