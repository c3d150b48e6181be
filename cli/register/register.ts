import type { CsvDialect } from "../../shared/csv/dialect";
import type { EncodingFound } from "../../shared/csv/text-encoding";
import type { ExcelDateSystem } from "../../shared/dates/excel-serial";
import type { CellValue } from "../../shared/sheet/cell-values";

/** One row of a register as read from its file. */
export type RegisterRow = {
  /** Where it is: the line of a CSV file where the row starts, or the row number of a sheet. */
  line: number;
  cells: CellValue[];
  /** A CSV row exactly as written, without its line ending (when asked for; "" otherwise). */
  raw: string;
  /** Whether a line ending follows the CSV row (false for a last line without one). */
  ended: boolean;
};

/** What a register file turned out to be, so the user is told and output can be written alike. */
export type RegisterFormat =
  | { kind: "csv"; encoding: EncodingFound; dialect: CsvDialect }
  | { kind: "xlsx"; sheet: string; sheets: readonly string[]; dateSystem: ExcelDateSystem };

/**
 * A register opened for reading: its header row, then its data rows in batches, streamed from the
 * file (nothing but the current batch is held). `rows` can be iterated once; leaving the loop early
 * closes the file.
 */
export type Register = {
  format: RegisterFormat;
  /** The header cells as text, without surrounding spaces (for mapping columns). */
  header: string[];
  /** The header row as read (its line, cells and, for CSV, its text as written). */
  headerRow: RegisterRow;
  /** CSV: lines with nothing on them before the header (kept by `--csv`). */
  preamble: RegisterRow[];
  rows: AsyncIterable<RegisterRow[]>;
  /** Closes the file without reading (more of) its rows. */
  close(): void;
  /** "line" for a CSV file, "row" for a sheet: how `line` is named in messages. */
  where: "line" | "row";
};

/** A register that cannot be read, with the message for the user (the file's name is added by the caller). */
export class RegisterError extends Error {}

/** How to open a register. */
export type OpenOptions = {
  /** CSV: the delimiter, instead of finding it from the header line. */
  delimiter?: CsvDialect["delimiter"];
  /** .xlsx: the sheet to read, instead of the first one. */
  sheet?: string;
  /** CSV: keep each row's text as written (for `--csv`). */
  raw?: boolean;
};
