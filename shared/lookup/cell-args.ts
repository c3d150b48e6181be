import { excelSerialToDate, type ExcelDateSystem } from "../dates/excel-serial";
import type { PlainDate } from "../dates/plain-date";
import { readAmount, readDate } from "../engine/read-row";
import { currencyExponent, isCurrencyCode } from "../money/currencies";
import { ok } from "../result";
import { invalid, type LookupResult } from "./lookup-error";
import { quoteText } from "../text/quote";

/**
 * An argument as a spreadsheet function receives it: a number (dates are serials), text, a
 * boolean, or nothing (an omitted optional argument or an empty cell: null, undefined or "").
 */
export type CellArg = number | string | boolean | null | undefined;

/** Whether an argument is absent: omitted, an empty cell, or only spaces. */
export function isEmptyArg(value: CellArg): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** Quotes a user's value for a message, shortened so a long cell cannot flood it. */
export function shown(value: CellArg): string {
  return quoteText(typeof value === "string" ? value : String(value));
}

/**
 * A required text argument, trimmed. Numbers are taken as their digits, so a vendor id typed as
 * 10042 reads "10042"; booleans are refused.
 */
export function readTextArg(value: CellArg, what: string): LookupResult<string> {
  if (isEmptyArg(value)) return invalid(`${what} is empty`);
  if (typeof value === "boolean") return invalid(`${what} is ${value ? "TRUE" : "FALSE"}, not text`);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return invalid(`${what} is not a number Excel can hold`);
    return ok(String(value));
  }
  return ok(value.trim());
}

/** An optional text argument: undefined when absent, otherwise as {@link readTextArg}. */
export function readOptionalTextArg(value: CellArg, what: string): LookupResult<string | undefined> {
  return isEmptyArg(value) ? ok(undefined) : readTextArg(value, what);
}

/**
 * The workbook's date system: an optional argument (1900 or 1904, as a number or text) wins over
 * `fallback` (what the add-in knows of the workbook; 1900 when it knows nothing).
 */
export function readDateSystemArg(value: CellArg, fallback: ExcelDateSystem): LookupResult<ExcelDateSystem> {
  if (isEmptyArg(value)) return ok(fallback);
  const text = typeof value === "string" ? value.trim() : value;
  if (text === 1900 || text === "1900") return ok("1900");
  if (text === 1904 || text === "1904") return ok("1904");
  return invalid(`date system ${shown(value)} is neither 1900 nor 1904`);
}

/**
 * A date argument: an Excel date serial of `system` (a fractional time of day is dropped), or text
 * written YYYY-MM-DD. Serial 60 in the 1900 system, Excel's phantom 1900-02-29, is refused.
 */
export function readDateArg(value: CellArg, system: ExcelDateSystem, what: string): LookupResult<PlainDate> {
  if (isEmptyArg(value)) return invalid(`${what} is empty`);
  if (typeof value === "boolean") return invalid(`${what} is ${value ? "TRUE" : "FALSE"}, not a date`);
  if (typeof value === "number") {
    const date = excelSerialToDate(value, system);
    return date.ok ? date : invalid(`${what}: ${date.error}`);
  }
  const date = readDate(value);
  return date.ok ? date : invalid(`${what} ${date.error}`);
}

/** An optional date argument: `fallback` (usually today) when absent. */
export function readOptionalDateArg(
  value: CellArg,
  system: ExcelDateSystem,
  what: string,
  fallback: PlainDate,
): LookupResult<PlainDate> {
  return isEmptyArg(value) ? ok(fallback) : readDateArg(value, system, what);
}

/** An optional ISO 4217 currency code, any case; `fallback` (the base currency) when absent. */
export function readCurrencyArg(value: CellArg, fallback: string): LookupResult<string> {
  const text = readOptionalTextArg(value, "The currency");
  if (!text.ok) return text;
  if (text.value === undefined) return ok(fallback);
  const code = text.value.toUpperCase();
  if (isCurrencyCode(code)) return ok(code);
  return invalid(`The currency ${shown(value)} is not an ISO 4217 code such as USD or EUR`);
}

/**
 * An amount argument in minor units of `currency`: a number as typed in a cell (rounded to the
 * currency's decimals, half away from zero) or money text ("1,234.56", "(100.00)", "$99").
 * Text naming another currency is refused rather than converted silently.
 */
export function readAmountArg(value: CellArg, currency: string, what: string): LookupResult<number> {
  if (isEmptyArg(value)) return invalid(`${what} is empty`);
  if (typeof value === "boolean") return invalid(`${what} is ${value ? "TRUE" : "FALSE"}, not an amount`);
  const amount = readAmount(value, currency);
  if (!amount.ok) return invalid(`${what} ${amount.error}`);
  const named = amount.value.currency;
  if (named !== undefined && named !== currency) {
    return invalid(`${what} ${shown(value)} is in ${named}, not ${currency}; give the currency argument`);
  }
  return ok(amount.value.minor);
}

/**
 * Minor units as the number a cell shows (12345 USD cents → 123.45). Exact as a decimal for any
 * amount up to 2^53 minor units: the division gives the nearest double to the decimal value.
 * @throws RangeError for an unknown currency (a programmer error: rule-book currencies are valid).
 */
export function minorToCellNumber(minor: number, currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  return exp === 0 ? minor : minor / 10 ** exp;
}
