import type { PlainDate } from "../dates/plain-date";
import { discountDeadline, dueDate, minimumNetDays } from "./schedule";
import type { PaymentTerms } from "./types";

/** What forgoing one early-payment discount costs, as annual rates (0.3724 = 37.24 % a year). */
export type DiscountCost = {
  percent: number;
  days: number;
  /** Last day to take the discount; only when an invoice date was given. */
  deadline?: PlainDate;
  /** d/(1−d) × 365/(N−D). */
  simpleApr: number;
  /** (1 + d/(1−d))^(365/(N−D)) − 1. */
  effectiveApr: number;
};

/**
 * The cost of forgoing each discount of `terms`: paying `percent` more to keep the money for the
 * N−D days between the discount deadline and the due date, as a simple annual rate
 * d/(1−d) × 365/(N−D) and compounded (1 + d/(1−d))^(365/(N−D)) − 1, where d = percent/100.
 * 2/10 Net 30 gives 0.3724… simple and 0.4459… compounded.
 *
 * N−D comes from the actual dates when `invoice` is given. Without it, nominal days are used:
 * net days − discount days, which is exact for "net" and "eom" terms (both count from the same
 * anchor); for "day-of-next-month" terms the net days are the fewest those terms can give
 * (`minimumNetDays`), so the rate is the highest it can be.
 * When N−D ≤ 0 (no days are bought by forgoing the discount) both rates are Infinity.
 */
export function discountCosts(terms: PaymentTerms, invoice?: PlainDate): DiscountCost[] {
  const due = invoice === undefined ? 0 : dueDate(terms, invoice);
  const nominalNet = minimumNetDays(terms);
  const costs: DiscountCost[] = [];
  for (const discount of terms.discounts) {
    const d = discount.percent / 100;
    let span: number;
    let deadline: PlainDate | undefined;
    if (invoice === undefined) {
      span = nominalNet - discount.days;
    } else {
      deadline = discountDeadline(terms, discount, invoice);
      span = due - deadline;
    }
    const periodRate = d / (1 - d);
    const periods = 365 / span;
    const simpleApr = span > 0 ? periodRate * periods : Infinity;
    const effectiveApr = span > 0 ? Math.pow(1 + periodRate, periods) - 1 : Infinity;
    costs.push(
      deadline === undefined
        ? { percent: discount.percent, days: discount.days, simpleApr, effectiveApr }
        : { percent: discount.percent, days: discount.days, deadline, simpleApr, effectiveApr },
    );
  }
  return costs;
}

/** Rounds a rate to 4 decimals for display (0.372448… → 0.3724); Infinity stays Infinity. */
export function roundRate(rate: number): number {
  return Math.round(rate * 1e4) / 1e4;
}
