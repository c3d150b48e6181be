// The CSV library is Papa Parse (papaparse on npm): maintained (5.7.1, November 2026), no
// dependencies, runs in Node and in browsers, and is the fastest of the maintained parsers we
// measured on a 1,000,000-row register (about 5 times csv-parse's speed on this machine). Its own
// Node streamer turns each Buffer chunk into text on its own (cutting a multi-byte character at a
// chunk edge) and pauses with timers, so the text is decoded here and fed to the library's parser
// (`Papa.Parser`, the class its streamers drive, typed in @types/papaparse) chunk by chunk, exactly
// as its streamers do: rows up to the last complete line, the rest kept for the next chunk.
import Papa from "papaparse";
import { err, ok, type Result } from "../result";
import { detectDialect, type CsvDialect } from "./dialect";

/** One record of CSV text. */
export type CsvRecord = {
  /** The line of the text where the record starts (the first line is 1). */
  line: number;
  cells: string[];
  /** The record exactly as written, without its line ending ("" unless raw text was asked for). */
  raw: string;
  /** Whether a line ending follows it (false only for a last line that has none). */
  ended: boolean;
};

/**
 * A record is at most this long (in characters). Only a quote that is never closed makes one longer
 * in practice; the limit keeps memory bounded whatever the file holds.
 */
export const MAX_RECORD_CHARS = 4_000_000;

/**
 * Reads CSV text given in pieces (as a file is read), giving each complete record as soon as its
 * line ending has been read. The dialect is the one given, or found from the header line (see
 * `detectDialect`). Memory holds one unfinished record, never the text read before it.
 */
export class CsvTextReader {
  private parser: Papa.Parser | undefined;
  private dialectFound: CsvDialect | undefined;
  private pending = "";
  /** Offset in the whole text of `pending`'s first character. */
  private base = 0;
  /** Offset in the whole text where the next record starts. */
  private next = 0;
  private line = 1;
  private chunk = "";
  private chunkBase = 0;
  private chunkQuoted = false;
  private out: ((r: CsvRecord) => void) | undefined;
  private failure: string | undefined;

  constructor(
    private readonly options: {
      /** The delimiter to use; found from the header line when absent. */
      delimiter?: CsvDialect["delimiter"];
      /** Keep each record's text as written (for output faithful to the input). */
      raw?: boolean;
    } = {},
  ) {}

  /** The dialect in use: known once the header line has been read. */
  get dialect(): CsvDialect | undefined {
    return this.dialectFound;
  }

  /** Reads more text, calling `onRecord` for each record it completes. */
  push(text: string, onRecord: (r: CsvRecord) => void): Result<void> {
    return this.run(this.pending + text, true, onRecord);
  }

  /** The text has ended: reads the last record, or says why it cannot (a quote never closed). */
  end(onRecord: (r: CsvRecord) => void): Result<void> {
    return this.run(this.pending, false, onRecord);
  }

  private run(text: string, more: boolean, onRecord: (r: CsvRecord) => void): Result<void> {
    if (this.failure) return err(this.failure);
    if (!this.parser) {
      const found = detectDialect(text, !more);
      if (!found) {
        this.pending = text;
        return this.tooLong(more);
      }
      this.dialectFound = {
        delimiter: this.options.delimiter ?? found.delimiter,
        lineEnding: found.lineEnding,
      };
      // Rows one by one (a step) only when their text is wanted: the cursor after each row gives it.
      this.parser = new Papa.Parser({
        delimiter: this.dialectFound.delimiter,
        newline: this.dialectFound.lineEnding,
        ...(this.options.raw ? { step: (results: Papa.ParseResult<string[]>) => this.step(results) } : {}),
      });
    }
    this.chunk = text;
    this.chunkBase = this.base;
    // Without a quote in the text, no record spans lines (the library splits on line endings then).
    this.chunkQuoted = text.indexOf('"') !== -1;
    this.out = onRecord;
    const results = this.parser.parse(text, this.base, more) as Papa.ParseResult<string[]>;
    this.out = undefined;
    if (this.failure) return err(this.failure);
    if (!this.options.raw) {
      const rows = results.data;
      // An unclosed quote is reported at the end of the text, for the last row.
      if (!more && results.errors.some((e) => e.code === "MissingQuotes")) rows.pop();
      for (let i = 0; i < rows.length; i++) this.emit(rows[i]!, "", true, onRecord);
      if (!more && results.errors.some((e) => e.code === "MissingQuotes")) return this.unclosed();
    }
    if (!more) {
      this.pending = "";
      return ok(undefined);
    }
    const cursor = results.meta.cursor;
    this.pending = text.substring(cursor - this.base);
    this.base = cursor;
    return this.tooLong(more);
  }

  private unclosed(): Result<void> {
    this.failure = `line ${this.line}: a quoted field is never closed (missing ")`;
    return err(this.failure);
  }

  private tooLong(more: boolean): Result<void> {
    if (more && this.pending.length > MAX_RECORD_CHARS) {
      this.failure = `line ${this.line}: a quoted field is never closed (missing "), or a record is over ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters long`;
      return err(this.failure);
    }
    return ok(undefined);
  }

  /** One row with its text (the `raw` option): the parser's cursor after the row says where it ends. */
  private step(results: Papa.ParseResult<string[]>): void {
    if (results.errors.length > 0 && results.errors.some((e) => e.code === "MissingQuotes")) {
      this.unclosed();
      return;
    }
    const end = results.meta.cursor;
    const ending = this.dialectFound!.lineEnding;
    let raw = this.chunk.substring(this.next - this.chunkBase, end - this.chunkBase);
    let ended = true;
    if (raw.endsWith(ending)) raw = raw.slice(0, raw.length - ending.length);
    else ended = false;
    this.next = end;
    this.emit(results.data[0]!, raw, ended, this.out!);
  }

  private emit(cells: string[], raw: string, ended: boolean, onRecord: (r: CsvRecord) => void): void {
    const line = this.line;
    this.line += 1 + (this.chunkQuoted ? lineBreaksIn(cells) : 0);
    onRecord({ line, cells, raw, ended });
  }
}

/**
 * A copy of a cell that holds no larger text. Cells are pieces of the text read, and V8 keeps a
 * piece of 13 characters or more pointing into that whole text: a cell kept for long (a cache key,
 * a message the engine memoises) would keep its whole chunk of the file in memory.
 */
export function ownCopy(cell: string): string {
  return cell.length < 13 ? cell : (" " + cell).slice(1);
}

/** Line breaks inside the cells (CRLF, LF or CR, each one break), as quoted fields may hold them. */
function lineBreaksIn(cells: readonly string[]): number {
  let n = 0;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    if (cell.indexOf("\n") === -1 && cell.indexOf("\r") === -1) continue;
    for (let i = 0; i < cell.length; i++) {
      const ch = cell.charCodeAt(i);
      if (ch === 10 || (ch === 13 && cell.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}
