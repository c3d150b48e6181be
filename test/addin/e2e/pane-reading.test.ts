import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import { mapColumns, mappedFields } from "../../../shared/engine/columns";
import { dateToExcelSerial } from "../../../shared/dates/excel-serial";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { loadRuleBook } from "../../../shared/rules/load";
import { cellsToPurchases, type CellValue } from "../../../shared/sheet/cell-values";
import { nodeRuleSource } from "../../../cli/node-source";
import { repoRoot } from "../../helpers/cli";
import { exampleRulesDir } from "../../helpers/rule-files";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// What the analyst reads after a check: every finding of a flagged row in full (not cut off at the
// pane's edge), and the developer figures (Excel requests, timings) folded away until asked for.

const serial = (iso: string) =>
  dateToExcelSerial((parseIsoDate(iso) as { ok: true; value: number }).value, "1900");
const HEADER = [
  "PO Number",
  "Invoice Date",
  "Vendor",
  "Vendor ID",
  "Cost Center",
  "Category",
  "Amount",
  "Currency",
  "Payment Terms",
];
/** PO-1 has four findings, each longer than the pane is wide; PO-3 one. */
const ROWS: CellValue[][] = [
  ["PO-1", serial("2026-09-01"), "Dell", 10042, "IT-HW", "it-hardware", 500000, "USD", "Net 10"],
  ["PO-2", serial("2026-09-01"), "Steelcase", 10150, "FAC", "furniture", 1885.69, "USD", "Net 45"],
  [
    "PO-3",
    serial("2026-09-02"),
    "Kantoorhuis B.V.",
    20011,
    "EU-OPS",
    "office-supplies",
    70.41,
    "EUR",
    "Net 30",
  ],
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Sim = { selection(): { sheet: string; row: number } };
const selection = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sim: Sim }).__sim.selection());

describe("what the analyst reads after a check", () => {
  it("unfolds every finding of a flagged row in full, keeps the row's select button, and folds the figures away", async () => {
    const page = await harness.openPane({
      sheets: [{ name: "AP", rows: [HEADER, ...ROWS], table: "Register" }],
      use1904: false,
    });
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("check").click();
    await page.getByTestId("check-status").waitFor();

    // The same rows checked in Node: the findings the pane must show.
    const asOf = (
      parseIsoDate((await page.getByTestId("as-of").textContent())!) as { ok: true; value: number }
    ).value;
    const book = await loadRuleBook(join(exampleRulesDir, "/"), nodeRuleSource(repoRoot));
    if (!book.ok) throw new Error("example rule book invalid");
    const mapping = mapColumns(HEADER);
    const expected = checkBatch(book.value, cellsToPurchases(ROWS, mapping, "1900"), {
      asOf,
      columns: mappedFields(mapping),
    });
    const findings = expected.findingsOf(0);
    expect(findings.length).toBeGreaterThan(1);

    // Request figures: not in what the pane shows until Technical details is opened.
    expect(await page.getByTestId("io-stats").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Excel requests|\d+ ms/);
    await page.getByTestId("io-details").locator("summary").click();
    expect(await page.getByTestId("io-stats").isVisible()).toBe(true);
    expect(await page.getByTestId("io-stats").textContent()).toMatch(/\d+ Excel requests, largest [\d.]+ MB/);

    // PO-1 (sheet row 2): its first finding is cut off at the pane's edge.
    const row = page.locator('[data-testid=flagged-row][data-row="2"]');
    const clipped = await row
      .locator(".clip")
      .evaluate((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth }));
    expect(clipped).toEqual({ text: findings[0]!.message, cut: true });

    // Its disclosure button, beside the select button (never inside: no nested buttons).
    const more = row.locator("xpath=..").getByTestId("flagged-expand");
    expect(await page.locator("button button").count()).toBe(0);
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    // From the keyboard: Tab from the row's button reaches it, Enter unfolds.
    await row.focus();
    await page.keyboard.press("Tab");
    expect(await more.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const list = page.locator(`#${(await more.getAttribute("aria-controls"))!}`);
    const items = await list.locator("li").evaluateAll((lis) =>
      lis.map((li) => {
        const r = li.getBoundingClientRect();
        return {
          text: li.textContent,
          wrapped: r.height > 20,
          whole: li.scrollWidth <= li.clientWidth && r.right <= document.documentElement.clientWidth,
        };
      }),
    );
    expect(items).toEqual(
      findings.map((f) => ({ text: `${f.severity}${f.message}`, wrapped: true, whole: true })),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // Clicking the row still selects it in the sheet; the other disclosure folds and unfolds alone.
    await row.click();
    await expect.poll(() => selection(page)).toMatchObject({ sheet: "AP", row: 1 });
    const other = page
      .locator('[data-testid=flagged-row][data-row="4"]')
      .locator("xpath=..")
      .getByTestId("flagged-expand");
    expect(await other.getAttribute("aria-expanded")).toBe("false");
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    expect(await list.count()).toBe(0);
    await page.close();
  });
});
