import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import { mapColumns, mappedFields } from "../../../shared/engine/columns";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { cellsToPurchases, type CellValue } from "../../../shared/sheet/cell-values";
import { RESULT_HEADERS } from "../../../shared/sheet/result-columns";
import { exampleBook } from "../../helpers/rule-files";
import { registerRows } from "../register";
import type { SimChange, WorkbookSeed } from "../sim/sim-workbook";
import { loadRulesByUrl, startHarness, type Harness, inSim } from "./pane-harness";

/**
 * What a check does when the workbook is not as it was read, or cannot be written: rows sorted,
 * inserted or edited between the read and the write (issue 13, defect 1), and protected sheets,
 * read-only files and Excel on the web's Viewing mode (defect 3).
 */

type Sim = {
  cells(sheet: string): CellValue[][];
  written(): string[];
  tables(): { name: string; row: number; col: number; rows: number; cols: number }[];
  selection(): { sheet: string; row: number; col: number; rows: number; cols: number };
  parts(): { namespace: string; xml: string }[];
  stats(): { runs: number };
  seed(seed: WorkbookSeed): void;
  change(change: SimChange): void;
  changeBeforeRun(nth: number, change: SimChange): void;
  host: { workbook: { written: Set<string> } };
};
const sim = <T>(page: Page, fn: (s: Sim, arg: unknown) => T, arg?: unknown) => inSim<Sim, T>(page, fn, arg);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const { header, rows } = registerRows(120);
const amountCol = header.indexOf("Amount");
const register = (
  more: Partial<WorkbookSeed["sheets"][number]> = {},
  seed: Partial<WorkbookSeed> = {},
): WorkbookSeed => ({
  sheets: [{ name: "AP", rows: [header, ...rows], table: "Register", ...more }],
  ...seed,
});

/** Waits until no Excel.run has started for a while (start-up and recalculation batches are done). */
async function settle(page: Page): Promise<number> {
  let last = -1;
  for (;;) {
    const runs = await sim(page, (s) => s.stats().runs);
    if (runs === last) return runs;
    last = runs;
    await page.waitForTimeout(400);
  }
}

async function checkAndWait(page: Page, testId: "check-status" | "check-error"): Promise<string> {
  await page.getByTestId("check").click();
  await page.getByTestId(testId).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId("check").isEnabled()).toBe(true);
  return (await page.getByTestId(testId).textContent())!;
}

/** Each data row's status and details are what checking that row's own cells gives. */
async function expectResultsOnTheirRows(page: Page): Promise<void> {
  const asOf = (parseIsoDate((await page.getByTestId("as-of").textContent())!) as { ok: true; value: number })
    .value;
  const cells = await sim(page, (s) => s.cells("AP"));
  const w = header.length;
  expect(cells[0]!.slice(w)).toEqual([...RESULT_HEADERS]);
  const data = cells.slice(1).map((r) => r.slice(0, w));
  const mapping = mapColumns(header);
  // As the pane checks: with the register's mapped columns (blank cells in them are reported).
  const expected = checkBatch(exampleBook(), cellsToPurchases(data, mapping, "1900"), {
    asOf,
    columns: mappedFields(mapping),
  });
  for (let r = 0; r < data.length; r++) expect(cells[r + 1]![w]).toBe(expected.statusOf(r));
}

