import { describe, expect, it } from "vitest";
import type { RuleIssue } from "../../../shared/rules/issues";
import { parseRuleBookTexts } from "../../../shared/rules/load";
import {
  clone,
  exampleFiles,
  exampleSingleFile,
  parseObjects,
  type Editable,
} from "../../helpers/rule-files";

type Json = Editable;

/** Validates the single-file example after `edit`, returning the problems found. */
function problemsAfter(edit: (book: Json) => void): RuleIssue[] {
  const book = clone(exampleSingleFile()) as Json;
  edit(book);
  const result = parseObjects({ "rules.json": book });
  return result.ok ? [] : result.errors;
}

describe("rule-book errors say where and why", () => {
  it.each<[string, (b: Json) => void, string, RegExp]>([
    [
      "a typo in a field name",
      (b) => (b.budgets[0].amout = b.budgets[0].amount),
      "budgets[0].amout",
      /unknown field "amout" \(did you mean "amount"\?\)/,
    ],
    ["an unknown top-level section", (b) => (b.supplier = []), "supplier", /did you mean "suppliers"/],
    [
      "payment terms over 200 characters",
      (b) => (b.suppliers[0].terms = `Net 30 ${"x".repeat(5_000_000)}`),
      "suppliers[0].terms",
      /^must be at most 200 characters$/,
    ],
    [
      "a field name of a megabyte",
      (b) => (b.meta[`${"z".repeat(1_000_000)}`] = 1),
      `meta["${"z".repeat(80)}…"]`,
      /^unknown field "z{80}…"; remove it or fix its name$/,
    ],
    [
      "a number where an amount text is expected",
      (b) => (b.budgets[1].amount = 850000),
      "budgets[1].amount",
      /amount written as text, like "250000.00" \(found number 850000\)/,
    ],
    [
      "thousands separators in an amount",
      (b) => (b.budgets[1].amount = "850,000.00"),
      "budgets[1].amount",
      /no thousands separators/,
    ],
    [
      "more decimals than the currency has",
      (b) => (b.budgets[1].amount = "850000.005"),
      "budgets[1].amount",
      /3 decimals.*USD has 2/,
    ],
    [
      "an upper-case action",
      (b) => (b.budgets[2].action = "Stop"),
      "budgets[2].action",
      /"stop".*lower case/,
    ],
    ["a missing required field", (b) => delete b.meta.organisation, "meta.organisation", /required/],
    [
      "a supplier category that does not exist",
      (b) => (b.suppliers[0].categories = ["it-hardwear"]),
      "suppliers[0].categories[0]",
      /unknown category "it-hardwear" \(did you mean "it-hardware"\?\)/,
    ],
    [
      "a budget category that does not exist",
      (b) => b.budgets[0].categories.push("snacks"),
      "budgets[0].categories[1]",
      /unknown category "snacks"/,
    ],
    [
      "a policy exception for a category that does not exist",
      (b) => (b.paymentPolicy.exceptions[0].category = "utility"),
      "paymentPolicy.exceptions[0].category",
      /unknown category "utility"/,
    ],
    [
      "a currency that is not ISO 4217",
      (b) => (b.budgets[3].currency = "EUD"),
      "budgets[3].currency",
      /"EUD" is not an ISO 4217 currency code/,
    ],
    [
      "a currency with no FX rate",
      (b) => (b.budgets[3].currency = "CHF"),
      "budgets[3].currency",
      /CHF has no FX rate/,
    ],
    ["a lower-case currency", (b) => (b.meta.baseCurrency = "usd"), "meta.baseCurrency", /capitals/],
    [
      "a duplicate supplier id",
      (b) => (b.suppliers[1].id = b.suppliers[0].id),
      "suppliers[1].id",
      /duplicate supplier id "dell"/,
    ],
    [
      "a domain on two suppliers",
      (b) => b.suppliers[1].domains.push("www.dell.com".slice(4)),
      "suppliers[1].domains[1]",
      /dell\.com already belongs to supplier "dell"/,
    ],
    [
      "a vendor id on two suppliers",
      (b) => (b.suppliers[1].vendorIds = ["10042"]),
      "suppliers[1].vendorIds[0]",
      /vendor id 10042 already belongs to supplier "dell"/,
    ],
    [
      "a domain with https://",
      (b) => (b.suppliers[2].domains = ["https://hp.com"]),
      "suppliers[2].domains[0]",
      /without https:\/\//,
    ],
    [
      "payment terms nobody understands",
      (b) => (b.suppliers[0].terms = "Net 3O"),
      "suppliers[0].terms",
      /"Net 3O" not understood: .*3O/,
    ],
    [
      "an impossible date",
      (b) => (b.meta.effectiveDate = "2026-02-30"),
      "meta.effectiveDate",
      /not a real date/,
    ],
    [
      "a contract that ends before it starts",
      (b) => (b.suppliers[0].contract.starts = "2028-01-01"),
      "suppliers[0].contract.ends",
      /before the contract starts/,
    ],
    [
      "two budgets for one cost center in overlapping periods",
      (b) => b.budgets.push({ ...b.budgets[0], period: "2026-Q2" }),
      "budgets[12].period",
      /already has a budget for FY2026, which overlaps 2026-Q2/,
    ],
    [
      "a period nobody understands",
      (b) => (b.budgets[0].period = "2026 H1"),
      "budgets[0].period",
      /is not a period/,
    ],
    [
      "a duplicate category id",
      (b) => b.categories.push({ id: "travel", name: "Trips" }),
      "categories[15].id",
      /duplicate category id "travel"/,
    ],
    ["an FX rate of zero", (b) => (b.fxRates.rates.EUR = "0"), "fxRates.rates.EUR", /more than 0/],
    ["a blank name", (b) => (b.suppliers[0].name = "   "), "suppliers[0].name", /must not be empty/],
    [
      "an object where a list belongs",
      (b) => (b.budgets = {}),
      "budgets",
      /^must be a list \[ … \] \(found an object\)$/,
    ],
    [
      "terms that are neither text nor structured",
      (b) => (b.suppliers[0].terms = 30),
      "suppliers[0].terms",
      /^must be text in quotes or an object \{ … \} \(found number 30\)$/,
    ],
    [
      "yes where true or false belongs",
      (b) => (b.savings[0].financeRecognises = "yes"),
      "savings[0].financeRecognises",
      /^must be true or false/,
    ],
    [
      "a value outside a fixed list",
      (b) => (b.suppliers[0].terms = { due: { on: "later" } }),
      "suppliers[0].terms.due.on",
      /^must be one of "receipt", "delivery" or "advance"/,
    ],
  ])("%s", (_label, edit, path, message) => {
    const problems = problemsAfter(edit);
    const match = problems.find((p) => p.path === path);
    expect(match, `expected a problem at ${path}, got ${JSON.stringify(problems)}`).toBeDefined();
    expect(match!.message).toMatch(message);
    expect(match!.file).toBe("rules.json");
  });

  it("names the file and the section when a team writes another team's section", () => {
    const files = exampleFiles();
    const finance = { ...files["finance.json"], categories: [{ id: "snacks", name: "Snacks" }] };
    const result = parseObjects({ ...files, "finance.json": finance });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({
      file: "finance.json",
      path: "categories",
      message: expect.stringMatching(
        /belongs to team "finance", but categories is owned by team "procurement"/,
      ),
    });
  });

  it("names both files when a one-file section is written twice", () => {
    const files = exampleFiles();
    const procurement = { ...files["procurement.json"], meta: (files["shared.json"] as Json).meta };
    const result = parseObjects({ ...files, "procurement.json": procurement });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContainEqual({
        file: "shared.json",
        path: "meta",
        message: "meta is already defined in procurement.json; keep it in one file only",
      });
    }
  });

  it("points at the line and column of a JSON syntax error", () => {
    const text = '{\n  "schemaVersion": 1,\n  "meta": { "organisation": "X", }\n}\n';
    const result = parseRuleBookTexts([{ name: "broken.json", text }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/not valid JSON at line 3, column \d+/);
  });

  it("refuses a file written for a newer Headroom, saying so", () => {
    const result = parseObjects({ "rules.json": { ...exampleSingleFile(), schemaVersion: 2 } });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({
        path: "schemaVersion",
        message: expect.stringMatching(/newer/),
      });
  });

  it("says so when a file is not a rule-book file at all", () => {
    const list = parseRuleBookTexts([{ name: "list.json", text: "[1, 2]" }]);
    expect(list).toEqual({
      ok: false,
      errors: [{ file: "list.json", path: "(file)", message: "must be a JSON object { … } (found a list)" }],
    });
    const other = parseRuleBookTexts([{ name: "package.json", text: '{"name": "x"}' }]);
    expect(other.ok).toBe(false);
    if (!other.ok)
      expect(other.errors[0]).toMatchObject({
        path: "schemaVersion",
        message: /^is missing: add "schemaVersion": 1/,
      });
  });

  it("lists every problem at once, not just the first", () => {
    const problems = problemsAfter((b) => {
      b.suppliers[0].categories = ["nope"];
      b.suppliers[3].status = "favourite";
      b.budgets[0].action = "halt";
    });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
