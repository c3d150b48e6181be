import { describe, expect, it } from "vitest";
import { batchRows } from "../../../shared/engine/check";
import { batch, check, codes, find } from "./fixture";

describe("rows that cannot be read fully", () => {
  it.each([
    [
      { supplier: "", vendorId: "" },
      "row.missing-supplier",
      "No supplier or vendor id: supplier checks were skipped.",
    ],
    [{ amount: "" }, "row.missing-amount", "No amount: budget and approval checks were skipped."],
    [{ amount: "TBD" }, "row.invalid-amount", /^Amount "TBD" cannot be read/],
    [
      { currency: "EURO" },
      "row.invalid-currency",
      'Currency "EURO" is not an ISO 4217 currency code: budget and approval checks were skipped.',
    ],
    [
      { invoiceDate: "31/11/2026" },
      "row.invalid-date",
      /^Invoice date "31\/11\/2026" is not a date: write it as YYYY-MM-DD.*2026-11-21 was used instead\.$/,
    ],
    [{ invoiceDate: "2026-02-30" }, "row.invalid-date", /"2026-02-30" is not a real date/],
    [
      { costCenter: "" },
      "row.missing-cost-center",
      "No cost center: the purchase cannot be checked against a budget.",
    ],
    [
      { category: "Snacks" },
      "row.unknown-category",
      'Category "Snacks" is not in the rule book; category checks were skipped.',
    ],
  ] as const)("%j → %s", (change, code, message) => {
    const f = find(check(change).findings, code);
    expect(f.severity).toBe(code === "row.unknown-category" ? "info" : "warn");
    if (typeof message === "string") expect(f.message).toBe(message);
    else expect(f.message).toMatch(message);
  });

  it("reads amounts as registers write them", () => {
    const used = (amount: string | number) =>
      find(check({ amount, costCenter: "HR" }).findings, "budget.exceeded").figures!.purchase;
    expect(used("$1,234.56")).toBe(123456);
    expect(used("1234.56")).toBe(123456);
    expect(used(1234.56)).toBe(123456);
    expect(used("1,234.565")).toBe(123457);
    expect(codes(check({ amount: "(100.00)", costCenter: "HR" }).findings)).not.toContain("budget.exceeded");
  });

  it("takes the currency from the amount when the row has no currency", () => {
    const r = check({ currency: "", amount: "€ 2.000,00", costCenter: "EU", category: "" });
    expect(codes(r.findings)).toContain("approval.required");
    expect(find(r.findings, "approval.required").message).toMatch(/2,200\.00 USD/);
  });

  it("flags an amount whose symbol contradicts the currency column", () => {
    expect(find(check({ amount: "€100", currency: "USD" }).findings, "row.invalid-amount").message).toMatch(
      /is in EUR but the currency says USD/,
    );
  });

  it("never stops the batch for a bad row, and numbers rows from 1", () => {
    const r = batch([{ amount: "oops" }, { invoiceDate: "yesterday" }, {}]);
    expect(batchRows(r).map((x) => x.row)).toEqual([1, 2, 3]);
    expect(batchRows(r).map((x) => x.status)).toEqual(["warn", "warn", "info"]);
    expect(r.summary.byCode).toEqual({
      "row.invalid-amount": 1,
      "row.invalid-date": 1,
      "terms.take-discount": 3,
    });
  });

  it("gives the same output for the same input", () => {
    const rows = [
      { amount: "2500" },
      { supplier: "Lenovo" },
      { amount: "x" },
      { supplier: "Del Technolgies" },
    ];
    expect(batch(rows)).toEqual(batch(rows));
    expect(JSON.stringify(batch(rows))).toBe(JSON.stringify(batch(rows)));
  });
});
