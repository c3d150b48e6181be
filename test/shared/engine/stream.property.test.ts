import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import { batchChecker } from "../../../shared/engine/stream";
import type { CheckOptions, PurchaseInput } from "../../../shared/engine/types";
import { asOf, book, fixtureBookWithFigures } from "./fixture";

// Budget IT's figures dated in the middle of the generated invoice dates: rows on both sides.
const books = [book, fixtureBookWithFigures("2026-09-30")];

// Registers as finance has them: the fixture's suppliers, cost centers, currencies and terms, mostly
// well written, with credit notes, blanks, unknown values and amounts large enough to exceed budgets.
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const register: fc.Arbitrary<PurchaseInput[]> = fc.array(
  fc.record(
    {
      ref: fc.integer({ min: 1, max: 99999 }).map((n) => `PO-${n}`),
      supplier: pick(
        "Dell",
        "Dell Technologies Inc.",
        "Lenovo Inc.",
        "Cheapo Parts Ltd",
        "SoftCo GmbH",
        "Acme Supplies",
        "Nobody Ltd",
        "",
      ),
      vendorId: pick("10042", "10057", "99999", ""),
      amount: fc.oneof(
        fc.integer({ min: -300_000, max: 900_000 }).map((c) => (c / 100).toFixed(2)),
        fc.integer({ min: -3000, max: 9000 }),
        pick("1,234.56", "(100.00)", "€ 99", "", "abc", "¥1,000.50"),
      ),
      currency: pick("USD", "EUR", "JPY", "SEK", "usd", "", "XXX"),
      costCenter: pick("IT", "it", "MKT", "HR", "EU", "NOPE", ""),
      category: pick("hardware", "laptops", "software", "utilities", "Travel", "food", ""),
      terms: pick("2/10 Net 45", "Net 45", "Net 30", "Net 30 EOM", "0.5/10 Net 60", "Net 3O", ""),
      invoiceDate: fc.oneof(
        fc
          .integer({ min: 0, max: 700 })
          .map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10)),
        pick("", "2026-02-30", "21.11.2026"),
      ),
    },
    { requiredKeys: [] },
  ),
  { maxLength: 60 },
);

// How the rows count against budgets, and which columns the register has (a blank date or currency
// is a row warning with its column, an assumption in the summary without).
const optionsOf: fc.Arbitrary<CheckOptions> = fc
  .record(
    {
      rows: pick<CheckOptions["rows"]>("new", "counted"),
      columns: pick<CheckOptions["columns"]>(
        ["supplier", "amount", "currency", "costCenter", "invoiceDate"],
        ["supplier", "amount", "costCenter"],
      ),
    },
    { requiredKeys: [] },
  )
  .map((o) => ({ asOf, ...o }));

describe("batchChecker", () => {
  it("gives every row and the summary exactly what checkBatch gives, row by row and at the end", () => {
    fc.assert(
      fc.property(register, optionsOf, fc.constantFrom(...books), (rows, options, book) => {
        const whole = checkBatch(book, rows, options);
        const stream = batchChecker(book, options);
        rows.forEach((row, i) => {
          const got = stream.check(row);
          expect(got.status).toBe(whole.statusOf(i));
          expect(got.findings).toEqual(whole.findingsOf(i));
        });
        expect(stream.summary()).toEqual(whole.summary);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same results when it empties its memo of shared findings every few rows", () => {
    // A register's dates make ever new shared lists (days left on a contract, a discount's pay-by
    // date): a stream drops them past a limit, here a tiny one so that it happens within a register.
    fc.assert(
      fc.property(
        register,
        optionsOf,
        fc.constantFrom(...books),
        fc.integer({ min: 1, max: 6 }),
        (rows, options, book, limit) => {
          const whole = checkBatch(book, rows, options);
          const stream = batchChecker(book, options, limit);
          rows.forEach((row, i) => {
            const got = stream.check(row);
            expect(got.status).toBe(whole.statusOf(i));
            expect(got.findings).toEqual(whole.findingsOf(i));
          });
          expect(stream.summary()).toEqual(whole.summary);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives checkBatch's summary of the rows so far at any point", () => {
    fc.assert(
      fc.property(register, fc.nat(), (rows, cut) => {
        const k = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const stream = batchChecker(book, { asOf });
        for (const row of rows.slice(0, k)) stream.check(row);
        expect(stream.summary()).toEqual(checkBatch(book, rows.slice(0, k), { asOf }).summary);
        // Asking for a summary changes nothing: the rest continues as one batch.
        for (const row of rows.slice(k)) stream.check(row);
        expect(stream.summary()).toEqual(checkBatch(book, rows, { asOf }).summary);
      }),
      { numRuns: 100 },
    );
  });
});
