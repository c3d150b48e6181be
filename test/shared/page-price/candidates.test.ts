import { describe, expect, it } from "vitest";
import {
  choosePagePrice,
  priceFromHintText,
  readCurrencyCode,
  readStructuredPrice,
  type PriceCandidate,
} from "../../../shared/page-price/candidates";

const c = (
  source: PriceCandidate["source"],
  kind: PriceCandidate["kind"],
  amount: string,
): PriceCandidate => ({
  amount,
  currency: "USD",
  source,
  kind,
});

describe("choosePagePrice", () => {
  it("prefers any cart total over any product price", () => {
    const chosen = choosePagePrice([
      c("hint", "price", "1"),
      c("open-graph", "cart", "2"),
      c("json-ld", "price", "3"),
    ]);
    expect(chosen?.amount).toBe("2");
  });

  it("within a kind, follows hint → JSON-LD → microdata → Open Graph, then page order", () => {
    expect(
      choosePagePrice([
        c("open-graph", "price", "4"),
        c("microdata", "price", "3"),
        c("json-ld", "price", "2"),
      ])?.amount,
    ).toBe("2");
    expect(
      choosePagePrice([c("json-ld", "cart", "5"), c("hint", "cart", "6"), c("hint", "cart", "7")])?.amount,
    ).toBe("6");
  });

  it("is null without candidates", () => {
    expect(choosePagePrice([])).toBeNull();
  });
});

describe("readStructuredPrice", () => {
  it("takes numbers and plain texts with schema.org's decimal point", () => {
    expect(readStructuredPrice(1234.5, "USD", null)).toEqual({
      ok: true,
      value: { amount: "1234.5", currency: "USD" },
    });
    expect(readStructuredPrice("1.234", "EUR", "de-DE")).toEqual({
      ok: true,
      value: { amount: "1.234", currency: "EUR" },
    });
    expect(readStructuredPrice(" 99 ", null, null)).toEqual({
      ok: true,
      value: { amount: "99", currency: null },
    });
  });

  it("reads shop-style texts like page text, the text's currency first", () => {
    expect(readStructuredPrice("1,234.56", "USD", null)).toEqual({
      ok: true,
      value: { amount: "1234.56", currency: "USD" },
    });
    expect(readStructuredPrice("€1.234,56", "USD", null)).toEqual({
      ok: true,
      value: { amount: "1234.56", currency: "EUR" },
    });
  });

  it.each([[-1], [Number.NaN], [Infinity], [1e21], [true], [null], [{}], ["free"], ["12345678901234567.5"]])(
    "rejects %j",
    (value) => {
      expect(readStructuredPrice(value, "USD", null).ok).toBe(false);
    },
  );
});

describe("readCurrencyCode", () => {
  it("accepts ISO codes in any case and spacing, nothing else", () => {
    expect(readCurrencyCode(" eur ")).toBe("EUR");
    expect(readCurrencyCode("€")).toBeNull();
    expect(readCurrencyCode("ABC")).toBeNull();
    expect(readCurrencyCode(42)).toBeNull();
  });
});

describe("priceFromHintText", () => {
  it("reads a hinted element's text with the rule book's currency", () => {
    expect(priceFromHintText("Cart total: 2.499,00", "cart", "EUR", "de")).toEqual({
      ok: true,
      value: { amount: "2499.00", currency: "EUR", source: "hint", kind: "cart" },
    });
  });

  it("passes the reason through when the text is not a price", () => {
    expect(priceFromHintText("Sold out", "price", "USD", null)).toEqual({
      ok: false,
      error: '"Sold out" is not an amount',
    });
  });
});
