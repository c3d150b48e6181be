import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  todayLocal,
  addDays,
  addMonthsClamped,
  daysInMonth,
  endOfMonth,
  formatIsoDate,
  fromYmd,
  isLeapYear,
  parseIsoDate,
  toYmd,
  todayUtc,
} from "../../../shared/dates/plain-date";

const MS_PER_DAY = 86_400_000;
const FIRST = fromYmd(0, 1, 1);
const LAST = fromYmd(9999, 12, 31);
const anyDate = fc.integer({ min: FIRST, max: LAST });

/** Independent oracle: JavaScript's own proleptic Gregorian calendar (setUTCFullYear handles years 0-99). */
function viaJsDate(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function iso(text: string): number {
  const parsed = parseIsoDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe("fromYmd / toYmd", () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 1, 1, 10957],
    [2000, 3, 1, 11017],
    [1900, 3, 1, -25508],
    [9999, 12, 31, 2932896],
  ])("%i-%i-%i is day %i", (year, month, day, expected) => {
    expect(fromYmd(year, month, day)).toBe(expected);
    expect(toYmd(expected)).toEqual({ year, month, day });
  });

  it("agrees with the JavaScript calendar over years 0000-9999", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const { year, month, day } = toYmd(date);
        expect(viaJsDate(year, month, day)).toBe(date);
        expect(fromYmd(year, month, day)).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it("handles dates before year 0 and far after 9999", () => {
    for (const [year, month, day] of [
      [-1, 12, 31],
      [-400, 2, 29],
      [12345, 6, 7],
    ] as const) {
      expect(toYmd(fromYmd(year, month, day))).toEqual({ year, month, day });
    }
  });

  it("counts consecutive days across 1900-2100 without gaps", () => {
    let expected = fromYmd(1900, 1, 1);
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          if (fromYmd(year, month, day) !== expected) throw new Error(`${year}-${month}-${day}`);
          expected++;
        }
      }
    }
    expect(expected).toBe(fromYmd(2101, 1, 1));
  });
});

describe("isLeapYear / daysInMonth", () => {
  it.each([
    [1900, false],
    [2000, true],
    [2024, true],
    [2027, false],
    [2028, true],
    [2100, false],
    [2400, true],
  ])("%i leap: %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it("gives 31 or 30 days to the other months", () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2027, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });
});

describe("parseIsoDate", () => {
  it("reads valid dates", () => {
    expect(parseIsoDate("1970-01-01")).toEqual({ ok: true, value: 0 });
    expect(parseIsoDate("2028-02-29")).toEqual({ ok: true, value: fromYmd(2028, 2, 29) });
    expect(parseIsoDate("2000-02-29")).toEqual({ ok: true, value: fromYmd(2000, 2, 29) });
    expect(parseIsoDate("0000-01-01")).toEqual({ ok: true, value: fromYmd(0, 1, 1) });
    expect(parseIsoDate("9999-12-31")).toEqual({ ok: true, value: LAST });
  });

  it.each([
    ["2026-02-30", '"2026-02-30" is not a real date: February 2026 has 28 days'],
    ["2027-02-29", '"2027-02-29" is not a real date: February 2027 has 28 days'],
    ["1900-02-29", '"1900-02-29" is not a real date: February 1900 has 28 days'],
    ["2028-02-30", '"2028-02-30" is not a real date: February 2028 has 29 days'],
    ["2026-04-31", '"2026-04-31" is not a real date: April 2026 has 30 days'],
    ["2026-01-00", '"2026-01-00" is not a real date: January 2026 has 31 days'],
    ["2026-13-01", '"2026-13-01" is not a real date: there is no month 13'],
    ["2026-00-10", '"2026-00-10" is not a real date: there is no month 0'],
    ["2026-1-01", '"2026-1-01" is not a date in YYYY-MM-DD form'],
    ["2026/01/01", '"2026/01/01" is not a date in YYYY-MM-DD form'],
    [" 2026-01-01", '" 2026-01-01" is not a date in YYYY-MM-DD form'],
    ["2026-01-01T00:00", '"2026-01-01T00:00" is not a date in YYYY-MM-DD form'],
    ["20260101", '"20260101" is not a date in YYYY-MM-DD form'],
    ["2026-01-0x", '"2026-01-0x" is not a date in YYYY-MM-DD form'],
    ["", '"" is not a date in YYYY-MM-DD form'],
  ])("rejects %j", (text, message) => {
    expect(parseIsoDate(text)).toEqual({ ok: false, error: message });
  });

  it("shortens very long input in the message", () => {
    const result = parseIsoDate("x".repeat(1000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(140);
  });

  it("round-trips with formatIsoDate over years 0000-9999", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(parseIsoDate(formatIsoDate(date))).toEqual({ ok: true, value: date });
      }),
    );
  });
});

