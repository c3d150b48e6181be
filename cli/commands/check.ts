import { resolve } from "node:path";
import { parseDelimiter } from "../../shared/csv/dialect";
import { ownCopy } from "../../shared/csv/csv-reader";
import { isBlankLine } from "../../shared/csv/parse-csv";
import { byteOrderMark } from "../../shared/csv/text-encoding";
import { parseDayMonthOrder } from "../../shared/dates/date-text";
import { formatIsoDate } from "../../shared/dates/plain-date";
import { mappedFields, mapColumns, missingColumns } from "../../shared/engine/columns";
import { batchChecker } from "../../shared/engine/stream";
import type { CheckOptions } from "../../shared/engine/types";
import { formatIssue } from "../../shared/rules/issues";
import { loadRuleBook } from "../../shared/rules/load";
import type { RuleBook } from "../../shared/rules/rule-book";
import { cellsToPurchase, isBlankRow } from "../../shared/sheet/cell-values";
import { clipText, quoteText } from "../../shared/text/quote";
import { dateOption, parseCommandArgs, TODAY_NOTE } from "../args";
import { describeFsError, nodeRuleSource } from "../node-source";
import { DateOrderRule } from "../register/date-order";
import { openRegister } from "../register/open-register";
import { RegisterError, type OpenOptions, type Register } from "../register/register";
import { spoolStdin } from "../register/stdin-spool";
import { CsvResults } from "../results/csv-results";
import { JsonLinesResults, JsonResults } from "../results/json-results";
import { OutputBuffer } from "../results/output-buffer";
import type { ResultWriter } from "../results/result-writer";
import { TextReport } from "../results/text-report";
import { EXIT, UsageError, type Command, type CommandIo, type CommandResult } from "../usage";

/** Flagged rows the text report lists unless told otherwise. */
const DEFAULT_LIMIT = 20;

const help = `Usage: headroom check <register> --rules <file-or-dir> [--json | --jsonl | --csv] [options]

Checks every row of a purchase register or PO log against the rule book: budget headroom of the
cost center (cumulative over the rows, in order), supplier status, payment terms and approvals.
The register is read as it streams: any number of rows, in little memory.

The register: CSV or tab-separated text (comma, semicolon or tab, found from the header line;
UTF-8 with or without BOM, or UTF-16 with BOM as Excel's "Unicode Text"), or an .xlsx workbook.
"-" reads it from standard input (copied to a temporary file first).
Columns are found by their headers: Supplier/Vendor/Payee, Vendor ID, Amount/Total/Net amount,
Currency, Cost center/Department, Category, Terms/Payment terms, Invoice date, Row/PO number.
Dates may be 2026-11-21, 21.11.2026, 21/11/2026, 11/21/2026, 21-Nov-2026 or Excel serials; whether
03/04/2026 is day or month first is decided for the whole column from its dates (a day over 12).

Options:
  --rules          the rule book (file or directory), required
  --as-of          the day to check for (default: today, UTC); used for rows without an invoice date
  --json           print {"rows": [{"row", "line", "ref", "status", "findings": [{"code", "severity",
                   "message"}]}], "summary": {...}}, written as the rows are checked
  --jsonl          print one row result per line, then one line {"summary": {...}}
  --csv            print the register as it came (encoding, delimiter, line endings, quoting) with two
                   columns added: Headroom status, Headroom details
  --keep-formulas  with --csv: leave cells starting with = + - @ as they are (by default they get a
                   single quote in front, so a spreadsheet shows them rather than runs them)
  --limit N        list the first N flagged rows in the report (default ${DEFAULT_LIMIT})
  --all            list every flagged row in the report
  --delimiter D    the CSV delimiter: , ; or tab (default: found from the header line)
  --sheet NAME     the sheet of an .xlsx workbook to read (default: the first)
  --date-format F  dmy or mdy: the order of day and month in dates such as 03/04/2026
  --rows R         new or counted: whether the rows are new purchases (the default: a PO log of new
                   orders) or already in the budgets' spent and committed (an AP register of posted
                   invoices: checked, but they use no headroom). Only for budgets whose figures carry
                   no date; where a budget has figuresAsOf, rows dated on or before it are counted

"row" counts data rows below the header; "line" is where the row is in the file (its line, or its
row number in the sheet), as an editor or Excel shows it; "ref" is the Row/PO number column's value.

Exit codes: 0 no row blocked, 1 some row blocked, 2 usage error or unreadable input (stdout then
holds only what was written before the problem was found).`;

