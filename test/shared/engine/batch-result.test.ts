import { describe, expect, it } from "vitest";
import { batchRows, checkBatch, checkPurchase } from "../../../shared/engine/check";
import type { PurchaseInput } from "../../../shared/engine/types";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRuleBookTexts } from "../../../shared/rules/load";
import type { RuleBook } from "../../../shared/rules/rule-book";
import { repoRoot } from "../../helpers/cli";
import { asOf, base, codes } from "./fixture";

/**
 * The engine fixture with budgets large enough that no row of these tests exceeds one: each row's
 * findings then do not depend on the rows before it. (Cumulative budget use: budget.test.ts.)
 */
function roomyBook(): RuleBook {
  const source = JSON.parse(readFileSync(join(repoRoot, "test/fixtures/engine/rules.json"), "utf8")) as {
    budgets: { amount: string }[];
  };
  for (const b of source.budgets) b.amount = "90000000.00";
  const loaded = parseRuleBookTexts([{ name: "rules.json", text: JSON.stringify(source) }]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.value;
}
const book = roomyBook();

/** Rows that reach every kind of shared finding, one-off findings, and mixes of the two. */
const VARIANTS: Partial<PurchaseInput>[] = [
  {},
  { supplier: "Lenovo Inc." }, // not preferred for hardware
  { supplier: "Lenovo Inc.", terms: "2/10 Net 45" }, // not preferred + differs + take the discount
  { supplier: "Cheapo Parts Ltd" }, // blocked
  { supplier: "Pixel Studio", category: "software", amount: "600.00" }, // restricted + approval
  { supplier: "SoftCo GmbH", category: "software", terms: "" }, // contract ending, skip the discount
  { supplier: "SoftCo GmbH", category: "software", invoiceDate: "2026-12-05" }, // contract ended
  { supplier: "City Power", category: "utilities", costCenter: "HR" }, // terms below policy
  { supplier: "Acme" }, // approved for travel, not preferred for hardware
  { supplier: "Dell Technologies", invoiceDate: "2026-11-03" }, // another day's discount deadline
  { amount: "1200.00" }, // approval
  { amount: "90.00", currency: "EUR", costCenter: "EU" },
  { amount: "oops" },
  { costCenter: "" },
  { costCenter: "NOPE" },
  { supplier: "Dell Technologies Inc.", terms: "Net 5" },
];

/** The variants interleaved, many times over. */
function rows(count: number): PurchaseInput[] {
  // A stride of 7 through 16 variants visits them all, each time in a different neighbourhood.
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    ...VARIANTS[(i * 7 + (i >> 4)) % VARIANTS.length]!,
    ref: `R${i}`,
  }));
}

describe("a batch's result (columns of statuses and shared findings)", () => {
  const input = rows(400);

  it("gives each row what checking it alone gives, when earlier rows do not change its budget", () => {
    const result = checkBatch(book, input, { asOf });
    expect(result.rows).toBe(input.length);
    input.forEach((row, i) => {
      const alone = checkPurchase(book, row, { asOf });
      expect(result.statusOf(i), `row ${i}`).toBe(alone.status);
      expect(result.findingsOf(i), `row ${i}`).toEqual(alone.findings);
    });
  });

  it("counts by code and status exactly what the rows hold", () => {
    const result = checkBatch(book, input, { asOf });
    const byCode: Record<string, number> = {};
    const byStatus: Record<string, number> = { ok: 0, info: 0, warn: 0, block: 0 };
    for (const r of batchRows(result)) {
      byStatus[r.status]!++;
      for (const code of codes(r.findings)) byCode[code] = (byCode[code] ?? 0) + 1;
    }
    expect(result.summary.byStatus).toEqual(byStatus);
    expect(result.summary.byCode).toEqual(byCode);
    // The variants reach a wide spread of codes, shared and not.
    expect(Object.keys(byCode).length).toBeGreaterThanOrEqual(13);
  });

  it("is the same on a second run, when the rule book's kept findings are already made", () => {
    const fresh = roomyBook(); // a rule book of its own, so the first run starts with nothing kept
    const first = checkBatch(fresh, input, { asOf });
    const firstRows = structuredClone(batchRows(first));
    const second = checkBatch(fresh, input, { asOf });
    expect(batchRows(second)).toEqual(firstRows);
    expect(second.summary).toEqual(first.summary);
    // The first result still reads the same after the second run added lists.
    expect(batchRows(first)).toEqual(firstRows);
  });

  it("shares one frozen list between rows with the same findings, mixes of two shared findings included", () => {
    const result = checkBatch(
      book,
      [
        { supplier: "Lenovo Inc.", terms: "2/10 Net 45" },
        {},
        { supplier: "Lenovo Inc.", terms: "2/10 Net 45" },
      ].map((r) => ({ ...base, ...r })),
      { asOf },
    );
    expect(codes(result.findingsOf(0))).toEqual([
      "supplier.not-preferred",
      "terms.differ-from-contract",
      "terms.take-discount",
    ]);
    expect(result.findingsOf(2)).toBe(result.findingsOf(0));
    expect(Object.isFrozen(result.findingsOf(0))).toBe(true);
    expect(Object.isFrozen(result.findingsOf(0)[0])).toBe(true);
  });

  it("names a row outside the batch instead of answering undefined", () => {
    const result = checkBatch(book, input.slice(0, 3), { asOf });
    expect(() => result.statusOf(3)).toThrow(new RangeError("row 3 is not in this batch (rows 0 to 2)"));
    expect(() => result.findingsOf(-1)).toThrow(RangeError);
    expect(() => result.statusOf(1.5)).toThrow(RangeError);
  });
});
