import {
  ambiguousOrderMessage,
  DateColumnSurvey,
  type DateExample,
  type DayMonthOrder,
} from "../../shared/dates/date-text";
import { RegisterError, type RegisterRow } from "./register";

/** Where the order of a column's day-month dates came from, for what the user is told. */
export type OrderSource = { kind: "given" } | { kind: "decided"; by: DateExample } | { kind: "not-needed" };

/**
 * The day/month order of a register's date column, decided while the file streams. A streamed file
 * cannot be looked at whole first, and need not be: most columns are ISO, or their first day-month
 * date has a day over 12 and decides at once. Only when a date reads either way (03/04/2026) before
 * any has decided does the rule read ahead, in a second pass over the file from that row, until a
 * date decides; if none does, the check stops and the user is asked (`--date-format`).
 */
export class DateOrderRule {
  private readonly survey = new DateColumnSurvey();
  private source: OrderSource;
  order: DayMonthOrder | undefined;

  constructor(
    private readonly column: number | undefined,
    given: DayMonthOrder | undefined,
    private readonly header: string,
    private readonly where: "line" | "row",
  ) {
    this.order = given;
    this.source = given ? { kind: "given" } : { kind: "not-needed" };
  }

  /**
   * Looks at a row's date; true when the rule needs `readAhead` before the row can be read (its date
   * reads either way and no earlier one decided).
   */
  needsReadAhead(row: RegisterRow): boolean {
    if (this.order !== undefined || this.column === undefined) return false;
    const value = row.cells[this.column];
    if (typeof value !== "string" || value === "") return false;
    const hint = this.survey.add(value, row.line);
    if (hint === "none") return false;
    if (this.survey.done) return !this.decide();
    return true; // reads either way
  }

  /** Reads rows after the current one (a second pass) until a date decides; throws when none does. */
  async readAhead(after: number, rows: AsyncIterable<RegisterRow[]>): Promise<void> {
    const column = this.column!;
    outer: for await (const batch of rows) {
      for (const row of batch) {
        if (row.line <= after) continue;
        const value = row.cells[column];
        if (typeof value === "string" && value !== "") this.survey.add(value, row.line);
        if (this.survey.done) break outer; // leaving the loop closes the second reader
      }
    }
    if (!this.decide()) {
      const found = this.survey.result();
      const examples = found.kind === "ambiguous" ? found.examples : [];
      throw new RegisterError(ambiguousOrderMessage(this.header, examples, this.where));
    }
  }

  /** Where the order came from (after the whole register is read). */
  get decidedFrom(): OrderSource {
    return this.source;
  }

  private decide(): boolean {
    const found = this.survey.result();
    if (found.kind !== "decided") return false;
    this.order = found.order;
    this.source = { kind: "decided", by: found.by };
    return true;
  }
}
