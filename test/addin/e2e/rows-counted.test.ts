import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerRows } from "../register";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// The task pane says how its rows counted against budgets: new purchases (a PO log) or already in
// the budgets' spent and committed (posted invoices), chosen by the analyst for budgets whose figures
// carry no date; and a blank currency cell in a register that has the column is a row warning, not
// the base currency taken without a word.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();

async function check(page: Page): Promise<void> {
  await page.getByTestId("check").click();
  await page.getByTestId("check-result").waitFor();
  await page.getByTestId("check").and(page.locator(":enabled")).waitFor();
}

describe("rows against budgets in the task pane", () => {
  it("counts rows as new by default, as already counted when told, and says which", async () => {
    const { header, rows } = registerRows(30);
    const currency = header.indexOf("Currency");
    expect(currency).toBeGreaterThan(-1);
    rows[3]![currency] = "";
    const page = await harness.openPane({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
    });
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("find-data").click();
    await page.getByTestId("rows-are").waitFor();
    expect(await page.getByTestId("rows-are").inputValue()).toBe("new");

    await check(page);
    const asNew = await text(page, "check-notes");
    expect(asNew).toMatch(/Against budgets: \d+ rows new \(they used headroom\), 0 rows already in spent/);
    // Row 5 of the sheet (data row 4) has a blank currency cell: said on the row.
    const flagged = page.locator('[data-testid=flagged-row][data-row="5"]');
    await flagged.waitFor();
    expect(await flagged.textContent()).toMatch(/currency/i);

    await page.getByTestId("rows-are").selectOption("counted");
    await check(page);
    const counted = await text(page, "check-notes");
    expect(counted).toMatch(/Against budgets: 0 rows new \(they used headroom\), \d+ rows already in spent/);
    await page.close();
  });
});
