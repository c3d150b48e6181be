import { describe, expect, it } from "vitest";
import {
  chunkRanges,
  chunksByBytes,
  EXCEL_WEB_PAYLOAD_LIMIT,
  jsonBytes,
  MAX_ROWS_PER_CHUNK,
  rowsPerChunk,
} from "../../../shared/sheet/chunk-plan";

describe("chunk planning", () => {
  it("keeps a chunk of measured cells under half the 5 MB limit", () => {
    const rows = rowsPerChunk(9, 40);
    expect(rows * 9 * 40).toBeLessThanOrEqual(EXCEL_WEB_PAYLOAD_LIMIT / 2);
    expect((rows + 1) * 9 * 40).toBeGreaterThan(EXCEL_WEB_PAYLOAD_LIMIT / 2);
  });

  it("caps narrow sheets and never goes below one row", () => {
    expect(rowsPerChunk(1, 1)).toBe(MAX_ROWS_PER_CHUNK);
    expect(rowsPerChunk(100, 1_000_000)).toBe(1);
    expect(() => rowsPerChunk(0)).toThrow(RangeError);
  });

  it("splits rows into consecutive chunks covering each row once", () => {
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
    expect(chunkRanges(0, 4)).toEqual([]);
  });

  it("measures JSON in UTF-8 bytes", () => {
    expect(jsonBytes([["a", 1]])).toBe('[["a",1]]'.length);
    expect(jsonBytes(["é"])).toBe(6);
    expect(jsonBytes(["€"])).toBe(7);
    expect(jsonBytes(["😀"])).toBe(8);
  });
});

describe("chunks by bytes", () => {
  it("packs rows up to the limit and gives an oversized row a chunk of its own", () => {
    expect(chunksByBytes([3, 3, 3, 10, 1], 6)).toEqual([
      [0, 2],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(chunksByBytes([1, 1, 1, 1, 1], 100, 2)).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
    expect(chunksByBytes([], 6)).toEqual([]);
  });
});
