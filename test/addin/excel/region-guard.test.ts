import { afterEach, describe, expect, it } from "vitest";
import { mapColumns } from "../../../shared/engine/columns";
import type { CellValue } from "../../../shared/sheet/cell-values";
import { jsonBytes } from "../../../shared/sheet/chunk-plan";
import { fingerprintRows, hashColumns, keyColumns } from "../../../shared/sheet/row-fingerprint";
import { newIoStats } from "../../../addin/excel/io-stats";
import { guardRegion, RegionChangedError, verifyRegion } from "../../../addin/excel/region-guard";
import { goToRow, locateData, readRegionRows, writeResultColumns } from "../../../addin/excel/workbook";
import { registerRows } from "../register";
import { createSimHost, type SimHost } from "../sim/sim-host";
import type { SimChange, WorkbookSeed } from "../sim/sim-workbook";

let host: SimHost;
const g = globalThis as Record<string, unknown>;
function install(seed: WorkbookSeed) {
  host = createSimHost(seed);
  g["Excel"] = host.Excel;
}
afterEach(() => {
  delete g["Excel"];
});

/** Locates and reads the register as a check does; `change` happens between the read and the write. */
async function readThenWrite(change?: SimChange) {
  const { region } = await locateData();
  const { rows } = await readRegionRows(region);
  const guard = guardRegion(region, rows, mapColumns(region.headers));
  if (change) host.workbook.apply(change);
  host.workbook.written.clear();
  const cells = rows.map((): [string, string] => ["ok", ""]);
  return { region, rows, write: () => writeResultColumns(guard, cells) };
}

describe("key columns and fingerprints", () => {
  it("keys a row by its reference and amount, else by supplier (or vendor id) and amount", () => {
    expect(keyColumns({ ref: 0, supplier: 2, vendorId: 3, amount: 6 })).toEqual([0, 6]);
    expect(keyColumns({ supplier: 4, vendorId: 3, amount: 1 })).toEqual([1, 4]);
    expect(keyColumns({ vendorId: 3, amount: 1 })).toEqual([1, 3]);
  });

  it("tells cells apart by type, order and boundaries, and sizes chunks for one request each", () => {
    const h = (rows: CellValue[][]) => fingerprintRows(rows, [0, 1]).chunks[0]!.hash;
    expect(h([["PO-1", 100]])).toBe(h([["PO-1", 100]]));
    expect(h([["PO-1", 100]])).not.toBe(h([["PO-1", "100"]]));
    expect(h([["ab", "c"]])).not.toBe(h([["a", "bc"]]));
    expect(
      h([
        ["PO-1", 1],
        ["PO-2", 2],
      ]),
    ).not.toBe(
      h([
        ["PO-2", 2],
        ["PO-1", 1],
      ]),
    );
    // The hash of the cells as a read returns them (one single-cell row each) is the same hash.
    const rows: CellValue[][] = [
      ["PO-1", 10.5],
      ["", true],
    ];
    const f = fingerprintRows(rows, [0, 1]);
    expect(
      hashColumns(
        [
          [["PO-1"], [""]],
          [[10.5], [true]],
        ],
        2,
      ),
    ).toBe(f.chunks[0]!.hash);
    // Long key cells: every chunk's read stays under the byte limit.
    const long = Array.from({ length: 1000 }, (_, i): CellValue[] => [`${i}`.padEnd(500, "x"), i]);
    const chunks = fingerprintRows(long, [0, 1], { limit: 100_000 }).chunks;
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.bytes <= 100_000)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(1000);
    // Sizes as a read returns the cells, `[value],` each, also for text JSON escapes or UTF-8 widens.
    const odd: CellValue[][] = [
      ['Caf\u00e9 "Nord"\\', -12.5],
      ["\u65e5\u672c", false],
    ];
    const sized = fingerprintRows(odd, [0, 1]).chunks[0]!;
    expect(sized.bytes).toBe(odd.flat().reduce<number>((n, v) => n + jsonBytes([[v]]) - 1, 0));
  });
});

