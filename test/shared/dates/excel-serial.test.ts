import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateToExcelSerial, excelSerialToDate } from "../../../shared/dates/excel-serial";
import type { ExcelDateSystem } from "../../../shared/dates/excel-serial";
import { formatIsoDate, fromYmd } from "../../../shared/dates/plain-date";

function dateOf(serial: number, system: ExcelDateSystem): string {
  const result = excelSerialToDate(serial, system);
  if (!result.ok) throw new Error(result.error);
  return formatIsoDate(result.value);
}

describe("1900 date system", () => {
  // Known values: Excel shows these dates for these serials (1899-12-30 + serial from 61 on).
  it.each([
    [1, "1900-01-01"],
    [31, "1900-01-31"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [43831, "2020-01-01"],
    [45658, "2025-01-01"],
    [2958465, "9999-12-31"],
  ])("serial %i is %s, and back", (serial, iso) => {
    expect(dateOf(serial, "1900")).toBe(iso);
    const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
    expect(dateToExcelSerial(fromYmd(year, month, day), "1900")).toBe(serial);
  });

  it("rejects serial 60, Lotus 1-2-3's fictitious 1900-02-29", () => {
    const result = excelSerialToDate(60, "1900");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/1900-02-29.*never existed/);
    expect(excelSerialToDate(60.75, "1900").ok).toBe(false);
  });

  it('rejects serial 0, "1900-01-00", and times without a date', () => {
    for (const serial of [0, 0.5]) {
      const result = excelSerialToDate(serial, "1900");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('"1900-01-00"');
    }
  });

  it("truncates the time of day", () => {
    expect(dateOf(45658.999, "1900")).toBe("2025-01-01");
    expect(dateOf(59.5, "1900")).toBe("1900-02-28");
    expect(dateOf(61.01, "1900")).toBe("1900-03-01");
  });

  it("maps dates before 1900-03-01 to serials below 60", () => {
    expect(dateToExcelSerial(fromYmd(1900, 2, 28), "1900")).toBe(59);
    expect(dateToExcelSerial(fromYmd(1900, 1, 1), "1900")).toBe(1);
  });

  it("round-trips every date from 1900-03-01 to 9999-12-31", () => {
    fc.assert(
      fc.property(fc.integer({ min: fromYmd(1900, 3, 1), max: fromYmd(9999, 12, 31) }), (date) => {
        const serial = dateToExcelSerial(date, "1900");
        expect(serial).toBeGreaterThanOrEqual(61);
        expect(excelSerialToDate(serial, "1900")).toEqual({ ok: true, value: date });
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips every valid serial", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), (serial) => {
        fc.pre(serial !== 60);
        const result = excelSerialToDate(serial, "1900");
        expect(result.ok).toBe(true);
        if (result.ok) expect(dateToExcelSerial(result.value, "1900")).toBe(serial);
      }),
    );
  });
});

describe("1904 date system", () => {
  it.each([
    [0, "1904-01-01"],
    [1, "1904-01-02"],
    [59, "1904-02-29"],
    [60, "1904-03-01"],
    [42369, "2020-01-01"],
    [44196, "2025-01-01"],
    [2957003, "9999-12-31"],
  ])("serial %i is %s, and back", (serial, iso) => {
    expect(dateOf(serial, "1904")).toBe(iso);
    const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
    expect(dateToExcelSerial(fromYmd(year, month, day), "1904")).toBe(serial);
  });

  it("is 1462 days behind the 1900 system after 1900-03-01", () => {
    fc.assert(
      fc.property(fc.integer({ min: fromYmd(1904, 1, 1), max: fromYmd(9999, 12, 31) }), (date) => {
        expect(dateToExcelSerial(date, "1900") - dateToExcelSerial(date, "1904")).toBe(1462);
      }),
    );
  });

  it("truncates the time of day", () => {
    expect(dateOf(0.25, "1904")).toBe("1904-01-01");
  });

  it("round-trips every date from 1904-01-01 to 9999-12-31", () => {
    fc.assert(
      fc.property(fc.integer({ min: fromYmd(1904, 1, 1), max: fromYmd(9999, 12, 31) }), (date) => {
        const serial = dateToExcelSerial(date, "1904");
        expect(serial).toBeGreaterThanOrEqual(0);
        expect(excelSerialToDate(serial, "1904")).toEqual({ ok: true, value: date });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("invalid serials", () => {
  it.each([
    [Number.NaN, "1900", /not a finite number/],
    [Number.POSITIVE_INFINITY, "1904", /not a finite number/],
    [-1, "1900", /negative.*1900-01-01/],
    [-0.5, "1904", /negative.*1904-01-01/],
    [2958466, "1900", /after 9999-12-31/],
    [2957004, "1904", /after 9999-12-31/],
  ] as const)("rejects %d in the %s system", (serial, system, message) => {
    const result = excelSerialToDate(serial, system);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
