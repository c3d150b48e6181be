import { afterEach, describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { locate, runCheck } from "../../../addin/taskpane/check-flow";
import { exampleBook } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { createSimHost, type SimHost } from "../sim/sim-host";
import type { WorkbookSeed } from "../sim/sim-workbook";

/** Where a check's results go when Excel will not take them (issue 13, defect 3). */

const book = exampleBook();
const asOf = (parseIsoDate("2026-11-21") as { ok: true; value: number }).value;

let host: SimHost;
const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g["Excel"];
});
const { header, rows } = registerRows(30);
function install(seed: Partial<WorkbookSeed> = {}, extra: (string | number)[][] = []) {
  host = createSimHost({
    sheets: [
      { name: "AP", rows: [header, ...rows.map((r, i) => [...r, ...(extra[i] ?? [])])], table: "Register" },
    ],
    ...seed,
  });
  g["Excel"] = host.Excel;
}
const check = async () => runCheck(book, await locate(), () => undefined, asOf);

describe("results Excel will not take", () => {
  it("a sheet protected when the check starts: found with the data, nothing tried, results kept", async () => {
    install();
    host.workbook.sheet("AP").protected = true;
    const located = await locate();
    expect(located.region.sheetProtected).toBe(true);
    const outcome = await runCheck(book, located, () => undefined, asOf);
    expect(outcome.write).toEqual({ written: false, why: "protected" });
    expect(outcome.result.summary.rows).toBe(30);
    expect(outcome.region.headers).toEqual(header);
    expect([...host.workbook.written]).toEqual([]);
  });

  it("a sheet protected between the read and the write: Excel refuses, the outcome says why", async () => {
    install();
    const located = await locate();
    expect(located.region.sheetProtected).toBe(false);
    // Protected just before the write batch, the run after the read (as a colleague might).
    const realRun = host.Excel.run.bind(host.Excel);
    let runs = 0;
    g["Excel"] = {
      run: (...args: Parameters<typeof realRun>) => {
        if (++runs === 2) host.workbook.sheet("AP").protected = true;
        return realRun(...args);
      },
    };
    const outcome = await runCheck(book, located, () => undefined, asOf);
    expect(outcome.write).toEqual({ written: false, why: "protected" });
    expect([...host.workbook.written]).toEqual([]);
  });

  it("Viewing mode on the web: the write is refused and the workbook is read-only, nothing written", async () => {
    install({ mode: "view" });
    const outcome = await check();
    expect(outcome.write).toEqual({ written: false, why: "read-only" });
    expect(outcome.result.summary.rows).toBe(30);
    expect([...host.workbook.written]).toEqual([]);
  });

  it("a file opened read-only on the desktop is written: Excel allows it", async () => {
    install({ mode: "read-only" });
    const outcome = await check();
    expect(outcome.write).toEqual({ written: true });
    expect(host.workbook.sheet("AP").get(1, header.length)).toBe(outcome.result.statusOf(0));
  });

  it("any other failure of the write is an error, not taken for a read-only workbook", async () => {
    // A cell right of the table blocks the new table columns (InsertDeleteConflict).
    install({}, [[], [], ["in the way"]]);
    await expect(check()).rejects.toThrow(/not empty/);
  });
});
