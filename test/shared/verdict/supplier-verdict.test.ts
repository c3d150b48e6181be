import { beforeAll, describe, expect, it } from "vitest";
import { parseIsoDate, type PlainDate } from "../../../shared/dates/plain-date";
import type { RuleBook } from "../../../shared/rules/rule-book";
import {
  budgetFor,
  supplierForUrl,
  verdictForUrl,
  type PagePrice,
} from "../../../shared/verdict/supplier-verdict";
import { clone, exampleFiles, parseObjects, type Editable } from "../../helpers/rule-files";

const day = (iso: string): PlainDate => {
  const d = parseIsoDate(iso);
  if (!d.ok) throw new Error(d.error);
  return d.value;
};
const today = day("2026-11-21");
const cart = (amount: string, currency: string | null = "USD"): PagePrice => ({
  amount,
  currency,
  source: "hint",
  kind: "cart",
});

function load(edit?: (files: Record<string, Editable>) => void): RuleBook {
  const files = clone(exampleFiles()) as Record<string, Editable>;
  edit?.(files);
  const r = parseObjects(files);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

let book: RuleBook;
beforeAll(() => {
  book = load();
});

describe("supplier verdict for a page", () => {
  it("gives a preferred supplier's terms, headroom today and headroom after the cart total", () => {
    const v = verdictForUrl(book, "https://www.dell.com/cart", {
      costCenter: "IT-HW",
      price: cart("1299.00"),
      today,
    })!;
    expect(v.supplier).toEqual({
      id: "dell",
      name: "Dell Technologies Inc.",
      status: "preferred",
      termsText: "2/10 Net 45",
      contractEnds: "2027-03-31",
      contractNote: null,
    });
    expect(v.level).toBe("ok");
    // 1,200,000.00 − 612,450.00 − 148,200.00
    expect(v.headroom).toMatchObject({
      costCenter: "IT-HW",
      costCenterName: "IT hardware",
      period: "FY2026",
      remaining: { minor: 43_935_000, currency: "USD", text: "439,350.00 USD" },
      usedPercent: 63,
    });
    expect(v.price).toMatchObject({ text: "1,299.00 USD", kind: "cart" });
    expect(v.afterPurchase).toEqual({ minor: 43_805_100, currency: "USD", text: "438,051.00 USD" });
    expect(v.findings.every((f) => f.severity !== "block" && f.severity !== "warn")).toBe(true);
    expect(v.alternatives).toEqual([]);
    // Cost centers whose budgets are meant for IT hardware come first.
    expect(v.costCenters[0]).toEqual({ id: "IT-HW", name: "IT hardware" });
  });

  it("is null for pages that are not on a supplier's site, however the address is dressed up", () => {
    const request = { costCenter: null, price: null, today };
    expect(verdictForUrl(book, "https://notdell.com/", request)).toBeNull();
    expect(verdictForUrl(book, "https://dell.com@evil.example/", request)).toBeNull();
    expect(verdictForUrl(book, "file:///etc/passwd", request)).toBeNull();
    expect(verdictForUrl(book, "not a url", request)).toBeNull();
    expect(supplierForUrl(book, "https://WWW.Dell.COM./x")?.id).toBe("dell");
  });

  it("blocks a blocked supplier and names the preferred alternative for its category", () => {
    const v = verdictForUrl(book, "https://quickprint-supplies.example/shop", {
      costCenter: "FAC",
      price: null,
      today,
    })!;
    expect(v.level).toBe("block");
    expect(v.supplier.status).toBe("blocked");
    expect(v.findings.map((f) => f.code)).toContain("supplier.blocked");
    expect(v.alternatives).toEqual([{ id: "staples", name: "Staples, Inc.", domain: "staples.com" }]);
    // No price on the page: headroom is shown, nothing after purchase, and no "missing amount" noise.
    expect(v.headroom?.costCenter).toBe("FAC");
    expect(v.afterPurchase).toBeNull();
    expect(v.findings.map((f) => f.code)).not.toContain("row.missing-amount");
  });

  it("converts a foreign price to the budget's currency and lists the checks it trips", () => {
    const v = verdictForUrl(book, "https://pixelforge.example/quote", {
      costCenter: "MKT",
      price: { amount: "60000", currency: "EUR", source: "json-ld", kind: "price" },
      today,
    })!;
    expect(v.level).toBe("warn");
    expect(v.price?.text).toBe("60,000.00 EUR");
    // MKT: 650,000.00 − 590,250.00 − 48,000.00 = 11,750.00; 60,000 EUR × 1.0850 = 65,100.00 USD.
    expect(v.afterPurchase).toEqual({ minor: -5_335_000, currency: "USD", text: "-53,350.00 USD" });
    expect(v.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["supplier.restricted", "budget.exceeded", "approval.required"]),
    );
    expect(v.alternatives.map((a) => a.id)).toEqual(["brightpath"]);
  });

  it("takes a price without currency in the base currency and rounds extra decimals as the rule book says", () => {
    const v = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: "IT-HW",
      price: cart("10.005", null),
      today,
    })!;
    expect(v.price).toMatchObject({ currency: "USD", text: "10.01 USD" });
    expect(v.afterPurchase?.minor).toBe(43_935_000 - 1001);
  });

  it("checks the same rounded amount the panel shows, not a three-decimal price read as thousands", () => {
    // 19.999 USD is 20.00 on the panel; the checks must not see 19,999.00 (an approval at 10,000).
    const v = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: "IT-HW",
      price: cart("19.999"),
      today,
    })!;
    expect(v.price?.text).toBe("20.00 USD");
    expect(v.findings.map((f) => f.code)).not.toContain("approval.required");
    expect(v.level).toBe("ok");
  });

  it("shows no headroom without a cost center, and says so when the cost center or period is unknown", () => {
    const none = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: null,
      price: cart("5.00"),
      today,
    })!;
    expect(none.headroom).toBeNull();
    expect(none.afterPurchase).toBeNull();
    expect(none.findings.map((f) => f.code)).not.toContain("row.missing-cost-center");

    const unknown = verdictForUrl(book, "https://www.dell.com/", { costCenter: "NOPE", price: null, today })!;
    expect(unknown.headroom).toBeNull();
    expect(unknown.findings.map((f) => f.code)).toContain("budget.unknown-cost-center");
    expect(unknown.level).toBe("warn");

    const later = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: "IT-HW",
      price: null,
      today: day("2027-02-01"),
    })!;
    expect(later.headroom).toBeNull();
    expect(later.findings.map((f) => f.code)).toContain("budget.no-period");
    expect(later.costCenters).toEqual([]);
  });

  it("matches cost centers case-insensitively", () => {
    expect(budgetFor(book, "it-hw", today)?.costCenter).toBe("IT-HW");
    const v = verdictForUrl(book, "https://www.dell.com/", { costCenter: " it-hw ", price: null, today })!;
    expect(v.headroom?.costCenter).toBe("IT-HW");
  });

  it("notes a contract ending within the warning window, and one that has ended", () => {
    const soon = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: null,
      price: null,
      today: day("2027-03-01"),
    })!;
    expect(soon.supplier.contractNote).toBe("Contract C-2024-017 ends in 30 days, on 2027-03-31");
    const ended = verdictForUrl(book, "https://www.dell.com/", {
      costCenter: null,
      price: null,
      today: day("2027-04-02"),
    })!;
    expect(ended.supplier.contractNote).toBe("Contract C-2024-017 ended on 2027-03-31");
    expect(ended.level).toBe("warn");
  });

  it("caps the used share at 100 when a budget is already overrun, and shows negative headroom", () => {
    const overrun = load((files) => {
      const b = (files["finance.json"]!["budgets"] as Editable[]).find((x) => x["costCenter"] === "IT-HW")!;
      b["spent"] = "1300000.00";
    });
    const v = verdictForUrl(overrun, "https://www.dell.com/", {
      costCenter: "IT-HW",
      price: cart("1.00"),
      today,
    })!;
    expect(v.headroom?.usedPercent).toBe(100);
    expect(v.headroom?.remaining.text).toBe("-248,200.00 USD");
    expect(v.findings.map((f) => f.code)).toContain("budget.already-exceeded");
    expect(v.level).toBe("block");
  });
});
