import { describe, expect, it } from "vitest";
import { parsePriceText } from "../../../shared/money/price-text";

const amountOf = (text: string, hints = {}) => parsePriceText(text, hints);

describe("parsePriceText: the ways shops write prices", () => {
  it.each([
    ["$1,234.56", "1234.56", "USD"],
    ["1.234,56 €", "1234.56", "EUR"],
    ["€1.234,56", "1234.56", "EUR"],
    ["CHF 1'234.50", "1234.50", "CHF"],
    ["CHF 1’234.50", "1234.50", "CHF"],
    ["£99", "99.00", "GBP"],
    ["USD 1,234", "1234.00", "USD"],
    ["1 234,56 €", "1234.56", "EUR"],
    ["1\u202f234,56\u00a0€", "1234.56", "EUR"],
    ["1\u00a0234,56 €", "1234.56", "EUR"],
    ["¥1,234", "1234", "JPY"],
    ["US$12", "12.00", "USD"],
    ["Price: 1.299,00 EUR", "1299.00", "EUR"],
    ["$ 1,299.00 incl. VAT", "1299.00", "USD"],
    ["Total (3 items): $1,234.56", "1234.56", "USD"],
    ["  $1,234.56\n  ", "1234.56", "USD"],
  ])("%s → %s %s", (text, amount, currency) => {
    expect(amountOf(text)).toEqual({ ok: true, value: { amount, currency } });
  });

  it("uses the hint's currency when the text names none, and the text's own when it does", () => {
    expect(amountOf("1,234.56", { currency: "GBP" })).toEqual({
      ok: true,
      value: { amount: "1234.56", currency: "GBP" },
    });
    expect(amountOf("€12", { currency: "USD" })).toEqual({
      ok: true,
      value: { amount: "12.00", currency: "EUR" },
    });
    expect(amountOf("$12", { currency: "CAD" })).toEqual({
      ok: true,
      value: { amount: "12.00", currency: "CAD" },
    });
  });

  it("leaves the currency open when nothing names one, without rounding any digit away", () => {
    expect(amountOf("1234.5")).toEqual({ ok: true, value: { amount: "1234.50", currency: null } });
    expect(amountOf("1,234.567")).toEqual({ ok: true, value: { amount: "1234.567", currency: null } });
  });
});

describe("parsePriceText: 1,234 against 1.234", () => {
  // One separator followed by exactly three digits could group thousands or mark decimals. The page's
  // language decides first, then a three-decimal currency; otherwise it groups thousands.
  it("groups thousands when nothing says otherwise", () => {
    expect(amountOf("1,234")).toEqual({ ok: true, value: { amount: "1234.00", currency: null } });
    expect(amountOf("1.234")).toEqual({ ok: true, value: { amount: "1234.00", currency: null } });
    expect(amountOf("$1.234")).toEqual({ ok: true, value: { amount: "1234.00", currency: "USD" } });
  });

  it("follows the page's language", () => {
    expect(amountOf("1,234", { locale: "de-DE" })).toEqual({
      ok: true,
      value: { amount: "1.234", currency: null },
    });
    expect(amountOf("1.234", { locale: "de-DE" })).toEqual({
      ok: true,
      value: { amount: "1234.00", currency: null },
    });
    expect(amountOf("1.234", { locale: "en-US" })).toEqual({
      ok: true,
      value: { amount: "1.234", currency: null },
    });
  });

  it("reads three decimals for a three-decimal currency", () => {
    expect(amountOf("1.234", { currency: "KWD" })).toEqual({
      ok: true,
      value: { amount: "1.234", currency: "KWD" },
    });
    expect(amountOf("KWD 1,234")).toEqual({ ok: true, value: { amount: "1.234", currency: "KWD" } });
  });

  it("ignores a page language it does not know", () => {
    expect(amountOf("$5", { locale: "not a locale!" })).toEqual({
      ok: true,
      value: { amount: "5.00", currency: "USD" },
    });
  });

  it("always decides by the last separator when both appear", () => {
    expect(amountOf("1,234.5")).toEqual({ ok: true, value: { amount: "1234.50", currency: null } });
    expect(amountOf("1.234,5")).toEqual({ ok: true, value: { amount: "1234.50", currency: null } });
  });
});

describe("parsePriceText: failures say why", () => {
  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["Call for price", /not an amount/],
    ["-$5", /negative/],
    ["(1,234.56)", /negative/],
    ["$-12.00", /negative/],
    ["Was $20 now $15", /2 different amounts/],
    ["1,23,4.5 USD", /misplaced/],
    ["$12 €", /two currencies/],
    ["x".repeat(201), /201 characters/],
  ])("%j fails", (text, message) => {
    const result = amountOf(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("rejects a hint that is not a currency code", () => {
    expect(amountOf("12", { currency: "dollars" })).toEqual({
      ok: false,
      error: 'unknown currency hint "dollars"',
    });
  });

  it("accepts the same amount shown twice", () => {
    expect(amountOf("$20.00 ($20.00 each)")).toEqual({
      ok: true,
      value: { amount: "20.00", currency: "USD" },
    });
  });
});
