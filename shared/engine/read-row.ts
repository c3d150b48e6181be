import { fromYmd, daysInMonth, type PlainDate } from "../dates/plain-date";
import { amountFromNumber, parseMoneyText, type ParsedMoney } from "../money/amount";
import { currencyExponent } from "../money/currencies";
import { err, ok, type Result } from "../result";
import { quoteText } from "../text/quote";

const POW10 = [1, 10, 100, 1000, 10000];

/**
 * Reads an amount cell into minor units of `currency`. Plain decimals ("1234.56") take a fast path;
 * anything else ("$1,234.56", "(100.00)", "1.234,56 €") goes through the lenient money parser.
 * Returns the currency the text itself named when it named one, and `decimals` when the amount had
 * more decimals than its currency and was rounded (see `ParsedMoney`).
 */
export function readAmount(raw: string | number, currency: string): Result<ParsedMoney> {
  if (typeof raw === "number") {
    const r = amountFromNumber(raw, currency);
    if (!r.ok) return r;
    const decimals = roundedDecimals(raw, r.value, currency);
    return ok(decimals === 0 ? { minor: r.value } : { minor: r.value, decimals });
  }
  const text = raw.trim();
  if (text === "") return err("is empty");
  return parseMoneyText(text, { currency });
}

/**
 * The decimals of a cell's number when rounding it to `minor` units changed it; 0 when it did not.
 * A number is read as Excel shows it, to 15 significant digits, so a formula's float noise
 * (0.1 × 3 = 0.30000000000000004) is not taken for a third decimal.
 */
function roundedDecimals(value: number, minor: number, currency: string): number {
  const exp = currencyExponent(currency) ?? 0;
  const shown = Number(value.toPrecision(15));
  if (Math.abs(minor) >= 1e15 || minor / POW10[exp]! === shown) return 0;
  const text = String(shown);
  const m = /\.(\d+)(?:e-(\d+))?$/.exec(text) ?? /e-(\d+)$/.exec(text);
  if (m === null) return 0;
  // "1.5e-7": 1 decimal in the mantissa plus 7 from the exponent.
  return m.length === 3 ? m[1]!.length + Number(m[2] ?? 0) : Number(m[1]);
}

/**
 * "1234", "-1234.5", "1234.56" with at most `exp` decimals → minor units; undefined for anything else
 * (the caller falls back to `readAmount`). No rounding happens here. The common case in registers,
 * read without allocating.
 */
export function plainDecimalToMinor(text: string, exp: number): number | undefined {
  const n = text.length;
  if (n === 0 || n > 15) return undefined;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
    if (n === 1) return undefined;
  }
  let value = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && i > (negative ? 1 : 0) && i < n - 1) {
      decimals = 0;
    } else return undefined;
  }
  if (decimals < 0) decimals = 0;
  if (decimals > exp) return undefined;
  const minor = value * POW10[exp - decimals]!;
  return negative ? -minor : minor;
}

// The first day and the length of every month from 1900 to 2199, by (year − 1900) × 12 + month − 1:
// a register's dates become a table read instead of calendar arithmetic. 3,600 months, 18 KB.
const TABLE_FIRST_YEAR = 1900;
const TABLE_MONTHS = 300 * 12;
const MONTH_START = new Int32Array(TABLE_MONTHS);
const MONTH_DAYS = new Uint8Array(TABLE_MONTHS);
for (let k = 0; k < TABLE_MONTHS; k++) {
  const year = TABLE_FIRST_YEAR + Math.floor(k / 12);
  const month = (k % 12) + 1;
  MONTH_START[k] = fromYmd(year, month, 1);
  MONTH_DAYS[k] = daysInMonth(year, month);
}

/** "YYYY-MM-DD" → day number without allocating; NaN for anything else (then `readDate` explains). */
export function fastIsoDate(t: string): number {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return NaN;
  const y = digits(t, 0, 4);
  const m = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const k = (y - TABLE_FIRST_YEAR) * 12 + m - 1;
  if (k >= 0 && k < TABLE_MONTHS) return d <= MONTH_DAYS[k]! ? MONTH_START[k]! + d - 1 : NaN;
  return d <= daysInMonth(y, m) ? fromYmd(y, m, d) : NaN;
}

/** "YYYY-MM-DD" (optionally followed by a time, "2026-11-03T00:00:00") → day number, checked. */
export function readDate(text: string): Result<PlainDate> {
  const t = text.trim();
  if (
    t.length >= 10 &&
    t.charCodeAt(4) === 45 &&
    t.charCodeAt(7) === 45 &&
    (t.length === 10 || t[10] === "T" || t[10] === " ")
  ) {
    const y = digits(t, 0, 4);
    const m = digits(t, 5, 2);
    const d = digits(t, 8, 2);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return ok(fromYmd(y, m, d));
    if (y >= 0 && m >= 0 && d >= 0) return err(`${quoteText(text)} is not a real date`);
  }
  return err(`${quoteText(text)} is not a date: write it as YYYY-MM-DD, like 2026-11-03`);
}

function digits(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The text without surrounding spaces; the text itself (no new string) when it has none, as cells mostly do. */
export function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32) ? text : text.trim();
}
