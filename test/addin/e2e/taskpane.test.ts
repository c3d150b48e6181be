import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchRows, checkBatch } from "../../../shared/engine/check";
import { mapColumns, mappedFields } from "../../../shared/engine/columns";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { formatAmount } from "../../../shared/money/format";
import { loadRuleBook } from "../../../shared/rules/load";
import { cellsToPurchases, type CellValue } from "../../../shared/sheet/cell-values";
import { detailsText, RESULT_HEADERS, STATUS_COLOURS } from "../../../shared/sheet/result-columns";
import { nodeRuleSource } from "../../../cli/node-source";
import { repoRoot } from "../../helpers/cli";
import { exampleRulesDir } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { loadRulesByUrl, startHarness, type Harness, inSim } from "./pane-harness";

type Sim = {
  cells(sheet: string): CellValue[][];
  fill(sheet: string, row: number, col: number): string | undefined;
  formulas(sheet: string): [string, string][];
  written(): string[];
  tables(): { name: string; row: number; col: number; rows: number; cols: number }[];
  selection(): { sheet: string; row: number; col: number; rows: number; cols: number };
  stats(): { runs: number; syncs: number; largestRequestBytes: number; largestResponseBytes: number };
  resetStats(): void;
  seed(seed: unknown): void;
  host: { workbook: { selection: unknown; sheet(name: string): unknown } };
};
const sim = <T>(page: Page, fn: (s: Sim, arg: unknown) => T, arg?: unknown) => inSim<Sim, T>(page, fn, arg);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const exampleBook = async () => {
  const r = await loadRuleBook(
    join(exampleRulesDir, "shared.json").replace("shared.json", ""),
    nodeRuleSource(repoRoot),
  );
  if (!r.ok) throw new Error("example rule book invalid");
  return r.value;
};

