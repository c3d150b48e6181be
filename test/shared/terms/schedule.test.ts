import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, formatIsoDate, fromYmd, parseIsoDate, toYmd } from "../../../shared/dates/plain-date";
import { parseTerms } from "../../../shared/terms/parse";
import { discountDeadline, dueDate, minimumNetDays, netDays } from "../../../shared/terms/schedule";
import type { PaymentTerms } from "../../../shared/terms/types";
import { invoiceArb, termsArb } from "./arbitraries";

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

/**
 * Terms text, invoice date → due date, net days and the deadline of each discount.
 * Month ends: Jan 31, Feb 28 (2027, common) and Feb 29 (2028, leap), Dec 31 into the next year,
 * 1900 (not a leap year) and 2000 (a leap year). Expected dates worked out by hand.
 */
const TABLE: [text: string, invoice: string, due: string, netDays: number, deadlines: string[]][] = [
  // net: N days after the invoice date
  ["Net 30", "2027-01-31", "2027-03-02", 30, []],
  ["Net 30", "2028-01-31", "2028-03-01", 30, []],
  ["2/10 Net 30", "2027-02-28", "2027-03-30", 30, ["2027-03-10"]],
  ["2/10 Net 30", "2028-02-29", "2028-03-30", 30, ["2028-03-10"]],
  ["2/10 Net 30", "2028-02-28", "2028-03-29", 30, ["2028-03-09"]],
  ["Net 30", "2026-12-31", "2027-01-30", 30, []],
  ["2/10, 1/20 Net 45", "2026-12-31", "2027-02-14", 45, ["2027-01-10", "2027-01-20"]],
  ["Net 1", "1900-02-28", "1900-03-01", 1, []],
  ["Net 1", "2000-02-28", "2000-02-29", 1, []],
  ["30 days", "1900-01-31", "1900-03-02", 30, []],
  ["30 days", "2000-01-31", "2000-03-01", 30, []],
  ["Net 0", "2027-01-31", "2027-01-31", 0, []],
  // eom: N days after the end of the invoice month; discounts count from month end
  ["EOM", "2027-01-01", "2027-01-31", 30, []],
  ["EOM", "2027-01-31", "2027-01-31", 0, []],
  ["EOM", "2027-02-10", "2027-02-28", 18, []],
  ["EOM", "2028-02-10", "2028-02-29", 19, []],
  ["EOM", "1900-02-01", "1900-02-28", 27, []],
  ["EOM", "2000-02-01", "2000-02-29", 28, []],
  ["Net 30 EOM", "2027-01-15", "2027-03-02", 46, []],
  ["Net 30 EOM", "2028-01-31", "2028-03-01", 30, []],
  ["10 EOM", "2027-02-28", "2027-03-10", 10, []],
  ["10 EOM", "2027-02-01", "2027-03-10", 37, []],
  ["Net 45 EOM", "2026-12-15", "2027-02-14", 61, []],
  ["2/10 Net 30 EOM", "2028-02-01", "2028-03-30", 58, ["2028-03-10"]],
  ["2/10 Net 30 EOM", "2027-02-01", "2027-03-30", 57, ["2027-03-10"]],
  ["2/10 EOM", "2026-12-31", "2027-01-30", 30, ["2027-01-10"]],
  ["2/10 EOM", "1900-02-15", "1900-03-30", 43, ["1900-03-10"]],
  ["2/10 EOM", "2000-02-15", "2000-03-30", 44, ["2000-03-10"]],
  // day-of-next-month: day N of the following month, clamped; discounts count from the invoice date
  ["15th of the following month", "2027-01-31", "2027-02-15", 15, []],
  ["15th of the following month", "2026-12-31", "2027-01-15", 15, []],
  ["2/10, 15th of the following month", "2027-01-31", "2027-02-15", 15, ["2027-02-10"]],
  ["2/10, 15th of the following month", "2027-01-01", "2027-02-15", 45, ["2027-01-11"]],
  ["31st of the following month", "2027-01-15", "2027-02-28", 44, []],
  ["31st of the following month", "2027-01-31", "2027-02-28", 28, []],
  ["31st of the following month", "2028-01-31", "2028-02-29", 29, []],
  ["31st of the following month", "2026-12-31", "2027-01-31", 31, []],
  ["31st of the following month", "2027-02-28", "2027-03-31", 31, []],
  ["31st of the following month", "2028-02-29", "2028-03-31", 31, []],
  ["31st of the following month", "2027-03-31", "2027-04-30", 30, []],
  ["30th of the following month", "1900-01-31", "1900-02-28", 28, []],
  ["30th of the following month", "2000-01-31", "2000-02-29", 29, []],
  ["1st of the following month", "2026-12-31", "2027-01-01", 1, []],
  ["29th of the following month", "2027-01-31", "2027-02-28", 28, []],
  ["29th of the following month", "2028-01-31", "2028-02-29", 29, []],
  // due on the invoice date
  ["Due on receipt", "2028-02-29", "2028-02-29", 0, []],
  ["Due on receipt", "2026-12-31", "2026-12-31", 0, []],
  ["COD", "2027-02-28", "2027-02-28", 0, []],
  ["COD", "1900-02-28", "1900-02-28", 0, []],
  ["Cash in advance", "2027-01-31", "2027-01-31", 0, []],
  ["Prepaid", "2000-02-29", "2000-02-29", 0, []],
];