describe("formatIsoDate", () => {
  it("pads to YYYY-MM-DD", () => {
    expect(formatIsoDate(0)).toBe("1970-01-01");
    expect(formatIsoDate(fromYmd(5, 3, 9))).toBe("0005-03-09");
    expect(formatIsoDate(fromYmd(2026, 12, 31))).toBe("2026-12-31");
  });

  it("uses ISO 8601 expanded years outside 0000-9999", () => {
    expect(formatIsoDate(fromYmd(10000, 1, 1))).toBe("+010000-01-01");
    expect(formatIsoDate(fromYmd(-1, 12, 31))).toBe("-000001-12-31");
  });
});

describe("addDays / endOfMonth", () => {
  it("adds days across month and year ends", () => {
    expect(formatIsoDate(addDays(iso("2026-12-31"), 1))).toBe("2027-01-01");
    expect(formatIsoDate(addDays(iso("2028-02-28"), 1))).toBe("2028-02-29");
    expect(formatIsoDate(addDays(iso("2027-03-01"), -1))).toBe("2027-02-28");
  });

  it.each([
    ["2027-01-15", "2027-01-31"],
    ["2027-02-01", "2027-02-28"],
    ["2028-02-01", "2028-02-29"],
    ["2028-02-29", "2028-02-29"],
    ["1900-02-10", "1900-02-28"],
    ["2000-02-10", "2000-02-29"],
    ["2026-04-30", "2026-04-30"],
    ["2026-12-01", "2026-12-31"],
  ])("end of month of %s is %s", (date, expected) => {
    expect(formatIsoDate(endOfMonth(iso(date)))).toBe(expected);
  });

  it("is the last day of the same month", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const end = endOfMonth(date);
        const a = toYmd(date);
        const b = toYmd(end);
        expect([b.year, b.month]).toEqual([a.year, a.month]);
        expect(b.day).toBe(daysInMonth(a.year, a.month));
      }),
    );
  });
});

describe("addMonthsClamped", () => {
  it.each([
    ["2027-01-31", 1, "2027-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["1900-01-31", 1, "1900-02-28"],
    ["2000-01-31", 1, "2000-02-29"],
    ["2026-12-31", 1, "2027-01-31"],
    ["2026-12-15", 2, "2027-02-15"],
    ["2027-03-31", -1, "2027-02-28"],
    ["2027-01-31", -1, "2026-12-31"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2028-02-29", 48, "2032-02-29"],
    ["2027-05-31", 0, "2027-05-31"],
    ["2027-08-31", 1, "2027-09-30"],
  ])("%s + %i months = %s", (date, months, expected) => {
    expect(formatIsoDate(addMonthsClamped(iso(date), months))).toBe(expected);
  });

  it("lands in the target month, never overflowing into the month after", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: fromYmd(1, 1, 1), max: LAST }),
        fc.integer({ min: -1200, max: 1200 }),
        (date, n) => {
          const from = toYmd(date);
          const to = toYmd(addMonthsClamped(date, n));
          const index = from.year * 12 + from.month - 1 + n;
          expect(to.year * 12 + to.month - 1).toBe(index);
          expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
        },
      ),
    );
  });

  it("throws for a fractional month count (programmer error)", () => {
    expect(() => addMonthsClamped(0, 1.5)).toThrow(RangeError);
  });
});

describe("todayUtc", () => {
  it("takes the UTC calendar day of the given instant", () => {
    expect(formatIsoDate(todayUtc(new Date("2026-03-05T23:59:59.999Z")))).toBe("2026-03-05");
    expect(formatIsoDate(todayUtc(new Date("2026-03-05T00:30:00+02:00")))).toBe("2026-03-04");
    expect(formatIsoDate(todayUtc(new Date("1969-12-31T12:00:00Z")))).toBe("1969-12-31");
  });

  it("defaults to now", () => {
    const before = Math.floor(Date.now() / MS_PER_DAY);
    const today = todayUtc();
    expect(today).toBeGreaterThanOrEqual(before);
    expect(today).toBeLessThanOrEqual(before + 1);
  });

  it("throws for an invalid Date (programmer error)", () => {
    expect(() => todayUtc(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("todayLocal", () => {
  it("is the day on the user's own calendar, late evening and early morning alike", () => {
    expect(todayLocal(new Date(2026, 11, 31, 23, 30))).toBe(fromYmd(2026, 12, 31));
    expect(todayLocal(new Date(2027, 0, 1, 0, 15))).toBe(fromYmd(2027, 1, 1));
    expect(() => todayLocal(new Date(NaN))).toThrow(RangeError);
  });
});
