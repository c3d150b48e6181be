import { err, ok } from "../result";
import type { Result } from "../result";
import { minimumNetDays } from "./schedule";
import type { DueRule, PaymentTerms } from "./types";

/** Longest term or discount period accepted, in days (ten years): larger values are typos. */
export const MAX_TERM_DAYS = 3650;

/** Whether `days` is a whole number of days from 0 to {@link MAX_TERM_DAYS}. */
export function isTermDays(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= MAX_TERM_DAYS;
}

/** Whether `day` is a day of a month, 1-31. */
export function isDayOfMonth(day: number): boolean {
  return Number.isInteger(day) && day >= 1 && day <= 31;
}

/** Whether `percent` is a usable discount: above 0 and below 100 (NaN is not). */
export function isDiscountPercent(percent: number): boolean {
  return percent > 0 && percent < 100;
}

/** Short human name of a due rule for messages, e.g. "COD". */
export function dueRuleName(due: DueRule): string {
  switch (due.kind) {
    case "net":
      return `net ${due.days} days`;
    case "eom":
      return `${due.days} days after month end`;
    case "day-of-next-month":
      return `day ${due.day} of the following month`;
    case "on-receipt":
      return "due on receipt";
    case "cod":
      return "COD";
    case "in-advance":
      return "cash in advance";
  }
}

/**
 * Checks terms built by code or read from a file: day counts whole and within 0..3650, day of
 * month 1..31, discount percents above 0 and below 100, discounts sorted by days with no repeats,
 * and every discount period shorter than the fewest days the due rule can give
 * ({@link minimumNetDays}), so a discount deadline never falls after the due date.
 */
export function validateTerms(terms: PaymentTerms): Result<PaymentTerms> {
  const due = terms.due;
  if ((due.kind === "net" || due.kind === "eom") && !isTermDays(due.days)) {
    return err(`due days must be a whole number from 0 to ${MAX_TERM_DAYS}, got ${due.days}`);
  }
  if (due.kind === "day-of-next-month" && !isDayOfMonth(due.day)) {
    return err(`day of the following month must be a whole number from 1 to 31, got ${due.day}`);
  }
  const limit = minimumNetDays(terms);
  let previous = -1;
  for (const discount of terms.discounts) {
    const label = `discount ${discount.percent}/${discount.days}`;
    if (!isDiscountPercent(discount.percent)) {
      return err(`${label}: percent must be above 0 and below 100, got ${discount.percent}`);
    }
    if (!isTermDays(discount.days)) {
      return err(`${label}: days must be a whole number from 0 to ${MAX_TERM_DAYS}, got ${discount.days}`);
    }
    if (discount.days <= previous) {
      return err(
        discount.days === previous
          ? `${label}: two discounts for the same ${discount.days} days`
          : `${label}: discounts must be sorted by days`,
      );
    }
    if (discount.days >= limit) {
      return err(
        limit === 0
          ? `${label}: there is no time for a discount when payment is ${dueRuleName(due)}`
          : `${label}: the discount period must be shorter than the ${limit} days until payment is due (${dueRuleName(due)})`,
      );
    }
    previous = discount.days;
  }
  return ok(terms);
}
