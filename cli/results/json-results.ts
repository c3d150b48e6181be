import { budgetSummaryAsText } from "../../shared/engine/check";
import type { BatchSummary, Finding } from "../../shared/engine/types";
import type { RegisterFormat, RegisterRow } from "../register/register";
import type { OutputBuffer } from "./output-buffer";
import { readAsJson, type CheckedRow, type ReadOutcome, type ResultWriter } from "./result-writer";

/**
 * Findings as JSON text, kept per list: the engine shares one frozen list between the rows with the
 * same findings, so most rows reuse a string made once.
 */
class FindingsJson {
  private readonly made = new WeakMap<readonly Finding[], string>();

  of(findings: readonly Finding[]): string {
    let text = this.made.get(findings);
    if (text === undefined) {
      text = JSON.stringify(
        findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
      );
      if (Object.isFrozen(findings)) this.made.set(findings, text);
    }
    return text;
  }
}

function rowJson(c: CheckedRow, findings: FindingsJson): string {
  return `{"row":${c.row},"line":${c.line},"ref":${c.ref === undefined ? "null" : JSON.stringify(c.ref)},"status":"${c.status}","findings":${findings.of(c.findings)}}`;
}

function summaryJson(outcome: ReadOutcome, format: RegisterFormat): string {
  const s: BatchSummary = outcome.summary;
  return JSON.stringify({
    ...s,
    budgets: s.budgets.map(budgetSummaryAsText),
    blankRows: outcome.blankRows,
    read: readAsJson(format, outcome.dateOrder, outcome.dateSource),
  });
}

/**
 * `--json`: one JSON document, `{"rows": [...], "summary": {...}}`, written as the rows are checked
 * (rows first, so nothing is held until the end).
 */
export class JsonResults implements ResultWriter {
  private first = true;
  private readonly findings = new FindingsJson();

  constructor(
    private readonly out: OutputBuffer,
    private readonly format: RegisterFormat,
  ) {}

  start(): void {
    this.out.add('{"rows":[');
  }
  gap(): void {}
  emptyLine(): void {}

  checked(_r: RegisterRow, c: CheckedRow): void {
    this.out.add((this.first ? "\n" : ",\n") + rowJson(c, this.findings));
    this.first = false;
  }

  end(outcome: ReadOutcome): void {
    this.out.add(`\n],"summary":${summaryJson(outcome, this.format)}}\n`);
  }
}

/** `--jsonl`: one row result per line, then one line `{"summary": {...}}`. */
export class JsonLinesResults implements ResultWriter {
  private readonly findings = new FindingsJson();

  constructor(
    private readonly out: OutputBuffer,
    private readonly format: RegisterFormat,
  ) {}

  start(): void {}
  gap(): void {}
  emptyLine(): void {}

  checked(_r: RegisterRow, c: CheckedRow): void {
    this.out.add(rowJson(c, this.findings) + "\n");
  }

  end(outcome: ReadOutcome): void {
    this.out.add(`{"summary":${summaryJson(outcome, this.format)}}\n`);
  }
}
