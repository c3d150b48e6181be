import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchRows, checkBatch, checkPurchase } from "../../../shared/engine/check";
import { FINDING_CODES, type PurchaseInput } from "../../../shared/engine/types";
import { asOf, book } from "./fixture";

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "Dell",
    "DELL INC.",
    "10042",
    "IT",
    "it",
    "EUR",
    "USD",
    "JPY",
    "XXX",
    "2026-02-29",
    "2026-13-01",
  ),
  fc.constantFrom(
    "1,234.56",
    "(100)",
    "-5",
    "1e9",
    "€ 2.000,00",
    "9007199254740993",
    "NaN",
    "Net 3O",
    "2/10 Net 30",
    "EOM",
  ),
);
const row: fc.Arbitrary<PurchaseInput> = fc.record(
  {
    ref: text,
    supplier: text,
    vendorId: text,
    supplierId: fc.constantFrom("dell", "nobody"),
    amount: fc.oneof(text, fc.double(), fc.integer()),
    currency: text,
    costCenter: text,
    category: text,
    terms: text,
    invoiceDate: text,
  },
  { requiredKeys: [] },
);

describe("the engine on any input", () => {
  it("never throws, and gives every row a status and known finding codes", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const result = checkBatch(book, rows, { asOf });
        expect(result.rows).toBe(rows.length);
        expect(result.summary.rows).toBe(rows.length);
        for (const { findings } of batchRows(result)) {
          for (const f of findings) {
            expect(FINDING_CODES).toContain(f.code);
            expect(f.message.length).toBeGreaterThan(0);
          }
        }
        for (const r of rows) expect(() => checkPurchase(book, r, { asOf })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
