import { endOfMonth } from "../dates/plain-date";
import type { PlainDate } from "../dates/plain-date";
import type { Discount, DueRule, PaymentTerms } from "./types";

/** February in a common year: the shortest month, which bounds "day N of next month" terms. */
const SHORTEST_MONTH = 28;

/** The due date for an invoice dated `invoice`. */
export function dueDate(terms: PaymentTerms, invoice: PlainDate): PlainDate {
  return dueDateOf(terms.due, invoice);
}

function dueDateOf(due: DueRule, invoice: PlainDate): PlainDate {
  switch (due.kind) {
    case "net":
      return invoice + due.days;
    case "eom":
      return endOfMonth(invoice) + due.days;
    case "day-of-next-month": {
      const nextStart = endOfMonth(invoice) + 1;
      const nextLength = endOfMonth(nextStart) - nextStart + 1;
      return nextStart + (due.day < nextLength ? due.day : nextLength) - 1;
    }
    case "on-receipt":
    case "cod":
    case "in-advance":
      return invoice;
  }
}

/**
 * The last day on which `discount` may be taken: its days counted from the end of the invoice
 * month for "eom" terms, from the invoice date for every other kind (including day-of-next-month).
 */
export function discountDeadline(terms: PaymentTerms, discount: Discount, invoice: PlainDate): PlainDate {
  return (terms.due.kind === "eom" ? endOfMonth(invoice) : invoice) + discount.days;
}

/** Days from the invoice date to the due date. */
export function netDays(terms: PaymentTerms, invoice: PlainDate): number {
  return dueDateOf(terms.due, invoice) - invoice;
}

/**
 * The fewest days between invoice and due date over every possible invoice date, for policy
 * checks when no invoice date is known. "eom" N gives N (invoiced on a month's last day);
 * "day-of-next-month" D gives min(D, 28) (invoiced on a month's last day, due in February when
 * D > 28); on-receipt, COD and in-advance give 0.
 */
export function minimumNetDays(terms: PaymentTerms): number {
  const due = terms.due;
  switch (due.kind) {
    case "net":
    case "eom":
      return due.days;
    case "day-of-next-month":
      return due.day < SHORTEST_MONTH ? due.day : SHORTEST_MONTH;
    case "on-receipt":
    case "cod":
    case "in-advance":
      return 0;
  }
}
