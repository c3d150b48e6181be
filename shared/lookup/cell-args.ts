import { excelSerialToDate, type ExcelDateSystem } from "../dates/excel-serial";
import type { PlainDate } from "../dates/plain-date";
import { readAmount, readDate } from "../engine/read-row";
import { currencyExponent, isCurrencyCode } from "../money/currencies";
import { ok } from "../result";
import { invalid, type LookupResult } from "./lookup-error";
import { clipText, quoteText } from "../text/quote";

/**
 * An argument as a spreadsheet function reads it: a number (dates are serials), text, a boolean, or
 * nothing (an omitted optional argument or an empty cell: null, undefined or "").
 */
export type CellArg = number | string | boolean | null | undefined;

/**
 * Data types whose value is a plain one: a formatted number is its number, and so on. Excel gives
 * `basicValue` as what `Range.values` would read for such a cell
 * (https://learn.microsoft.com/javascript/api/excel/excel.cellvalue).
 */
const PLAIN_TYPES = new Set(["String", "Double", "FormattedNumber", "Boolean", "Empty"]);

/** What a data type is called in a message, by its `type`. */
const TYPE_NAMES: Record<string, string> = {
  LinkedEntity: "a linked data type",
  Entity: "a data type",
  WebImage: "a picture",
  Function: "a function",
  Reference: "a reference",
};

/**
 * Reads what Excel hands an `any` parameter as a plain argument. With `allowCustomDataForDataTypeAny`
 * in functions.json (custom-functions-metadata writes it), a cell holding a data type arrives as its
 * JSON cell value (`{ type, basicValue, text, properties, … }`,
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts), and a
 * range given where one value is expected arrives as rows of values. A plain data type (a formatted
 * number, a string) gives its `basicValue`, as a formula reading the cell would see it; a one-cell
 * range gives its cell. Anything else (an entity such as a stock or a product, a picture, an error,
 * several cells) is refused with a message that says what it is and what to give instead: an
 * entity's `basicValue` is "#VALUE!", and its displayed text is a label, not the code a lookup needs.
 * `expected`: what the argument should be ("text", "a date", …).
 */
