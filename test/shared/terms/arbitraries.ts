import fc from "fast-check";
import { fromYmd } from "../../../shared/dates/plain-date";
import type { PlainDate } from "../../../shared/dates/plain-date";
import { minimumNetDays } from "../../../shared/terms/schedule";
import type { Discount, DueRule, PaymentTerms } from "../../../shared/terms/types";
import { MAX_TERM_DAYS } from "../../../shared/terms/validate";

/** Any valid due rule. */
export const dueRuleArb: fc.Arbitrary<DueRule> = fc.oneof(
  fc.record({ kind: fc.constant("net" as const), days: fc.integer({ min: 0, max: MAX_TERM_DAYS }) }),
  fc.record({ kind: fc.constant("eom" as const), days: fc.integer({ min: 0, max: MAX_TERM_DAYS }) }),
  fc.record({ kind: fc.constant("day-of-next-month" as const), day: fc.integer({ min: 1, max: 31 }) }),
  fc.constant({ kind: "on-receipt" as const }),
  fc.constant({ kind: "cod" as const }),
  fc.constant({ kind: "in-advance" as const }),
);

/** Discount percents: everyday values and awkward doubles (tiny, many digits). */
const percentArb = fc.oneof(
  fc.constantFrom(0.5, 1, 1.5, 2, 2.5, 3, 5, 10, 99.99),
  fc.double({ min: 0, max: 100, minExcluded: true, maxExcluded: true, noNaN: true }),
);

/** Any valid terms: discounts sorted, distinct days, each shorter than the fewest net days. */
export const termsArb: fc.Arbitrary<PaymentTerms> = dueRuleArb.chain((due) => {
  const limit = minimumNetDays({ due, discounts: [] });
  if (limit === 0) return fc.constant({ due, discounts: [] });
  return fc
    .uniqueArray(fc.record({ percent: percentArb, days: fc.integer({ min: 0, max: limit - 1 }) }), {
      selector: (d: Discount) => d.days,
      maxLength: 3,
    })
    .map((discounts) => ({ due, discounts: [...discounts].sort((a, b) => a.days - b.days) }));
});

/** Invoice dates from 1900 to 9999. */
export const invoiceArb: fc.Arbitrary<PlainDate> = fc.integer({
  min: fromYmd(1900, 1, 1),
  max: fromYmd(9999, 12, 31),
});
