import type { PurchaseField } from "../../shared/engine/columns";
import { summaryNotes } from "../../shared/engine/summary-words";
import { formatAmount } from "../../shared/money/format";
import type { RuleBook } from "../../shared/rules/rule-book";
import { clipText } from "../../shared/text/quote";
import type { RegisterFormat, RegisterRow } from "../register/register";
import type { OutputBuffer } from "./output-buffer";
import {
  dateWords,
  formatWords,
  type CheckedRow,
  type ReadOutcome,
  type ResultWriter,
} from "./result-writer";

const SECTIONS = [
  ["block", "Blocked rows"],
  ["warn", "Rows with warnings"],
  ["info", "Rows with notes"],
] as const;

/**
 * The report for people: what is checked and how the file was read, the summary, and the flagged
 * rows: the first `limit` of each severity (blocked, warnings, notes), or with `--all` every flagged
 * row in file order, written as it is found. Memory holds at most `limit` rows of each severity, so
 * the report's size is the listed rows' and the summary's, whatever the file's size.
 */
export class TextReport implements ResultWriter {
  private readonly kept: Record<"block" | "warn" | "info", string[]> = { block: [], warn: [], info: [] };
  private streamed = 0;

  constructor(
    private readonly out: OutputBuffer,
    private readonly context: {
      file: string;
      book: RuleBook;
      asOf: string;
      format: RegisterFormat;
      header: readonly string[];
      mapping: Partial<Record<PurchaseField, number>>;
      where: "line" | "row";
      /** How many flagged rows of each severity to list; Infinity lists every one, in file order. */
      limit: number;
    },
  ) {}

  start(): void {
    const { file, book, asOf, format, header, mapping } = this.context;
    this.out.add(
      `Checking ${file} against ${book.meta.organisation}'s rule book, revision ${book.meta.revision}, as of ${asOf}.\n`,
    );
    this.out.add(`Read as ${formatWords(format)}.\n`);
    this.out.add(
      `Columns: ${Object.entries(mapping)
        .map(([field, col]) => `${clipText(header[col] ?? "")} → ${field}`)
        .join(", ")}\n`,
    );
  }

  gap(): void {}
  emptyLine(): void {}

  checked(_r: RegisterRow, c: CheckedRow): void {
    if (c.status === "ok") return;
    const { limit } = this.context;
    if (Number.isFinite(limit)) {
      const kept = this.kept[c.status];
      if (kept.length < limit) kept.push(this.rowText(c));
      return;
    }
    if (this.streamed++ === 0) this.out.add("\nFlagged rows, in file order\n");
    this.out.add(this.rowText(c));
  }

  private rowText(c: CheckedRow): string {
    const where = this.context.where === "line" ? "Line" : "Row";
    let text = `  ${where} ${c.line}${c.ref ? ` (${clipText(c.ref)})` : ""}: ${c.status}\n`;
    for (const f of c.findings) text += `    ${f.severity.padEnd(5)} ${f.code}: ${f.message}\n`;
    return text;
  }

  end({ summary: s, blankRows, dateOrder, dateSource }: ReadOutcome): void {
    const out: string[] = [];
    out.push("");
    out.push(
      `Checked ${s.rows} rows: ${s.byStatus.block} blocked, ${s.byStatus.warn} warnings, ${s.byStatus.info} notes, ${s.byStatus.ok} ok.` +
        (blankRows > 0 ? ` ${blankRows} blank row${blankRows === 1 ? "" : "s"} left out.` : ""),
    );
    const dates = dateWords(dateOrder, dateSource, this.context.where);
    if (dates) out.push(dates);
    out.push(...summaryNotes(s, { rowsOption: "--rows" }));
    out.push("");
    for (const [status, title] of SECTIONS) {
      const kept = this.kept[status];
      if (kept.length === 0) continue;
      const count = s.byStatus[status];
      out.push(
        count > kept.length
          ? `${title}: the first ${kept.length} of ${count} (--limit N lists more, --all every flagged row)`
          : `${title}: ${count}`,
      );
      out.push(kept.join("").trimEnd());
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
    this.out.add(out.join("\n").trimEnd() + "\n");
  }
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
