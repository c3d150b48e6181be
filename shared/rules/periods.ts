import { addDays, addMonthsClamped, fromYmd, parseIsoDate, toYmd, type PlainDate } from "../dates/plain-date";
import { err, ok, type Result } from "../result";

/**
 * Budget periods as finance writes them. Fiscal years are named by the calendar year they end in
 * (with an April start, FY2026 runs 2025-04-01 to 2026-03-31), as most companies and the US federal
 * budget do; with a January start, FY2026 is calendar 2026. A fiscal quarter "FY2026-Q1" is the
 * first three months of FY2026; a quarter without "FY" ("2026-Q1") is a calendar quarter.
 */
export function parsePeriod(
  text: string,
  fiscalYearStart: { month: number; day: number },
): Result<{ start: PlainDate; end: PlainDate }> {
  const t = text.trim();
  let m = /^FY\s?(\d{4})(?:\s?-\s?Q([1-4]))?$/i.exec(t);
  if (m) {
    const endYear = Number(m[1]);
    const startsJan1 = fiscalYearStart.month === 1 && fiscalYearStart.day === 1;
    const start = fromYmd(startsJan1 ? endYear : endYear - 1, fiscalYearStart.month, fiscalYearStart.day);
    const nextStart = fromYmd(startsJan1 ? endYear + 1 : endYear, fiscalYearStart.month, fiscalYearStart.day);
    const end = addDays(nextStart, -1);
    if (m[2] === undefined) return ok({ start, end });
    // Fiscal quarters run three months each from the fiscal year's first day (a start on the 31st
    // is moved back to a shorter month's last day); the fourth ends with the fiscal year.
    const q = Number(m[2]);
    return ok({
      start: addMonthsClamped(start, (q - 1) * 3),
      end: q === 4 ? end : addDays(addMonthsClamped(start, q * 3), -1),
    });
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(t);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const start = fromYmd(year, q * 3 - 2, 1);
    const next = q === 4 ? fromYmd(year + 1, 1, 1) : fromYmd(year, q * 3 + 1, 1);
    return ok({ start, end: addDays(next, -1) });
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return err(`"${text}" has no month ${m[2]}`);
    const next = month === 12 ? fromYmd(year + 1, 1, 1) : fromYmd(year, month + 1, 1);
    return ok({ start: fromYmd(year, month, 1), end: addDays(next, -1) });
  }
  m = /^(\d{4}-\d{2}-\d{2})\s*\/\s*(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m) {
    const start = parseIsoDate(m[1]!);
    if (!start.ok) return start;
    const end = parseIsoDate(m[2]!);
    if (!end.ok) return end;
    if (end.value < start.value) return err(`"${text}" ends before it starts`);
    return ok({ start: start.value, end: end.value });
  }
  return err(
    `"${text}" is not a period: write a fiscal year "FY2026", a fiscal quarter "FY2026-Q1", a calendar quarter "2026-Q1", a month "2026-11" or a range "2026-01-01/2026-06-30"`,
  );
}

/**
 * The fiscal year a day falls in, named as {@link parsePeriod} names it: by the calendar year the
 * fiscal year ends in (with an April start, 2026-04-01 is in FY2027).
 */
export function fiscalYearOf(date: PlainDate, fiscalYearStart: { month: number; day: number }): number {
  const { year } = toYmd(date);
  const startsJan1 = fiscalYearStart.month === 1 && fiscalYearStart.day === 1;
  if (startsJan1) return year;
  return date >= fromYmd(year, fiscalYearStart.month, fiscalYearStart.day) ? year + 1 : year;
}
