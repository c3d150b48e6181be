/** When an invoice falls due. */
export type DueRule =
  /** `days` days after the invoice date. */
  | { kind: "net"; days: number }
  /** `days` days after the end of the invoice month (0 = the last day of the invoice month). */
  | { kind: "eom"; days: number }
  /** Day `day` of the month after the invoice month, clamped to that month's length. */
  | { kind: "day-of-next-month"; day: number }
  /** Due on the invoice date. */
  | { kind: "on-receipt" }
  /** Cash on delivery: due on the invoice (delivery) date. */
  | { kind: "cod" }
  /** Cash in advance / prepaid: due before delivery; treated as due on the invoice date, 0 net days. */
  | { kind: "in-advance" };

/**
 * An early-payment discount: `percent` off (2 = 2 %) if paid within `days` days, counted from the
 * due rule's anchor: the end of the invoice month for "eom" terms, the invoice date otherwise.
 */
export type Discount = { percent: number; days: number };

/** Parsed payment terms. `discounts` are sorted by `days`, ascending, with no two on the same day. */
export type PaymentTerms = { due: DueRule; discounts: Discount[] };

/** Why payment-terms text was not understood; `start`/`end` is the character range of the bad part of `input`. */
export type TermsError = { message: string; start: number; end: number; input: string };

/**
 * Payment terms as a rule-book file may spell them out instead of as text (modelled on Odoo's
 * payment-term lines). Converted with `termsFromStructured` / `toStructured` in ./structured.
 */
export type StructuredTerms = {
  due:
    | { after: "invoice"; days: number }
    | { after: "end-of-month"; days: number }
    | { dayOfNextMonth: number }
    | { on: "receipt" | "delivery" | "advance" };
  discounts?: { percent: number; days: number }[];
};
