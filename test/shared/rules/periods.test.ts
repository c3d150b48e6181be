import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../../shared/dates/plain-date";
import { parsePeriod } from "../../../shared/rules/periods";

const JANUARY = { month: 1, day: 1 };
const APRIL = { month: 4, day: 1 };
const JULY = { month: 7, day: 1 };

function days(text: string, start: { month: number; day: number }): string {
  const p = parsePeriod(text, start);
  if (!p.ok) throw new Error(p.error);
  return `${formatIsoDate(p.value.start)}/${formatIsoDate(p.value.end)}`;
}

describe("parsePeriod", () => {
  it("reads a fiscal quarter from the fiscal year's start", () => {
    // FY2026 with an April start runs 2025-04-01 to 2026-03-31.
    expect(days("FY2026-Q1", APRIL)).toBe("2025-04-01/2025-06-30");
    expect(days("FY2026-Q2", APRIL)).toBe("2025-07-01/2025-09-30");
    expect(days("FY2026-Q3", APRIL)).toBe("2025-10-01/2025-12-31");
    expect(days("FY2026-Q4", APRIL)).toBe("2026-01-01/2026-03-31");
    expect(days("FY2027-Q1", JULY)).toBe("2026-07-01/2026-09-30");
    expect(days("fy 2026-q4", JULY)).toBe("2026-04-01/2026-06-30");
    // With a January start a fiscal quarter is the calendar quarter.
    expect(days("FY2026-Q1", JANUARY)).toBe(days("2026-Q1", JANUARY));
  });

  it("keeps a quarter without FY a calendar quarter, whatever the fiscal year", () => {
    expect(days("2026-Q1", APRIL)).toBe("2026-01-01/2026-03-31");
    expect(days("2026-Q4", JULY)).toBe("2026-10-01/2026-12-31");
  });

  it("gives fiscal quarters that tile the fiscal year, even from a month's last day", () => {
    for (const start of [APRIL, JULY, { month: 1, day: 31 }, { month: 8, day: 31 }, { month: 2, day: 28 }]) {
      const year = parsePeriod("FY2028", start);
      if (!year.ok) throw new Error(year.error);
      let next = year.value.start;
      for (const q of [1, 2, 3, 4]) {
        const p = parsePeriod(`FY2028-Q${q}`, start);
        if (!p.ok) throw new Error(p.error);
        expect(p.value.start).toBe(next);
        expect(p.value.end).toBeGreaterThanOrEqual(p.value.start);
        next = p.value.end + 1;
      }
      expect(next - 1).toBe(year.value.end);
    }
  });

  it("names every form in its error", () => {
    const p = parsePeriod("FY2026-Q5", APRIL);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toContain('a fiscal quarter "FY2026-Q1", a calendar quarter "2026-Q1"');
  });
});
