import { err, ok, type Result } from "../result";
import { quoteText } from "../text/quote";
import { excelSerialToDate, type ExcelDateSystem } from "./excel-serial";
import { daysInMonth, formatIsoDate, fromYmd, type PlainDate } from "./plain-date";

/**
 * Dates as registers and ERP or bank exports write them: ISO (`2026-11-21`, also with a time after
 * it), year first with slashes or dots (`2026/11/21`), day and month as numbers (`21.11.2026`,
 * `21/11/2026`, `11/21/2026`, `21-11-2026`), a month name (`21-Nov-2026`, `21 November 2026`,
 * `Nov 21, 2026`), and Excel date serials (`46347`, a date column saved as a plain number).
 * Years are always written with four digits: a two-digit year would need a century guessed.
 */

/** Which comes first in a numeric date such as 03/04/2026: the day (`dmy`) or the month (`mdy`). */
export type DayMonthOrder = "dmy" | "mdy";

/** The two orders, as `--date-format` takes them and messages name them. */
export const DAY_MONTH_ORDERS: readonly DayMonthOrder[] = ["dmy", "mdy"];

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_WORDS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** An optional time of day after a date: `T10:30`, ` 10:30:00`, ` 10:30:00.000`, ` 9:05 AM`. */
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);
const DAY_NAME = new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4})${TIME}$`);
const NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`);
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

/**
 * What a date cell's text says about the column's day/month order: nothing ("none": ISO, a month
 * name, a serial, blank or unreadable), only day first (21/11/2026), only month first (11/21/2026),
 * or either way (03/04/2026).
 */
export type OrderHint = "none" | "day-first" | "month-first" | "either";

/**
 * What `text` says about the order of day and month: only slashes and dashes count, since dates
 * with dots are written day first everywhere (`21.11.2026`).
 */
export function orderHint(text: string): OrderHint {
  const t = text.trim();
  // Most columns are ISO: the separator after one or two digits rules the rest out without a regex.
  const c1 = t.charCodeAt(1);
  const c2 = t.charCodeAt(2);
  if (c1 !== 47 && c1 !== 45 && c2 !== 47 && c2 !== 45) return "none";
  const m = DAY_MONTH.exec(t);
  if (!m || m[2] === ".") return "none";
  const a = Number(m[1]);
  const b = Number(m[3]);
  const year = Number(m[4]);
  if (a < 1 || b < 1) return "none";
  // Only a real date decides: 31/11/2026 is no day in either order, so it says nothing.
  if (a > 12) return b <= 12 && a <= daysInMonth(year, b) ? "day-first" : "none";
  if (b > 12) return b <= daysInMonth(year, a) ? "month-first" : "none";
  return "either";
}

/** How a date column is read: its day/month order (when known) and the date system of serials. */
export type DateReading = {
  /** Order for numeric day-month dates with slashes or dashes; undefined: not known (those dates are unreadable). */
  order: DayMonthOrder | undefined;
  /** Serials in the column count from this system's day zero (a CSV has no setting: "1900"). */
  system: ExcelDateSystem;
};

/**
 * A date cell's text as `YYYY-MM-DD`, read with the column's rule (see the forms above). Text that is
 * already `YYYY-MM-DD` is returned as it is (no new string), as most registers write dates so.
 */
export function dateTextToIso(text: string, reading: DateReading): Result<string> {
  const t = text.trim();
  if (t.length === 10 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45 && SIMPLE_ISO.test(t)) {
    return ok(t);
  }
  const date = readDateText(t, reading);
  return date.ok ? ok(formatIsoDate(date.value)) : date;
}
const SIMPLE_ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A date cell's text as a date, read with the column's rule; the message says what is wrong. */
export function readDateText(text: string, reading: DateReading): Result<PlainDate> {
  const t = text.trim();
  let m = YEAR_FIRST.exec(t);
  if (m) return checked(t, Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_MONTH.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const order = m[2] === "." ? (reading.order ?? "dmy") : reading.order;
    if (order === undefined) {
      if (a > 12 && b <= 12) return checked(t, Number(m[4]), b, a);
      if (b > 12 && a <= 12) return checked(t, Number(m[4]), a, b);
      return err(
        `${quoteText(t)} could be ${dayMonthWords(a, b, m[4]!)} or ${dayMonthWords(b, a, m[4]!)}: the column does not say which (--date-format dmy or mdy)`,
      );
    }
    return order === "dmy" ? checked(t, Number(m[4]), b, a) : checked(t, Number(m[4]), a, b);
  }
  m = DAY_NAME.exec(t);
  if (m) return named(t, Number(m[3]), m[2]!, Number(m[1]));
  m = NAME_DAY.exec(t);
  if (m) return named(t, Number(m[3]), m[1]!, Number(m[2]));
  if (SERIAL.test(t)) {
    const serial = excelSerialToDate(Number(t), reading.system);
    return serial.ok ? serial : err(`${quoteText(t)} is not a date: ${serial.error}`);
  }
  return err(
    `${quoteText(t)} is not a date: write it as 2026-11-21, 21.11.2026, 21/11/2026, 11/21/2026, 21-Nov-2026 or an Excel date serial`,
  );
}

