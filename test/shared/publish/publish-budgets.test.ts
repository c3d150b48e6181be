import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatChange } from "../../../shared/diff/rule-book-diff";
import { publishBudgets } from "../../../shared/publish/publish-budgets";
import { formatRuleFile } from "../../../shared/publish/format-rule-file";
import type { BudgetEntry } from "../../../shared/publish/budget-table";
import { exampleRulesDir } from "../../helpers/rule-files";

const files = readdirSync(exampleRulesDir)
  .filter((n) => n.endsWith(".json"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(exampleRulesDir, name), "utf8") }));
const finance = JSON.parse(files.find((f) => f.name === "finance.json")!.text) as { budgets: BudgetEntry[] };

describe("canonical rule-file text", () => {
  it("is exactly the repository's formatting of every example file", () => {
    for (const f of files) expect(formatRuleFile(JSON.parse(f.text))).toBe(f.text);
  });
});

describe("publishing budgets", () => {
  it("says in words when the figures' date changes", () => {
    const budgets = structuredClone(finance.budgets);
    budgets[0]!.spent = "700000.00";
    budgets[0]!.figuresAsOf = "2026-11-21";
    const r = publishBudgets(files, budgets);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.changes.map(formatChange)[0]).toBe(
      "finance: budget IT-HW spent 612,450.00 → 700,000.00 USD; figures as of set to 2026-11-21",
    );
  });

  it("rewrites the finance file, raises the revision in the file with meta, and says what changed, in words", () => {
    const budgets = structuredClone(finance.budgets);
    budgets[0]!.amount = "1250000.00";
    const r = publishBudgets(files, budgets);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.changed).toEqual(["finance.json", "shared.json"]);
    expect(r.value.changes.map(formatChange)).toEqual([
      "finance: budget IT-HW amount 1,200,000.00 → 1,250,000.00 USD",
      "shared: rule book revision 14 → 15",
    ]);
    expect(r.value.revision).toEqual({ from: 14, to: 15, file: "shared.json", alone: true });
    expect(r.value.book.meta.revision).toBe(15);
    // shared.json differs by the one number only; procurement.json not at all.
    const sharedBefore = files.find((x) => x.name === "shared.json")!.text;
    expect(r.value.files.find((f) => f.name === "shared.json")!.text).toBe(
      sharedBefore.replace('"revision": 14,', '"revision": 15,'),
    );
    expect(r.value.files.find((f) => f.name === "procurement.json")!.text).toBe(
      files.find((x) => x.name === "procurement.json")!.text,
    );
    const out = JSON.parse(r.value.files.find((f) => f.name === "finance.json")!.text) as Record<
      string,
      unknown
    >;
    expect(Object.keys(out)).toEqual(
      Object.keys(JSON.parse(files.find((f) => f.name === "finance.json")!.text) as object),
    );
  });

  it("gives no change, and keeps the revision, for the same budgets", () => {
    const r = publishBudgets(files, finance.budgets);
    expect(r.ok && r.value.changes).toEqual([]);
    expect(r.ok && r.value.revision).toBeNull();
    expect(r.ok && r.value.book.meta.revision).toBe(14);
  });

  it("validates the whole rule book and points rule errors at the sheet row", () => {
    const budgets = structuredClone(finance.budgets);
    budgets[1]!.period = "FY20X6";
    budgets.push({ ...budgets[0]!, categories: ["no-such-category"] });
    const rows = budgets.map((_, i) => i + 2);
    const r = publishBudgets(files, budgets, rows);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byRow = r.errors.filter((e) => e.row !== undefined).map((e) => e.row);
    expect(byRow).toContain(3);
    expect(byRow).toContain(rows.at(-1));
  });

  it("moves budgets into one file when they were split, and refuses a rule book with no finance file", () => {
    const single = [
      {
        name: "rules.json",
        text: JSON.stringify({
          schemaVersion: 1,
          meta: { organisation: "X", baseCurrency: "USD", revision: 1, effectiveDate: "2026-01-01" },
        }),
      },
    ];
    const r = publishBudgets(single, [{ costCenter: "A", period: "FY2026", amount: "1.00", action: "warn" }]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.changes.map(formatChange)).toEqual([
        "finance: budget A added: 1.00 USD for FY2026, action warn",
        "shared: rule book revision 1 → 2",
      ]);
      // One file holds both: it is the only one changed, its revision raised with the budgets.
      expect(r.value.changed).toEqual(["rules.json"]);
      expect(r.value.revision).toEqual({ from: 1, to: 2, file: "rules.json", alone: false });
    }
    const proc = files.filter((f) => f.name !== "finance.json");
    const none = publishBudgets(proc, []);
    expect(none.ok).toBe(false);
  });
});
