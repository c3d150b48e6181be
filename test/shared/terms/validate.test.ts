import { describe, expect, it } from "vitest";
import type { PaymentTerms } from "../../../shared/terms/types";
import { isDayOfMonth, isDiscountPercent, isTermDays, validateTerms } from "../../../shared/terms/validate";

describe("range checks", () => {
  it("isTermDays: whole days 0..3650", () => {
    expect([0, 30, 3650].map(isTermDays)).toEqual([true, true, true]);
    expect([-1, 3651, 1.5, Number.NaN, Infinity].map(isTermDays)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("isDayOfMonth: whole days 1..31", () => {
    expect([1, 15, 31].map(isDayOfMonth)).toEqual([true, true, true]);
    expect([0, 32, 1.5, Number.NaN].map(isDayOfMonth)).toEqual([false, false, false, false]);
  });

  it("isDiscountPercent: above 0, below 100", () => {
    expect([0.01, 2, 99.99].map(isDiscountPercent)).toEqual([true, true, true]);
    expect([0, -1, 100, Number.NaN].map(isDiscountPercent)).toEqual([false, false, false, false]);
  });
});

describe("validateTerms", () => {
  it("accepts valid terms as they are", () => {
    const terms: PaymentTerms = {
      due: { kind: "net", days: 45 },
      discounts: [
        { percent: 2, days: 10 },
        { percent: 1, days: 20 },
      ],
    };
    expect(validateTerms(terms)).toEqual({ ok: true, value: terms });
  });

  it.each<[PaymentTerms, RegExp]>([
    [{ due: { kind: "eom", days: -5 }, discounts: [] }, /due days must be a whole number/],
    [{ due: { kind: "day-of-next-month", day: 40 }, discounts: [] }, /from 1 to 31, got 40/],
    [
      {
        due: { kind: "net", days: 45 },
        discounts: [
          { percent: 1, days: 20 },
          { percent: 2, days: 10 },
        ],
      },
      /must be sorted by days/,
    ],
    [{ due: { kind: "in-advance" }, discounts: [{ percent: 2, days: 0 }] }, /no time for a discount/],
  ])("rejects %j", (terms, message) => {
    const result = validateTerms(terms);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
