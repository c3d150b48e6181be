import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_TERMS_LENGTH,
  describeTermsError,
  formatTerms,
  parseTerms,
  termsEqual,
  termsFromStructured,
  toStructured,
} from "../../../shared/terms/parse";
import type { PaymentTerms, StructuredTerms } from "../../../shared/terms/types";
import { termsArb } from "./arbitraries";

const net = (days: number, ...discounts: [number, number][]): PaymentTerms => ({
  due: { kind: "net", days },
  discounts: discounts.map(([percent, d]) => ({ percent, days: d })),
});
const eom = (days: number, ...discounts: [number, number][]): PaymentTerms => ({
  due: { kind: "eom", days },
  discounts: discounts.map(([percent, d]) => ({ percent, days: d })),
});
const nextMonth = (day: number, ...discounts: [number, number][]): PaymentTerms => ({
  due: { kind: "day-of-next-month", day },
  discounts: discounts.map(([percent, d]) => ({ percent, days: d })),
});
const ON_RECEIPT: PaymentTerms = { due: { kind: "on-receipt" }, discounts: [] };
const COD: PaymentTerms = { due: { kind: "cod" }, discounts: [] };
const IN_ADVANCE: PaymentTerms = { due: { kind: "in-advance" }, discounts: [] };

describe("parseTerms accepts", () => {
  it.each<[string, PaymentTerms]>([
    ["Net 30", net(30)],
    ["net30", net(30)],
    ["N30", net(30)],
    ["N/30", net(30)],
    ["NET 30 DAYS", net(30)],
    ["Net-30", net(30)],
    ["Net 30.", net(30)],
    ["net 0", net(0)],
    ["30 days", net(30)],
    ["30days", net(30)],
    ["30 d", net(30)],
    ["30 days net", net(30)],
    ["30 net", net(30)],
    ["30 days from invoice", net(30)],
    ["30 days after invoice date", net(30)],
    ["Net 30 days from date of invoice", net(30)],
    ["Payment terms: net 30 days", net(30)],
    ["due within 30 days", net(30)],
    ["  Net 30  ", net(30)],
    ["\tNet\u00a030\n", net(30)],
    ["2/10 Net 30", net(30, [2, 10])],
    ["2% 10 Net 30", net(30, [2, 10])],
    ["2%/10 net 30", net(30, [2, 10])],
    ["2 % 10 days, net 30", net(30, [2, 10])],
    ["2/10 days net 30 days", net(30, [2, 10])],
    ["2/10, 1/20, Net 45", net(45, [2, 10], [1, 20])],
    ["1/20, 2/10 Net 45", net(45, [2, 10], [1, 20])],
    ["1.5/10 net 30", net(30, [1.5, 10])],
    ["0.5% 10 N30", net(30, [0.5, 10])],
    ["Net 30 EOM", eom(30)],
    ["Net 30 E.O.M.", eom(30)],
    ["net 30 eom", eom(30)],
    ["EOM", eom(0)],
    ["e.o.m", eom(0)],
    ["Net EOM", eom(0)],
    ["10 EOM", eom(10)],
    ["10EOM", eom(10)],
    ["Net 45 EOM", eom(45)],
    ["30 days end of month", eom(30)],
    ["30 days from end of month", eom(30)],
    ["30 days after the end of the month", eom(30)],
    ["30 days following month end", eom(30)],
    ["30 days EOM", eom(30)],
    ["EOM + 30", eom(30)],
    ["EOM 30 days", eom(30)],
    ["2/10 Net 30 EOM", eom(30, [2, 10])],
    ["2/10 EOM", eom(30, [2, 10])],
    ["2/10, 1/15 EOM", eom(35, [2, 10], [1, 15])],
    ["15th of the following month", nextMonth(15)],
    ["15 of next month", nextMonth(15)],
    ["on the 15th of the next month", nextMonth(15)],
    ["15th day of the month following", nextMonth(15)],
    ["1st of following month", nextMonth(1)],
    ["31st of the following month", nextMonth(31)],
    ["10th prox", nextMonth(10)],
    ["2/10, 15th of the following month", nextMonth(15, [2, 10])],
    ["Due on receipt", ON_RECEIPT],
    ["Upon receipt", ON_RECEIPT],
    ["Payment on receipt", ON_RECEIPT],
    ["due upon receipt of invoice", ON_RECEIPT],
    ["Immediate", ON_RECEIPT],
    ["due immediately", ON_RECEIPT],
    ["COD", COD],
    ["C.O.D.", COD],
    ["cod", COD],
    ["Cash on delivery", COD],
    ["Payment on delivery", COD],
    ["CIA", IN_ADVANCE],
    ["C.I.A.", IN_ADVANCE],
    ["Cash in advance", IN_ADVANCE],
    ["Prepaid", IN_ADVANCE],
    ["Pre-paid", IN_ADVANCE],
    ["Prepayment", IN_ADVANCE],
    ["Payment in advance", IN_ADVANCE],
    ["Cash with order", IN_ADVANCE],
  ])("%j", (input, expected) => {
    expect(parseTerms(input)).toEqual({ ok: true, value: expected });
  });
});

