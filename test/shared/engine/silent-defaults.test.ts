import { describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import { mapColumns, mappedFields, rowToPurchase } from "../../../shared/engine/columns";
import type { PurchaseInput } from "../../../shared/engine/types";
import { asOf, base, batch, book, check, codes, find } from "./fixture";

const header = ["Supplier", "Amount", "Currency", "Cost center", "Category", "Terms", "Invoice date"];
const mapping = mapColumns(header);
const columns = mappedFields(mapping);
const line = (...cells: string[]) => rowToPurchase(cells, mapping);

describe("a blank date or currency in a register that has the column", () => {
  it("is a row warning that says what was used instead", () => {
    const r = checkBatch(
      book,
      [
        line("Dell", "100.00", "USD", "IT", "hardware", "Net 45", ""),
        line("Dell", "100.00", "", "IT", "hardware", "Net 45", "2026-11-02"),
        line("Dell", "¥1,000", "", "IT", "hardware", "Net 45", "2026-11-02"), // the amount names it
        line("Dell", "100.00", "USD", "IT", "hardware", "Net 45", "2026-11-02"),
      ],
      { asOf, columns },
    );
    expect(find(r.findingsOf(0), "row.missing-date")).toMatchObject({
      severity: "warn",
      message:
        "No invoice date: the row was dated 2026-11-21, the as-of date, for its budget period and the supplier's contract. Fill in the date.",
    });
    expect(find(r.findingsOf(1), "row.missing-currency")).toMatchObject({
      severity: "warn",
      message:
        "No currency: the amount was taken as USD, the rule book's base currency. Fill in the currency if it is another.",
    });
    expect(codes(r.findingsOf(2))).not.toContain("row.missing-currency");
    expect(codes(r.findingsOf(3)).filter((c) => c.startsWith("row."))).toEqual([]);
    expect(r.summary.byCode).toMatchObject({ "row.missing-date": 1, "row.missing-currency": 1 });
    expect(r.summary.assumptions.filter((a) => !a.includes("figuresAsOf"))).toEqual([]);
  });

  it("is a row warning too when the row gives the field as blank text, without a column list", () => {
    expect(codes(check({ invoiceDate: " " }).findings)).toContain("row.missing-date");
    expect(codes(check({ currency: "" }).findings)).toContain("row.missing-currency");
  });
});

describe("a register without a date or currency column", () => {
  it("states the assumption once in the summary, not on every row", () => {
    const rows: PurchaseInput[] = [1, 2, 3].map(() => ({
      ...base,
      currency: undefined,
      invoiceDate: undefined,
    }));
    const r = checkBatch(book, rows, {
      asOf,
      columns: ["supplier", "amount", "costCenter", "category", "terms"],
    });
    for (let i = 0; i < 3; i++) {
      expect(codes(r.findingsOf(i))).not.toContain("row.missing-date");
      expect(codes(r.findingsOf(i))).not.toContain("row.missing-currency");
    }
    expect(r.summary.assumptions.slice(0, 2)).toEqual([
      "The register has no invoice date column: 3 rows were dated 2026-11-21, the as-of date, for budget periods and contracts.",
      "The register has no currency column: 3 rows were taken in USD, the rule book's base currency.",
    ]);
    // Without the register's columns, the rows are counted as they came; "€ 99" names its currency.
    const loose = checkBatch(book, [...rows.slice(1), { ...rows[0]!, amount: "€ 99" }], { asOf });
    expect(loose.summary.assumptions.slice(0, 2)).toEqual([
      "3 rows had no invoice date: they were dated 2026-11-21, the as-of date, for budget periods and contracts.",
      "2 rows had no currency: they were taken in USD, the rule book's base currency.",
    ]);
  });
});

describe("approval", () => {
  it("is checked without a cost center, whenever the amount converts to the base currency", () => {
    const r = check({ costCenter: "", amount: "3000.00", currency: "EUR" });
    expect(codes(r.findings)).toEqual([
      "row.missing-cost-center",
      "terms.take-discount",
      "approval.required",
    ]);
    expect(find(r.findings, "approval.required").message).toBe(
      "Needs approval by CFO: 3,300.00 USD is at or above 2,500.00 USD.",
    );
  });

  it("says it could not be checked when the amount cannot be converted", () => {
    const r = check({ costCenter: "", amount: "10000000", currency: "SEK" });
    expect(codes(r.findings)).toEqual([
      "row.missing-cost-center",
      "terms.take-discount",
      "approval.not-checked",
    ]);
    expect(find(r.findings, "approval.not-checked")).toMatchObject({
      severity: "warn",
      message:
        "Approval could not be checked: 10,000,000.00 SEK cannot be converted to USD, the currency of the thresholds (no FX rate for SEK in the rule book). Find the approver by hand.",
    });
    // With a cost center the budget check says it too, each for its own check.
    expect(codes(check({ amount: "100", currency: "SEK" }).findings)).toEqual(
      expect.arrayContaining(["budget.no-fx-rate", "approval.not-checked"]),
    );
  });

  it("says so for a currency that is not one", () => {
    expect(find(check({ currency: "EURO" }).findings, "row.invalid-currency").message).toMatch(
      /budget and approval checks were skipped\.$/,
    );
  });
});

describe("a name that is one supplier and a vendor id that is another", () => {
  it("is a warning naming both; the vendor id decides", () => {
    const rows = [
      { supplier: "Lenovo Inc.", vendorId: "10042" }, // 10042 is Dell's
      { supplier: "Lenovo Inc.", vendorId: "10042" },
      { supplier: "Dell", vendorId: "10042" },
      { supplier: "Dell Technologies", vendorId: "10042" }, // legal suffix left out: the same supplier
      { supplier: "Nobody Ltd", vendorId: "10042" }, // a name of no supplier: nothing to contradict
    ];
    const r = batch(rows);
    for (const i of [0, 1]) {
      expect(find(r.findingsOf(i), "supplier.name-vendor-mismatch")).toMatchObject({
        severity: "warn",
        message:
          "The vendor id is Dell Technologies Inc.'s but the name is Lenovo Inc.'s: the row was checked as Dell Technologies Inc., by its vendor id. Correct whichever is wrong.",
        figures: { supplier: "dell", byName: "lenovo" },
      });
    }
    for (const i of [2, 3, 4]) expect(codes(r.findingsOf(i))).not.toContain("supplier.name-vendor-mismatch");
    // The first time through the slow path, then from the vendor id seen before: the same answer.
    expect(check({ supplier: "Lenovo Inc.", vendorId: " 10042" }).findings.map((f) => f.code)).toContain(
      "supplier.name-vendor-mismatch",
    );
  });
});

describe("an amount with more decimals than its currency has", () => {
  it("is a warning with the amount it was checked as, not a silent rounding", () => {
    const text = find(check({ amount: "¥1,000.50", currency: "" }).findings, "row.extra-decimals");
    expect(text).toMatchObject({
      severity: "warn",
      message:
        'Amount "¥1,000.50" has 1 decimal but JPY has none: it was checked as 1,001 JPY. Correct the amount or its currency.',
      figures: { decimals: 1, allowed: 0, currency: "JPY", checkedAs: 1001 },
    });
    const number = find(check({ amount: 12.345 }).findings, "row.extra-decimals");
    expect(number.message).toBe(
      'Amount "12.345" has 3 decimals but USD has 2: it was checked as 12.35 USD. Correct the amount or its currency.',
    );
    expect(codes(check({ amount: "1,000.005" }).findings)).toContain("row.extra-decimals");
  });

  it("is not said for trailing zeros or a formula's float noise", () => {
    expect(codes(check({ amount: "100.00", currency: "JPY" }).findings)).not.toContain("row.extra-decimals");
    expect(codes(check({ amount: 0.1 * 3 }).findings)).not.toContain("row.extra-decimals");
    expect(codes(check({ amount: 1234.5600000000002 }).findings)).not.toContain("row.extra-decimals");
  });
});
