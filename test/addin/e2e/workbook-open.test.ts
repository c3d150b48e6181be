import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PART_NAMESPACES, wrapPart } from "../../../addin/excel/document-store";
import { checkBatch } from "../../../shared/engine/check";
import { mapColumns, mappedFields } from "../../../shared/engine/columns";
import { dateToExcelSerial } from "../../../shared/dates/excel-serial";
import { fromYmd, parseIsoDate } from "../../../shared/dates/plain-date";
import { parseRuleBookTexts } from "../../../shared/rules/load";
import { cellsToPurchases, type CellValue } from "../../../shared/sheet/cell-values";
import { readTerms, dueDateFor } from "../../../shared/lookup/terms-lookup";
import { registerRows } from "../register";
import type { WorkbookSeed } from "../sim/sim-workbook";
import { loadRulesByUrl, startHarness, type Harness, inSim } from "./pane-harness";

/*
 * What happens when a workbook opens, and what the HEADROOM.* functions answer, against the
 * simulated production Excel: the workbook's date system (defect 2), the rule book the workbook
 * carries loaded without the pane (defect 5), recalculation only when answers change (defect 8) and
 * at midnight (defect 9). The functions are called as Excel calls them, through what the page
 * registered with CustomFunctions.associate.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/**
 * How the simulated host is changed for one test, from the moment it installs itself (before the
 * add-in's scripts run): the analyst already editing a cell; the same on an Excel that ignores
 * `delayForCellEdit` (its batches fail while a cell is edited); an Excel whose DATE() cannot be
 * asked, so the date system is unknown (the simulator cannot be seeded so).
 */
type Hook = "cell-edit" | "old-host-cell-edit" | "no-date-probe";

/** A sheet with the analyst's HEADROOM formula: what a recalculation has to reach. */
const FORMULA_SHEET = {
  name: "Summary",
  rows: [["IT-HW remaining", 0]],
  formulas: { "0,1": '=HEADROOM.REMAINING("IT-HW")' },
};

