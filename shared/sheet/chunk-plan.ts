/** Excel on the web refuses a request or response above 5 MB (payload, as serialised JSON). */
export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** Share of the limit a chunk may fill: room for the envelope, escaping and cells longer than measured. */
export const PAYLOAD_MARGIN = 0.5;

/** Bytes per cell assumed before anything was measured: a typical register cell plus JSON quoting. */
export const DEFAULT_BYTES_PER_CELL = 24;

/** Most rows per request even for narrow, small cells, so progress moves and one slow request stays short. */
export const MAX_ROWS_PER_CHUNK = 20_000;

/**
 * Rows of the first request, before any cell was measured: few enough that even long free-text
 * columns (notes of a few thousand characters) stay under the limit; the measured size sizes the rest.
 */
export const FIRST_CHUNK_ROWS = 500;

/**
 * Rows per request for a range `columns` wide whose cells take about `bytesPerCell` bytes each as
 * JSON: the most that keeps the payload under the limit times the margin, at least 1, at most
 * {@link MAX_ROWS_PER_CHUNK}.
 */
export function rowsPerChunk(
  columns: number,
  bytesPerCell = DEFAULT_BYTES_PER_CELL,
  limit = EXCEL_WEB_PAYLOAD_LIMIT * PAYLOAD_MARGIN,
): number {
  if (!(columns >= 1) || !(bytesPerCell > 0)) throw new RangeError("rowsPerChunk: columns ≥ 1 and bytes > 0");
  const rows = Math.floor(limit / (columns * bytesPerCell));
  return Math.max(1, Math.min(MAX_ROWS_PER_CHUNK, rows));
}

/** Chunks of `total` rows as [start, count] pairs of at most `size` rows each, in order. */
export function chunkRanges(total: number, size: number): [start: number, count: number][] {
  if (!(size >= 1)) throw new RangeError("chunkRanges: size ≥ 1");
  const out: [number, number][] = [];
  for (let start = 0; start < total; start += size) out.push([start, Math.min(size, total - start)]);
  return out;
}

/**
 * Bytes a block of cells takes as JSON, as Office serialises it: measured on the values actually
 * read, so the next chunks are sized for this sheet's real cells (long descriptions, notes).
 * UTF-8 length: non-ASCII text counts for what it weighs on the wire.
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Rows grouped into consecutive chunks whose summed bytes stay under `limit` (a row bigger than the
 * limit on its own gets a chunk to itself), for writes whose rows differ in size: a details cell
 * can be a few bytes or thousands. Returns [start, count] pairs.
 */
export function chunksByBytes(
  rowBytes: ArrayLike<number>,
  limit = EXCEL_WEB_PAYLOAD_LIMIT * PAYLOAD_MARGIN,
  maxRows = MAX_ROWS_PER_CHUNK,
): [start: number, count: number][] {
  const out: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rowBytes.length; i++) {
    const b = rowBytes[i]!;
    if (i > start && (bytes + b > limit || i - start >= maxRows)) {
      out.push([start, i - start]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (rowBytes.length > start) out.push([start, rowBytes.length - start]);
  return out;
}
