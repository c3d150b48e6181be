import { readFile } from "node:fs/promises";
import { formatIsoDate } from "../../shared/dates/plain-date";
import { parseCsv, formatCsvRecord } from "../../shared/csv/parse-csv";
import { batchRows, budgetSummaryAsText } from "../../shared/engine/check";
import { mapColumns, missingColumns, rowToPurchase, type PurchaseField } from "../../shared/engine/columns";
import { formatAmount } from "../../shared/money/format";
import { checkDataRows, type RowsCheck } from "../../shared/sheet/check-rows";
import { RESULT_HEADERS, resultCells } from "../../shared/sheet/result-columns";
import { formatIssue } from "../../shared/rules/issues";
import { loadRuleBook } from "../../shared/rules/load";
import type { RuleBook } from "../../shared/rules/rule-book";
import { dateOption, parseCommandArgs, TODAY_NOTE } from "../args";
import { describeFsError, nodeRuleSource } from "../node-source";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom check <purchases.csv> --rules <file-or-dir> [--json | --csv] [--as-of YYYY-MM-DD]

Checks every row of a purchase register or PO log against the rule book: budget headroom of the
cost center (cumulative over the rows, in order), supplier status, payment terms and approvals.

Columns are found by their headers: Supplier/Vendor/Payee, Vendor ID, Amount/Total/Net amount,
Currency, Cost center/Department, Category, Terms/Payment terms, Invoice date, Row/PO number.
Comma or semicolon separated, quoted fields, UTF-8 with or without BOM.

Options:
  --rules   the rule book (file or directory), required
  --json    print {"rows": [{"row", "status", "findings": [{"code", "severity", "message"}]}], "summary": {...}}
  --csv     print the input with two columns added: Headroom status, Headroom details
  --as-of   the day to check for (default: today, UTC); used for rows without an invoice date

