import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PART_NAMESPACES, wrapPart } from "../../../addin/excel/document-store";
import { exampleRulesDir } from "../../helpers/rule-files";
import { registerRows } from "../register";
import type { WorkbookSeed } from "../sim/sim-workbook";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// The rule book stored in the workbook: two co-authors' copies (Excel keeps both parts), the
// question before storing budgets and blocked suppliers in the file, and a workbook open for viewing.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const ns = PART_NAMESPACES.ruleBook;

/** What the pane stores for the example rule book at `revision`. */
function storedCopy(revision: number): string {
  const files = readdirSync(exampleRulesDir)
    .filter((n) => n.endsWith(".json"))
    .map((name) => {
      const text = readFileSync(join(exampleRulesDir, name), "utf8");
      return { name, text: text.replace(/"revision": \d+/, `"revision": ${revision}`) };
    });
  return JSON.stringify({ version: 1, origin: { kind: "workbook" }, files });
}

type Part = { namespace: string; xml: string };
const parts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sim: { parts(): Part[] } }).__sim.parts());
const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();

function seedWith(stored: Part[], more: Partial<WorkbookSeed> = {}): WorkbookSeed {
  const { header, rows } = registerRows(5);
  return { sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], parts: stored, ...more };
}

describe("the rule book stored in the workbook", () => {
  it("uses the newest of two co-authors' copies at start, asks before storing, then keeps one copy", async () => {
    const page = await harness.openPane(
      seedWith([
        { namespace: ns, xml: wrapPart(ns, storedCopy(15), 2_000_000) },
        { namespace: ns, xml: wrapPart(ns, storedCopy(13), 1_000_000) },
      ]),
    );
    // Read at start, with no click: the newer copy (revision 15), not "no rule book".
    await expect.poll(() => text(page, "rule-revision")).toBe("15");

    await page.getByTestId("rules-save-workbook").click();
    const contents = await text(page, "save-workbook-contents");
    expect(contents).toMatch(/\d+ budgets of \d+ cost centers/);
    expect(contents).toMatch(/2 blocked suppliers among them/);
    expect(contents).toMatch(/MB in all/);
    expect(await text(page, "save-workbook-confirm")).toContain("anyone who gets a copy of the workbook");
    // Cancel stores nothing.
    await page.getByTestId("rules-save-workbook-cancel").click();
    expect((await parts(page)).filter((p) => p.namespace === ns)).toHaveLength(2);

    await page.getByTestId("rules-save-workbook").click();
    await page.getByTestId("rules-save-workbook-confirm").click();
    await page.getByTestId("rule-note").waitFor();
    const ours = (await parts(page)).filter((p) => p.namespace === ns);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.xml).toMatch(/revision\\": 15/);
    await page.close();
  });

  it("in a workbook open for viewing, says the copy could not be stored and keeps the rule book in use", async () => {
    const page = await harness.openPane(
      seedWith([{ namespace: ns, xml: wrapPart(ns, storedCopy(14), 1) }], { mode: "view" }),
    );
    await expect.poll(() => text(page, "rule-revision")).toBe("14");
    await page.getByTestId("rules-save-workbook").click();
    await page.getByTestId("rules-save-workbook-confirm").click();
    await expect
      .poll(() => text(page, "save-workbook-confirm"))
      .toContain("cannot be changed here (it is open for viewing or protected)");
    expect(await text(page, "rule-revision")).toBe("14");
    expect((await parts(page)).filter((p) => p.namespace === ns)).toHaveLength(1);
    await page.close();
  });

  it("publishing budgets into the workbook asks the same question first", async () => {
    const page = await harness.openPane({
      sheets: [
        {
          name: "Budgets",
          rows: [
            ["Cost center", "Period", "Amount", "Action"],
            ["IT-HW", "FY2026", 1_234_567, "stop"],
          ],
          table: "BudgetTable",
        },
      ],
    });
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("tab-publish").click();
    await page.getByTestId("budget-find").click();
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    await page.getByTestId("publish-workbook").click();
    expect(await text(page, "save-workbook-contents")).toMatch(/blocked suppliers among them/);
    expect((await parts(page)).filter((p) => p.namespace === ns)).toHaveLength(0);
    await page.getByTestId("publish-workbook-confirm").click();
    await expect.poll(() => text(page, "publish-note")).toContain("Stored in this workbook");
    expect((await parts(page)).filter((p) => p.namespace === ns)).toHaveLength(1);
    await page.close();
  });
});
