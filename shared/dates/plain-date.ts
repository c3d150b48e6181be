import { err, ok } from "../result";
import type { Result } from "../result";
import { quoteText } from "../text/quote";

/**
 * A calendar date with no time and no time zone: the number of days since 1970-01-01
 * in the proleptic Gregorian calendar (1969-12-31 is -1). Always an integer.
 */
export type PlainDate = number;

/** A calendar date split into its parts; `month` is 1-12. */
export type Ymd = { year: number; month: number; day: number };

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** Days from 0000-03-01 to 1970-01-01: shifts the civil-day count to the Unix epoch. */
const EPOCH_SHIFT = 719468;
const DAYS_PER_ERA = 146097; // 400 Gregorian years
const MS_PER_DAY = 86_400_000;

/**
 * Day number of a calendar date (Howard Hinnant's days_from_civil).
 * Assumes a valid date: `month` 1-12 and `day` within the month; use {@link parseIsoDate} for user input.
 */
export function fromYmd(year: number, month: number, day: number): PlainDate {
  // Count years from March so the leap day is the last day of the counting year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (((153 * mp + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

// Outputs of civil(). Module-private scratch slots keep the per-row helpers allocation-free;
// every caller reads them immediately after the call, so no state survives between calls.
let civilYear = 0;
let civilMonth = 0;
let civilDay = 0;

/** Hinnant's civil_from_days, writing into the scratch slots above. */
function civil(date: PlainDate): void {
  const z = date + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  civilDay = doy - (((153 * mp + 2) / 5) | 0) + 1;
  civilMonth = mp < 10 ? mp + 3 : mp - 9;
  civilYear = yoe + era * 400 + (civilMonth <= 2 ? 1 : 0);
}

/** Splits a day number into year, month (1-12) and day. */
export function toYmd(date: PlainDate): Ymd {
  civil(date);
  return { year: civilYear, month: civilMonth, day: civilDay };
}

/** Whether `year` has a February 29th (Gregorian rule: 1900 is not a leap year, 2000 is). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec: odd months up to July, even months from August.
  return 30 + ((month + (month >> 3)) & 1);
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: PlainDate, days: number): PlainDate {
  return date + days;
}

/** The last day of the month that `date` falls in. */
export function endOfMonth(date: PlainDate): PlainDate {
  civil(date);
  return date + daysInMonth(civilYear, civilMonth) - civilDay;
}

/**
 * The same day `months` months later (earlier, when negative), clamped to the end of a shorter
 * month: Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year), never a day in March.
 * @throws RangeError when `months` is not an integer (a programmer error).
 */
export function addMonthsClamped(date: PlainDate, months: number): PlainDate {
  if (!Number.isInteger(months))
    throw new RangeError(`addMonthsClamped: months must be an integer, got ${months}`);
  civil(date);
  const index = civilYear * 12 + (civilMonth - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const length = daysInMonth(year, month);
  return fromYmd(year, month, civilDay < length ? civilDay : length);
}

/**
 * Today's date in UTC. The only function in shared/ that reads the clock; pass `now` to make it
 * deterministic (tests, replays).
 * @throws RangeError when `now` is an invalid Date (a programmer error).
 */
export function todayUtc(now: Date = new Date()): PlainDate {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("todayUtc: invalid Date");
  return Math.floor(ms / MS_PER_DAY);
}

/**
 * Today in the user's own time zone: the day on their calendar, as Excel's TODAY() gives it. Budgets,
 * periods and contract ends are judged by this day in the add-in and the extension alike.
 */
export function todayLocal(now: Date = new Date()): PlainDate {
  if (!Number.isFinite(now.getTime())) throw new RangeError("todayLocal: invalid Date");
  return fromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Value of the ASCII digits in text[from, to), or -1 if any character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * Parses a strict ISO 8601 calendar date `YYYY-MM-DD` (no time, no surrounding spaces) and
 * checks that the day exists, e.g. `"2026-02-30" is not a real date: February 2026 has 28 days`.
 */
export function parseIsoDate(text: string): Result<PlainDate> {
  const year = text.length === 10 && text[4] === "-" && text[7] === "-" ? digits(text, 0, 4) : -1;
  const month = year < 0 ? -1 : digits(text, 5, 7);
  const day = month < 0 ? -1 : digits(text, 8, 10);
  if (day < 0) return err(`${quoteText(text)} is not a date in YYYY-MM-DD form`);
  if (month < 1 || month > 12)
    return err(`${quoteText(text)} is not a real date: there is no month ${month}`);
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    const name = MONTH_NAMES[month - 1] ?? "";
    return err(`${quoteText(text)} is not a real date: ${name} ${year} has ${length} days`);
  }
  return ok(fromYmd(year, month, day));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Two-digit month or day; cheaper than padStart on the per-row path. */
function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * Formats a date as `YYYY-MM-DD`. Years outside 0000-9999 use ISO 8601's expanded form
 * (`+010000-01-01`, `-000001-12-31`), which {@link parseIsoDate} does not accept.
 */
export function formatIsoDate(date: PlainDate): string {
  civil(date);
  const year =
    civilYear >= 1000 && civilYear <= 9999
      ? `${civilYear}`
      : civilYear >= 0 && civilYear <= 9999
        ? pad(civilYear, 4)
        : (civilYear < 0 ? "-" : "+") + pad(Math.abs(civilYear), 6);
  return `${year}-${pad2(civilMonth)}-${pad2(civilDay)}`;
}