export function readCellArg(value: unknown, what: string, expected: string): LookupResult<CellArg> {
  if (value === null || value === undefined) return ok(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return ok(value);
  if (Array.isArray(value)) {
    const rows = value as unknown[];
    const first = rows[0];
    if (rows.length === 1 && Array.isArray(first) && first.length === 1) {
      return readCellArg(first[0], what, expected);
    }
    const columns = Array.isArray(first) ? first.length : 1;
    return invalid(`${what} is a range of ${rows.length} × ${columns} cells, not ${expected}: give one cell`);
  }
  if (typeof value !== "object") return invalid(`${what} is not a value Headroom can read as ${expected}`);
  const cell = value as Record<string, unknown>;
  const type = typeof cell["type"] === "string" ? (cell["type"] as string) : "";
  const basic = cell["basicValue"];
  if (
    PLAIN_TYPES.has(type) &&
    (basic === undefined || ["string", "number", "boolean"].includes(typeof basic))
  ) {
    return ok(basic as CellArg);
  }
  if (type === "Error") {
    const code = typeof basic === "string" ? ` (${basic})` : "";
    return invalid(`${what} is an error${code}, not ${expected}: correct the cell it comes from`);
  }
  if (type === "Array") {
    const rows = Array.isArray(cell["elements"]) ? (cell["elements"] as unknown[]) : [];
    const columns = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
    return invalid(
      `${what} is an array of ${rows.length} × ${columns} values, not ${expected}: give one value`,
    );
  }
  const name =
    TYPE_NAMES[type] ?? (type ? `a value of type ${quoteText(type)}` : "a value Headroom cannot read");
  const text = typeof cell["text"] === "string" && cell["text"] !== "" ? ` (${quoteText(cell["text"])})` : "";
  return invalid(`${what} is ${name}${text}, not ${expected}: ${insteadOf(cell)}`);
}

/** What to give instead of an entity: one of its fields, named as a formula names it. */
function insteadOf(cell: Record<string, unknown>): string {
  const properties = cell["properties"];
  const field =
    properties !== null && typeof properties === "object"
      ? Object.keys(properties).find((k) => k !== "")
      : undefined;
  if (field === undefined) return "type the value itself";
  const name = clipText(field, 40);
  const reference = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${name}]`;
  return `give one of its fields instead, e.g. A2.${reference} where A2 is that cell`;
}

/** Whether an argument is absent: omitted, an empty cell, or only spaces. */
export function isEmptyArg(value: unknown): boolean {
  const cell = readCellArg(value, "", "");
  if (!cell.ok) return false;
  const v = cell.value;
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Quotes a user's value for a message, shortened so a long cell cannot flood it. */
export function shown(value: CellArg): string {
  return quoteText(typeof value === "string" ? value : String(value));
}

/**
 * A required text argument, trimmed. Numbers are taken as their digits, so a vendor id typed as
 * 10042 reads "10042"; booleans and data types other than plain values are refused.
 */
export function readTextArg(value: unknown, what: string): LookupResult<string> {
  const cell = readCellArg(value, what, "text");
  if (!cell.ok) return cell;
  const v = cell.value;
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
    return invalid(`${what} is empty`);
  if (typeof v === "boolean") return invalid(`${what} is ${v ? "TRUE" : "FALSE"}, not text`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return invalid(`${what} is not a number Excel can hold`);
    return ok(String(v));
  }
  return ok(v.trim());
}

/** An optional text argument: undefined when absent, otherwise as {@link readTextArg}. */
export function readOptionalTextArg(value: unknown, what: string): LookupResult<string | undefined> {
  return isEmptyArg(value) ? ok(undefined) : readTextArg(value, what);
}

/**
 * The workbook's date system: an optional argument (1900 or 1904, as a number or text) wins over
 * `fallback` (what the add-in knows of the workbook; 1900 when it knows nothing).
 */
export function readDateSystemArg(value: unknown, fallback: ExcelDateSystem): LookupResult<ExcelDateSystem> {
  const cell = readCellArg(value, "The date system", "1900 or 1904");
  if (!cell.ok) return cell;
  const v = cell.value;
  if (isEmptyArg(v)) return ok(fallback);
  const text = typeof v === "string" ? v.trim() : v;
  if (text === 1900 || text === "1900") return ok("1900");
  if (text === 1904 || text === "1904") return ok("1904");
  return invalid(`date system ${shown(v)} is neither 1900 nor 1904`);
}

/**
 * A date argument: an Excel date serial of `system` (a fractional time of day is dropped), or text
 * written YYYY-MM-DD. Serial 60 in the 1900 system, Excel's phantom 1900-02-29, is refused.
 */
export function readDateArg(value: unknown, system: ExcelDateSystem, what: string): LookupResult<PlainDate> {
  const cell = readCellArg(value, what, "a date");
  if (!cell.ok) return cell;
  const v = cell.value;
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
    return invalid(`${what} is empty`);
  if (typeof v === "boolean") return invalid(`${what} is ${v ? "TRUE" : "FALSE"}, not a date`);
  if (typeof v === "number") {
    const date = excelSerialToDate(v, system);
    return date.ok ? date : invalid(`${what}: ${date.error}`);
  }
  const date = readDate(v);
  return date.ok ? date : invalid(`${what} ${date.error}`);
}

/** An optional date argument: `fallback` (usually today) when absent. */
export function readOptionalDateArg(
  value: unknown,
  system: ExcelDateSystem,
  what: string,
  fallback: PlainDate,
): LookupResult<PlainDate> {
  return isEmptyArg(value) ? ok(fallback) : readDateArg(value, system, what);
}

/** An optional ISO 4217 currency code, any case; `fallback` (the base currency) when absent. */
export function readCurrencyArg(value: unknown, fallback: string): LookupResult<string> {
  const text = readOptionalTextArg(value, "The currency");
  if (!text.ok) return text;
  if (text.value === undefined) return ok(fallback);
  const code = text.value.toUpperCase();
  if (isCurrencyCode(code)) return ok(code);
  return invalid(`The currency ${shown(text.value)} is not an ISO 4217 code such as USD or EUR`);
}

/**
 * An amount argument in minor units of `currency`: a number as typed in a cell (rounded to the
 * currency's decimals, half away from zero) or money text ("1,234.56", "(100.00)", "$99").
 * Text naming another currency is refused rather than converted silently.
 */
export function readAmountArg(value: unknown, currency: string, what: string): LookupResult<number> {
  const cell = readCellArg(value, what, "an amount");
  if (!cell.ok) return cell;
  const v = cell.value;
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
    return invalid(`${what} is empty`);
  if (typeof v === "boolean") return invalid(`${what} is ${v ? "TRUE" : "FALSE"}, not an amount`);
  const amount = readAmount(v, currency);
  if (!amount.ok) return invalid(`${what} ${amount.error}`);
  const named = amount.value.currency;
  if (named !== undefined && named !== currency) {
    return invalid(`${what} ${shown(v)} is in ${named}, not ${currency}; give the currency argument`);
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