describe("task pane against the simulated Excel host", () => {
  it("checks a 1,000-row register: result columns, summary, re-run, untouched cells, navigation, screenshot", async () => {
    const { header, rows } = registerRows(1000);
    const budgets = JSON.parse(readFileSync(join(exampleRulesDir, "finance.json"), "utf8")) as {
      budgets: {
        costCenter: string;
        period: string;
        amount: string;
        spent?: string;
        committed?: string;
        action: string;
      }[];
    };
    const budgetRows: CellValue[][] = [
      ["Cost center", "Period", "Amount", "Spent", "Committed", "Action"],
      ...budgets.budgets.map((b) => [
        b.costCenter,
        b.period,
        b.costCenter === "IT-HW" ? 1250000 : Number(b.amount),
        Number(b.spent ?? 0),
        Number(b.committed ?? 0),
        b.action,
      ]),
    ];
    const page = await harness.openPane({
      sheets: [
        { name: "AP", rows: [header, ...rows], table: "Register" },
        { name: "Budgets", rows: budgetRows, table: "BudgetTable" },
      ],
      use1904: false,
    });
    await loadRulesByUrl(page, harness.baseUrl);
    expect(await page.getByTestId("rule-revision").textContent()).toBe("14");
    expect(await page.getByTestId("rule-source").textContent()).toBe(
      `From rules.json on ${new URL(harness.rulesUrl).host}`,
    );

    await page.getByTestId("check").click();
    await page.getByTestId("check-status").waitFor({ timeout: 60_000 });
    const asOfText = (await page.getByTestId("as-of").textContent())!;
    const asOf = (parseIsoDate(asOfText) as { ok: true; value: number }).value;

    // The same rows checked in Node give the same statuses and details.
    const book = await exampleBook();
    // As the pane checks: with the register's mapped columns, so blank cells in them are reported.
    const mapping = mapColumns(header);
    const expected = checkBatch(book, cellsToPurchases(rows, mapping, "1900"), {
      asOf,
      columns: mappedFields(mapping),
    });
    const w = header.length;
    const after = await sim(page, (s) => s.cells("AP"));
    expect(after[0]!.slice(w)).toEqual([...RESULT_HEADERS]);
    for (let r = 0; r < rows.length; r++) {
      expect(after[r + 1]![w]).toBe(expected.statusOf(r));
      expect(after[r + 1]![w + 1]).toBe(detailsText(expected.findingsOf(r)));
    }
    expect(new Set(batchRows(expected).map((x) => x.status)).size).toBeGreaterThan(2);
    const s = expected.summary;
    expect(await page.getByTestId("check-status").textContent()).toContain(
      `${s.byStatus.block} blocked, ${s.byStatus.warn} warnings, ${s.byStatus.info} notes, ${s.byStatus.ok} ok`,
    );

    // Summary: one row per budget the rows used, with the same figures.
    const shown = await page.getByTestId("summary-row").evaluateAll((trs) =>
      trs.map((tr) => {
        const field = (f: string) => tr.querySelector(`[data-field=${f}]`)!.textContent;
        return [
          tr.getAttribute("data-cost-center"),
          field("budget"),
          field("spent"),
          field("committed"),
          field("consumed"),
          field("remaining"),
        ];
      }),
    );
    expect(shown).toEqual(
      s.budgets.map((b) => [
        b.costCenter,
        ...[b.budget, b.spent, b.committed, b.consumed, b.remaining].map((m) => formatAmount(m, b.currency)),
      ]),
    );

    // Coloured by severity; only the two result columns were written, none as a formula.
    const blockRow = batchRows(expected).findIndex((x) => x.status === "block");
    expect(await sim(page, (s, r) => s.fill("AP", r as number, 10), blockRow + 1)).toBe(
      STATUS_COLOURS.block.fill,
    );
    expect(await sim(page, (s) => s.formulas("AP"))).toEqual([]);
    const writtenCols = await sim(page, (s) => [...new Set(s.written().map((k) => k.split(",")[1]))]);
    expect(writtenCols.sort()).toEqual([String(w), String(w + 1)]);

    // Second run: the same pair of columns, refreshed; every original cell byte for byte as seeded.
    await page.getByTestId("check").click();
    await page.getByTestId("check-status").waitFor({ timeout: 60_000 });
    const again = await sim(page, (s) => ({ cells: s.cells("AP"), tables: s.tables() }));
    expect(again.cells[0]).toEqual([...header, ...RESULT_HEADERS]);
    expect(again.tables.find((t) => t.name === "Register")!.cols).toBe(w + 2);
    expect(again.cells).toEqual(after);
    expect(again.cells.map((r) => r.slice(0, w))).toEqual([header, ...rows]);

    // Clicking a flagged row selects it in the sheet.
    const first = page.getByTestId("flagged-row").first();
    const sheetRow = Number(await first.getAttribute("data-row"));
    await first.click();
    await expect
      .poll(() => sim(page, (s) => s.selection()))
      .toMatchObject({ sheet: "AP", row: sheetRow - 1, col: 0, cols: w + 2 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(repoRoot, "docs/images/taskpane.png"), fullPage: true });

    // Publish budgets: the diff in words, then a concurrent edit refuses the save (412), a reload lets it through.
    await page.getByTestId("tab-publish").click();
    await sim(page, (s) => {
      const wb = s.host.workbook as { selection: unknown; sheet(n: string): unknown };
      wb.selection = { sheet: wb.sheet("Budgets"), rect: { row: 1, col: 0, rows: 1, cols: 1 } };
    });
    await page.getByTestId("budget-find").click();
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    expect(await page.getByTestId("diff").locator("li").allTextContents()).toEqual([
      "finance: budget IT-HW amount 1,200,000.00 → 1,250,000.00 USD",
      "shared: rule book revision 14 → 15",
    ]);
    harness.rules.files.set(
      "finance.json",
      harness.rules.files
        .get("finance.json")!
        .replace('"owner": "Facilities Manager"', '"owner": "Head of Facilities"'),
    );
    await page.getByTestId("publish-put").click();
    await page.getByTestId("publish-error").waitFor();
    expect(await page.getByTestId("publish-error").textContent()).toMatch(
      /changed by someone else.*reload the rule book/s,
    );
    expect(harness.rules.puts).toEqual([{ name: "finance.json", status: 412 }]);
    expect(harness.rules.files.get("finance.json")).toContain("Head of Facilities");
    // Reloading replaces the rule book in use, which drops the stale preview.
    await page.getByTestId("rules-url-load").click();
    await page.getByTestId("publish-preview").waitFor({ state: "detached" });
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    await page.getByTestId("publish-put").click();
    await page.getByTestId("publish-note").waitFor();
    expect(harness.rules.puts.slice(-2)).toEqual([
      { name: "finance.json", status: 200 },
      { name: "shared.json", status: 200 },
    ]);
    const saved = harness.rules.files.get("finance.json")!;
    expect(saved).toContain('"amount": "1250000.00"');
    expect(saved).toContain("Head of Facilities");
    await page.close();
  }, 180_000);

  it("checks 100,000 rows within Excel on the web's 5 MB request limit", async () => {
    const { header, rows } = registerRows(100_000);
    const page = await harness.openPane({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: false,
    });
    await loadRulesByUrl(page, harness.baseUrl);
    await sim(page, (s) => s.resetStats());
    const started = Date.now();
    await page.getByTestId("check").click();
    await page.getByTestId("check-status").waitFor({ timeout: 150_000 });
    const seconds = (Date.now() - started) / 1000;
    const stats = await sim(page, (s) => s.stats());
    const pane = await page
      .getByTestId("io-stats")
      .evaluate((e) => [Number(e.getAttribute("data-syncs")), Number(e.getAttribute("data-largest"))]);
    console.log(
      `100,000 rows: ${stats.syncs} syncs in ${stats.runs} Excel.run batches (${pane[0]} for read + write), ` +
        `largest request ${(stats.largestRequestBytes / 1048576).toFixed(2)} MB, largest response ${(stats.largestResponseBytes / 1048576).toFixed(2)} MB, ${seconds.toFixed(1)} s in the pane`,
    );
    expect(stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(stats.largestResponseBytes).toBeLessThan(5 * 1024 * 1024);
    expect(pane[1]).toBeLessThan(5 * 1024 * 1024);
    expect(stats.syncs).toBeLessThan(60);
    // Every row got a status, and the original cells are as seeded (compared in the page: 1,000,000 cells).
    const check = await sim(
      page,
      (s, n) => {
        const cells = s.cells("AP");
        const seed = (window as unknown as { __SIM_SEED__: { sheets: { rows: unknown[][] }[] } }).__SIM_SEED__
          .sheets[0]!.rows;
        let changed = 0;
        let statuses = 0;
        const w = seed[0]!.length;
        for (let r = 0; r < seed.length; r++) {
          for (let c = 0; c < w; c++) if (!Object.is(cells[r]![c], seed[r]![c])) changed++;
          if (r > 0 && ["ok", "info", "warn", "block"].includes(cells[r]![w] as string)) statuses++;
        }
        return { changed, statuses, rows: cells.length, expectedRows: (n as number) + 1 };
      },
      rows.length,
    );
    expect(check).toEqual({ changed: 0, statuses: 100_000, rows: 100_001, expectedRows: 100_001 });
    await page.close();
  }, 240_000);

  it("reads an old Mac workbook's dates in its 1904 date system, as Excel reports it", async () => {
    // An old Mac workbook (1904 date system) in production Excel: DATE(1904, 1, 1) tells the system.
    // (When Excel cannot say, the pane asks: see workbook-open.test.ts.)
    const { header, rows } = registerRows(40);
    const dateCol = header.indexOf("Invoice Date");
    const mac = rows.map((r) => r.map((v, c) => (c === dateCol && typeof v === "number" ? v - 1462 : v)));
    const page = await harness.openPane({
      sheets: [{ name: "AP", rows: [header, ...mac], table: "Register" }],
      use1904: true,
    });
    await loadRulesByUrl(page, harness.baseUrl);
    const noPeriodRows = async () =>
      (await sim(page, (s) => s.cells("AP").map((r) => String(r[r.length - 1] ?? "")))).filter((d) =>
        d.includes("budget.no-period"),
      ).length;

    await page.getByTestId("check").click();
    await page.getByTestId("check-status").waitFor();
    // Read as 1900, every date would be four years early, with no budget period for it.
    expect(await noPeriodRows()).toBe(0);
    expect(await page.getByTestId("date-system").count()).toBe(0);
    await page.close();
  });

  it("loads a rule book from files, keeps it when a broken one is loaded, and carries it inside the workbook", async () => {
    const { header, rows } = registerRows(50);
    const seed = { sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], use1904: false };
    const page = await harness.openPane(seed);
    const files = ["finance.json", "procurement.json", "shared.json"].map((n) => join(exampleRulesDir, n));
    await page.getByTestId("rules-file").setInputFiles(files);
    await page.getByTestId("rule-revision").waitFor();
    expect(await page.getByTestId("rule-source").textContent()).toBe(
      "From file finance.json, procurement.json, shared.json",
    );

    await page.getByTestId("rules-file").setInputFiles({
      name: "finance.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"schemaVersion": 1, "budgets": [{"amout": 1}]}'),
    });
    await page.getByTestId("rule-errors").waitFor();
    const errors = (await page.getByTestId("rule-errors").textContent())!;
    expect(errors).toMatch(/finance\.json: 1 problem|finance\.json: \d+ problems/);
    expect(errors).toContain("stays in use");
    expect(errors).toMatch(/budgets\[0\]/);
    expect(await page.getByTestId("rule-revision").textContent()).toBe("14");

    await page.getByTestId("rules-save-workbook").click();
    await page.getByTestId("rules-save-workbook-confirm").click();
    await page.getByTestId("rule-note").waitFor();
    const parts = await sim(page, (s) =>
      (s as unknown as { parts(): { namespace: string; xml: string }[] }).parts(),
    );
    expect(parts.map((p) => p.namespace)).toEqual(["urn:headroom:rule-book:1"]);
    await page.getByTestId("rules-load-workbook").click();
    await expect
      .poll(() => page.getByTestId("rule-source").textContent())
      .toBe("From the copy stored in this workbook");
    await page.close();

    // A colleague opens the saved workbook in Excel's dark theme: the rule book comes out of the
    // workbook, no URL or file needed; the pane follows the theme and works from the keyboard.
    const budgets = [
      ["Cost center", "Period", "Amount", "Action"],
      ["IT-HW", "FY2026", 1200000, "stop"],
      ["FAC", 46327, "12,5x", "halt"],
    ];
    const dark = {
      bodyBackgroundColor: "#1b1a19",
      bodyForegroundColor: "#f3f2f1",
      controlBackgroundColor: "#252423",
      controlForegroundColor: "#f3f2f1",
      isDarkTheme: true,
    };
    const colleague = await harness.openPane(
      { ...seed, sheets: [...seed.sheets, { name: "Budgets", rows: budgets, table: "Plan" }], parts },
      { theme: dark },
    );
    expect(await colleague.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(27, 26, 25)",
    );
    // Loaded at start, without a click.
    await colleague.getByTestId("rule-revision").waitFor();
    expect(await colleague.getByTestId("rule-source").textContent()).toBe(
      "From the copy stored in this workbook",
    );
    await colleague.getByTestId("check").focus();
    await colleague.keyboard.press("Enter");
    await colleague.getByTestId("check-status").waitFor();
    expect(await colleague.getByTestId("check-status").textContent()).toMatch(/^Checked 50 rows/);

    // Two rows added to the table since: the next check finds and checks them too.
    await sim(
      colleague,
      (s, extra) => {
        const wb = s.host.workbook as unknown as {
          tables: { rect: { rows: number } }[];
          sheet(n: string): { set(r: number, c: number, v: unknown): void };
        };
        const t = wb.tables[0]!;
        for (const row of extra as unknown[][]) {
          row.forEach((v, c) => wb.sheet("AP").set(t.rect.rows, c, v));
          t.rect.rows++;
        }
      },
      registerRows(2).rows,
    );
    await colleague.getByTestId("check").click();
    await expect.poll(() => colleague.getByTestId("check-status").textContent()).toMatch(/^Checked 52 rows/);
    const statuses = await sim(colleague, (s) => s.cells("AP").map((r) => r[10]));
    expect(statuses.slice(1).every((v) => ["ok", "info", "warn", "block"].includes(v as string))).toBe(true);
    expect(statuses).toHaveLength(53);

    // Publish with bad cells: each named by sheet row and column, nothing published.
    await colleague.getByTestId("tab-check").focus();
    await colleague.keyboard.press("ArrowRight");
    expect(await colleague.getByTestId("tab-publish").getAttribute("aria-selected")).toBe("true");
    await sim(colleague, (s) => {
      const wb = s.host.workbook as { selection: unknown; sheet(n: string): unknown };
      wb.selection = { sheet: wb.sheet("Budgets"), rect: { row: 2, col: 1, rows: 1, cols: 1 } };
    });
    await colleague.getByTestId("budget-find").click();
    await colleague.getByTestId("budget-address").waitFor();
    await colleague.getByTestId("budget-preview").click();
    const publishError = (await colleague.getByTestId("publish-error").textContent())!;
    expect(publishError).toContain("3 cells in the budget table cannot be published");
    expect(publishError).toContain("Row 3, Period: is the number 46327");
    expect(publishError).toContain("Row 3, Amount:");
    expect(publishError).toContain('Row 3, Action: "halt" is not an action');
    await colleague.close();
  }, 60_000);
});
