import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runHeadroom } from "../helpers/cli";

type Report = {
  rows: { row: number; status: string; findings: { code: string; message: string }[] }[];
  summary: {
    newRows: number;
    countedRows: number;
    undatedRows: number;
    undatedRowsAre: string;
    assumptions: string[];
    byCode: Record<string, number>;
    budgets: {
      costCenter: string;
      consumed: string;
      rows: number;
      countedRows: number;
      figuresAsOf?: string;
    }[];
  };
};

/** A folder with the engine fixture's rule book (budget IT: 10,000, spent 6,000, committed 1,000), IT's figures dated when asked. */
function ruleBook(figuresAsOf?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "headroom-rows-"));
  const book = JSON.parse(readFileSync(join(repoRoot, "test/fixtures/engine/rules.json"), "utf8")) as {
    $schema?: string;
    budgets: Record<string, unknown>[];
  };
  delete book.$schema;
  if (figuresAsOf) book.budgets[0]!["figuresAsOf"] = figuresAsOf;
  writeFileSync(join(dir, "rules.json"), JSON.stringify(book));
  return join(dir, "rules.json");
}

function register(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "headroom-rows-"));
  writeFileSync(join(dir, "register.csv"), text);
  return join(dir, "register.csv");
}

// An AP register of posted invoices: two already in IT's spent, one posted after the figures were taken.
const apRegister = register(
  [
    "Invoice,Supplier,Amount,Currency,Cost center,Category,Terms,Invoice date",
    "INV-1,Dell,2000.00,USD,IT,hardware,2/10 Net 45,2026-10-02",
    "INV-2,Dell,2000.00,USD,IT,hardware,2/10 Net 45,2026-10-30",
    "INV-3,Dell,2500.00,USD,IT,hardware,2/10 Net 45,2026-11-02",
    "",
  ].join("\n"),
);
const check = (rules: string, file: string, ...more: string[]) =>
  runHeadroom(["check", file, "--rules", rules, "--as-of", "2026-11-21", ...more]);

describe("headroom check on rows already in the budgets' figures", () => {
  it("uses no headroom for rows dated on or before the budget's figuresAsOf, and says how many", async () => {
    const r = await check(ruleBook("2026-10-31"), apRegister, "--json");
    expect(r.stderr).toBe("");
    const body = JSON.parse(r.stdout) as Report;
    expect(body.summary).toMatchObject({ newRows: 1, countedRows: 2, undatedRows: 0 });
    expect(body.summary.budgets[0]).toMatchObject({
      costCenter: "IT",
      consumed: "2500.00",
      rows: 3,
      countedRows: 2,
      figuresAsOf: "2026-10-31",
    });
    // Counted twice, the register would exceed IT's 3,000 of headroom: it does not.
    expect(body.summary.byCode["budget.exceeded"]).toBeUndefined();
    expect(body.rows[0]!.findings.map((f) => f.code)).toContain("approval.required"); // still checked

    const text = await check(ruleBook("2026-10-31"), apRegister);
    expect(text.stdout).toContain(
      "Against budgets: 1 row new (they used headroom), 2 rows already in spent or committed (checked, no headroom used).",
    );
    expect(text.stdout).not.toContain("--rows");
  });

  it("takes rows as new when the figures carry no date, and says so with the flag that changes it", async () => {
    const r = await check(ruleBook(), apRegister);
    expect(r.stdout).toContain(
      "Against budgets: 3 rows new (they used headroom), 0 rows already in spent or committed",
    );
    expect(r.stdout).toContain(
      "3 rows are against budgets whose spent and committed carry no date (no figuresAsOf): they were taken as new purchases, not yet in those figures (the default).",
    );
    expect(r.stdout).toContain(
      "--rows counted takes them as already counted: for an AP register of posted invoices.",
    );
    expect(r.stdout).toMatch(/budget\.exceeded/);
  });

  it("--rows counted takes them as already in the figures, and the output says it was asked", async () => {
    const r = await check(ruleBook(), apRegister, "--rows", "counted", "--json");
    const body = JSON.parse(r.stdout) as Report;
    expect(body.summary).toMatchObject({
      newRows: 0,
      countedRows: 3,
      undatedRows: 3,
      undatedRowsAre: "counted",
    });
    expect(body.summary.budgets[0]).toMatchObject({ consumed: "0.00", countedRows: 3 });
    expect(body.summary.byCode["budget.exceeded"]).toBeUndefined();
    expect(body.summary.assumptions).toEqual([
      "3 rows are against budgets whose spent and committed carry no date (no figuresAsOf): as asked, they were taken as already in those figures and used no headroom.",
    ]);
    const text = await check(ruleBook(), apRegister, "--rows", "counted");
    expect(text.stdout).toContain("--rows new takes them as new purchases: for a PO log of new orders.");
  });

  it("refuses a --rows that is neither new nor counted", async () => {
    const r = await check(ruleBook(), apRegister, "--rows", "posted");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rows: "posted" is not new or counted');
  });
});

describe("headroom check says what it assumed", () => {
  it("warns on a blank date or currency cell, and states a missing column once", async () => {
    const withColumns = register(
      [
        "Supplier,Amount,Currency,Cost center,Category,Terms,Invoice date",
        "Dell,100.00,,IT,hardware,2/10 Net 45,2026-11-02",
        "Dell,100.00,USD,IT,hardware,2/10 Net 45,",
        "",
      ].join("\n"),
    );
    const r = JSON.parse((await check(ruleBook(), withColumns, "--json")).stdout) as Report;
    expect(r.rows[0]!.findings.map((f) => f.code)).toContain("row.missing-currency");
    expect(r.rows[1]!.findings.map((f) => f.code)).toContain("row.missing-date");

    const without = register(
      ["Supplier,Amount,Cost center,Category", "Dell,100.00,IT,hardware", "Dell,5.00,IT,hardware", ""].join(
        "\n",
      ),
    );
    const text = await check(ruleBook(), without);
    expect(text.stdout).toContain(
      "The register has no invoice date column: 2 rows were dated 2026-11-21, the as-of date, for budget periods and contracts.",
    );
    expect(text.stdout).toContain(
      "The register has no currency column: 2 rows were taken in USD, the rule book's base currency.",
    );
    expect(text.stdout).not.toMatch(/row\.missing-(date|currency)/);
  });
});
