import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { checkBatch, checkPurchase } from "../../../shared/engine/check";
import type { Finding, PurchaseInput } from "../../../shared/engine/types";
import { parseRuleBookTexts } from "../../../shared/rules/load";
import type { RuleBook } from "../../../shared/rules/rule-book";
import { repoRoot } from "../../helpers/cli";

/** The small engine fixture rule book (test/fixtures/engine/rules.json). */
export function fixtureBook(): RuleBook {
  const text = readFileSync(join(repoRoot, "test/fixtures/engine/rules.json"), "utf8");
  const result = parseRuleBookTexts([{ name: "rules.json", text }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

export const book = fixtureBook();

/** The fixture rule book with `figuresAsOf` on budget IT (spent 6,000 + committed 1,000 of 10,000). */
export function fixtureBookWithFigures(figuresAsOf: string): RuleBook {
  const source = structuredClone(book.source) as { budgets?: Record<string, unknown>[] };
  source.budgets = source.budgets!.map((b) => (b["costCenter"] === "IT" ? { ...b, figuresAsOf } : b));
  const text = JSON.stringify({ schemaVersion: 1, ...source });
  const result = parseRuleBookTexts([{ name: "rules.json", text }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
export const asOf = (parseIsoDate("2026-11-21") as { ok: true; value: number }).value;

/** A purchase that passes every check but the discount hint; tests change one thing at a time. */
export const base: PurchaseInput = {
  supplier: "Dell Technologies Inc.",
  amount: "100.00",
  currency: "USD",
  costCenter: "IT",
  category: "hardware",
  terms: "2/10 Net 45",
  invoiceDate: "2026-11-02",
};

export function check(change: Partial<PurchaseInput> = {}): ReturnType<typeof checkPurchase> {
  return checkPurchase(book, { ...base, ...change }, { asOf });
}

export function batch(rows: Partial<PurchaseInput>[]) {
  return checkBatch(
    book,
    rows.map((r) => ({ ...base, ...r })),
    { asOf },
  );
}

export const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);
export const find = (findings: readonly Finding[], code: string) => {
  const f = findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${JSON.stringify(findings, null, 2)}`);
  return f;
};
