import type { Delimiter, LineEnding } from "../../shared/csv/dialect";
import { formatCsvRecord } from "../../shared/csv/parse-csv";
import { formatIsoDate } from "../../shared/dates/plain-date";
import { excelSerialToDate, type ExcelDateSystem } from "../../shared/dates/excel-serial";
import type { Finding } from "../../shared/engine/types";
import type { CellValue } from "../../shared/sheet/cell-values";
import { RESULT_HEADERS, detailsText } from "../../shared/sheet/result-columns";
import { csvSafeCell, looksLikeFormula } from "../../shared/sheet/safe-cell-text";
import type { RegisterFormat, RegisterRow } from "../register/register";
import { cellText } from "../register/xlsx-register";
import type { OutputBuffer } from "./output-buffer";
import type { CheckedRow, ResultWriter } from "./result-writer";

/**
 * `--csv`: the register as it came, with Headroom's two columns added to each row. A CSV register is
 * written back as it was: same encoding and byte-order mark, delimiter, line endings and quoting, row
 * for row, so the only difference is the two columns. Cells copied from the input that a spreadsheet
 * would run as a formula get a single quote in front (see `csvSafeCell`), unless `keepFormulas`;
 * the two added columns always do. An .xlsx register is written as Excel saves "CSV UTF-8": BOM,
 * commas, CRLF, dates in the date column as YYYY-MM-DD.
 */
export class CsvResults implements ResultWriter {
  private readonly delimiter: Delimiter;
  private readonly ending: LineEnding;
  private readonly details = new WeakMap<readonly Finding[], string>();

  constructor(
    private readonly out: OutputBuffer,
    private readonly format: RegisterFormat,
    private readonly header: { cells: readonly CellValue[]; raw: string },
    private readonly options: { keepFormulas: boolean; dateColumn: number | undefined },
  ) {
    this.delimiter = format.kind === "csv" ? format.dialect.delimiter : ",";
    this.ending = format.kind === "csv" ? format.dialect.lineEnding : "\r\n";
  }

  start(): void {
    this.out.add(
      this.copied(this.header.cells, this.header.raw, -1) + this.added(RESULT_HEADERS) + this.ending,
    );
  }

  gap(r: RegisterRow): void {
    this.out.add(
      this.copied(r.cells, r.raw, r.line) + this.delimiter + this.delimiter + (r.ended ? this.ending : ""),
    );
  }

  emptyLine(r: RegisterRow): void {
    this.out.add(r.raw + (r.ended ? this.ending : ""));
  }

  checked(r: RegisterRow, c: CheckedRow): void {
    let details = this.details.get(c.findings);
    if (details === undefined) {
      details = detailsText(c.findings);
      if (Object.isFrozen(c.findings)) this.details.set(c.findings, details);
    }
    this.out.add(
      this.copied(r.cells, r.raw, r.line) + this.added([c.status, details]) + (r.ended ? this.ending : ""),
    );
  }

  end(): void {}

  /** A row's own cells: as written, unless a cell must be neutralised (or the file is a workbook). */
  private copied(cells: readonly CellValue[], raw: string, line: number): string {
    if (this.format.kind === "csv") {
      if (this.options.keepFormulas || !cells.some((c) => typeof c === "string" && looksLikeFormula(c)))
        return raw;
      return formatCsvRecord(
        cells.map((c) => csvSafeCell(c as string)),
        this.delimiter,
      );
    }
    const system = this.format.dateSystem;
    const texts = cells.map((c, i) =>
      line >= 0 && i === this.options.dateColumn && typeof c === "number"
        ? serialText(c, system)
        : cellText(c),
    );
    return formatCsvRecord(this.options.keepFormulas ? texts : texts.map(csvSafeCell), this.delimiter);
  }

  private added(cells: readonly string[]): string {
    return this.delimiter + formatCsvRecord(cells.map(csvSafeCell), this.delimiter);
  }
}

function serialText(serial: number, system: ExcelDateSystem): string {
  const date = excelSerialToDate(serial, system);
  return date.ok ? formatIsoDate(date.value) : String(serial);
}
