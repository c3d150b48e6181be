import { describe, expect, it } from "vitest";
import { formatIsoDate, fromYmd, parseIsoDate } from "../../../shared/dates/plain-date";
import { fastIsoDate, plainDecimalToMinor, readDate } from "../../../shared/engine/read-row";

describe("fastIsoDate (the register's date fast path)", () => {
  it("agrees with the checked parser on every day from 1899 to 2201, across the month table's edges", () => {
    for (let day = fromYmd(1899, 1, 1); day <= fromYmd(2201, 12, 31); day++) {
      const text = formatIsoDate(day);
      expect(fastIsoDate(text)).toBe(day);
    }
  });

  it("gives NaN for what is not a real date, so the row gets readDate's explanation", () => {
    for (const text of [
      "2026-02-29",
      "2100-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-01-32",
      "2026-1-01",
      "2026/01/01",
      "20260101",
      "2026-01-0x",
      "",
    ]) {
      expect(fastIsoDate(text), text).toBeNaN();
    }
    expect(fastIsoDate("2024-02-29")).toBe(fromYmd(2024, 2, 29));
    expect(fastIsoDate("2000-02-29")).toBe(fromYmd(2000, 2, 29));
    expect(readDate("2026-02-29")).toEqual({ ok: false, error: '"2026-02-29" is not a real date' });
  });

  it("reads years outside the table the slow way", () => {
    expect(fastIsoDate("1066-10-14")).toBe((parseIsoDate("1066-10-14") as { value: number }).value);
    expect(fastIsoDate("2500-02-29")).toBeNaN();
  });
});

describe("plainDecimalToMinor", () => {
  it("reads plain decimals up to the currency's decimals, and leaves the rest to the money parser", () => {
    expect(plainDecimalToMinor("1234.56", 2)).toBe(123456);
    expect(plainDecimalToMinor("-7.5", 2)).toBe(-750);
    expect(plainDecimalToMinor("12", 0)).toBe(12);
    expect(plainDecimalToMinor("1.234", 2)).toBeUndefined();
    expect(plainDecimalToMinor("1,234.56", 2)).toBeUndefined();
    expect(plainDecimalToMinor(".5", 2)).toBeUndefined();
    expect(plainDecimalToMinor("5.", 2)).toBeUndefined();
  });
});
