import { describe, expect, it } from "vitest";
import { batch, check, codes, find } from "./fixture";
import { batchRows } from "../../../shared/engine/check";

describe("budget checks", () => {
  it("passes a purchase within the headroom", () => {
    const r = check();
    expect(codes(r.findings)).toEqual(["terms.take-discount"]);
    expect(r.status).toBe("info");
  });

  it("blocks a purchase that would exceed a stop budget, naming the parts", () => {
    const r = check({ amount: "3500.00" });
    const f = find(r.findings, "budget.exceeded");
    expect(f.severity).toBe("block");
    expect(f.message).toBe(
      "Budget IT (FY2026) will be exceeded by 500.00 USD (budget 10,000.00, spent 6,000.00, committed 1,000.00, this purchase 3,500.00 USD).",
    );
    expect(f.figures).toMatchObject({ remainingBefore: 300000, remainingAfter: -50000, purchase: 350000 });
    expect(r.status).toBe("block");
  });

  it("uses the budget's action: warn warns, ignore only informs", () => {
    expect(find(check({ costCenter: "MKT", amount: "1200" }).findings, "budget.exceeded").severity).toBe(
      "warn",
    );
    expect(find(check({ costCenter: "HR", amount: "200" }).findings, "budget.exceeded").severity).toBe(
      "info",
    );
  });

  it("adds up earlier rows of the batch, and credit notes give headroom back", () => {
    const r = batch(["900", "900", "900", "900", "100", "-1000", "300"].map((amount) => ({ amount })));
    expect(batchRows(r).map((x) => x.status)).toEqual([
      "info",
      "info",
      "info",
      "block",
      "block",
      "info",
      "info",
    ]);
    expect(find(r.findingsOf(3), "budget.exceeded").message).toBe(
      "Budget IT (FY2026) will be exceeded by 600.00 USD (budget 10,000.00, spent 6,000.00, committed 1,000.00, earlier rows 2,700.00, this purchase 900.00 USD).",
    );
    expect(find(r.findingsOf(4), "budget.already-exceeded").message).toMatch(
      /^Budget IT \(FY2026\) is already exceeded by 600\.00 USD; this purchase adds 100\.00 USD/,
    );
    expect(r.summary.budgets).toEqual([
      {
        costCenter: "IT",
        period: "FY2026",
        currency: "USD",
        action: "stop",
        budget: 1_000_000,
        spent: 600_000,
        committed: 100_000,
        consumed: 300_000,
        remaining: 0,
        rows: 7,
        countedRows: 0,
      },
    ]);
    expect(r.summary.byStatus).toEqual({ ok: 0, info: 5, warn: 0, block: 2 });
  });

  it("a single check does not accumulate: each call starts from the rule book's figures", () => {
    expect(codes(check({ amount: "2000" }).findings)).not.toContain("budget.exceeded");
    expect(codes(check({ amount: "2000" }).findings)).not.toContain("budget.exceeded");
  });

  it("converts a purchase into the budget's currency with the rule book's rates, saying how", () => {
    const r = check({ costCenter: "EU", currency: "USD", amount: "3400.00", category: "" });
    const f = find(r.findings, "budget.exceeded");
    // 3,400.00 USD / 1.1000 = 3,090.909… EUR → 3,090.91 EUR, half away from zero.
    expect(f.figures).toMatchObject({ currency: "EUR", purchase: 309091, remainingAfter: -9091 });
    expect(f.message).toContain("will be exceeded by 90.91 EUR");
    expect(f.message).toContain(
      "this purchase 3,090.91 EUR (3,400.00 USD converted at the rule book's rates of 2026-11-01, rounded half away from zero)",
    );
  });

  it("converts yen (no decimals) exactly", () => {
    const r = check({ currency: "JPY", amount: "500000", costCenter: "IT" });
    // 500,000 JPY × 0.0067 = 3,350.00 USD > 3,000.00 headroom
    expect(find(r.findings, "budget.exceeded").figures).toMatchObject({ purchase: 335000 });
  });

  it("reports a currency without an FX rate instead of guessing", () => {
    const f = find(check({ currency: "GBP", amount: "10" }).findings, "budget.no-fx-rate");
    expect(f.message).toMatch(/no FX rate for GBP/);
  });

  it("reports an unknown cost center, a date outside every period and a category the budget is not for", () => {
    expect(find(check({ costCenter: "LEGAL" }).findings, "budget.unknown-cost-center").message).toBe(
      "Cost center LEGAL has no budget in the rule book.",
    );
    expect(find(check({ invoiceDate: "2027-02-01" }).findings, "budget.no-period").message).toBe(
      "Cost center IT has no budget for 2027-02-01 (budgets: FY2026).",
    );
    expect(
      find(check({ category: "travel", supplier: "Acme" }).findings, "budget.category-not-covered").message,
    ).toMatch(/Budget IT \(FY2026\) is not meant for Travel/);
  });

  it("accepts cost center codes in any case", () => {
    expect(codes(check({ costCenter: " it " }).findings)).toEqual(["terms.take-discount"]);
  });

  it("counts a subcategory under its parent's budget", () => {
    expect(codes(check({ category: "Laptops" }).findings)).toEqual(["terms.take-discount"]);
  });
});
