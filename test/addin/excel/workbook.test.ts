import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import { mapColumns } from "../../../shared/engine/columns";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { cellsToPurchases } from "../../../shared/sheet/cell-values";
import { resultCells, RESULT_HEADERS, STATUS_COLOURS } from "../../../shared/sheet/result-columns";
import { detectDateSystem } from "../../../addin/excel/date-system";
import { PART_NAMESPACES } from "../../../addin/excel/document-store";
import { guardRegion } from "../../../addin/excel/region-guard";
import {
  goToRow,
  loadFromWorkbook,
  locateData,
  readRegionRows,
  saveToWorkbook,
  writeResultColumns,
} from "../../../addin/excel/workbook";
import { exampleBook } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { createSimHost, type SimHost } from "../sim/sim-host";
import type { WorkbookSeed } from "../sim/sim-workbook";

const book = exampleBook();
const asOf = (parseIsoDate("2026-11-21") as { ok: true; value: number }).value;

let host: SimHost;
const g = globalThis as Record<string, unknown>;
function install(seed: WorkbookSeed) {
  host = createSimHost(seed);
  g["Excel"] = host.Excel;
}
afterEach(() => {
  delete g["Excel"];
});

/** The check flow as the pane runs it: locate, read, check, write. */
async function checkWorkbook() {
  const { region, dateSystem } = await locateData();
  const { rows } = await readRegionRows(region);
  const mapping = mapColumns(region.headers);
  const result = checkBatch(book, cellsToPurchases(rows, mapping, dateSystem.system), { asOf });
  const cells = resultCells(result);
  const written = await writeResultColumns(guardRegion(region, rows, mapping), cells);
  return { region, rows, result, cells, written, dateSystem };
}