describe("the write confirms the region first", () => {
  const { header, rows } = registerRows(200);
  const amount = header.indexOf("Amount");
  const table = (): WorkbookSeed => ({
    sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
  });

  it("writes when nothing changed", async () => {
    install(table());
    const { write } = await readThenWrite();
    const { statusColumn } = await write();
    expect(statusColumn).toBe(header.length);
    expect(host.workbook.sheet("AP").get(1, header.length)).toBe("ok");
  });

  it.each<[string, SimChange, RegExp]>([
    [
      "sorted",
      { op: "sort", sheet: "AP", column: amount },
      /PO Number or Amount in rows 2 to 201 of sheet AP changed/,
    ],
    [
      "a row inserted in the table",
      { op: "insert", sheet: "AP", at: 50, rows: [rows[3]!] },
      /Table Register has 201 rows now; it had 200/,
    ],
    [
      "a row deleted",
      { op: "delete", sheet: "AP", at: 10, count: 1 },
      /Table Register has 199 rows now; it had 200/,
    ],
    [
      "rows inserted above the table",
      { op: "insert", sheet: "AP", at: 0, rows: [[], []] },
      /Table Register starts at A3 now; it started at A1/,
    ],
    [
      "one amount edited by a co-author",
      { op: "set", sheet: "AP", row: 120, col: amount, value: 999.99 },
      /PO Number or Amount in rows 2 to 201/,
    ],
    [
      "a header renamed",
      { op: "set", sheet: "AP", row: 0, col: 5, value: "Spend category" },
      /column headers of Table Register changed/,
    ],
  ])("writes nothing when %s between the read and the write", async (_what, change, message) => {
    install(table());
    const before = () => host.workbook.sheet("AP").cells.map((r) => [...(r ?? [])]);
    const { write } = await readThenWrite();
    // Applied after the read, as a sort or a co-author's edit arriving between the two batches.
    host.workbook.apply(change);
    const changed = before();
    const error = await write().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegionChangedError);
    expect((error as Error).message).toMatch(message);
    expect([...host.workbook.written]).toEqual([]);
    expect(host.workbook.tables[0]!.rect.cols).toBe(header.length);
    expect(host.workbook.sheet("AP").conditionalFormats).toEqual([]);
    expect(before()).toEqual(changed);
  });

  it("guards a plain range (no table) the same way", async () => {
    install({
      sheets: [{ name: "Log", rows: [[], ["", ...header], ...rows.slice(0, 30).map((r) => ["", ...r])] }],
    });
    const sorted = await readThenWrite();
    host.workbook.apply({ op: "sort", sheet: "Log", column: 1 + amount, descending: true });
    await expect(sorted.write()).rejects.toThrow(/PO Number or Amount in rows 3 to 32 of sheet Log/);
    const grown = await readThenWrite();
    host.workbook.apply({ op: "insert", sheet: "Log", at: 10, rows: [["", ...rows[0]!]] });
    await expect(grown.write()).rejects.toThrow(/The data on sheet Log has 31 rows now; it had 30/);
    expect([...host.workbook.written]).toEqual([]);
  });

  it("selects a flagged row only while it holds the same purchase", async () => {
    install(table());
    const { region, rows: read } = await readThenWrite();
    const key = keyColumns(mapColumns(region.headers));
    const expected = { columns: key, cells: key.map((c) => read[41]![c]!) };
    expect(await goToRow(region, 41, expected)).toEqual({ selected: true });
    expect(host.workbook.selection).toMatchObject({ rect: { row: 42 } });
    host.workbook.selection = {
      sheet: host.workbook.sheet("AP"),
      rect: { row: 0, col: 0, rows: 1, cols: 1 },
    };
    host.workbook.apply({ op: "sort", sheet: "AP", column: amount, descending: true });
    const moved = await goToRow(region, 41, expected);
    expect(moved.selected).toBe(false);
    expect(host.workbook.selection).toMatchObject({ rect: { row: 0, rows: 1 } });
  });
});

describe("cost of the guard on large registers", () => {
  it("confirms 30,000 rows in one request, and reads long key cells in chunks under 5 MB", async () => {
    const { header, rows } = registerRows(30_000);
    install({ sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }] });
    const { region } = await locateData();
    const { rows: read } = await readRegionRows(region);
    const guard = guardRegion(region, read, mapColumns(region.headers));
    const syncsBefore = host.stats.syncs.length;
    await host.Excel.run((context) => verifyRegion(context, guard, newIoStats()));
    const verification = host.stats.syncs.slice(syncsBefore);
    expect(verification).toHaveLength(1);
    expect(verification[0]!.responseBytes).toBeLessThan(5 * 1024 * 1024);

    // References of 300 characters: 9 MB of key cells, read back in several requests, each under
    // 5 MB; a change in the last chunk is still found.
    const longRefs = rows.map((r) => [`${r[0]}`.padEnd(300, "."), ...r.slice(1)]);
    install({ sheets: [{ name: "AP", rows: [header, ...longRefs], table: "Register" }] });
    const long = await locateData();
    const longRead = await readRegionRows(long.region);
    const longGuard = guardRegion(long.region, longRead.rows, mapColumns(long.region.headers));
    expect(longGuard.fingerprint.chunks.length).toBeGreaterThan(2);
    host.workbook.apply({ op: "set", sheet: "AP", row: 29_999, col: header.indexOf("Amount"), value: 1 });
    const start = host.stats.syncs.length;
    const error = await host.Excel.run((context) => verifyRegion(context, longGuard, newIoStats())).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegionChangedError);
    expect((error as Error).message).toMatch(/rows \d+ to 30001 of sheet AP/);
    const syncs = host.stats.syncs.slice(start);
    expect(syncs).toHaveLength(longGuard.fingerprint.chunks.length);
    expect(Math.max(...syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)))).toBeLessThan(
      5 * 1024 * 1024,
    );
  });
});