describe("parseTerms rejects", () => {
  it.each<[string, number, number, RegExp]>([
    ["Net 3O", 4, 6, /^"3O" is not a number of days$/],
    ["Net 30 EMO", 7, 10, /^"EMO" is not understood after "Net 30" \(did you mean "EOM"\?\)$/],
    ["foo", 0, 3, /^"foo" is not understood/],
    ["  foo  ", 2, 5, /^"foo" is not understood/],
    ["Net 30 Net 45", 7, 13, /"Net 45" repeats the net days \(already "Net 30"\)/],
    ["30 days, Net 45", 9, 15, /repeats the net days/],
    ["Net 30 EOM EOM", 11, 14, /repeats end of month/],
    ["5/30 Net 30", 0, 4, /discount "5\/30" runs 30 days, not less than the 30 days/],
    ["2/10, 5/30 Net 30", 6, 10, /discount "5\/30"/],
    ["2/20 Net 10 EOM", 0, 4, /not less than the 10 days/],
    ["2/20, 15th of the following month", 0, 4, /not less than the 15 days/],
    ["2/28, 31st of the following month", 0, 4, /not less than the 28 days/],
    ["2/10 COD", 0, 4, /"COD" leaves no time/],
    ["2/0 Net 0", 0, 3, /"Net 0" leaves no time/],
    ["100/10 Net 30", 0, 3, /a discount of 100% is not possible/],
    ["120% 10 Net 30", 0, 4, /a discount of 120% is not possible/],
    ["0/10 Net 30", 0, 1, /a discount of 0% is not possible/],
    ["Net 5000", 4, 8, /"5000" days is more than the 3650 days/],
    ["2/5000 Net 30", 2, 6, /"5000" days is more than/],
    ["Net 30.5", 4, 8, /"30.5" is not a whole number of days/],
    ["2/10.5 Net 30", 2, 6, /"10.5" is not a whole number of days/],
    ["Net", 0, 3, /"Net" needs a number of days/],
    ["Net %", 0, 3, /"Net" needs a number of days/],
    ["2/", 0, 2, /"2\/" needs the discount days/],
    ["2/x Net 30", 2, 3, /"x" is not a number of days/],
    ["2/10", 0, 4, /"2\/10" gives a discount but no due date/],
    ["2/10, 1/20", 0, 10, /gives a discount but no due date/],
    ["30", 0, 2, /"30" needs a unit/],
    ["2/10, 1/10 Net 30", 6, 10, /two discounts for the same 10 days/],
    ["COD Net 30", 4, 10, /"Net 30" conflicts with "COD"/],
    ["Net 30 COD", 7, 10, /"COD" conflicts with "Net 30"/],
    ["Net 30, 15th of next month", 8, 26, /conflicts with "Net 30"/],
    ["Prepaid EOM", 8, 11, /"EOM" conflicts with "Prepaid"/],
    ["Net 30 days from receipt", 17, 24, /"receipt" is not understood after "from"/],
    ["Net 30 days from", 12, 16, /"from" needs "invoice" or "end of month"/],
    ["32nd of next month", 0, 4, /"32nd" is not a day of the month/],
    ["0 of next month", 0, 1, /"0" is not a day of the month/],
    ["15th", 0, 4, /"15th" must be followed by "of the following month"/],
    ["15th of next week", 13, 17, /"week" is not understood here/],
    ["terms", 0, 5, /"terms" does not say when payment is due/],
    ["/ Net 30", 0, 1, /"\/" is not expected here/],
    ["3O days", 0, 2, /"3O" is not a number/],
    ["nte 30", 0, 3, /did you mean "net"/],
    ["Net 30 days €", 12, 13, /"€" is not understood after "Net 30 days"/],
  ])("%j at %i-%i", (input, start, end, message) => {
    const result = parseTerms(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect([result.error.start, result.error.end]).toEqual([start, end]);
    expect(result.error.input).toBe(input);
  });

  it.each(["", "   ", " , ; "])("%j as empty", (input) => {
    expect(parseTerms(input)).toEqual({
      ok: false,
      error: { message: "payment terms are empty", start: 0, end: input.length, input },
    });
  });

  it("never throws and always points inside the input", () => {
    const pieces = fc.constantFrom(
      "net",
      "N",
      "/",
      "%",
      "30",
      "2",
      "10",
      "1.5",
      "15th",
      "of",
      "the",
      "following",
      "next",
      "month",
      "EOM",
      "E.O.M.",
      "days",
      "from",
      "invoice",
      "COD",
      "on",
      "receipt",
      "cash",
      "in",
      "advance",
      ",",
      " ",
      "3O",
      "x",
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 8 }).map((p) => p.join(" ")),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseTerms(input);
        if (!result.ok) {
          expect(result.error.start).toBeGreaterThanOrEqual(0);
          expect(result.error.end).toBeGreaterThanOrEqual(result.error.start);
          expect(result.error.end).toBeLessThanOrEqual(input.length);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("describeTermsError", () => {
  it("puts carets under the part not understood", () => {
    const result = parseTerms("Net 3O");
    if (result.ok) throw new Error("expected an error");
    expect(describeTermsError(result.error)).toBe('"3O" is not a number of days\n  Net 3O\n      ^^');
  });

  it("keeps carets aligned when the input has tabs", () => {
    const result = parseTerms("Net\t30\tEMO");
    if (result.ok) throw new Error("expected an error");
    expect(describeTermsError(result.error).split("\n").slice(1)).toEqual(["  Net 30 EMO", "         ^^^"]);
  });

  it("shows only the message for empty input", () => {
    expect(describeTermsError({ message: "payment terms are empty", start: 0, end: 0, input: "" })).toBe(
      "payment terms are empty",
    );
  });
});

describe("formatTerms", () => {
  it.each<[PaymentTerms, string]>([
    [net(30), "Net 30"],
    [net(30, [2, 10]), "2/10 Net 30"],
    [net(45, [2, 10], [1, 20]), "2/10, 1/20 Net 45"],
    [net(30, [1.5, 10]), "1.5/10 Net 30"],
    [eom(45), "Net 45 EOM"],
    [eom(30, [2, 10]), "2/10 Net 30 EOM"],
    [eom(0), "EOM"],
    [nextMonth(15), "15th of the following month"],
    [nextMonth(1), "1st of the following month"],
    [nextMonth(2), "2nd of the following month"],
    [nextMonth(3), "3rd of the following month"],
    [nextMonth(11), "11th of the following month"],
    [nextMonth(22), "22nd of the following month"],
    [nextMonth(31), "31st of the following month"],
    [nextMonth(15, [2, 10]), "2/10, 15th of the following month"],
    [ON_RECEIPT, "Due on receipt"],
    [COD, "COD"],
    [IN_ADVANCE, "Cash in advance"],
    [net(30, [1e-7, 10]), "0.0000001/10 Net 30"],
  ])("%j as %j", (terms, text) => {
    expect(formatTerms(terms)).toBe(text);
  });

  it("round-trips through parseTerms", () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        const text = formatTerms(terms);
        // A percent such as 5e-324 is written out in full; text over the limit is refused by design.
        if (text.length > MAX_TERMS_LENGTH) expect(parseTerms(text).ok).toBe(false);
        else expect(parseTerms(text)).toEqual({ ok: true, value: terms });
      }),
      { numRuns: 2000 },
    );
  });

  it("is read back the same whatever the letter case", () => {
    fc.assert(
      fc.property(termsArb, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (terms, upper) => {
        fc.pre(formatTerms(terms).length <= MAX_TERMS_LENGTH);
        const text = [...formatTerms(terms)]
          .map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase()))
          .join("");
        expect(parseTerms(text)).toEqual({ ok: true, value: terms });
      }),
    );
  });
});