describe("results land on the rows they belong to", () => {
  /**
   * How many Excel.run batches one check takes on a fresh copy of the register: the last of them is
   * the write (the one before it reads the rows), so a change scheduled before that batch happens
   * between the read and the write.
   */
  async function batchesPerCheck(page: Page): Promise<number> {
    const before = await settle(page);
    await checkAndWait(page, "check-status");
    const runs = (await settle(page)) - before;
    await sim(page, (s, seed) => s.seed(seed as WorkbookSeed), register());
    return runs;
  }

  it.each<[string, SimChange, RegExp]>([
    [
      "the analyst sorts the table",
      { op: "sort", sheet: "AP", column: amountCol, descending: true },
      /PO Number or Amount in rows 2 to 121 of sheet AP changed/,
    ],
    [
      "a row is inserted",
      { op: "insert", sheet: "AP", at: 40, rows: [rows[7]!] },
      /Table Register has 121 rows now; it had 120/,
    ],
    [
      "a co-author changes one amount",
      { op: "set", sheet: "AP", row: 77, col: amountCol, value: 123456.78 },
      /PO Number or Amount in rows 2 to 121/,
    ],
  ])(
    "writes nothing when %s between the read and the write, says so, and checks again",
    async (_what, change, detail) => {
      const page = await harness.openPane(register());
      await loadRulesByUrl(page, harness.baseUrl);
      const n = await batchesPerCheck(page);
      await settle(page);
      await sim(
        page,
        (s, c) => s.changeBeforeRun((c as { n: number }).n, (c as { change: SimChange }).change),
        { n, change },
      );
      const message = await checkAndWait(page, "check-error");
      expect(message).toContain(
        "The register changed while it was being checked (rows were sorted, added or removed, or a co-author edited it); nothing was written.",
      );
      expect(message).toMatch(/Check again/);
      expect(message).toMatch(detail);
      expect(await page.getByTestId("check-result").count()).toBe(0);
      // Not one cell written, no result column added: the sheet is the seed with the change applied.
      expect(await sim(page, (s) => s.written())).toEqual([]);
      expect((await sim(page, (s) => s.tables()))[0]!.cols).toBe(header.length);
      expect((await sim(page, (s) => s.cells("AP")))[0]).toEqual(header);

      // Checking again reads the register as it is now and writes every status beside its own row.
      const status = await checkAndWait(page, "check-status");
      expect(status).toMatch(/^Checked 12\d rows/);
      expect(status).toContain("Statuses written");
      expect(await page.getByTestId("check-error").count()).toBe(0);
      await expectResultsOnTheirRows(page);
      await page.close();
    },
    120_000,
  );

  it("with nothing changed, writes as before; a flagged row is selected only while it holds that purchase", async () => {
    const page = await harness.openPane(register());
    await loadRulesByUrl(page, harness.baseUrl);
    expect(await checkAndWait(page, "check-status")).toContain(
      "Statuses written to the Headroom status and details columns of sheet AP.",
    );
    await expectResultsOnTheirRows(page);

    const first = page.getByTestId("flagged-row").first();
    const sheetRow = Number(await first.getAttribute("data-row"));
    await first.click();
    await expect
      .poll(() => sim(page, (s) => s.selection()))
      .toMatchObject({ sheet: "AP", row: sheetRow - 1 });

    // The analyst sorts by amount (largest first) after the check; the listed row now holds another purchase.
    await sim(page, (s, c) => s.change(c as SimChange), {
      op: "sort",
      sheet: "AP",
      column: amountCol,
      descending: true,
    });
    const other = page.getByTestId("flagged-row").nth(1);
    const otherRow = Number(await other.getAttribute("data-row"));
    const selectedBefore = await sim(page, (s) => s.selection());
    await other.click();
    await page.getByTestId("check-error").waitFor();
    const error = (await page.getByTestId("check-error").textContent())!;
    expect(error).toContain(`Row ${otherRow} of sheet AP holds another purchase now`);
    expect(error).toContain("so it was not selected");
    expect(error).toMatch(/sorted, or rows were added or removed/);
    expect(await sim(page, (s) => s.selection())).toEqual(selectedBefore);

    // After checking again the list points at the rows as they are now.
    await checkAndWait(page, "check-status");
    await expectResultsOnTheirRows(page);
    const again = page.getByTestId("flagged-row").first();
    const againRow = Number(await again.getAttribute("data-row"));
    await again.click();
    await expect
      .poll(() => sim(page, (s) => s.selection()))
      .toMatchObject({ sheet: "AP", row: againRow - 1 });
    expect(await page.getByTestId("check-error").count()).toBe(0);
    await page.close();
  }, 120_000);
});

