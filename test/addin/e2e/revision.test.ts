import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/sheet/cell-values";
import { exampleRulesDir } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// Revisions only go forward in the task pane: an older revision from the same URL is refused (also
// in a pane opened later), a reset with confirmation takes it, and publishing raises the revision.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const setRevision = (n: number) => {
  const text = harness.rules.files.get("shared.json")!;
  harness.rules.files.set("shared.json", text.replace(/"revision": \d+/, `"revision": ${n}`));
};
const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();
const refresh = async (page: Page) => {
  await page.getByTestId("rules-url-load").click();
  await page.getByTestId("rules-url-load").and(page.locator(":enabled")).waitFor();
};

describe("the task pane and rule-book revisions", () => {
  it("refuses an older revision, keeps the newer one, and takes it after a confirmed reset", async () => {
    const { header, rows } = registerRows(5);
    const seed = { sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], use1904: false };
    const page = await harness.openPane(seed);
    await loadRulesByUrl(page, harness.baseUrl);
    expect(await text(page, "rule-revision")).toBe("14");
    expect(await text(page, "rule-highest")).toContain("Highest revision taken from");

    setRevision(13);
    await refresh(page);
    await page.getByTestId("rule-errors").waitFor();
    expect(await text(page, "rule-errors")).toContain(
      "The server now serves revision 13, older than revision 14 in use.",
    );
    expect(await text(page, "rule-errors")).toContain("stays in use");
    expect(await text(page, "rule-revision")).toBe("14");
    await page.close();

    // A pane opened later (same Excel) still knows revision 14 was the highest from this URL.
    const later = await harness.openPane(seed);
    await later.getByTestId("rules-url").fill(harness.rulesUrl);
    await later.getByTestId("rules-url-load").click();
    await later.getByTestId("rule-errors").waitFor();
    expect(await text(later, "rule-errors")).toContain(
      "older than revision 14, applied before from this source",
    );
    expect(await later.getByTestId("rule-revision").count()).toBe(0);

    // The reset asks first; Cancel changes nothing, the confirmation takes revision 13.
    await later.getByTestId("rules-reset-revision").click();
    expect(await later.getByTestId("rules-reset-confirm").textContent()).toBe("Reset highest revision");
    await later.getByTestId("rules-reset-cancel").click();
    expect(await later.getByTestId("rule-revision").count()).toBe(0);
    await later.getByTestId("rules-reset-revision").click();
    await later.getByTestId("rules-reset-confirm").click();
    await later.getByTestId("rule-revision").waitFor();
    expect(await text(later, "rule-revision")).toBe("13");
    expect(await later.getByTestId("rule-errors").count()).toBe(0);
    expect(await text(later, "rule-highest")).toContain(": 13.");

    // A changed rule book that keeps revision 13 is taken, with the warning.
    const finance = harness.rules.files.get("finance.json")!;
    harness.rules.files.set(
      "finance.json",
      finance.replace('"amount": "1200000.00"', '"amount": "1210000.00"'),
    );
    await refresh(later);
    await later.getByTestId("rule-revision-warning").waitFor();
    expect(await text(later, "rule-revision-warning")).toMatch(
      /^The revision was not raised: .*\/rules\/rules\.json changed but still says revision 13\./,
    );
    harness.rules.files.set("finance.json", finance);
    setRevision(14);
    await refresh(later);
    await expect.poll(() => text(later, "rule-revision")).toBe("14");
    expect(await later.getByTestId("rule-revision-warning").count()).toBe(0);
    await later.close();
  }, 60_000);

  it("raises the revision when publishing budgets, shows it in the preview, and saves it", async () => {
    const budgets = JSON.parse(readFileSync(join(exampleRulesDir, "finance.json"), "utf8")) as {
      budgets: { costCenter: string; period: string; amount: string; action: string }[];
    };
    const budgetRows: CellValue[][] = [
      ["Cost center", "Period", "Amount", "Action"],
      ...budgets.budgets.map((b) => [
        b.costCenter,
        b.period,
        b.costCenter === "IT-HW" ? 1250000 : Number(b.amount),
        b.action,
      ]),
    ];
    const page = await harness.openPane({
      sheets: [{ name: "Budgets", rows: budgetRows, table: "BudgetTable" }],
      use1904: false,
    });
    await loadRulesByUrl(page, harness.baseUrl);
    const before = Number(await text(page, "rule-revision"));
    await page.getByTestId("tab-publish").click();
    await page.getByTestId("budget-find").click();
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    const lines = await page.getByTestId("diff").locator("li").allTextContents();
    expect(lines).toContain(`shared: rule book revision ${before} → ${before + 1}`);
    const puts = harness.rules.puts.length;
    await page.getByTestId("publish-put").click();
    await page.getByTestId("publish-note").waitFor();
    expect(await text(page, "publish-note")).toContain(`Saved as revision ${before + 1}.`);
    expect(harness.rules.puts.slice(puts)).toEqual([
      { name: "finance.json", status: 200 },
      { name: "shared.json", status: 200 },
    ]);
    expect(harness.rules.files.get("shared.json")).toContain(`"revision": ${before + 1},`);
    expect(await text(page, "rule-revision")).toBe(String(before + 1));
    await page.close();
  }, 60_000);
});