export const checkCommand: Command = {
  name: "check",
  summary: "check a purchase register (CSV or .xlsx) against the rule book",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        rules: { type: "string" },
        json: { type: "boolean" },
        jsonl: { type: "boolean" },
        csv: { type: "boolean" },
        "keep-formulas": { type: "boolean" },
        limit: { type: "string" },
        all: { type: "boolean" },
        delimiter: { type: "string" },
        sheet: { type: "string" },
        "date-format": { type: "string" },
        "as-of": { type: "string" },
        rows: { type: "string" },
      },
      help,
    );
    if (positionals.length !== 1)
      throw new UsageError("check needs one register file (or - for standard input)", help);
    if (!values.rules) throw new UsageError("--rules <file-or-dir> is required", help);
    const modes = (["json", "jsonl", "csv"] as const).filter((m) => values[m]);
    if (modes.length > 1)
      throw new UsageError(`choose one of ${modes.map((m) => `--${m}`).join(" and ")}`, help);
    const mode = modes[0] ?? "text";
    if (values["keep-formulas"] && mode !== "csv")
      throw new UsageError("--keep-formulas goes with --csv", help);
    if ((values.limit !== undefined || values.all) && mode !== "text") {
      throw new UsageError(`--${values.all ? "all" : "limit"} is for the text report, not --${mode}`, help);
    }
    if (values.limit !== undefined && values.all)
      throw new UsageError("choose one of --limit and --all", help);
    let limit = DEFAULT_LIMIT;
    if (values.all) limit = Infinity;
    else if (values.limit !== undefined) {
      if (!/^\d{1,9}$/.test(values.limit))
        throw new UsageError(`--limit: ${values.limit} is not a whole number`, help);
      limit = Number(values.limit);
    }
    const delimiter = values.delimiter === undefined ? undefined : parseDelimiter(values.delimiter);
    if (delimiter && !delimiter.ok) throw new UsageError(`--delimiter: ${delimiter.error}`, help);
    const order = values["date-format"] === undefined ? undefined : parseDayMonthOrder(values["date-format"]);
    if (order && !order.ok) throw new UsageError(`--date-format: ${order.error}`, help);
    const asOf = dateOption(values["as-of"], "--as-of", io.now, help);
    const rowsAre = values.rows;
    if (rowsAre !== undefined && rowsAre !== "new" && rowsAre !== "counted") {
      throw new UsageError(`--rows: "${clipText(rowsAre)}" is not new or counted`, help);
    }

    const loaded = await loadRuleBook(values.rules, nodeRuleSource(io.cwd));
    if (!loaded.ok) {
      return {
        code: EXIT.usage,
        stderr: `${loaded.errors.map(formatIssue).join("\n")}\nthe rule book ${values.rules} cannot be used: fix it first\n`,
      };
    }
    const given = positionals[0]!;
    let path = resolve(io.cwd, given);
    let remove: (() => Promise<void>) | undefined;
    if (given === "-") {
      const spooled = await spoolStdin(io.stdin);
      path = spooled.path;
      remove = spooled.remove;
    }
    try {
      return await checkRegister(io, {
        file: given === "-" ? "standard input" : given,
        path,
        book: loaded.value,
        options: rowsAre === undefined ? { asOf } : { asOf, rows: rowsAre },
        asOfText: formatIsoDate(asOf) + (values["as-of"] === undefined ? ` (${TODAY_NOTE("--as-of")})` : ""),
        open: {
          delimiter: delimiter?.ok ? delimiter.value : undefined,
          sheet: values.sheet,
          raw: mode === "csv",
        },
        order: order?.ok ? order.value : undefined,
        mode,
        limit,
        keepFormulas: values["keep-formulas"] === true,
      });
    } finally {
      await remove?.();
    }
  },
};

type CheckJob = {
  /** The register as the user named it, for messages. */
  file: string;
  path: string;
  book: RuleBook;
  options: CheckOptions;
  asOfText: string;
  open: OpenOptions;
  order: "dmy" | "mdy" | undefined;
  mode: "text" | "json" | "jsonl" | "csv";
  limit: number;
  keepFormulas: boolean;
};

