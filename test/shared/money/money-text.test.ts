import { describe, expect, it } from "vitest";
import { parseMoneyText, type MoneyTextHints } from "../../../shared/money/amount";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("parseMoneyText", () => {
  // [text, hints, minor, currency named by the text]
  const table: [string, MoneyTextHints, number, string | undefined][] = [
    ["$1,234.56", {}, 123456, "USD"],
    ["1,234.56 USD", {}, 123456, "USD"],
    ["USD 1,234.56", {}, 123456, "USD"],
    ["USD1,234.56", {}, 123456, "USD"],
    ["1.234,56 €", {}, 123456, "EUR"],
    [`1.234,56${NBSP}€`, {}, 123456, "EUR"],
    ["€1.234,56", {}, 123456, "EUR"],
    ["€ 1.234,56", {}, 123456, "EUR"],
    ["CHF 1'234.50", {}, 123450, "CHF"],
    ["CHF 1’234.50", {}, 123450, "CHF"],
    ["1 234,56 zł", {}, 123456, "PLN"],
    [`1${NBSP}234,56${NBSP}zł`, {}, 123456, "PLN"],
    [`1${NNBSP}234,56 PLN`, {}, 123456, "PLN"],
    [`1${NNBSP}234${NNBSP}567,89 €`, {}, 123456789, "EUR"],
    ["£99", {}, 9900, "GBP"],
    ["£0.99", {}, 99, "GBP"],
    ["¥1,234", {}, 1234, "JPY"],
    ["¥1,234", { currency: "CNY" }, 123400, "CNY"],
    ["CN¥1,234.50", {}, 123450, "CNY"],
    ["(1,234.56)", { currency: "USD" }, -123456, undefined],
    ["($1,234.56)", {}, -123456, "USD"],
    ["(1,234.56 USD)", {}, -123456, "USD"],
    ["$(1,234.56)", {}, -123456, "USD"],
    ["-1,234.56", { currency: "USD" }, -123456, undefined],
    ["−1,234.56 €", {}, -123456, "EUR"], // U+2212 minus sign
    ["-$1,234.56", {}, -123456, "USD"],
    ["$-1,234.56", {}, -123456, "USD"],
    ["1234.56-", { currency: "USD" }, -123456, undefined],
    ["1,234.56- USD", {}, -123456, "USD"],
    ["+12.50 EUR", {}, 1250, "EUR"],
    ["US$1,234.56", {}, 123456, "USD"],
    ["US$ 5", {}, 500, "USD"],
    ["C$1,234.56", {}, 123456, "CAD"],
    ["CA$10", {}, 1000, "CAD"],
    ["A$1,234.56", {}, 123456, "AUD"],
    ["NZ$5", {}, 500, "NZD"],
    ["R$ 1.234,56", {}, 123456, "BRL"],
    ["$5", { currency: "CAD" }, 500, "CAD"],
    ["$5", { currency: "MXN" }, 500, "MXN"],
    ["$5", { currency: "EUR" }, 500, "USD"], // the hint is not a "$" currency
    ["€5", { currency: "USD" }, 500, "EUR"], // the text wins over the hint
    ["99 kr", { currency: "SEK" }, 9900, "SEK"],
    ["kr 1.234,50", { currency: "DKK" }, 123450, "DKK"],
    ["1 234,50 kr.", { currency: "NOK" }, 123450, "NOK"],
    ["1 234 kr", { currency: "ISK" }, 1234, "ISK"],
    ["1 234,56", { currency: "EUR" }, 123456, undefined],
    ["1234.56", { currency: "USD" }, 123456, undefined],
    ["12", { currency: "USD" }, 1200, undefined],
    ["₹1,23,456.78", {}, 12345678, "INR"],
    ["12,34,567 INR", {}, 1234567 * 100, "INR"],
    ["1.234.567 €", {}, 123456700, "EUR"],
    ["1,234,567.891 USD", {}, 123456789, "USD"], // rounded half away from zero
    ["0.005 USD", {}, 1, "USD"],
    ["-0.005 USD", {}, -1, "USD"],
    ["-0.004 USD", {}, 0, "USD"],
    ["1,5 €", {}, 150, "EUR"],
    ["12,5", { currency: "EUR" }, 1250, undefined],
    ["1.5 JPY", {}, 2, "JPY"],
    ["  $ 1,234.56  ", {}, 123456, "USD"],
    ["Kč 1 234,50", {}, 123450, "CZK"],
    ["1 234 Ft", {}, 123400, "HUF"],
    ["1.234,56 EUR.", {}, 123456, "EUR"],
    ["5 KWD", {}, 5000, "KWD"],
  ];
  it.each(table)("%j %j → %i %s", (text, hints, minor, currency) => {
    const r = parseMoneyText(text, hints);
    if (!r.ok) throw new Error(r.error);
    const { decimals: _rounded, ...value } = r.value; // see "says when it rounded"
    expect(value).toEqual(currency === undefined ? { minor } : { minor, currency });
    expect(Object.is(r.value.minor, -0)).toBe(false);
  });

  it("says when it rounded: the decimals the text had beyond the currency's, trailing zeros aside", () => {
    expect(parseMoneyText("¥1,000.50")).toEqual({
      ok: true,
      value: { minor: 1001, currency: "JPY", decimals: 1 },
    });
    expect(parseMoneyText("1,234,567.891 USD")).toEqual({
      ok: true,
      value: { minor: 123456789, currency: "USD", decimals: 3 },
    });
    expect(parseMoneyText("-0.004", { currency: "USD" })).toEqual({
      ok: true,
      value: { minor: 0, decimals: 3 },
    });
    // Nothing lost: no `decimals`.
    expect(parseMoneyText("¥1,000.00")).toEqual({ ok: true, value: { minor: 1000, currency: "JPY" } });
    expect(parseMoneyText("1.500,00 €")).toEqual({ ok: true, value: { minor: 150000, currency: "EUR" } });
  });

  describe("a single separator followed by exactly three digits", () => {
    it.each([
      ["1,234", {}, 123400],
      ["1.234", {}, 123400],
      ["12.500", {}, 1250000],
      ["1,234", { locale: "en-US" }, 123400],
      ["1.234", { locale: "en-US" }, 123], // en-US decimal point: 1.234 → 1.23
      ["1,234", { locale: "de-DE" }, 123], // de-DE decimal comma
      ["1.234", { locale: "de-DE" }, 123400],
      ["1,234", { locale: "fr-FR" }, 123],
      ["1.234", { locale: "fr-FR" }, 123400], // "." is neither fr-FR separator → grouping
      ["1.234", { locale: "de-CH" }, 123],
      ["1234,567", {}, 123457], // four digits before: cannot be grouping
      ["0,500", {}, 50], // a leading 0 group cannot be grouping
      ["1,2345", {}, 123], // four digits after: decimal
    ] as const)("%s %j (USD) → %i", (text, hints, minor) => {
      const r = parseMoneyText(text, { currency: "USD", ...hints });
      expect(r.ok && r.value.minor).toBe(minor);
    });

    it("is a decimal point for three-decimal currencies", () => {
      expect(parseMoneyText("1,234 KWD")).toEqual({ ok: true, value: { minor: 1234, currency: "KWD" } });
      expect(parseMoneyText("1.234", { currency: "BHD" })).toEqual({ ok: true, value: { minor: 1234 } });
      expect(parseMoneyText("1,234,567 KWD")).toEqual({
        ok: true,
        value: { minor: 1234567000, currency: "KWD" },
      });
    });

    it("follows the locale before the exponent", () => {
      expect(parseMoneyText("1,234 KWD", { locale: "en-US" })).toEqual({
        ok: true,
        value: { minor: 1234000, currency: "KWD" },
      });
    });

    it("JPY groups too", () => {
      expect(parseMoneyText("¥1,234")).toEqual({ ok: true, value: { minor: 1234, currency: "JPY" } });
      expect(parseMoneyText("1.234 JPY")).toEqual({ ok: true, value: { minor: 1234, currency: "JPY" } });
    });
  });

  it.each([
    ["n/a", '"n/a" is not an amount'],
    ["", '"" is not an amount'],
    ["   ", '"   " is not an amount'],
    ["abc", '"abc" is not an amount'],
    ["$", '"$" is not an amount'],
    ["12 34 56 USD", '"12 34 56 USD" is not an amount: misplaced thousands or decimal separators'],
    ["$1,23,4", '"$1,23,4" is not an amount: misplaced thousands or decimal separators'],
    ["1,234.567,89 €", '"1,234.567,89 €" is not an amount: misplaced thousands or decimal separators'],
    ["1.23.45 €", '"1.23.45 €" is not an amount: misplaced thousands or decimal separators'],
    ["--5 USD", '"--5 USD" is not an amount'],
    ["-(5) USD", '"-(5) USD" is not an amount'],
    ["(5 USD", '"(5 USD" is not an amount'],
    ["5) USD", '"5) USD" is not an amount'],
    ["-5- USD", '"-5- USD" is not an amount'],
    ["+-5 USD", '"+-5 USD" is not an amount'],
    ["5 USD 6", '"5 USD 6" is not an amount'],
    ["1e5 USD", '"1e5 USD" is not an amount'],
    ["12/05", '"12/05" is not an amount'],
    ["$5 €", '"$5 €" names two currencies: USD and EUR'],
    ["12 foo", '"12 foo" is not an amount: unknown currency "foo"'],
    ["12 usd", '"12 usd" is not an amount: unknown currency "usd"'],
    ["12.50", '"12.50" has no currency: add a symbol or code, or give a currency hint'],
    ["99 kr", '"99 kr": "kr" could be SEK, NOK, DKK or ISK; give a currency hint'],
  ])("rejects %j", (text, message) => {
    expect(parseMoneyText(text)).toEqual({ ok: false, error: message });
  });

  it("rejects kr with a non-krona hint, bad hints and overflow", () => {
    expect(parseMoneyText("99 kr", { currency: "EUR" })).toEqual({
      ok: false,
      error: '"99 kr": "kr" could be SEK, NOK, DKK or ISK, not EUR',
    });
    expect(parseMoneyText("12", { currency: "XYZ" }).ok).toBe(false);
    expect(parseMoneyText("12", { currency: "USD", locale: "not a locale!" }).ok).toBe(false);
    expect(parseMoneyText("$90,071,992,547,409.92")).toEqual({
      ok: false,
      error: '"$90,071,992,547,409.92" is too large: USD amounts are limited to ±90071992547409.91',
    });
    expect(parseMoneyText("$90,071,992,547,409.91")).toEqual({
      ok: true,
      value: { minor: Number.MAX_SAFE_INTEGER, currency: "USD" },
    });
  });

  it("shortens long text in errors", () => {
    const r = parseMoneyText(`total ${"x".repeat(1000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(120);
  });
});