describe("termsEqual", () => {
  it("compares due rule and discounts", () => {
    expect(termsEqual(net(30, [2, 10]), net(30, [2, 10]))).toBe(true);
    expect(termsEqual(net(30), eom(30))).toBe(false);
    expect(termsEqual(net(30), net(45))).toBe(false);
    expect(termsEqual(nextMonth(15), nextMonth(16))).toBe(false);
    expect(termsEqual(COD, COD)).toBe(true);
    expect(termsEqual(COD, IN_ADVANCE)).toBe(false);
    expect(termsEqual(net(30, [2, 10]), net(30))).toBe(false);
    expect(termsEqual(net(30, [2, 10]), net(30, [1, 10]))).toBe(false);
    expect(termsEqual(net(30, [2, 10]), net(30, [2, 11]))).toBe(false);
  });

  it("agrees with deep equality on valid terms", () => {
    fc.assert(
      fc.property(termsArb, termsArb, (a, b) => {
        expect(termsEqual(a, a)).toBe(true);
        expect(termsEqual(a, structuredClone(a))).toBe(true);
        expect(termsEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
  });
});

describe("termsFromStructured / toStructured", () => {
  it.each<[StructuredTerms, PaymentTerms]>([
    [{ due: { after: "invoice", days: 30 } }, net(30)],
    [{ due: { after: "invoice", days: 30 }, discounts: [{ percent: 2, days: 10 }] }, net(30, [2, 10])],
    [{ due: { after: "end-of-month", days: 0 } }, eom(0)],
    [{ due: { after: "end-of-month", days: 45 } }, eom(45)],
    [{ due: { dayOfNextMonth: 15 } }, nextMonth(15)],
    [{ due: { on: "receipt" } }, ON_RECEIPT],
    [{ due: { on: "delivery" } }, COD],
    [{ due: { on: "advance" } }, IN_ADVANCE],
    [
      {
        due: { after: "invoice", days: 45 },
        discounts: [
          { percent: 1, days: 20 },
          { percent: 2, days: 10 },
        ],
      },
      net(45, [2, 10], [1, 20]),
    ],
  ])("%j", (structured, terms) => {
    expect(termsFromStructured(structured)).toEqual({ ok: true, value: terms });
  });

  it.each<[StructuredTerms, RegExp]>([
    [{ due: { after: "invoice", days: -1 } }, /due.days must be a whole number from 0 to 3650, got -1/],
    [{ due: { after: "invoice", days: 30.5 } }, /got 30.5/],
    [{ due: { after: "end-of-month", days: 3651 } }, /got 3651/],
    [{ due: { after: "invoice", days: Number.NaN } }, /got NaN/],
    [{ due: { dayOfNextMonth: 0 } }, /dayOfNextMonth must be a whole number from 1 to 31, got 0/],
    [{ due: { dayOfNextMonth: 32 } }, /got 32/],
    [
      { due: { after: "invoice", days: 30 }, discounts: [{ percent: 0, days: 10 }] },
      /percent must be above 0/,
    ],
    [{ due: { after: "invoice", days: 30 }, discounts: [{ percent: 100, days: 10 }] }, /below 100, got 100/],
    [
      { due: { after: "invoice", days: 30 }, discounts: [{ percent: 2, days: 30 }] },
      /shorter than the 30 days/,
    ],
    [
      { due: { after: "invoice", days: 30 }, discounts: [{ percent: 2, days: -1 }] },
      /days must be a whole number/,
    ],
    [{ due: { dayOfNextMonth: 31 }, discounts: [{ percent: 2, days: 28 }] }, /shorter than the 28 days/],
    [
      { due: { on: "delivery" }, discounts: [{ percent: 2, days: 0 }] },
      /no time for a discount when payment is COD/,
    ],
    [
      {
        due: { after: "invoice", days: 30 },
        discounts: [
          { percent: 2, days: 10 },
          { percent: 1, days: 10 },
        ],
      },
      /two discounts for the same 10 days/,
    ],
  ])("rejects %j", (structured, message) => {
    const result = termsFromStructured(structured);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("leaves discounts out when there are none", () => {
    expect(toStructured(net(30))).toEqual({ due: { after: "invoice", days: 30 } });
    expect(toStructured(eom(30, [2, 10]))).toEqual({
      due: { after: "end-of-month", days: 30 },
      discounts: [{ percent: 2, days: 10 }],
    });
  });

  it("round-trips", () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        expect(termsFromStructured(toStructured(terms))).toEqual({ ok: true, value: terms });
      }),
    );
  });
});
