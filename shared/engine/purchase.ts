import type { PlainDate } from "../dates/plain-date";
import type { Category, Supplier } from "../rules/rule-book";
import type { PaymentTerms } from "../terms/types";
import type { PreparedRules } from "./prepare";
import type { Finding, PurchaseInput } from "./types";

/** A purchase after its row was read: what could be read, typed; what could not, already a finding. */
export type Purchase = {
  rules: PreparedRules;
  input: PurchaseInput;
  /** The day the purchase counts for: the invoice date, or the as-of date when there is none. */
  date: PlainDate;
  invoiceDate?: PlainDate;
  asOf: PlainDate;
  currency?: string;
  /** Minor units of `currency`; negative for a credit note. */
  amount?: number;
  supplier?: Supplier;
  category?: Category;
  /** Terms on the row when it had readable ones. */
  rowTerms?: PaymentTerms;
  findings: Finding[];
};
