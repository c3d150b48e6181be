import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../../shared/dates/plain-date";
import {
  isEmptyArg,
  minorToCellNumber,
  readAmountArg,
  readCurrencyArg,
  readDateArg,
  readDateSystemArg,
  readOptionalDateArg,
  readOptionalTextArg,
  readTextArg,
} from "../../../shared/lookup/cell-args";
import type { LookupResult } from "../../../shared/lookup/lookup-error";

function value<T>(r: LookupResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function failure<T>(r: LookupResult<T>): { kind: string; message: string } {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("date arguments", () => {
  it("reads 1900-system serials around Lotus's phantom leap day", () => {
    expect(formatIsoDate(value(readDateArg(59, "1900", "The date")))).toBe("1900-02-28");
    expect(formatIsoDate(value(readDateArg(61, "1900", "The date")))).toBe("1900-03-01");
    expect(formatIsoDate(value(readDateArg(46347, "1900", "The date")))).toBe("2026-11-21");
    // A time of day is dropped, as a date cell with a time shows the same date.
    expect(formatIsoDate(value(readDateArg(46347.75, "1900", "The date")))).toBe("2026-11-21");
  });

  it("refuses serial 60, 1900-02-29, which never existed, saying so", () => {
    const e = failure(readDateArg(60, "1900", "The invoice date"));
    expect(e.kind).toBe("invalid");
    expect(e.message).toMatch(/^The invoice date: .*1900-02-29.*never existed/);
  });

  it("reads 1904-system serials: the same day is 1462 lower", () => {
    expect(formatIsoDate(value(readDateArg(44885, "1904", "The date")))).toBe("2026-11-21");
    expect(formatIsoDate(value(readDateArg(0, "1904", "The date")))).toBe("1904-01-01");
    expect(formatIsoDate(value(readDateArg(60, "1904", "The date")))).toBe("1904-03-01");
  });

  it("reads YYYY-MM-DD text and refuses other text, booleans, empties and impossible serials", () => {
    expect(formatIsoDate(value(readDateArg(" 2026-02-28 ", "1900", "The date")))).toBe("2026-02-28");
    expect(failure(readDateArg("2026-02-30", "1900", "The date")).message).toContain("not a real date");
    expect(failure(readDateArg("21/11/2026", "1900", "The date")).message).toContain("YYYY-MM-DD");
    expect(failure(readDateArg(true, "1900", "The date")).message).toBe("The date is TRUE, not a date");
    expect(failure(readDateArg("", "1900", "The date")).message).toBe("The date is empty");
    expect(failure(readDateArg(-1, "1904", "The date")).message).toContain("negative");
    expect(failure(readDateArg(3e6, "1900", "The date")).message).toContain("9999-12-31");
  });

  it("uses the fallback only when the optional date is absent", () => {
    expect(value(readOptionalDateArg(null, "1900", "The date", 123))).toBe(123);
    expect(value(readOptionalDateArg(undefined, "1900", "The date", 123))).toBe(123);
    expect(formatIsoDate(value(readOptionalDateArg(61, "1900", "The date", 123)))).toBe("1900-03-01");
    expect(failure(readOptionalDateArg("soon", "1900", "The date", 123)).kind).toBe("invalid");
  });

  it("reads the date-system argument, falling back to the workbook's", () => {
    expect(value(readDateSystemArg(null, "1904"))).toBe("1904");
    expect(value(readDateSystemArg(1900, "1904"))).toBe("1900");
    expect(value(readDateSystemArg(" 1904", "1900"))).toBe("1904");
    expect(failure(readDateSystemArg(1901, "1900")).message).toBe(
      'date system "1901" is neither 1900 nor 1904',
    );
  });
});

describe("amount arguments", () => {
  it("reads numbers, rounding to the currency half away from zero, and money text", () => {
    expect(value(readAmountArg(1234.567, "USD", "The amount"))).toBe(123457);
    expect(value(readAmountArg(-0.005, "USD", "The amount"))).toBe(-1);
    expect(value(readAmountArg("$1,234.50", "USD", "The amount"))).toBe(123450);
    expect(value(readAmountArg("(100.00)", "USD", "The amount"))).toBe(-10000);
    expect(value(readAmountArg(1500, "JPY", "The amount"))).toBe(1500);
  });

  it("refuses text that is not an amount, another currency, booleans and empties", () => {
    const text = failure(readAmountArg("abc", "USD", "The amount"));
    expect(text).toEqual({ kind: "invalid", message: 'The amount "abc" is not an amount' });
    expect(failure(readAmountArg("€5", "USD", "The amount")).message).toBe(
      'The amount "€5" is in EUR, not USD; give the currency argument',
    );
    expect(failure(readAmountArg(false, "USD", "The amount")).message).toBe(
      "The amount is FALSE, not an amount",
    );
    expect(failure(readAmountArg("  ", "USD", "The amount")).message).toBe("The amount is empty");
    expect(failure(readAmountArg(5, "XYZ", "The amount")).message).toContain("unknown currency");
  });

  it("reads a currency code in any case, the base currency when absent", () => {
    expect(value(readCurrencyArg(" eur ", "USD"))).toBe("EUR");
    expect(value(readCurrencyArg(null, "USD"))).toBe("USD");
    expect(failure(readCurrencyArg("Euros", "USD"))).toEqual({
      kind: "invalid",
      message: 'The currency "Euros" is not an ISO 4217 code such as USD or EUR',
    });
    expect(failure(readCurrencyArg(true, "USD")).message).toBe("The currency is TRUE, not text");
  });

  it("shows minor units as the number a cell holds", () => {
    expect(minorToCellNumber(12345, "USD")).toBe(123.45);
    expect(minorToCellNumber(-300000, "USD")).toBe(-3000);
    expect(minorToCellNumber(1500, "JPY")).toBe(1500);
    expect(minorToCellNumber(1234, "KWD")).toBe(1.234);
    expect(() => minorToCellNumber(1, "XYZ")).toThrow(RangeError);
  });
});

describe("text arguments", () => {
  it("takes numbers as their digits (vendor ids typed as numbers) and trims text", () => {
    expect(value(readTextArg(10042, "The supplier"))).toBe("10042");
    expect(value(readTextArg("  Dell ", "The supplier"))).toBe("Dell");
    expect(value(readOptionalTextArg(null, "The category"))).toBeUndefined();
    expect(failure(readTextArg(null, "The supplier")).message).toBe("The supplier is empty");
    expect(failure(readTextArg(true, "The supplier")).message).toBe("The supplier is TRUE, not text");
    expect(failure(readTextArg(Number.NaN, "The supplier")).kind).toBe("invalid");
  });

  it("counts omitted, empty and blank as absent, zero and FALSE as present", () => {
    expect([null, undefined, "", "   "].every(isEmptyArg)).toBe(true);
    expect([0, false, "0"].some(isEmptyArg)).toBe(false);
  });
});