async function checkRegister(io: CommandIo, job: CheckJob): Promise<CommandResult> {
  const problem = (message: string): CommandResult => ({
    code: EXIT.usage,
    stderr: `${job.file}: ${message}\n`,
  });
  let register: Register;
  try {
    register = await openRegister(job.path, job.open);
  } catch (e) {
    if (e instanceof RegisterError) return problem(e.message);
    if (e instanceof Error && "code" in e) return problem(describeFsError(e));
    throw e;
  }
  const { header, format, where } = register;
  const mapping = mapColumns(header);
  const missing = missingColumns(mapping);
  if (missing.length > 0) {
    register.close();
    const sheet =
      format.kind === "xlsx"
        ? ` (sheet ${quoteText(format.sheet)}${format.sheets.length > 1 ? `; --sheet NAME reads another of ${format.sheets.map((n) => quoteText(n)).join(", ")}` : ""})`
        : "";
    return problem(
      `no ${missing.join(" or ")} column found; the headers are: ${header.map((h) => clipText(h)).join(", ")}${sheet}`,
    );
  }
  const dateColumn = mapping.invoiceDate;
  const dates = new DateOrderRule(dateColumn, job.order, header[dateColumn ?? 0] ?? "", where);
  // The mapped columns: a blank date or currency in one is a row warning, a missing one an assumption.
  const checker = batchChecker(job.book, { ...job.options, columns: mappedFields(mapping) });
  const out = new OutputBuffer(
    io.stdout,
    job.mode === "text" ? "text" : "data",
    job.mode === "csv" && format.kind === "csv" ? format.encoding.encoding : "utf-8",
  );
  const writer = resultWriter(job, register, out, mapping);
  if (job.mode === "csv") {
    if (format.kind === "xlsx") await out.bytes(byteOrderMark("utf-8"));
    else if (format.encoding.bom) await out.bytes(byteOrderMark(format.encoding.encoding));
  }
  writer.start();
  for (const r of register.preamble) writer.emptyLine(r);
  const dateSystem = format.kind === "xlsx" ? format.dateSystem : "1900";
  const csv = format.kind === "csv";
  // Text the engine may keep (cache keys, memoised messages): copied out of the file's text first.
  const kept = csv ? keptColumns(mapping) : [];
  const none = new Set<number>();
  let row = 0;
  let blankRows = 0;
  try {
    for await (const batch of register.rows) {
      for (const r of batch) {
        if (csv && isBlankLine(r.cells as string[])) {
          writer.emptyLine(r);
          continue;
        }
        // A sheet's rows are numbered by the sheet (an empty row is missing from the file, still a row).
        row = csv ? row + 1 : r.line - register.headerRow.line;
        if (isBlankRow(r.cells, none)) {
          blankRows++;
          writer.gap(r);
          continue;
        }
        if (dates.needsReadAhead(r)) {
          const second = await openRegister(job.path, { ...job.open, raw: false });
          await dates.readAhead(r.line, second.rows);
        }
        for (let k = 0; k < kept.length; k++) {
          const v = r.cells[kept[k]!];
          if (typeof v === "string") r.cells[kept[k]!] = ownCopy(v);
        }
        const purchase = cellsToPurchase(r.cells, mapping, dateSystem, dates.order);
        const result = checker.check(purchase);
        const ref = purchase.ref?.trim();
        writer.checked(r, {
          row,
          line: r.line,
          ref: ref || undefined,
          status: result.status,
          findings: result.findings,
        });
        if (out.full) await out.flush();
      }
    }
  } catch (e) {
    if (!(e instanceof RegisterError)) throw e;
    await out.flush();
    return problem(e.message);
  }
  const summary = checker.summary();
  writer.end({ summary, blankRows, dateOrder: dates.order, dateSource: dates.decidedFrom });
  await out.flush();
  return { code: summary.byStatus.block > 0 ? EXIT.problems : EXIT.ok };
}

function resultWriter(
  job: CheckJob,
  register: Register,
  out: OutputBuffer,
  mapping: ReturnType<typeof mapColumns>,
): ResultWriter {
  switch (job.mode) {
    case "json":
      return new JsonResults(out, register.format);
    case "jsonl":
      return new JsonLinesResults(out, register.format);
    case "csv":
      return new CsvResults(out, register.format, register.headerRow, {
        keepFormulas: job.keepFormulas,
        dateColumn: mapping.invoiceDate,
      });
    case "text":
      return new TextReport(out, {
        file: job.file,
        book: job.book,
        asOf: job.asOfText,
        format: register.format,
        header: register.header,
        mapping,
        where: register.where,
        limit: job.limit,
      });
  }
}

/** The columns whose text the engine looks up by text (and so may keep): supplier, vendor id, cost center, category, terms, currency. */
function keptColumns(mapping: ReturnType<typeof mapColumns>): number[] {
  const fields = ["supplier", "vendorId", "costCenter", "category", "terms", "currency"] as const;
  return fields.map((f) => mapping[f]).filter((c): c is number => c !== undefined);
}
