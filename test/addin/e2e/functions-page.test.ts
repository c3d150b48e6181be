import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../helpers/chromium";
import { repoRoot } from "../../helpers/cli";
import { buildAddinInto } from "../build/run-node";

/**
 * The built functions.js on the real page (taskpane.html) in Chromium, with office.js replaced by a
 * stand-in for what Excel's runtime provides: CustomFunctions (records registrations), Office
 * (ready at once) and Excel: a 1900 workbook (DATE(1904, 1, 1) is 1462) with one sheet of formulas,
 * whose recalculations it records (which cells were marked dirty, which calculations were asked
 * for). The task pane's bundle, which loads the rule book a workbook carries, is left out. Excel
 * itself cannot run here.
 */
const OFFICE_STUB = `
  window.registered = {};
  window.calculations = [];
  window.dirtied = 0;
  window.CustomFunctions = {
    Error: class { constructor(code, message) { this.code = code; this.message = message; } },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" },
    associate(id, fn) { window.registered[id] = fn; },
  };
  window.Office = { onReady(callback) { setTimeout(callback, 0); return Promise.resolve({}); } };
  const formulaSheet = {
    getUsedRangeOrNullObject() {
      return {
        isNullObject: false,
        getSpecialCellsOrNullObject() { return { isNullObject: false, setDirty() { window.dirtied++; } }; },
      };
    },
  };
  window.Excel = {
    run(...args) {
      const batch = args[args.length - 1];
      const context = {
        workbook: {
          load() {},
          functions: { date() { return { value: 1462, load() {} }; } },
          worksheets: { items: [formulaSheet], load() {} },
          application: { calculate(type) { window.calculations.push(type); } },
        },
        sync: () => Promise.resolve(),
      };
      return batch(context);
    },
  };
`;
const ORIGIN = "https://addin.headroom.test";
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
};

const work = mkdtempSync(join(tmpdir(), "headroom-functions-page-"));
const dist = join(work, "addin");
let close: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];

/** Calls a registered function on the page; returns its value or { error, message }. */
function call(id: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, values]) => {
      const w = window as unknown as { registered: Record<string, (...a: unknown[]) => unknown> };
      try {
        return w.registered[name as string]!(...(values as unknown[]));
      } catch (e) {
        const { code, message } = e as { code: string; message?: string };
        return { error: code, message };
      }
    },
    [id, args] as const,
  );
}

beforeAll(async () => {
  await buildAddinInto(dist);
  await build({
    entryPoints: [join(repoRoot, "test/addin/e2e/load-rule-book-entry.ts")],
    outfile: join(work, "load-rule-book.js"),
    bundle: true,
    format: "iife",
    target: "es2020",
    logLevel: "warning",
  });
  const browser = await launchChromium();
  close = browser.close;
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ contentType: "text/javascript", body: OFFICE_STUB }),
  );
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    // The task pane is another test's subject; this page runs the functions alone.
    if (path === "/taskpane.js") return route.fulfill({ contentType: "text/javascript", body: "" });
    return route.fulfill({
      contentType: TYPES[extname(path)] ?? "application/octet-stream",
      body: readFileSync(join(dist, path)),
    });
  });
  await page.goto(`${ORIGIN}/taskpane.html`);
  await page.addScriptTag({ content: readFileSync(join(work, "load-rule-book.js"), "utf8") });
});
afterAll(async () => {
  await close?.();
  rmSync(work, { recursive: true, force: true });
});

describe("functions.js on the shared-runtime page", () => {
  it("registers every function of functions.json", async () => {
    const metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as {
      functions: { id: string }[];
    };
    const registered = await page.evaluate(() =>
      Object.keys((window as unknown as { registered: object }).registered),
    );
    expect(registered.sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(pageErrors).toEqual([]);
  });

  it("answers #N/A until a rule book is loaded, then from it, and recalculates once", async () => {
    expect(await call("REMAINING", "IT", 46347)).toEqual({
      error: "#N/A",
      message:
        "No rule book is loaded: click Check purchases on the Home tab (Headroom group) and load the rule book.",
    });
    const text = readFileSync(join(repoRoot, "test/fixtures/engine/rules.json"), "utf8");
    const loaded = await page.evaluate(
      (t) =>
        (window as unknown as { headroomTest: { load(n: string, t: string): string } }).headroomTest.load(
          "rules.json",
          t,
        ),
      text,
    );
    expect(loaded).toBe("loaded");
    expect(await call("REMAINING", "IT", 46347)).toBe(3000);
    expect(await call("SUPPLIERSTATUS", 10042)).toBe("preferred");
    expect(await call("CHECK", "Cheapo Parts Ltd", 100, "IT")).toEqual([
      [
        "block",
        "Cheapo Parts Ltd is blocked: Failed the security review. Preferred for Hardware: Dell Technologies Inc.",
      ],
    ]);
    await page.waitForFunction(
      () => (window as unknown as { calculations: string[] }).calculations.length > 0,
    );
    // This workbook's formula cells, marked dirty, then Excel's recalculation of dirty cells only.
    expect(
      await page.evaluate(() => {
        const w = window as unknown as { calculations: string[]; dirtied: number };
        return { calculations: w.calculations, dirtied: w.dirtied };
      }),
    ).toEqual({ calculations: ["Recalculate"], dirtied: 1 });
  });

  it("handles date serials as Excel does, in the browser too", async () => {
    expect(await call("DUEDATE", "Net 1", 59)).toBe(61);
    expect(await call("DUEDATE", "Net 30", 60)).toMatchObject({ error: "#VALUE!" });
    expect(await call("DUEDATE", "Net 30", 44885, 1904)).toBe(44915);
    expect(await call("REMAINING", "IT", "abc")).toMatchObject({ error: "#VALUE!" });
    expect(pageErrors).toEqual([]);
  });

  it("answers a linked data type in an argument with #VALUE! naming it, and reads a formatted number", async () => {
    const rules = readFileSync(join(repoRoot, "test/fixtures/engine/rules.json"), "utf8");
    await page.evaluate(
      (t) =>
        (window as unknown as { headroomTest: { load(n: string, t: string): string } }).headroomTest.load(
          "rules.json",
          t,
        ),
      rules,
    );
    // As Excel passes a cell holding a data type when functions.json allows custom data (it does).
    const stock = {
      type: "LinkedEntity",
      text: "Microsoft Corp",
      basicType: "Error",
      basicValue: "#VALUE!",
      id: { entityId: "XNAS:MSFT", domainId: "stocks", serviceId: 536870912, culture: "en-US" },
      properties: { Name: { type: "String", basicValue: "Microsoft Corporation" } },
    };
    expect(await call("REMAINING", stock, 46347)).toEqual({
      error: "#VALUE!",
      message:
        'The cost center is a linked data type ("Microsoft Corp"), not text: give one of its fields instead, e.g. A2.Name where A2 is that cell',
    });
    expect(await call("REMAINING", [["IT"], ["HR"]], 46347)).toEqual({
      error: "#VALUE!",
      message: "The cost center is a range of 2 × 1 cells, not text: give one cell",
    });
    const amount = { type: "FormattedNumber", basicValue: 100, numberFormat: "$#,##0.00" };
    expect(await call("CHECK", "Cheapo Parts Ltd", amount, "IT")).toEqual(
      await call("CHECK", "Cheapo Parts Ltd", 100, "IT"),
    );
    expect(pageErrors).toEqual([]);
  });
});
