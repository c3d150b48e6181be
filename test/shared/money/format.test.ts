import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAmount } from "../../../shared/money/amount";
import { CURRENCY_CODES } from "../../../shared/money/currencies";
import { formatAmount, formatMoney, formatMoneySymbol, toDecimalString } from "../../../shared/money/format";

const MAX = Number.MAX_SAFE_INTEGER;
const NBSP = "\u00a0";

describe("toDecimalString", () => {
  it.each([
    [25000000, "USD", "250000.00"],
    [-1250, "USD", "-12.50"],
    [5, "USD", "0.05"],
    [-5, "USD", "-0.05"],
    [0, "USD", "0.00"],
    [1234, "JPY", "1234"],
    [-7, "ISK", "-7"],
    [1234, "KWD", "1.234"],
    [5, "BHD", "0.005"],
    [12345, "CLF", "1.2345"],
    [1, "UYW", "0.0001"],
    [MAX, "USD", "90071992547409.91"],
    [-MAX, "CLF", "-900719925474.0991"],
  ])("%i %s → %s", (minor, currency, text) => {
    expect(toDecimalString(minor, currency)).toBe(text);
  });

  it("round-trips through parseAmount for each exponent", () => {
    for (const currency of ["JPY", "USD", "KWD", "CLF"]) {
      fc.assert(
        fc.property(fc.maxSafeInteger(), (minor) => {
          expect(parseAmount(toDecimalString(minor, currency), currency)).toEqual({ ok: true, value: minor });
        }),
      );
    }
  });

  it("throws on programmer errors", () => {
    expect(() => toDecimalString(1, "XYZ")).toThrow(RangeError);
    expect(() => toDecimalString(1.5, "USD")).toThrow(RangeError);
    expect(() => toDecimalString(MAX + 1, "USD")).toThrow(RangeError);
  });
});

describe("formatAmount / formatMoney / formatMoneySymbol", () => {
  it("formats with exactly the currency's decimals", () => {
    expect(formatAmount(25000000, "USD")).toBe("250,000.00");
    expect(formatAmount(25000000, "USD", "de-DE")).toBe("250.000,00");
    expect(formatAmount(-1250, "USD")).toBe("-12.50");
    expect(formatAmount(1234, "JPY")).toBe("1,234");
    expect(formatAmount(1234567, "KWD")).toBe("1,234.567");
    expect(formatAmount(12345, "CLF")).toBe("1.2345");
    expect(formatAmount(0, "EUR")).toBe("0.00");
    expect(formatAmount(12345678, "INR", "en-IN")).toBe("1,23,456.78");
  });

  it("is exact for the largest safe amount", () => {
    expect(formatAmount(MAX, "USD")).toBe("90,071,992,547,409.91");
    expect(formatAmount(-MAX, "USD")).toBe("-90,071,992,547,409.91");
    expect(formatAmount(MAX, "JPY")).toBe("9,007,199,254,740,991");
    expect(formatAmount(MAX, "CLF")).toBe("900,719,925,474.0991");
    expect(formatAmount(MAX - 2, "KWD")).toBe("9,007,199,254,740.989");
  });

  it("keeps every digit for random safe integers", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCY_CODES), (minor, currency) => {
        expect(formatAmount(minor, currency).replace(/,/g, "")).toBe(toDecimalString(minor, currency));
      }),
      { numRuns: 2000 },
    );
  });

  it("formatMoney puts the code after the amount", () => {
    expect(formatMoney(25000000, "USD")).toBe("250,000.00 USD");
    expect(formatMoney(25000000, "EUR", "de-DE")).toBe("250.000,00 EUR");
    expect(formatMoney(-5, "KWD")).toBe("-0.005 KWD");
  });

  it("formatMoneySymbol uses Intl currency style with ISO decimals", () => {
    expect(formatMoneySymbol(25000000, "USD")).toBe("$250,000.00");
    expect(formatMoneySymbol(25000000, "EUR", "de-DE")).toBe(`250.000,00${NBSP}€`);
    expect(formatMoneySymbol(1234, "JPY", "en-US")).toBe("¥1,234");
    expect(formatMoneySymbol(MAX, "USD")).toBe("$90,071,992,547,409.91");
    expect(formatMoneySymbol(1234, "IQD")).toMatch(/1\.234$/); // ISO says 3 decimals even where CLDR says 0
  });

  it("throws on programmer errors", () => {
    expect(() => formatAmount(1, "XYZ")).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, "USD")).toThrow(RangeError);
    expect(() => formatMoneySymbol(1, "usd")).toThrow(RangeError);
  });
});

describe("formatAmount's en-US fast path", () => {
  it("gives exactly what Intl gives, for every exponent and sign", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom("USD", "JPY", "KWD", "CLF"), (minor, currency) => {
        expect(formatAmount(minor, currency)).toBe(formatAmount(minor, currency, "en-us"));
      }),
      { numRuns: 2000 },
    );
  });
});
