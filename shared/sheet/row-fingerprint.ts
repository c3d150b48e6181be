import {
  EXCEL_WEB_PAYLOAD_LIMIT,
  MAX_ROWS_PER_CHUNK,
  PAYLOAD_MARGIN,
  chunksByBytes,
  jsonBytes,
} from "./chunk-plan";
import type { CellValue, ColumnMapping } from "./cell-values";

/**
 * The columns that tell whether the rows under a header are still the rows that were read: the
 * purchase's reference (PO or invoice number) when the mapping has one, else its supplier (name, or
 * vendor id), and always its amount. The reference (or supplier) moves with its row, so a sort or
 * an inserted or deleted row changes the column's sequence; the amount is what the budget checks
 * consume and what a co-author most often corrects. Both are short cells, so reading them again
 * costs a small fraction of the first read. Edits to other columns of a row (its cost center, say)
 * are not covered: such a row still gets its status on its own row, as of the read.
 * Indexes are columns of the region (0 = its first column), in ascending order, without repeats.
 */
export function keyColumns(mapping: ColumnMapping): number[] {
  const identity = mapping.ref ?? mapping.supplier ?? mapping.vendorId;
  const cols = [identity, mapping.amount].filter((c): c is number => c !== undefined);
  return [...new Set(cols)].sort((a, b) => a - b);
}

/** One stretch of data rows, the hash of its key cells, and about how many bytes reading them takes. */
export type FingerprintChunk = { start: number; count: number; hash: string; bytes: number };

/**
 * What the key columns of every data row held when they were read: a hash per chunk of rows, the
 * chunks sized so that reading those cells again stays under Excel on the web's 5 MB per request
 * (see {@link fingerprintRows}).
 */
export type RowFingerprint = { columns: number[]; rows: number; chunks: FingerprintChunk[] };

/**
 * The fingerprint of `rows` (cells of the region's data rows) over `columns`. `maxRows` caps the
 * rows per chunk: a narrow read of two columns may take many more rows per request than a full one.
 */
export function fingerprintRows(
  rows: readonly (readonly CellValue[])[],
  columns: readonly number[],
  { limit = EXCEL_WEB_PAYLOAD_LIMIT * PAYLOAD_MARGIN, maxRows = MAX_ROWS_PER_CHUNK } = {},
): RowFingerprint {
  const cols = [...columns];
  const rowBytes = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    let bytes = 0;
    // As a read returns them: one single-cell row per cell, `[value],`.
    for (const c of cols) bytes += cellBytes(rows[r]![c] ?? "") + 3;
    rowBytes[r] = bytes;
  }
  const chunks = chunksByBytes(rowBytes, limit, maxRows).map(([start, count]) => {
    const hasher = new CellHasher();
    for (let r = start; r < start + count; r++) for (const c of cols) hasher.add(rows[r]![c] ?? "");
    let bytes = 0;
    for (let r = start; r < start + count; r++) bytes += rowBytes[r]!;
    return { start, count, hash: hasher.digest(), bytes };
  });
  return { columns: cols, rows: rows.length, chunks };
}

/**
 * The hash of one chunk as read again: `columnValues[k]` is what a read of key column k over the
 * chunk's rows returned (one single-cell row per data row). Equal to the chunk's `hash` exactly
 * when every key cell holds what it held.
 */
export function hashColumns(
  columnValues: readonly (readonly (readonly CellValue[])[])[],
  count: number,
): string {
  const hasher = new CellHasher();
  for (let r = 0; r < count; r++) for (const values of columnValues) hasher.add(values[r]?.[0] ?? "");
  return hasher.digest();
}

/** A cell's JSON size: plain ASCII text measured by its length, anything else as `jsonBytes` does. */
function cellBytes(value: CellValue): number {
  if (typeof value !== "string") return String(value).length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return jsonBytes(value);
  }
  return value.length + 2;
}

/** Whether two rows of key cells are the same cells (same type and value). */
export function sameCells(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A 53-bit hash of a sequence of cells (two 32-bit multiply-xorshift lanes, as cyrb53). Each cell
 * is fed as its type, its length and its characters, so "100" and 100, or "ab","c" and "a","bc",
 * differ. Not cryptographic: it guards against accidents (a sort, an edit), not against an adversary.
 */
export class CellHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(value: CellValue): void {
    const text = typeof value === "string" ? value : String(value);
    this.feed(typeof value === "number" ? 1 : typeof value === "boolean" ? 2 : 3);
    this.feed(text.length);
    for (let i = 0; i < text.length; i++) this.feed(text.charCodeAt(i));
  }

  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }

  private feed(code: number): void {
    this.h1 = Math.imul(this.h1 ^ code, 2654435761);
    this.h2 = Math.imul(this.h2 ^ code, 1597334677);
  }
}