describe("Excel I/O against the simulated host", () => {
  const { header, rows } = registerRows(300);
  beforeEach(() =>
    install({ sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], use1904: false }),
  );

  it("finds the table, reads typed rows and writes only the two result columns, added to the table", async () => {
    const { region, rows: read, cells, dateSystem } = await checkWorkbook();
    expect(region).toMatchObject({
      sheet: "AP",
      table: "Register",
      rowIndex: 0,
      columnIndex: 0,
      dataRows: 300,
    });
    expect(region.headers).toEqual(header);
    expect(dateSystem).toMatchObject({ system: "1900", assumed: false });
    expect(read).toEqual(rows);
    const sheet = host.workbook.sheet("AP");
    const width = header.length;
    expect(sheet.get(0, width)).toBe(RESULT_HEADERS[0]);
    expect(sheet.get(0, width + 1)).toBe(RESULT_HEADERS[1]);
    expect(host.workbook.tables[0]!.rect.cols).toBe(width + 2);
    for (let r = 0; r < 300; r++) {
      expect(sheet.get(r + 1, width)).toBe(cells[r]![0]);
      expect(rows[r]).toEqual(Array.from({ length: width }, (_, c) => sheet.get(r + 1, c)));
    }
    for (const key of host.workbook.written) {
      const col = Number(key.split(",")[1]);
      expect(col === width || col === width + 1).toBe(true);
    }
    expect(sheet.formulas.size).toBe(0);
    expect(host.stats.calculations).toEqual(["Recalculate"]);
    const blockRow = cells.findIndex((c) => c[0] === "block");
    expect(host.workbook.effectiveFill(sheet, blockRow + 1, width)).toBe(STATUS_COLOURS.block.fill);
  });

  it("writes text that starts like a formula back as the same text, never a formula", async () => {
    install({
      sheets: [
        {
          name: "AP",
          rows: [
            ["Vendor", "Amount"],
            ['=HYPERLINK("http://evil")', 10],
          ],
          table: "T",
        },
      ],
      use1904: false,
    });
    const { region } = await locateData();
    const { rows: read } = await readRegionRows(region);
    await writeResultColumns(guardRegion(region, read, mapColumns(region.headers)), [["warn", "=1+1 | -x"]]);
    const sheet = host.workbook.sheet("AP");
    expect(sheet.get(1, 3)).toBe("=1+1 | -x");
    expect(sheet.formulas.size).toBe(0);
  });

  it("reuses its columns on a second run: one pair, same cells, no other cell touched", async () => {
    const first = await checkWorkbook();
    const before = host.workbook.sheet("AP").cells.map((r) => [...r]);
    host.workbook.written.clear();
    const second = await checkWorkbook();
    expect(second.region.columnCount).toBe(header.length + 2);
    expect(host.workbook.tables[0]!.rect.cols).toBe(header.length + 2);
    expect(host.workbook.sheet("AP").cells).toEqual(before);
    expect(second.cells).toEqual(first.cells);
    expect(host.workbook.sheet("AP").conditionalFormats).toHaveLength(4);
  });

  it("uses the used range when there is no table, writing headers itself", async () => {
    install({
      sheets: [{ name: "Log", rows: [[], ["", ...header], ...rows.slice(0, 20).map((r) => ["", ...r])] }],
    });
    const { region, written } = await checkWorkbook();
    expect(region).toMatchObject({
      table: null,
      rowIndex: 1,
      columnIndex: 1,
      dataRows: 20,
      address: expect.stringContaining("Log!B2"),
    });
    expect(written.statusColumn).toBe(1 + header.length);
    expect(host.workbook.sheet("Log").get(1, 1 + header.length)).toBe(RESULT_HEADERS[0]);
    const again = await checkWorkbook();
    expect(again.written.statusColumn).toBe(1 + header.length);
  });

  it("assumes the 1900 system when the host cannot say, and reads 1904 workbooks", async () => {
    // Production Excel (no use1904DateSystem) says it through DATE(1904, 1, 1).
    const sheets = [{ name: "AP", rows: [header, ...rows.slice(0, 2)], table: "T" }];
    install({ sheets });
    expect((await locateData()).dateSystem).toEqual({ system: "1900", assumed: false, source: "excel" });
    install({ sheets, use1904: true });
    expect((await locateData()).dateSystem).toEqual({ system: "1904", assumed: false, source: "excel" });
    // An Excel without Workbook.functions (before ExcelApi 1.2) cannot: 1900 is assumed, and why.
    install({ sheets, use1904: true, excelApi: "1.1" });
    expect(await detectDateSystem()).toEqual({
      system: "1900",
      assumed: true,
      source: "assumed",
      why: expect.stringMatching(/DATE\(1904, 1, 1\).*ApiNotFound/),
    });
  });

  it("explains an empty sheet", async () => {
    install({ sheets: [{ name: "Empty", rows: [] }] });
    await expect(locateData()).rejects.toThrow(/no table and no rows under a header row/);
  });

  it("selects a flagged row", async () => {
    const { region } = await locateData();
    await goToRow(region, 41);
    expect(host.workbook.selection).toMatchObject({
      rect: { row: 42, col: 0, rows: 1, cols: header.length },
    });
  });

  it("finds the first table when a chart or shape is selected", async () => {
    host.workbook.selection = "shape";
    const { region } = await locateData();
    expect(region.table).toBe("Register");
  });

  it("stores text in the workbook and reads it back, replacing what was there", async () => {
    expect(await loadFromWorkbook(PART_NAMESPACES.ruleBook)).toBeNull();
    const text = '{"a": "<&>\\r\\n"}\r\n]]>';
    await saveToWorkbook(PART_NAMESPACES.ruleBook, text);
    await saveToWorkbook(PART_NAMESPACES.ruleBook, text + "2");
    expect(host.workbook.parts).toHaveLength(1);
    expect(await loadFromWorkbook(PART_NAMESPACES.ruleBook)).toBe(text + "2");
    await saveToWorkbook(PART_NAMESPACES.ruleBook, null);
    expect(host.workbook.parts).toHaveLength(0);
  });
});

describe("large registers", () => {
  it("reads and writes 30,000 rows in chunks, each request under 5 MB", async () => {
    const { header, rows } = registerRows(30_000);
    install({ sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], use1904: false });
    const { region } = await locateData();
    const progress: number[] = [];
    const { rows: read, stats } = await readRegionRows(region, (done) => progress.push(done));
    expect(read.length).toBe(30_000);
    expect(progress.at(-1)).toBe(30_000);
    expect(stats.syncs).toBeGreaterThanOrEqual(1);
    const cells = read.map((): [string, string] => ["warn", "x".repeat(200)]);
    const w = await writeResultColumns(guardRegion(region, read, mapColumns(region.headers)), cells);
    expect(w.stats.syncs).toBeGreaterThan(1);
    const simLargest = Math.max(...host.stats.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
    expect(simLargest).toBeLessThan(5 * 1024 * 1024);
    expect(w.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it("keeps the first read under 5 MB even when a free-text column holds long notes", async () => {
    const { header, rows } = registerRows(12_000);
    const notes = "Delivery to the north warehouse, dock 4; call ahead. ".repeat(8); // ~430 characters
    install({
      sheets: [
        { name: "AP", rows: [[...header, "Notes"], ...rows.map((r) => [...r, notes])], table: "Register" },
      ],
      use1904: false,
    });
    const { region } = await locateData();
    const { rows: read } = await readRegionRows(region);
    expect(read.length).toBe(12_000);
    const largest = Math.max(...host.stats.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
    expect(largest).toBeLessThan(5 * 1024 * 1024);
  });
});
