import { describe, expect, it } from "vitest";
import { formatIsoDate, parseIsoDate } from "../../../shared/dates/plain-date";
import { discountCosts, roundRate } from "../../../shared/terms/discount-cost";
import { parseTerms } from "../../../shared/terms/parse";
import type { PaymentTerms } from "../../../shared/terms/types";

function iso(text: string): number {
  const parsed = parseIsoDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function terms(text: string): PaymentTerms {
  const parsed = parseTerms(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

// 2/10 Net 30: d/(1-d) = 0.02/0.98, 20 days bought, 365/20 = 18.25 periods a year.
const SIMPLE_2_10_30 = 0.37244897959183676;
const EFFECTIVE_2_10_30 = 0.4458529273124856;

describe("discountCosts", () => {
  it("prices 2/10 Net 30 without a date", () => {
    const [cost, ...rest] = discountCosts(terms("2/10 Net 30"));
    expect(rest).toEqual([]);
    expect(cost).toEqual({
      percent: 2,
      days: 10,
      simpleApr: expect.closeTo(SIMPLE_2_10_30, 12),
      effectiveApr: expect.closeTo(EFFECTIVE_2_10_30, 12),
    });
    expect(cost && "deadline" in cost).toBe(false);
    expect(roundRate(cost?.simpleApr ?? 0)).toBe(0.3724);
    expect(roundRate(cost?.effectiveApr ?? 0)).toBe(0.4459);
  });

  it("uses the actual dates when an invoice date is given", () => {
    const [cost] = discountCosts(terms("2/10 Net 30"), iso("2027-01-31"));
    expect(formatIsoDate(cost?.deadline ?? 0)).toBe("2027-02-10");
    expect(cost?.simpleApr).toBeCloseTo(SIMPLE_2_10_30, 12);
  });

  it("counts both periods from month end for EOM terms", () => {
    const [nominal] = discountCosts(terms("2/10 Net 30 EOM"));
    const [dated] = discountCosts(terms("2/10 Net 30 EOM"), iso("2028-02-10"));
    expect(nominal?.simpleApr).toBeCloseTo(SIMPLE_2_10_30, 12);
    expect(dated?.simpleApr).toBeCloseTo(SIMPLE_2_10_30, 12);
    expect(formatIsoDate(dated?.deadline ?? 0)).toBe("2028-03-10");
  });

  it("prices each of several discounts against the due date", () => {
    const costs = discountCosts(terms("2/10, 1/20 Net 45"));
    expect(costs.map((c) => [c.percent, c.days])).toEqual([
      [2, 10],
      [1, 20],
    ]);
    // 1/20 Net 45: 25 days bought.
    expect(costs[1]?.simpleApr).toBeCloseTo((0.01 / 0.99) * (365 / 25), 12);
    expect(costs[1]?.effectiveApr).toBeCloseTo(0.15804692810220677, 12);
    expect(costs[0]?.simpleApr).toBeCloseTo((0.02 / 0.98) * (365 / 35), 12);
  });

  it("uses the fewest net days for day-of-next-month terms without a date", () => {
    const t = terms("2/10, 15th of the following month");
    expect(discountCosts(t)[0]?.simpleApr).toBeCloseTo((0.02 / 0.98) * (365 / 5), 12);
    // Invoiced 2027-01-15: discount until 01-25, due 02-15, 21 days bought.
    expect(discountCosts(t, iso("2027-01-15"))[0]?.simpleApr).toBeCloseTo((0.02 / 0.98) * (365 / 21), 12);
  });

  it("is Infinity when forgoing the discount buys no days", () => {
    const t: PaymentTerms = { due: { kind: "net", days: 10 }, discounts: [{ percent: 2, days: 10 }] };
    expect(discountCosts(t)[0]).toMatchObject({ simpleApr: Infinity, effectiveApr: Infinity });
    expect(discountCosts(t, iso("2027-01-01"))[0]).toMatchObject({
      simpleApr: Infinity,
      effectiveApr: Infinity,
    });
    const cod: PaymentTerms = { due: { kind: "cod" }, discounts: [{ percent: 2, days: 5 }] };
    expect(discountCosts(cod)[0]?.simpleApr).toBe(Infinity);
  });

  it("is empty without discounts", () => {
    expect(discountCosts(terms("Net 30"), iso("2027-01-01"))).toEqual([]);
  });
});

describe("roundRate", () => {
  it("rounds to 4 decimals", () => {
    expect(roundRate(0.37244897959183676)).toBe(0.3724);
    expect(roundRate(0.4458529273124856)).toBe(0.4459);
    expect(roundRate(0)).toBe(0);
    expect(roundRate(Infinity)).toBe(Infinity);
  });
});