describe("workbooks that cannot be written", () => {
  it("on a protected sheet, says so before checking and shows the results in the pane only", async () => {
    const page = await harness.openPane(register({ protected: true }));
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("find-data").click();
    await page.getByTestId("write-note").waitFor();
    const note =
      "Sheet AP is protected: results are shown here only, not written to the sheet. Unprotect it (Review > Unprotect Sheet) to get the status columns.";
    expect(await page.getByTestId("write-note").textContent()).toBe(note);

    const status = await checkAndWait(page, "check-status");
    expect(status).toMatch(/^Checked 120 rows/);
    expect(status).toContain("Shown in this pane only: nothing was written to sheet AP.");
    expect(status).not.toContain("Statuses written");
    expect(await page.getByTestId("write-note").textContent()).toBe(note);
    expect(await page.getByTestId("flagged-row").count()).toBeGreaterThan(0);
    expect(await page.locator("h3", { hasText: "Flagged rows" }).textContent()).toContain(
      "in this pane only, not in the sheet",
    );
    expect(await page.getByTestId("check-error").count()).toBe(0);
    expect(await sim(page, (s) => s.written())).toEqual([]);
    expect((await sim(page, (s) => s.cells("AP")))[0]).toEqual(header);

    // A flagged row can still be selected on the protected sheet.
    const first = page.getByTestId("flagged-row").first();
    const sheetRow = Number(await first.getAttribute("data-row"));
    await first.click();
    await expect
      .poll(() => sim(page, (s) => s.selection()))
      .toMatchObject({ sheet: "AP", row: sheetRow - 1 });
    await page.close();
  }, 60_000);

  it("in Excel on the web's Viewing mode, checks in the pane, writes nothing, and says the column choices were not saved", async () => {
    const page = await harness.openPane(register({}, { mode: "view" }));
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("find-data").click();
    await page.getByTestId("map-category").waitFor();
    // The analyst corrects the mapping: the check wants to remember it in the workbook.
    await page.getByTestId("map-category").selectOption("");

    const status = await checkAndWait(page, "check-status");
    expect(status).toMatch(/^Checked 120 rows/);
    expect(status).toContain("Shown in this pane only: nothing was written to sheet AP.");
    expect(await page.getByTestId("write-note").textContent()).toMatch(
      /open read-only \(on the web: in Viewing mode\).*nothing was written to the sheet/,
    );
    expect(await page.getByTestId("mapping-note").textContent()).toBe(
      "Your column choices could not be saved in this workbook (it is read-only); they apply to this check only.",
    );
    expect(await page.getByTestId("check-error").count()).toBe(0);
    expect(await sim(page, (s) => s.written())).toEqual([]);
    expect(await sim(page, (s) => s.parts())).toEqual([]);
    // The correction held for the check although it could not be saved: no category column mapped.
    expect(await page.getByTestId("map-category").inputValue()).toBe("");
    await page.close();
  }, 60_000);

  it("in a file opened read-only on the desktop, writes the results (Excel allows it) and saves the column choices", async () => {
    const page = await harness.openPane(register({}, { mode: "read-only" }));
    await loadRulesByUrl(page, harness.baseUrl);
    await page.getByTestId("find-data").click();
    await page.getByTestId("map-category").waitFor();
    await page.getByTestId("map-category").selectOption("");
    const status = await checkAndWait(page, "check-status");
    expect(status).toContain("Statuses written to the Headroom status and details columns of sheet AP.");
    expect(await page.getByTestId("write-note").count()).toBe(0);
    expect(await page.getByTestId("mapping-note").count()).toBe(0);
    const cols = await sim(page, (s) => [...new Set(s.written().map((k) => k.split(",")[1]))]);
    expect(cols.sort()).toEqual([String(header.length), String(header.length + 1)]);
    expect((await sim(page, (s) => s.parts())).map((p) => p.namespace)).toEqual([
      "urn:headroom:column-mapping:1",
    ]);
    await page.close();
  }, 60_000);
});