async function open(seed: WorkbookSeed, hooks: Hook[] = [], clockAt?: (page: Page) => Promise<number>) {
  seed = {
    ...seed,
    sheets: [...seed.sheets, FORMULA_SHEET],
    ...(hooks.includes("old-host-cell-edit") ? { ignoresDelayForCellEdit: true } : {}),
  };
  const page = await harness.context.newPage();
  await page.setViewportSize({ width: 320, height: 900 });
  if (clockAt) await page.clock.install({ time: await clockAt(page) });
  await page.addInitScript(
    ([s, h]) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      w["__SIM_SEED__"] = s;
      let sim: unknown;
      Object.defineProperty(w, "__sim", {
        configurable: true,
        get: () => sim,
        set(value: { setCellEdit(on: boolean): void }) {
          sim = value;
          const excel = w["Excel"];
          const run = excel.run.bind(excel);
          if (h.includes("cell-edit") || h.includes("old-host-cell-edit")) value.setCellEdit(true);
          excel.run = (first: unknown, second?: unknown) => {
            const options = typeof first === "function" ? {} : first;
            let batch = (typeof first === "function" ? first : second) as (context: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
            if (h.includes("no-date-probe")) {
              const inner = batch;
              batch = (context) => {
                context.workbook.functions = {
                  date() {
                    throw Object.assign(new Error("The API you are trying to use could not be found."), {
                      code: "ApiNotFound",
                    });
                  },
                };
                return inner(context);
              };
            }
            return run(options, batch);
          };
        },
      });
    },
    [seed, hooks] as const,
  );
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${harness.baseUrl}/taskpane.html`);
  await page.getByTestId("rules-url").waitFor();
  if (errors.length > 0) throw new Error(`the pane failed to start: ${errors.join("; ")}`);
  return page;
}

type SimApi = {
  setCellEdit(on: boolean): void;
  refusedInCellEdit(): number;
  settings(): Record<string, unknown>;
  stats(): { calculations: string[]; dirtied: string[][]; startupBehavior: string };
  cells(sheet: string): CellValue[][];
};
const sim = <T>(page: Page, fn: (s: SimApi, arg: unknown) => T, arg?: unknown) =>
  inSim<SimApi, T>(page, fn, arg);
const calculations = (page: Page) => sim(page, (s) => s.stats().calculations.length);

/** A HEADROOM function as Excel calls it: its value, or the error code and message it throws. */
function call(page: Page, id: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, values]) => {
      const host = (
        window as unknown as { __sim: { host: { associated: Map<string, (...a: unknown[]) => unknown> } } }
      ).__sim.host;
      try {
        return host.associated.get(name as string)!(...(values as unknown[]));
      } catch (e) {
        const { code, message } = e as { code: string; message?: string };
        return { error: code, message };
      }
    },
    [id, args] as const,
  );
}

/**
 * Waits until the pane shows a rule book in use. Tests that count recalculations wait for it before
 * computing any cell: a cell that answers #N/A while the rule book is on its way is, rightly,
 * recalculated once it arrives.
 */
const ruleBookInUse = (page: Page) =>
  expect.poll(() => page.getByTestId("rule-revision").count(), { timeout: 15_000 }).toBe(1);

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();
/** Stays the same for a while: what was asked of Excel is done, and nothing more comes. */
async function settled<T>(read: () => Promise<T>, ms = 1_500): Promise<T> {
  for (;;) {
    const before = await read();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = await read();
    if (JSON.stringify(after) === JSON.stringify(before)) return after;
  }
}

const serial = (y: number, m: number, d: number, system: "1900" | "1904") =>
  dateToExcelSerial(fromYmd(y, m, d), system);
/**
 * "Net 45 EOM" from 15 January 2026, as a 1904 serial. Read as a 1900 serial the invoice would be
 * 14 January 2022, whose due date is one serial later: the answer tells the two systems apart.
 */
const dueEom1904 = (() => {
  const terms = readTerms("Net 45 EOM");
  if (!terms.ok) throw new Error("terms");
  return dateToExcelSerial(dueDateFor(terms.value, fromYmd(2026, 1, 15)), "1904");
})();

/** IT-HW's FY2026 budget in the example rule book: amount − spent − committed. */
const IT_HW_REMAINING = 1_200_000 - 612_450 - 148_200;

/** The rule book the rules server serves, as the pane stores it in a workbook. */
function storedCopy(): string {
  const base = harness.rulesUrl.replace(/rules\.json$/, "");
  const files = ["rules.json", "finance.json", "procurement.json", "shared.json"].map((name) => ({
    name: `${base}${name}`,
    text: harness.rules.files.get(name)!,
  }));
  return JSON.stringify({ version: 1, origin: { kind: "workbook" }, files });
}
const storedPart = () => ({
  namespace: PART_NAMESPACES.ruleBook,
  xml: wrapPart(PART_NAMESPACES.ruleBook, storedCopy(), 1),
});
const rememberedUrl = (url = harness.rulesUrl) => ({ "headroom.ruleBookUrl": { url, withCookies: false } });

/** A small register whose invoice dates are serials of `system`, as that workbook holds them. */
function register(system: "1900" | "1904") {
  const { header, rows } = registerRows(60);
  const col = header.indexOf("Invoice Date");
  const shifted = rows.map((r) =>
    r.map((v, i) => (i === col && typeof v === "number" && system === "1904" ? v - 1462 : v)),
  );
  return { header, rows: shifted };
}

function exampleBook() {
  const r = parseRuleBookTexts(
    ["finance.json", "procurement.json", "shared.json"].map((name) => ({
      name,
      text: harness.rules.files.get(name)!,
    })),
  );
  if (!r.ok) throw new Error("example rule book invalid");
  return r.value;
}

/** Checks the register in the pane; the statuses written, and what Node gives for each date system. */
async function checkAndCompare(page: Page, header: string[], rows: CellValue[][]) {
  await page.getByTestId("check").click();
  await page.getByTestId("check-status").waitFor({ timeout: 60_000 });
  const asOf = (parseIsoDate(await text(page, "as-of")) as { ok: true; value: number }).value;
  const statuses = (await sim(page, (s) => s.cells("AP"))).slice(1).map((r) => r[header.length]);
  const expected = (system: "1900" | "1904") => {
    const mapping = mapColumns(header);
    const result = checkBatch(exampleBook(), cellsToPurchases(rows, mapping, system), {
      asOf,
      columns: mappedFields(mapping),
    });
    return rows.map((_, i) => result.statusOf(i));
  };
  return { statuses, as1904: expected("1904"), as1900: expected("1900") };
}

describe("the workbook's date system (production Excel: no use1904DateSystem)", () => {
  it("is read from Excel for a 1904 workbook: no picker, rows and HEADROOM dates in 1904", async () => {
    const { header, rows } = register("1904");
    const page = await open({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: true,
    });
    await loadRulesByUrl(page, harness.rulesUrl);
    const { statuses, as1904, as1900 } = await checkAndCompare(page, header, rows);
    expect(statuses).toEqual(as1904);
    // The rows would read otherwise as 1900 serials (four years early): the test can tell.
    expect(as1900).not.toEqual(as1904);
    // The functions read and write 1904 serials with no dateSystem argument.
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1904"))).toBe(IT_HW_REMAINING);
    expect(await call(page, "DUEDATE", "Net 45 EOM", serial(2026, 1, 15, "1904"))).toBe(dueEom1904);

    expect(await text(page, "date-system-note")).toBe("Dates: 1904 date system, from Excel.");
    expect(await page.getByTestId("date-system").count()).toBe(0);
  });

  it("is asked when Excel cannot say; the answer is kept in the workbook and used when it opens again", async () => {
    const { header, rows } = register("1904");
    const seed: WorkbookSeed = {
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: true,
    };
    const page = await open(seed, ["no-date-probe"]);
    await loadRulesByUrl(page, harness.rulesUrl);
    await page.getByTestId("find-data").click();
    await page.getByTestId("date-system").waitFor();
    expect(await text(page, "date-system-note")).toMatch(
      /^assumed 1900: this Excel could not say which date system the workbook uses \(Excel could not work out DATE\(1904, 1, 1\).*ApiNotFound/,
    );
    // Before the answer, the functions read 1904 serials as 1900 ones: FY2022, which has no budget.
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1904"))).toMatchObject({
      error: "#N/A",
    });

    await page.getByTestId("date-system").selectOption("1904");
    await expect.poll(() => text(page, "date-system-note")).toMatch(/^your choice, saved in this workbook/);
    const settings = await sim(page, (s) => s.settings());
    expect(settings["headroom.dateSystem"]).toBe("1904");
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1904"))).toBe(IT_HW_REMAINING);
    const { statuses, as1904 } = await checkAndCompare(page, header, rows);
    expect(statuses).toEqual(as1904);

    // The workbook opened again (same file, with its settings): nothing is asked, the functions know.
    const again = await open({ ...seed, settings }, ["no-date-probe"]);
    await expect
      .poll(() => call(again, "DUEDATE", "Net 45 EOM", serial(2026, 1, 15, "1904")))
      .toBe(dueEom1904);
    await again.getByTestId("find-data").click();
    await again.getByTestId("date-system-note").waitFor();
    expect(await text(again, "date-system-note")).toMatch(/^your choice, saved in this workbook/);
    expect(await again.getByTestId("date-system").inputValue()).toBe("1904");
  });

  it("is a choice for the session only in an Excel without workbook settings, and says so", async () => {
    const { header, rows } = register("1904");
    const page = await open({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: true,
      excelApi: "1.1",
    });
    await page.getByTestId("find-data").click();
    await page.getByTestId("date-system").waitFor();
    expect(await text(page, "date-system-note")).toMatch(/^assumed 1900: .*ApiNotFound/);
    await page.getByTestId("date-system").selectOption("1904");
    await expect
      .poll(() => text(page, "date-system-note"))
      .toMatch(/^your choice, for this session only: it could not be saved in the workbook \(.*ApiNotFound/);
    expect(await sim(page, (s) => s.settings())).toEqual({});
    expect(await call(page, "DUEDATE", "Net 45 EOM", serial(2026, 1, 15, "1904"))).toBe(dueEom1904);
  });
});

describe("opening a workbook that carries its rule book, without the pane's buttons", () => {
  it("waits while a cell is being edited, says so, then answers from the stored copy", async () => {
    const page = await open({ sheets: [], parts: [storedPart()] }, ["cell-edit"]);
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900"))).toEqual({
      error: "#N/A",
      message:
        "Headroom is reading the rule book stored in this workbook; this cell updates when it is loaded (Excel waits while a cell is being edited).",
    });
    expect(await text(page, "start-up")).toContain("Reading the rule book stored in this workbook…");
    await sim(page, (s) => s.setCellEdit(false));
    await expect
      .poll(() => call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900")))
      .toBe(IT_HW_REMAINING);
    expect(await text(page, "rule-revision")).toBe("14");
    expect(await sim(page, (s) => s.refusedInCellEdit())).toBe(0);
    // The cell that answered #N/A is computed again, once: this workbook's formula cells are
    // marked dirty and recalculated, never a full recalculation of every open workbook.
    expect(await settled(() => calculations(page))).toBe(1);
    expect(await sim(page, (s) => s.stats().calculations)).toEqual(["Recalculate"]);
    expect(await sim(page, (s) => s.stats().dirtied)).toEqual([["Summary!0,1"]]);
  });

  it("retries on an Excel that ignores delayForCellEdit, saying why, and answers once the edit ends", async () => {
    const page = await open({ sheets: [], parts: [storedPart()] }, ["old-host-cell-edit"]);
    await expect
      .poll(() => call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900")), { timeout: 10_000 })
      .toEqual({
        error: "#N/A",
        message: expect.stringMatching(
          /^Headroom could not read the rule book stored in this workbook: .*InvalidOperationInCellEditMode.*\. It retries; to load it now, /,
        ),
      });
    await expect.poll(() => text(page, "start-up")).toMatch(/Trying again in \d+ s/);
    expect(await sim(page, (s) => s.refusedInCellEdit())).toBeGreaterThan(0);
    await sim(page, (s) => s.setCellEdit(false));
    await expect
      .poll(() => call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900")), { timeout: 20_000 })
      .toBe(IT_HW_REMAINING);
    await expect.poll(() => page.getByTestId("start-up").count()).toBe(0);
  });

  it("remembers the URL a rule book was loaded from, and loads it when the workbook opens", async () => {
    const page = await open({ sheets: [] });
    await loadRulesByUrl(page, harness.rulesUrl);
    await expect
      .poll(() => sim(page, (s) => s.settings()))
      .toEqual({
        "headroom.ruleBookUrl": {
          url: harness.rulesUrl,
          withCookies: false,
          revision: 14,
          fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
      });
    const settings = await sim(page, (s) => s.settings());
    // Office is asked to load the add-in whenever this workbook opens, pane shown or not.
    expect(await sim(page, (s) => s.stats().startupBehavior)).toBe("Load");

    // The same workbook opened again: nobody clicks Load.
    const requests = harness.rules.requests.length;
    const again = await open({ sheets: [], settings });
    // Waited for before any cell is computed: a cell that answers #N/A while the rule book is still
    // on its way is (rightly) recalculated once it arrives, which is not what this test is about.
    await ruleBookInUse(again);
    expect(await call(again, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900"))).toBe(IT_HW_REMAINING);
    expect(harness.rules.requests.length).toBeGreaterThan(requests);
    // The URL field shows where it came from, so Refresh is one click away.
    expect(await again.getByTestId("rules-url").inputValue()).toBe(harness.rulesUrl);
    expect(await text(again, "start-up")).toMatch(
      /^This workbook remembers its rule book's URL \(rules\.json on 127\.0\.0\.1:\d+\) and loads it whenever it opens\.$/,
    );
    // Its answers are those the cells were computed with last time: nothing to recalculate.
    expect(await settled(() => calculations(again))).toBe(0);
  });

  it("keeps the stored copy when the remembered URL fails, and shows the failure", async () => {
    const missing = harness.rulesUrl.replace("rules.json", "moved.json");
    const page = await open({ sheets: [], parts: [storedPart()], settings: rememberedUrl(missing) });
    await expect
      .poll(() => call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900")))
      .toBe(IT_HW_REMAINING);
    await page.getByTestId("rule-errors").waitFor();
    expect(await text(page, "rule-errors")).toContain(`The rule book at ${missing} could not be read.`);
    expect(await text(page, "start-up")).toMatch(
      /^Could not load the rule book from moved\.json on 127\.0\.0\.1:\d+, which this workbook remembers: .*404.*Trying again in \d+ s\.$/,
    );
    expect(await text(page, "rule-revision")).toBe("14");
  });
});

describe("recalculation only when the answers change", () => {
  it("none for the stored copy put back into use when the workbook opens", async () => {
    const page = await open({ sheets: [], parts: [storedPart()] });
    // No cell is computed before the rule book is in use (see ruleBookInUse).
    await ruleBookInUse(page);
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900"))).toBe(IT_HW_REMAINING);
    expect(await settled(() => calculations(page))).toBe(0);
  });

  it("none when the remembered URL serves what the stored copy holds, one when it serves a change", async () => {
    const page = await open({ sheets: [], parts: [storedPart()], settings: rememberedUrl() });
    await expect.poll(() => text(page, "rule-source")).toMatch(/^From rules\.json on /);
    expect(await call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900"))).toBe(IT_HW_REMAINING);
    expect(await settled(() => calculations(page))).toBe(0);

    const part = storedPart();
    const original = harness.rules.files.get("finance.json")!;
    try {
      harness.rules.files.set(
        "finance.json",
        original.replace('"amount": "1200000.00"', '"amount": "1250000.00"'),
      );
      const changed = await open({ sheets: [], parts: [part], settings: rememberedUrl() });
      await expect
        .poll(() => text(changed, "rule-source"), { timeout: 15_000 })
        .toMatch(/^From rules\.json on /);
      expect(await call(changed, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900"))).toBe(
        IT_HW_REMAINING + 50_000,
      );
      expect(await settled(() => calculations(changed))).toBe(1);
    } finally {
      harness.rules.files.set("finance.json", original);
    }
  });

  it("none for an unchanged refresh (304), exactly one for a changed rule book", async () => {
    const page = await open({ sheets: [] });
    await loadRulesByUrl(page, harness.rulesUrl);
    // The first rule book of the session: the cells may show anything, so they are recalculated.
    expect(await settled(() => calculations(page))).toBe(1);

    await page.getByTestId("rules-url-load").click();
    await expect.poll(() => text(page, "rule-note")).toBe("Unchanged since the last load.");
    expect(harness.rules.requests.slice(-4).map((r) => r.status)).toEqual([304, 304, 304, 304]);
    expect(await settled(() => calculations(page))).toBe(1);

    const original = harness.rules.files.get("finance.json")!;
    try {
      harness.rules.files.set(
        "finance.json",
        original.replace('"amount": "1200000.00"', '"amount": "1250000.00"'),
      );
      await page.getByTestId("rules-url-load").click();
      await expect
        .poll(() => call(page, "REMAINING", "IT-HW", serial(2026, 11, 21, "1900")))
        .toBe(IT_HW_REMAINING + 50_000);
      expect(await settled(() => calculations(page))).toBe(2);
    } finally {
      harness.rules.files.set("finance.json", original);
    }
  });
});

describe("today's date (a fake clock in the page)", () => {
  it("recalculates once when the local day changes, and not before", async () => {
    const page = await open({ sheets: [] }, [], (p) =>
      p.evaluate(() => new Date(2026, 11, 31, 23, 57, 0).getTime()),
    );
    await loadRulesByUrl(page, harness.rulesUrl);
    await expect.poll(() => calculations(page)).toBe(1);
    // Omitted, the date is today: 31 December 2026, in FY2026.
    expect(await call(page, "REMAINING", "IT-HW")).toBe(IT_HW_REMAINING);
    await page.clock.runFor(60_000); // 23:58
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    expect(await calculations(page)).toBe(1);
    await page.clock.runFor(3 * 60_000); // past midnight
    await expect.poll(() => calculations(page)).toBe(2);
    // 1 January 2027: FY2027, which the example rule book has no budget for.
    expect(await call(page, "REMAINING", "IT-HW")).toMatchObject({ error: "#N/A" });
    await page.clock.runFor(3_600_000); // 01:01, the same day
    expect(await calculations(page)).toBe(2);
  });

  it("recalculates once at open when the cells were computed on another day, and records today", async () => {
    const at = (p: Page) => p.evaluate(() => new Date(2026, 10, 21, 9, 0, 0).getTime());
    // Saved yesterday: Excel shows yesterday's answers and does not recompute them at open.
    const saved = await open(
      { sheets: [], parts: [storedPart()], settings: { "headroom.cellsDay": "2026-11-20" } },
      [],
      at,
    );
    await expect.poll(() => calculations(saved)).toBe(1);
    // The cells compute with today's date, which the workbook then keeps.
    expect(await call(saved, "REMAINING", "IT-HW")).toBe(IT_HW_REMAINING);
    await saved.clock.runFor(2_000);
    await expect.poll(() => sim(saved, (s) => s.settings()["headroom.cellsDay"])).toBe("2026-11-21");
    await saved.close();

    // Saved today: nothing to recompute.
    const today = await open(
      { sheets: [], parts: [storedPart()], settings: { "headroom.cellsDay": "2026-11-21" } },
      [],
      at,
    );
    await ruleBookInUse(today);
    expect(await call(today, "REMAINING", "IT-HW")).toBe(IT_HW_REMAINING);
    await today.clock.runFor(2_000);
    expect(await settled(() => calculations(today))).toBe(0);
    await today.close();
  });
});
