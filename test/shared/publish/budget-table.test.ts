import { describe, expect, it } from "vitest";
import {
  budgetTableToSection,
  mapBudgetColumns,
  missingBudgetColumns,
  type BudgetEntry,
} from "../../../shared/publish/budget-table";
import type { CellValue } from "../../../shared/sheet/cell-values";

const headers = ["Cost centre", "Period", "Budget", "Spent", "Committed", "Action", "Currency"];
const mapping = mapBudgetColumns(headers);
const opts = { baseCurrency: "USD", firstRow: 2, headers };
const table = (rows: CellValue[][]) => budgetTableToSection(rows, mapping, opts);

describe("budget table to the budgets section", () => {
  it("maps the usual headers", () => {
    expect(mapping).toEqual({
      costCenter: 0,
      period: 1,
      amount: 2,
      spent: 3,
      committed: 4,
      action: 5,
      currency: 6,
    });
    expect(missingBudgetColumns(mapBudgetColumns(["Dept", "Amount"]))).toEqual(["period"]);
  });

  it("writes amounts as exact decimal text in the currency's minor units, from numbers or register text", () => {
    const r = table([
      ["IT-HW", "FY2026", 1200000, "612,450.00", "$148,200.5", "Stop", ""],
      ["JP-OPS", "FY2026", 5000000, 0, "", "warn", "jpy"],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      {
        costCenter: "IT-HW",
        period: "FY2026",
        amount: "1200000.00",
        spent: "612450.00",
        committed: "148200.50",
        action: "stop",
      },
      {
        costCenter: "JP-OPS",
        period: "FY2026",
        amount: "5000000",
        spent: "0",
        currency: "JPY",
        action: "warn",
      },
    ]);
    expect(r.rowOfIndex).toEqual([2, 3]);
  });

  it("skips empty rows and names the sheet row and column of every bad cell", () => {
    const r = table([
      ["", "", "", "", "", "", ""],
      ["IT-HW", 46327, 0.1 + 0.2, -5, "abc", "block", "XXX"],
      ["FAC", "FY2026", "", "", "", "", ""],
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "Period"],
      [3, "Currency"],
      [4, "Budget"],
      [4, "Action"],
    ]);
    expect(r.errors[0]!.message).toMatch(/format the column as Text/);
    const r2 = table([["IT-HW", "FY2026", 0.1 + 0.2, -5, "abc", "block", ""]]);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.errors.map((e) => e.column)).toEqual(["Budget", "Spent", "Committed", "Action"]);
    expect(r2.errors[0]!.message).toMatch(/ROUND/);
    expect(r2.errors[1]!.message).toMatch(/negative/);
  });

  it("refuses rounding register text with more decimals than the currency has", () => {
    const r = table([["IT-HW", "FY2026", "$1,000.005", "", "", "stop", ""]]);
    expect(r.ok).toBe(false);
  });

  it("keeps what the table has no column for from the current budget of the same cost center and period", () => {
    const existing: BudgetEntry[] = [
      {
        costCenter: "IT-HW",
        name: "IT hardware",
        period: "FY2026",
        amount: "1.00",
        action: "stop",
        categories: ["it-hardware"],
        owner: "Head of IT",
      },
    ];
    const m = mapBudgetColumns(["Cost center", "Period", "Amount"]);
    const r = budgetTableToSection([["IT-HW", "FY2026", 5]], m, {
      ...opts,
      headers: ["Cost center", "Period", "Amount"],
      existing,
    });
    expect(r.ok && r.value).toEqual([
      {
        costCenter: "IT-HW",
        name: "IT hardware",
        period: "FY2026",
        amount: "5.00",
        action: "stop",
        categories: ["it-hardware"],
        owner: "Head of IT",
      },
    ]);
    const none = budgetTableToSection([["NEW", "FY2026", 5]], m, {
      ...opts,
      headers: ["Cost center", "Period", "Amount"],
      existing,
    });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors[0]!.message).toMatch(/add an Action column/);
  });

  it("reports missing columns as a whole", () => {
    const r = budgetTableToSection([["x"]], mapBudgetColumns(["Owner"]), { ...opts, headers: ["Owner"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/no cost center, period, amount column/);
  });

  it("dates the spent and committed it publishes anew, and keeps the date of figures left as they were", () => {
    const existing: BudgetEntry[] = [
      {
        costCenter: "IT-HW",
        period: "FY2026",
        amount: "100.00",
        spent: "10.00",
        action: "stop",
        figuresAsOf: "2026-10-31",
      },
      {
        costCenter: "MKT",
        period: "FY2026",
        amount: "100.00",
        spent: "20.00",
        action: "warn",
        figuresAsOf: "2026-10-31",
      },
      { costCenter: "HR", period: "FY2026", amount: "100.00", action: "warn" },
    ];
    const r = budgetTableToSection(
      [
        ["IT-HW", "FY2026", 100, 12, "", "stop", ""], // spent changed
        ["MKT", "FY2026", 150, "20", "", "warn", ""], // only the amount changed
        ["HR", "FY2026", 100, "", "", "warn", ""], // no figures before or now
        ["FIN", "FY2026", 100, 0, 5, "warn", ""], // a new budget with figures
      ],
      mapping,
      { ...opts, existing, figuresAsOf: "2026-11-21" },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.map((b) => [b.costCenter, b.figuresAsOf])).toEqual([
      ["IT-HW", "2026-11-21"],
      ["MKT", "2026-10-31"],
      ["HR", undefined],
      ["FIN", "2026-11-21"],
    ]);
    // A table without spent or committed columns states no figures: nothing is dated.
    const plain = ["Cost centre", "Period", "Budget", "Action"];
    const bare = budgetTableToSection([["FIN", "FY2026", 100, "warn"]], mapBudgetColumns(plain), {
      ...opts,
      headers: plain,
      figuresAsOf: "2026-11-21",
    });
    expect(bare.ok && bare.value[0]!.figuresAsOf).toBeUndefined();
  });
});
