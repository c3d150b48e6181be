import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDate, fromYmd, parseIsoDate } from "../../../shared/dates/plain-date";
import { moveRuleFileYears, movePeriodText, yearsToFiscalYearOf } from "../../../shared/rules/move-years";
import { fiscalYearOf } from "../../../shared/rules/periods";
import type { RuleBook } from "../../../shared/rules/rule-book";
import { clone, exampleSingleFile, parseObjects } from "../../helpers/rule-files";

const day = (text: string) => {
  const parsed = parseIsoDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

function compile(file: unknown): RuleBook {
  const result = parseObjects({ "rules.json": file });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.value;
}

const JANUARY = { month: 1, day: 1 };
const APRIL = { month: 4, day: 1 };

describe("fiscalYearOf", () => {
  it("names a fiscal year by the calendar year it ends in", () => {
    expect(fiscalYearOf(day("2026-01-01"), JANUARY)).toBe(2026);
    expect(fiscalYearOf(day("2026-12-31"), JANUARY)).toBe(2026);
    expect(fiscalYearOf(day("2026-03-31"), APRIL)).toBe(2026);
    expect(fiscalYearOf(day("2026-04-01"), APRIL)).toBe(2027);
  });
});

describe("movePeriodText", () => {
  it("moves dates, fiscal years, quarters, months and ranges by whole years", () => {
    expect(movePeriodText("2026-03-31", 1)).toBe("2027-03-31");
    expect(movePeriodText("FY2026", 4)).toBe("FY2030");
    expect(movePeriodText("fy 2026", 1)).toBe("fy 2027");
    expect(movePeriodText("2026-Q3", 2)).toBe("2028-Q3");
    expect(movePeriodText("FY2026-Q1", 2)).toBe("FY2028-Q1");
    expect(movePeriodText("2026-11", -1)).toBe("2025-11");
    expect(movePeriodText("2026-01-01 / 2026-06-30", 3)).toBe("2029-01-01 / 2029-06-30");
  });

  it("makes February 29th the 28th in a year without one, and keeps it in a leap year", () => {
    expect(movePeriodText("2028-02-29", 1)).toBe("2029-02-28");
    expect(movePeriodText("2028-02-29", 4)).toBe("2032-02-29");
  });

  it("leaves text that is not a date or a period as it is, for validation to report", () => {
    for (const text of ["next year", "2026-02-30", "FY26", ""]) expect(movePeriodText(text, 1)).toBe(text);
  });
});

describe("moveRuleFileYears", () => {
  it("moves the example rule book into another year with every figure kept", () => {
    const original = exampleSingleFile();
    const before = compile(original);
    const moved = compile(moveRuleFileYears(original, 4));

    expect(formatIsoDate(moved.meta.effectiveDate)).toBe("2030-11-01");
    expect(moved.fxAsOf === undefined ? null : formatIsoDate(moved.fxAsOf)).toBe("2030-11-01");
    expect(moved.budgets.map((b) => b.period)).toEqual(before.budgets.map(() => "FY2030"));
    expect(moved.budgets.map((b) => [b.costCenter, b.amount, b.spent, b.committed, b.action])).toEqual(
      before.budgets.map((b) => [b.costCenter, b.amount, b.spent, b.committed, b.action]),
    );
    const dell = (book: RuleBook) => book.suppliers.find((s) => s.id === "dell")!;
    expect(formatIsoDate(dell(moved).contract!.ends)).toBe("2031-03-31");
    expect(dell(moved).terms).toEqual(dell(before).terms);
    // Only dates changed: put the old dates back and the files are equal.
    expect(moveRuleFileYears(moveRuleFileYears(original, 4), -4)).toEqual(original);
  });

  it("moves each budget's figuresAsOf with its period", () => {
    const file = exampleSingleFile() as { budgets: Record<string, unknown>[] };
    file.budgets[0]!["figuresAsOf"] = "2026-10-31";
    const moved = moveRuleFileYears(file, 1) as { budgets: Record<string, unknown>[] };
    expect(moved.budgets[0]!["figuresAsOf"]).toBe("2027-10-31");
    expect(compile(moved).budgets[0]!.figuresAsOf).toBe(day("2027-10-31"));
  });

  it("does not change the file it is given", () => {
    const original = exampleSingleFile();
    const kept = clone(original);
    moveRuleFileYears(original, 2);
    expect(original).toEqual(kept);
  });

  it("copies what it does not recognise, and refuses a part of a year", () => {
    const odd = { schemaVersion: 1, meta: { effectiveDate: 20261101 }, budgets: ["x", { period: 7 }] };
    expect(moveRuleFileYears(odd, 1)).toEqual(odd);
    expect(moveRuleFileYears("not a rule file", 1)).toBe("not a rule file");
    expect(() => moveRuleFileYears(odd, 0.5)).toThrow(RangeError);
  });

  it("moved into the fiscal year of any day, covers that day with every budget", () => {
    const original = exampleSingleFile();
    const book = compile(original);
    fc.assert(
      fc.property(fc.integer({ min: fromYmd(2000, 1, 1), max: fromYmd(2099, 12, 31) }), (today) => {
        const { from, to, years } = yearsToFiscalYearOf(book, today);
        expect([from, to]).toEqual([2026, fiscalYearOf(today, JANUARY)]);
        const moved = compile(moveRuleFileYears(original, years));
        for (const b of moved.budgets) {
          expect(b.start <= today && today <= b.end, `${b.costCenter} ${b.period}`).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("counts fiscal years from the rule book's own start of year", () => {
    const file = clone(exampleSingleFile()) as {
      meta: Record<string, unknown>;
      budgets: { period: string }[];
    };
    file.meta["fiscalYearStart"] = "04-01";
    file.meta["effectiveDate"] = "2026-03-01";
    const book = compile(file);
    expect(yearsToFiscalYearOf(book, day("2026-03-31"))).toEqual({ from: 2026, to: 2026, years: 0 });
    expect(yearsToFiscalYearOf(book, day("2026-04-01"))).toEqual({ from: 2026, to: 2027, years: 1 });
  });
});