function named(text: string, year: number, monthText: string, day: number): Result<PlainDate> {
  const lower = monthText.toLowerCase();
  let month = MONTHS.indexOf(lower) + 1;
  if (month === 0) month = MONTH_WORDS.indexOf(lower) + 1;
  if (month === 0 && lower === "sept") month = 9;
  if (month === 0) return err(`${quoteText(text)} is not a date: no month is called ${quoteText(monthText)}`);
  return checked(text, year, month, day);
}

function checked(text: string, year: number, month: number, day: number): Result<PlainDate> {
  if (month < 1 || month > 12)
    return err(`${quoteText(text)} is not a real date: there is no month ${month}`);
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    return err(
      `${quoteText(text)} is not a real date: ${capitalised(MONTH_WORDS[month - 1]!)} ${year} has ${length} days`,
    );
  }
  return ok(fromYmd(year, month, day));
}

function dayMonthWords(day: number, month: number, year: string): string {
  return `${day} ${capitalised(MONTH_WORDS[month - 1] ?? "")} ${year}`;
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** One value seen in a date column, for messages: the text and where it is (a file line or sheet row). */
export type DateExample = { text: string; line: number };

/** What a look at a date column found (see {@link DateColumnSurvey}). */
export type DateOrderFinding =
  /** No numeric day-month date with slashes or dashes: no order needed. */
  | { kind: "not-needed" }
  /** Decided by the first value that reads only one way. */
  | { kind: "decided"; order: DayMonthOrder; by: DateExample }
  /** Every such date reads either way: the user has to say (examples for the message). */
  | { kind: "ambiguous"; examples: DateExample[] };

/**
 * Decides the order of day and month for a whole column from its values: the first value with a
 * day over 12 (21/11/2026, or 11/21/2026) decides it; when every numeric day-month value reads
 * either way, the column is ambiguous and the user is asked. Feed it values in row order; `done`
 * turns true once the order is decided (a caller reading a file may stop there).
 */
export class DateColumnSurvey {
  private decided: { order: DayMonthOrder; by: DateExample } | undefined;
  private readonly examples: DateExample[] = [];

  /** Whether the order is decided: later values cannot change it. */
  get done(): boolean {
    return this.decided !== undefined;
  }

  /** Looks at one value; returns what it says about the order (after the order is decided: "none"). */
  add(text: string, line: number): OrderHint {
    if (this.decided) return "none";
    const hint = orderHint(text);
    if (hint === "either") {
      if (this.examples.length < 3) this.examples.push({ text: text.trim(), line });
    } else if (hint !== "none") {
      this.decided = { order: hint === "day-first" ? "dmy" : "mdy", by: { text: text.trim(), line } };
    }
    return hint;
  }

  result(): DateOrderFinding {
    if (this.decided) return { kind: "decided", ...this.decided };
    if (this.examples.length > 0) return { kind: "ambiguous", examples: [...this.examples] };
    return { kind: "not-needed" };
  }
}

/**
 * The message when a column's dates read either way: the examples, what each reading would mean,
 * and how to choose. `column` is the column's header.
 */
export function ambiguousOrderMessage(
  column: string,
  examples: readonly DateExample[],
  where: string,
): string {
  const shown = examples.map((e) => `${quoteText(e.text)} (${where} ${e.line})`).join(", ");
  const first = DAY_MONTH.exec(examples[0]!.text);
  const sample = first
    ? ` For ${quoteText(examples[0]!.text)}, --date-format dmy reads ${dayMonthWords(Number(first[1]), Number(first[3]), first[4]!)} and --date-format mdy reads ${dayMonthWords(Number(first[3]), Number(first[1]), first[4]!)}.`
    : "";
  return (
    `the ${quoteText(column)} column has dates that read either way, day first or month first, and none has a day over 12 to tell which: ${shown}.` +
    `${sample} Say which with --date-format dmy or --date-format mdy.`
  );
}

/** `--date-format` as given: "dmy", "mdy" (also "dd/mm/yyyy" and "mm/dd/yyyy"), or an error. */
export function parseDayMonthOrder(text: string): Result<DayMonthOrder> {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  if (t === "dmy" || t === "ddmmyyyy") return ok("dmy");
  if (t === "mdy" || t === "mmddyyyy") return ok("mdy");
  return err(`${quoteText(text)} is not a date format: use dmy (21/11/2026) or mdy (11/21/2026)`);
}
