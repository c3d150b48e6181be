import { describe, expect, it } from "vitest";
import { pricesFromJsonLd } from "../../../shared/page-price/json-ld";
import { pricesFromMicrodata } from "../../../shared/page-price/microdata";
import { priceFromOpenGraph } from "../../../shared/page-price/open-graph";

describe("pricesFromJsonLd", () => {
  it("reads a Product's Offer, price as a number or a text", () => {
    const product = {
      "@context": "https://schema.org",
      "@type": "Product",
      name: "Latitude 7450",
      offers: { "@type": "Offer", price: 1499.5, priceCurrency: "USD" },
    };
    expect(pricesFromJsonLd([product], null)).toEqual([
      { amount: "1499.5", currency: "USD", source: "json-ld", kind: "price" },
    ]);
    const asText = { ...product, offers: [{ "@type": "Offer", price: "1,499.50", priceCurrency: "usd" }] };
    expect(pricesFromJsonLd([asText], null)).toEqual([
      { amount: "1499.50", currency: "USD", source: "json-ld", kind: "price" },
    ]);
  });

  it("uses an AggregateOffer's lowPrice, and a priceSpecification", () => {
    const blocks = [
      {
        "@type": "Product",
        offers: { "@type": "AggregateOffer", lowPrice: "899.00", highPrice: "1299.00", priceCurrency: "EUR" },
      },
      {
        "@type": "Offer",
        priceSpecification: { "@type": "UnitPriceSpecification", price: 12, priceCurrency: "GBP" },
      },
    ];
    expect(pricesFromJsonLd(blocks, null)).toEqual([
      { amount: "899.00", currency: "EUR", source: "json-ld", kind: "price" },
      { amount: "12", currency: "GBP", source: "json-ld", kind: "price" },
    ]);
  });

  it("reads an Order's totalPaymentDue as the cart total, in @graph, as PriceSpecification or MonetaryAmount", () => {
    const graph = {
      "@context": "https://schema.org",
      "@graph": [
        {
          "@type": "Order",
          orderedItem: { "@type": "Offer", price: "10.00", priceCurrency: "USD" },
          totalPaymentDue: { "@type": "PriceSpecification", price: "2,340.00", priceCurrency: "USD" },
        },
        { "@type": "Invoice", totalPaymentDue: { "@type": "MonetaryAmount", value: 55, currency: "CHF" } },
      ],
    };
    expect(pricesFromJsonLd([graph], null)).toEqual([
      { amount: "10.00", currency: "USD", source: "json-ld", kind: "price" },
      { amount: "2340.00", currency: "USD", source: "json-ld", kind: "cart" },
      { amount: "55", currency: "CHF", source: "json-ld", kind: "cart" },
    ]);
  });

  it("skips values it cannot read and survives junk and deep nesting", () => {
    let deep: unknown = { "@type": "Offer", price: "1.00", priceCurrency: "USD" };
    for (let i = 0; i < 50; i++) deep = { nested: deep };
    const blocks = [
      null,
      42,
      "text",
      [{ "@type": "Offer", price: "call us" }],
      { "@type": "Offer", price: -5 },
      deep,
    ];
    expect(pricesFromJsonLd(blocks, null)).toEqual([]);
  });

  it("stops after a bounded number of nodes", () => {
    const many = Array.from({ length: 5000 }, () => ({ "@type": "Offer", price: 1, priceCurrency: "USD" }));
    expect(pricesFromJsonLd([many], null).length).toBe(2000);
  });
});

describe("pricesFromMicrodata", () => {
  it("reads price with its item's currency; Order items and totals are cart totals", () => {
    const found = pricesFromMicrodata(
      [
        { prop: "price", value: "1499.00", itemType: "https://schema.org/Offer", currency: "USD" },
        { prop: "price", value: "2.340,00 €", itemType: "http://schema.org/Order", currency: null },
        { prop: "totalPaymentDue", value: "15", itemType: null, currency: "GBP" },
        { prop: "name", value: "1", itemType: null, currency: null },
        { prop: "lowPrice", value: "oops", itemType: null, currency: null },
      ],
      null,
    );
    expect(found).toEqual([
      { amount: "1499.00", currency: "USD", source: "microdata", kind: "price" },
      { amount: "2340.00", currency: "EUR", source: "microdata", kind: "cart" },
      { amount: "15", currency: "GBP", source: "microdata", kind: "cart" },
    ]);
  });
});

describe("priceFromOpenGraph", () => {
  it("reads product:price:amount and :currency as a product price", () => {
    expect(priceFromOpenGraph({ amount: "349.99", currency: "USD" }, null)).toEqual({
      ok: true,
      value: { amount: "349.99", currency: "USD", source: "open-graph", kind: "price" },
    });
  });

  it("fails without an amount, and on an amount that is not a price", () => {
    expect(priceFromOpenGraph({ amount: null, currency: "USD" }, null).ok).toBe(false);
    expect(priceFromOpenGraph({ amount: "tbd", currency: "USD" }, null).ok).toBe(false);
  });
});
