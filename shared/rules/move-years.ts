import { addMonthsClamped, formatIsoDate, parseIsoDate } from "../dates/plain-date";
import type { RuleBook } from "./rule-book";
import { fiscalYearOf } from "./periods";

/*
 * An example rule book is written for one fiscal year; a demo or a tutorial run a year later would find
 * no budget for "today". Moving the example's dates by whole years keeps every figure and only changes
 * which year it is for. Real rule books are never moved: only demos and examples call this, and they
 * say so where the user looks.
 */

/** How many whole fiscal years lie between the rule book's own year (of its effective date) and `today`'s. */
export function yearsToFiscalYearOf(
  book: RuleBook,
  today: number,
): { from: number; to: number; years: number } {
  const from = fiscalYearOf(book.meta.effectiveDate, book.meta.fiscalYearStart);
  const to = fiscalYearOf(today, book.meta.fiscalYearStart);
  return { from, to, years: to - from };
}

/**
 * A copy of one rule file (parsed JSON, before validation) with its dates moved by `years` whole years:
 * `meta.effectiveDate`, `fxRates.asOf`, every budget's `period` and `figuresAsOf`, and every supplier contract's `starts`
 * and `ends`. February 29th becomes the 28th in a year without one. Text that is not a date or a
 * period is copied as it is, so validation still reports it; nothing else in the file changes.
 */
export function moveRuleFileYears(file: unknown, years: number): unknown {
  if (!Number.isInteger(years)) throw new RangeError(`moveRuleFileYears: years must be whole, got ${years}`);
  const copy: unknown = structuredClone(file);
  if (years === 0 || !isObject(copy)) return copy;
  const move = (text: unknown) => (typeof text === "string" ? movePeriodText(text, years) : text);
  if (isObject(copy["meta"])) moveField(copy["meta"], "effectiveDate", move);
  if (isObject(copy["fxRates"])) moveField(copy["fxRates"], "asOf", move);
  for (const budget of listOf(copy["budgets"])) {
    moveField(budget, "period", move);
    moveField(budget, "figuresAsOf", move);
  }
  for (const supplier of listOf(copy["suppliers"])) {
    const contract = supplier["contract"];
    if (!isObject(contract)) continue;
    moveField(contract, "starts", move);
    moveField(contract, "ends", move);
  }
  return copy;
}

/**
 * A date (`2026-03-31`), a fiscal year (`FY2026`) or quarter (`FY2026-Q1`), a quarter (`2026-Q1`), a month (`2026-11`) or a
 * range of dates moved by whole years; anything else unchanged.
 */
export function movePeriodText(text: string, years: number): string {
  const t = text.trim();
  const date = parseIsoDate(t);
  if (date.ok) return formatIsoDate(addMonthsClamped(date.value, years * 12));
  let m = /^(FY\s?)(\d{4})(\s?-\s?Q[1-4])?$/i.exec(t);
  if (m) return `${m[1]}${Number(m[2]) + years}${m[3] ?? ""}`;
  m = /^(\d{4})(-Q[1-4]|-\d{2})$/i.exec(t);
  if (m) return `${Number(m[1]) + years}${m[2]}`;
  m = /^(\d{4}-\d{2}-\d{2})(\s*\/\s*)(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m) return `${movePeriodText(m[1]!, years)}${m[2]}${movePeriodText(m[3]!, years)}`;
  return text;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

function moveField(object: JsonObject, field: string, move: (value: unknown) => unknown): void {
  if (field in object) object[field] = move(object[field]);
}
