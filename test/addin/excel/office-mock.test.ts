import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { probeDateSystem, readSavedDateSystem } from "../../../addin/excel/date-system";
import {
  PART_NAMESPACES,
  readPart,
  unwrapPart,
  wrapPart,
  writePart,
} from "../../../addin/excel/document-store";
import type { DataRegion } from "../../../addin/excel/find-data";
import { newIoStats } from "../../../addin/excel/io-stats";
import { readRows } from "../../../addin/excel/read-rows";
import { writeResults } from "../../../addin/excel/write-results";

/** office-addin-mock context whose `sync` is counted. */
function mockContext(data: Record<string, unknown>) {
  const mock = new OfficeMockObject({ context: data }) as unknown as {
    context: { sync: () => Promise<void> };
  };
  const raw = mock.context;
  let syncs = 0;
  const sync = raw.sync.bind(raw);
  raw.sync = async () => {
    syncs++;
    await sync();
  };
  return { ctx: raw as unknown as Excel.RequestContext, syncs: () => syncs };
}

type MockRange = { at: number[]; values?: unknown; conditionalFormats: unknown };

function sheetMock(cells: unknown[][] = []) {
  const ranges: MockRange[] = [];
  return {
    ranges,
    sheet: {
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        const range: MockRange & { load: () => void } = {
          at: [row, col, rows, cols],
          values: cells.slice(row, row + rows).map((r) => r.slice(col, col + cols)),
          load: () => undefined,
          conditionalFormats: {
            clearAll: () => undefined,
            add: () => ({ textComparison: { format: { fill: {}, font: {} }, rule: {} } }),
          },
        };
        ranges.push(range);
        return range;
      },
    },
  };
}

const region: DataRegion = {
  sheet: "AP",
  table: null,
  rowIndex: 0,
  columnIndex: 0,
  columnCount: 2,
  dataRows: 3,
  headers: ["Vendor", "Amount"],
  address: "AP!A1:B4",
};

describe("Excel I/O with office-addin-mock", () => {
  it("learns the date system from Excel's DATE(1904, 1, 1): 0 in a 1904 workbook, 1462 in a 1900 one", async () => {
    const asked: number[][] = [];
    const workbookFor = (value: number) => ({
      functions: {
        date: (y: number, m: number, d: number) => {
          asked.push([y, m, d]);
          return { value, load: () => undefined };
        },
      },
    });
    expect(await probeDateSystem(mockContext({ workbook: workbookFor(0) }).ctx)).toBe("1904");
    expect(await probeDateSystem(mockContext({ workbook: workbookFor(1462) }).ctx)).toBe("1900");
    expect(await probeDateSystem(mockContext({ workbook: workbookFor(7) }).ctx)).toBeNull();
    expect(asked).toEqual([
      [1904, 1, 1],
      [1904, 1, 1],
      [1904, 1, 1],
    ]);
  });

  it("reads the analyst's saved choice from the workbook's settings, and nothing else", async () => {
    const settingsFor = (stored: Record<string, unknown>) => ({
      settings: {
        getItemOrNullObject: (key: string) => ({
          isNullObject: !(key in stored),
          value: stored[key],
          load: () => undefined,
        }),
      },
    });
    const read = (stored: Record<string, unknown>) =>
      readSavedDateSystem(mockContext({ workbook: settingsFor(stored) }).ctx);
    expect(await read({ "headroom.dateSystem": "1904" })).toBe("1904");
    expect(await read({})).toBeNull();
    expect(await read({ "headroom.dateSystem": "2000" })).toBeNull();
  });

  it("reads data rows under the header, in one request for a small sheet", async () => {
    const { sheet, ranges } = sheetMock([
      ["Vendor", "Amount"],
      ["Dell", 10],
      ["HP", 20],
      ["=x", ""],
    ]);
    const { ctx, syncs } = mockContext({ workbook: { worksheets: { getItem: () => sheet } } });
    const stats = newIoStats();
    const rows = await readRows(ctx, region, stats);
    expect(rows).toEqual([
      ["Dell", 10],
      ["HP", 20],
      ["=x", ""],
    ]);
    expect(ranges[0]!.at).toEqual([1, 0, 3, 2]);
    expect(syncs()).toBe(1);
    expect(stats).toEqual({ syncs: 1, largestRequestBytes: JSON.stringify(rows).length });
  });

  it("writes headers and escaped results into the two columns after the data, with calculation suspended", async () => {
    const { sheet, ranges } = sheetMock();
    let suspendedCalc = 0;
    let suspendedScreen = 0;
    const calculations: string[] = [];
    const { ctx, syncs } = mockContext({
      workbook: { worksheets: { getItem: () => sheet } },
      application: {
        suspendApiCalculationUntilNextSync: () => void suspendedCalc++,
        suspendScreenUpdatingUntilNextSync: () => void suspendedScreen++,
        calculate: (type: string) => void calculations.push(type),
      },
    });
    const stats = newIoStats();
    await writeResults(
      ctx,
      region,
      [
        ["ok", ""],
        ["warn", "=HYPERLINK(1)"],
        ["block", "+x"],
      ],
      stats,
    );
    const written = ranges.filter((r) => r.at[1] === 2 && r.at[3] === 2);
    expect(written.map((r) => r.at)).toEqual([
      [0, 2, 1, 2],
      [1, 2, 3, 2],
    ]);
    expect(written[0]!.values).toEqual([["Headroom status", "Headroom details"]]);
    expect(written[1]!.values).toEqual([
      ["ok", ""],
      ["warn", "'=HYPERLINK(1)"],
      ["block", "'+x"],
    ]);
    expect(ranges.every((r) => r.at[1]! >= 2)).toBe(true);
    expect(syncs()).toBe(2);
    expect(suspendedCalc).toBe(1);
    expect(calculations).toEqual(["Recalculate"]);
    expect(suspendedScreen).toBe(1);
  });

  it("refuses results that do not line up with the data rows", async () => {
    const { sheet } = sheetMock();
    const { ctx } = mockContext({ workbook: { worksheets: { getItem: () => sheet } }, application: {} });
    await expect(writeResults(ctx, region, [["ok", ""]], newIoStats())).rejects.toThrow(
      /1 result rows for 3/,
    );
  });

  it("stores text in a custom XML part and reads it back", async () => {
    const parts: string[] = [];
    let deleted = 0;
    const existing = wrapPart(PART_NAMESPACES.mapping, '{"a":"<b> & c"}');
    const { ctx } = mockContext({
      workbook: {
        customXmlParts: {
          getByNamespace: () => ({
            load: () => undefined,
            items: [{ getXml: () => ({ value: existing }), delete: () => void deleted++ }],
          }),
          add: (xml: string) => void parts.push(xml),
        },
      },
    });
    expect(await readPart(ctx, PART_NAMESPACES.mapping)).toBe('{"a":"<b> & c"}');
    await writePart(ctx, PART_NAMESPACES.mapping, "new");
    expect(deleted).toBe(1);
    expect(parts).toHaveLength(1);
    expect(unwrapPart(parts[0]!)).toBe("new");
    expect(unwrapPart("<other/>")).toBeNull();
  });
});