describe("due date and discount deadlines", () => {
  it.each(TABLE)("%s invoiced %s is due %s", (text, invoice, due, days, deadlines) => {
    const t = terms(text);
    const date = iso(invoice);
    expect(formatIsoDate(dueDate(t, date))).toBe(due);
    expect(netDays(t, date)).toBe(days);
    expect(t.discounts.map((d) => formatIsoDate(discountDeadline(t, d, date)))).toEqual(deadlines);
  });

  it("covers every kind of due rule", () => {
    const kinds = new Set(TABLE.map(([text]) => terms(text).due.kind));
    expect([...kinds].sort()).toEqual(["cod", "day-of-next-month", "eom", "in-advance", "net", "on-receipt"]);
  });

  it("never falls before the invoice date, and never before any discount deadline", () => {
    fc.assert(
      fc.property(termsArb, invoiceArb, (t, invoice) => {
        const due = dueDate(t, invoice);
        expect(due).toBeGreaterThanOrEqual(invoice);
        for (const d of t.discounts) {
          const deadline = discountDeadline(t, d, invoice);
          expect(deadline).toBeGreaterThanOrEqual(invoice);
          expect(deadline).toBeLessThan(due);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("puts day-of-next-month terms in the next month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), invoiceArb, (day, invoice) => {
        const due = toYmd(dueDate({ due: { kind: "day-of-next-month", day }, discounts: [] }, invoice));
        const from = toYmd(invoice);
        expect(due.year * 12 + due.month).toBe(from.year * 12 + from.month + 1);
        expect(due.day).toBe(Math.min(day, daysInMonth(due.year, due.month)));
      }),
    );
  });
});

describe("minimumNetDays", () => {
  it.each<[string, number]>([
    ["Net 30", 30],
    ["Net 30 EOM", 30],
    ["EOM", 0],
    ["15th of the following month", 15],
    ["28th of the following month", 28],
    ["29th of the following month", 28],
    ["31st of the following month", 28],
    ["Due on receipt", 0],
    ["COD", 0],
    ["CIA", 0],
  ])("%s: %i", (text, expected) => {
    expect(minimumNetDays(terms(text))).toBe(expected);
  });

  it("is the fewest net days over every invoice date of 2025-2032", () => {
    const first = fromYmd(2025, 1, 1);
    const last = fromYmd(2032, 12, 31);
    const rules: PaymentTerms[] = [
      ...Array.from({ length: 31 }, (_, i) => ({
        due: { kind: "day-of-next-month" as const, day: i + 1 },
        discounts: [],
      })),
      { due: { kind: "eom", days: 0 }, discounts: [] },
      { due: { kind: "eom", days: 15 }, discounts: [] },
      { due: { kind: "net", days: 30 }, discounts: [] },
      { due: { kind: "cod" }, discounts: [] },
    ];
    for (const t of rules) {
      let fewest = Infinity;
      for (let invoice = first; invoice <= last; invoice++) fewest = Math.min(fewest, netDays(t, invoice));
      expect(minimumNetDays(t), JSON.stringify(t.due)).toBe(fewest);
    }
  });

  it("is never more than the net days of any invoice date", () => {
    fc.assert(
      fc.property(termsArb, invoiceArb, (t, invoice) => {
        expect(netDays(t, invoice)).toBeGreaterThanOrEqual(minimumNetDays(t));
      }),
    );
  });
});
