import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isToContentMessage,
  isToPagesMessage,
  readContentPageReply,
} from "../../../../extension/protocol/content-guards";
import { detectedPriceSchema, toContentSchema, toPagesSchema } from "../../../../extension/protocol/messages";
import { priceFromHintText, readStructuredPrice } from "../../../../shared/page-price/candidates";

describe("isToContentMessage (the content script's zod-free guard)", () => {
  const samples: unknown[] = [
    { kind: "to-content/overlay", show: true },
    { kind: "to-content/overlay", show: false },
    { kind: "to-content/redetect" },
    { kind: "to-content/overlay" },
    { kind: "to-content/overlay", show: "yes" },
    { kind: "to-content/overlay", show: true, extra: 1 },
    { kind: "to-content/redetect", show: true },
    { kind: "to-pages/changed" },
    { kind: "content/page", url: "https://x", price: null },
    [{ kind: "to-content/redetect" }],
    null,
    "to-content/redetect",
    42,
  ];

  it.each(samples.map((s) => [JSON.stringify(s), s]))("agrees with toContentSchema on %s", (_, sample) => {
    expect(isToContentMessage(sample)).toBe(toContentSchema.safeParse(sample).success);
  });

  it("agrees with toContentSchema on arbitrary objects", () => {
    const arb = fc.oneof(
      fc.record({
        kind: fc.constantFrom("to-content/overlay", "to-content/redetect", "x"),
        show: fc.anything(),
      }),
      fc.record({ kind: fc.constantFrom("to-content/overlay", "to-content/redetect") }),
      fc.anything(),
    );
    fc.assert(fc.property(arb, (v) => isToContentMessage(v) === toContentSchema.safeParse(v).success));
  });
});

describe("isToPagesMessage (the overlay's zod-free guard)", () => {
  it("agrees with toPagesSchema", () => {
    for (const sample of [
      { kind: "to-pages/changed" },
      { kind: "to-pages/changed", x: 1 },
      { kind: "to-content/redetect" },
      null,
      "to-pages/changed",
    ]) {
      expect(isToPagesMessage(sample), JSON.stringify(sample)).toBe(toPagesSchema.safeParse(sample).success);
    }
    fc.assert(fc.property(fc.anything(), (v) => isToPagesMessage(v) === toPagesSchema.safeParse(v).success));
  });
});

describe("readContentPageReply", () => {
  it("keeps show and well-formed page hints", () => {
    expect(readContentPageReply({ show: true })).toEqual({ show: true });
    expect(readContentPageReply({ show: false, hints: { cartTotal: "#total", currency: "EUR" } })).toEqual({
      show: false,
      hints: { cartTotal: "#total", currency: "EUR" },
    });
  });

  it("refuses anything else", () => {
    for (const bad of [
      null,
      undefined,
      { show: "true" },
      { show: true, hints: { cartTotal: 5 } },
      { show: true, hints: { currency: "euro" } },
      { show: true, hints: { price: "" } },
      { show: true, hints: { price: "x".repeat(501) } },
      { show: true, hints: { script: "alert(1)" } },
      { show: true, hints: [] },
    ]) {
      expect(readContentPageReply(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe("what the page side reads always fits the protocol", () => {
  it("any text read as a hinted price is a valid DetectedPrice", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(null, "USD", "JPY", "KWD"),
        fc.constantFrom(null, "en", "de-DE"),
        (text, currency, locale) => {
          const read = priceFromHintText(text, "cart", currency, locale);
          return !read.ok || detectedPriceSchema.safeParse(read.value).success;
        },
      ),
    );
  });

  it("any number or money-like text from structured data gives a valid amount", () => {
    const moneyish = fc
      .array(fc.constantFrom(..."0123456789.,' $€£¥-".split("")), { maxLength: 24 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.double(), moneyish), (value) => {
        const read = readStructuredPrice(value, "USD", null);
        return (
          !read.ok ||
          detectedPriceSchema.safeParse({ ...read.value, source: "json-ld", kind: "price" }).success
        );
      }),
    );
  });
});
