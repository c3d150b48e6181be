import { describe, expect, it } from "vitest";
import { contentPageSchema, parseMessage, uiMessageSchema } from "../../../extension/protocol/messages";

describe("message protocol", () => {
  it("accepts a well-formed content message and names the field of a bad one", () => {
    const ok = parseMessage(contentPageSchema, {
      kind: "content/page",
      url: "https://www.dell.com/cart",
      price: { amount: "1234.56", currency: "USD", source: "json-ld", kind: "cart" },
    });
    expect(ok.ok).toBe(true);
    const bad = parseMessage(contentPageSchema, {
      kind: "content/page",
      url: "https://www.dell.com/cart",
      price: { amount: "1,234.56", currency: "USD", source: "json-ld", kind: "cart" },
    });
    expect(bad).toEqual({ ok: false, error: expect.stringContaining("price.amount") });
  });

  it("rejects unknown kinds and extra fields", () => {
    expect(parseMessage(uiMessageSchema, { kind: "ui/format-disk" }).ok).toBe(false);
    expect(parseMessage(uiMessageSchema, { kind: "ui/status", extra: 1 }).ok).toBe(false);
  });
});
