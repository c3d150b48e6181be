import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/sheet/cell-values";
import { registerRows } from "../register";
import { inSim, loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// Invoice dates typed as text ("03/04/2026"), as ERP exports pasted into Excel hold them: the pane
// reads them day or month first for the whole column, as `headroom check` does, says which and why,
// and asks when no date in the column can tell.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();

/** The register with its invoice dates replaced by `dates` (as text), row by row. */
function register(dates: string[]) {
  const { header, rows } = registerRows(dates.length);
  const col = header.indexOf("Invoice Date");
  rows.forEach((r, i) => (r[col] = dates[i]!));
  return { sheets: [{ name: "AP", rows: [header, ...rows] as CellValue[][], table: "Register" }] };
}

async function check(page: Page): Promise<void> {
  await page.getByTestId("check").click();
  await page.getByTestId("check-result").waitFor();
  await page.getByTestId("check").and(page.locator(":enabled")).waitFor();
}

/** The Headroom details cells of the sheet that name an unreadable date. */
const unreadableDates = (page: Page) =>
  inSim<{ cells(sheet: string): CellValue[][] }, number>(
    page,
    (s) => s.cells("AP").filter((r) => r.some((c) => String(c).includes("row.invalid-date"))).length,
  );

describe("invoice dates written as text in the task pane", () => {
  it("asks day or month first when no date can tell, then checks again with the answer", async () => {
    const page = await harness.openPane(register(["03/04/2026", "05/06/2026", "01/02/2026", "11/12/2026"]));
    await loadRulesByUrl(page, harness.baseUrl);
    await check(page);
    const asked = await text(page, "date-order");
    expect(asked).toContain('"03/04/2026" (row 2)');
    expect(asked).toContain("none has a day over 12");
    expect(await unreadableDates(page)).toBe(4);

    await page.getByTestId("date-order-pick").selectOption("dmy");
    await expect.poll(() => text(page, "date-order")).toContain("as you chose");
    await expect.poll(() => unreadableDates(page)).toBe(0);
    await page.close();
  });

  it("says which order the column decided, and by which row", async () => {
    const page = await harness.openPane(register(["03/04/2026", "21/11/2026", "01/02/2026"]));
    await loadRulesByUrl(page, harness.baseUrl);
    await check(page);
    expect(await text(page, "date-order")).toBe(
      'Invoice dates written as text were read day first (21/11/2026): "21/11/2026" in row 3 can only be read that way.',
    );
    expect(await unreadableDates(page)).toBe(0);
    await page.close();
  });
});