Exit codes: 0 no row blocked, 1 some row blocked, 2 usage error or unreadable input.`;

export const checkCommand: Command = {
  name: "check",
  summary: "check a purchases CSV against the rule book",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        rules: { type: "string" },
        json: { type: "boolean" },
        csv: { type: "boolean" },
        "as-of": { type: "string" },
      },
      help,
    );
    if (positionals.length !== 1) throw new UsageError("check needs one purchases CSV file", help);
    if (!values.rules) throw new UsageError("--rules <file-or-dir> is required", help);
    if (values.json && values.csv) throw new UsageError("choose one of --json and --csv", help);
    const asOf = dateOption(values["as-of"], "--as-of", io.now, help);

    const loaded = await loadRuleBook(values.rules, nodeRuleSource(io.cwd));
    if (!loaded.ok) {
      return {
        code: EXIT.usage,
        stderr: `${loaded.errors.map(formatIssue).join("\n")}\nthe rule book ${values.rules} cannot be used: fix it first\n`,
      };
    }
    const file = positionals[0]!;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      return { code: EXIT.usage, stderr: `${file}: ${describeFsError(e)}\n` };
    }
    const table = parseCsv(text);
    if (!table.ok) return { code: EXIT.usage, stderr: `${file}: ${table.error}\n` };
    const mapping = mapColumns(table.value.header);
    const missing = missingColumns(mapping);
    if (missing.length > 0) {
      return {
        code: EXIT.usage,
        stderr: `${file}: no ${missing.join(" or ")} column found; the headers are: ${table.value.header.join(", ")}\n`,
      };
    }

    // Lines with only delimiters (",,,,", as spreadsheets export empty rows) are gaps, not purchases.
    const checked = checkDataRows(
      loaded.value,
      table.value.rows.map((r) => r.cells),
      (rows) => rows.map((cells) => rowToPurchase(cells, mapping)),
      { asOf },
    );
    const code = checked.result.summary.byStatus.block > 0 ? EXIT.problems : EXIT.ok;
    if (values.json) return { code, stdout: JSON.stringify(asJson(checked)) + "\n", stdoutIsData: true };
    if (values.csv) {
      const { header, rows, delimiter } = table.value;
      const results = resultCells(checked.result, checked.rowOf, rows.length);
      const lines = [formatCsvRecord([...header, ...RESULT_HEADERS], delimiter)];
      rows.forEach((r, i) => lines.push(formatCsvRecord([...r.cells, ...results[i]!], delimiter)));
      return { code, stdout: lines.join("\n") + "\n", stdoutIsData: true };
    }
    return {
      code,
      stdout: report(
        checked,
        loaded.value,
        table.value.header,
        mapping,
        formatIsoDate(asOf) + (values["as-of"] === undefined ? ` (${TODAY_NOTE("--as-of")})` : ""),
      ),
    };
  },
};

/** The JSON output: `row` is the data row (from 1) of the file; blank rows have no entry. */
function asJson({ result, rowOf }: RowsCheck) {
  return {
    rows: batchRows(result).map(({ row, status, findings }) => ({
      row: rowOf[row - 1]! + 1,
      status,
      findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    })),
    summary: { ...result.summary, budgets: result.summary.budgets.map(budgetSummaryAsText) },
  };
}

function report(
  { result, purchases, rowOf, blankRows }: RowsCheck,
  book: RuleBook,
  header: string[],
  mapping: Partial<Record<PurchaseField, number>>,
  asOf: string,
): string {
  const s = result.summary;
  const out: string[] = [];
  out.push(
    `Checked ${s.rows} rows against ${book.meta.organisation}'s rule book, revision ${book.meta.revision}, as of ${asOf}.` +
      (blankRows > 0 ? ` ${blankRows} blank row${blankRows === 1 ? "" : "s"} left out.` : ""),
  );
  out.push(
    `Columns: ${Object.entries(mapping)
      .map(([field, col]) => `${header[col]} → ${field}`)
      .join(", ")}`,
  );
  out.push(
    `Rows: ${s.byStatus.block} blocked, ${s.byStatus.warn} warnings, ${s.byStatus.info} notes, ${s.byStatus.ok} ok.`,
  );
  out.push("");
  if (s.byStatus.ok < s.rows) {
    out.push("Flagged rows");
    for (let i = 0; i < result.rows; i++) {
      const status = result.statusOf(i);
      if (status === "ok") continue;
      const ref = purchases[i]?.ref;
      out.push(`  Row ${rowOf[i]! + 1}${ref ? ` (${ref})` : ""}: ${status}`);
      for (const f of result.findingsOf(i)) out.push(`    ${f.severity.padEnd(5)} ${f.code}: ${f.message}`);
    }
    out.push("");
  }
  if (s.budgets.length > 0) {
    out.push("Budgets after these rows");
    const rows = s.budgets.map((b) => [
      b.costCenter,
      b.period,
      formatAmount(b.budget, b.currency),
      formatAmount(b.spent, b.currency),
      formatAmount(b.committed, b.currency),
      formatAmount(b.consumed, b.currency),
      formatAmount(b.remaining, b.currency),
      b.currency,
      b.remaining < 0 ? `over (${b.action})` : "",
    ]);
    out.push(
      ...table(
        ["Cost center", "Period", "Budget", "Spent", "Committed", "These rows", "Remaining", "", ""],
        rows,
      ),
    );
    out.push("");
  }
  const codes = Object.entries(s.byCode);
  if (codes.length > 0) {
    out.push("Findings by code");
    out.push(
      ...table(
        ["Code", "Rows"],
        codes.map(([c, n]) => [c, String(n)]),
      ),
    );
  }
  return out.join("\n").trimEnd() + "\n";
}

/** A plain text table: text columns left-aligned, figures right-aligned. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d,.]+$/.test(r[i]!)));
  const fmt = (cells: string[]) =>
    "  " +
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}
