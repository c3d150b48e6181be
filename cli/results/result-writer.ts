import { delimiterName, lineEndingName } from "../../shared/csv/dialect";
import { encodingName } from "../../shared/csv/text-encoding";
import type { DayMonthOrder } from "../../shared/dates/date-text";
import type { BatchSummary, Finding, RowStatus } from "../../shared/engine/types";
import { quoteText } from "../../shared/text/quote";
import type { OrderSource } from "../register/date-order";
import type { RegisterFormat, RegisterRow } from "../register/register";

/** A register row after the check. */
export type CheckedRow = {
  /** The data row, counting from 1 below the header (blank rows count; lines with nothing on them do not). */
  row: number;
  /** Where it is in the file: its line (CSV) or sheet row (.xlsx), as the user finds it. */
  line: number;
  /** The reference (PO or invoice number) column's value, when the register has one and the row fills it. */
  ref: string | undefined;
  status: RowStatus;
  findings: readonly Finding[];
};

/** How the register was read, for the end of the output. */
export type ReadOutcome = {
  summary: BatchSummary;
  blankRows: number;
  dateOrder: DayMonthOrder | undefined;
  dateSource: OrderSource;
};

/** One way of writing results (text report, JSON, JSON Lines, CSV): rows as they are checked, then the end. */
export interface ResultWriter {
  /** Before the first row. */
  start(): void;
  /** A row with nothing in it: a gap in the register, not checked. */
  gap(r: RegisterRow): void;
  /** A line of a CSV file with nothing on it at all (not a row). */
  emptyLine(r: RegisterRow): void;
  checked(r: RegisterRow, c: CheckedRow): void;
  end(outcome: ReadOutcome): void;
}

/** The format in words: `CSV, semicolon-separated, UTF-8 with BOM, CRLF line endings`. */
export function formatWords(format: RegisterFormat): string {
  if (format.kind === "csv") {
    return `CSV, ${delimiterName(format.dialect.delimiter)}-separated, ${encodingName(format.encoding)}, ${lineEndingName(format.dialect.lineEnding)} line endings`;
  }
  const others =
    format.sheets.length > 1 ? ` (one of ${format.sheets.length} sheets: --sheet NAME reads another)` : "";
  return `.xlsx workbook, sheet ${quoteText(format.sheet)}${others}, ${format.dateSystem} date system`;
}

/** How day-month dates (03/04/2026) were read, in words; undefined when the register had none. */
export function dateWords(
  order: DayMonthOrder | undefined,
  source: OrderSource,
  where: "line" | "row",
): string | undefined {
  if (source.kind === "not-needed" || order === undefined) return undefined;
  const first = order === "dmy" ? "day first" : "month first";
  if (source.kind === "given") return `Day-month dates are read ${first}, as --date-format says.`;
  const parts = source.by.text.split(/[-/]/);
  const month = order === "dmy" ? parts[0] : parts[1];
  const other = order === "dmy" ? "mdy would read them month first" : "dmy would read them day first";
  return `Day-month dates are read ${first}: ${quoteText(source.by.text)} on ${where} ${source.by.line} has no month ${Number(month)} (--date-format ${other}).`;
}

/** The read facts as JSON, for the JSON summary. */
export function readAsJson(format: RegisterFormat, order: DayMonthOrder | undefined, source: OrderSource) {
  const dates = {
    dateOrder: order ?? null,
    dateOrderFrom:
      source.kind === "decided"
        ? { line: source.by.line, value: source.by.text }
        : source.kind === "given"
          ? "--date-format"
          : null,
  };
  if (format.kind === "csv") {
    return {
      format: "csv",
      delimiter: format.dialect.delimiter,
      encoding: format.encoding.encoding,
      bom: format.encoding.bom,
      lineEnding: format.dialect.lineEnding,
      ...dates,
    };
  }
  return { format: "xlsx", sheet: format.sheet, dateSystem: format.dateSystem, ...dates };
}
