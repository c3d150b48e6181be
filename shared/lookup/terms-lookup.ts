import type { PlainDate } from "../dates/plain-date";
import { ok } from "../result";
import type { RuleBook } from "../rules/rule-book";
import { discountCosts } from "../terms/discount-cost";
import { formatTerms, parseTerms } from "../terms/parse";
import { checkTermsPolicy, type TermsPolicyCheck } from "../terms/policy";
import { discountDeadline, dueDate } from "../terms/schedule";
import type { PaymentTerms } from "../terms/types";
import { invalid, notANumber, notFound, type LookupResult } from "./lookup-error";
import { quoteText } from "../text/quote";

/** How the cost of forgoing a discount is stated: d/(1−d) × 365/(N−D), or compounded. */
export type RateBasis = "simple" | "effective";

/** Payment terms from a cell ("2/10 Net 30", "Net 45 EOM"); the parser's message says what it could not read. */
export function readTerms(text: string): LookupResult<PaymentTerms> {
  const parsed = parseTerms(text);
  if (parsed.ok) return parsed;
  const e = parsed.error;
  const part = e.end > e.start ? ` (at ${quoteText(e.input.slice(e.start, e.end))})` : "";
  return invalid(`Terms ${quoteText(text.trim())} not understood: ${e.message}${part}`);
}

/** The due date of an invoice dated `invoice` under `terms`. */
export function dueDateFor(terms: PaymentTerms, invoice: PlainDate): PlainDate {
  return dueDate(terms, invoice);
}

/** The last day to take the terms' first (earliest) early-payment discount. */
export function discountDeadlineFor(terms: PaymentTerms, invoice: PlainDate): LookupResult<PlainDate> {
  const first = terms.discounts[0];
  if (!first) return notFound(`Terms ${formatTerms(terms)} have no early-payment discount.`);
  return ok(discountDeadline(terms, first, invoice));
}

/**
 * The annual cost of forgoing the terms' first discount (0.3724 = 37.24 % a year), simple or
 * effective. With an invoice date the days come from that invoice's dates; without, nominal days.
 */
export function discountCostFor(
  terms: PaymentTerms,
  basis: RateBasis,
  invoice?: PlainDate,
): LookupResult<number> {
  const cost = discountCosts(terms, invoice)[0];
  if (!cost) return notFound(`Terms ${formatTerms(terms)} have no early-payment discount.`);
  const rate = basis === "simple" ? cost.simpleApr : cost.effectiveApr;
  if (!Number.isFinite(rate)) {
    return notANumber(
      `Forgoing the ${cost.percent}% discount of ${formatTerms(terms)} buys no days, so it has no annual rate.`,
    );
  }
  return ok(rate);
}

/** Reads "simple" or "effective" (any case); absent means simple. */
export function readRateBasis(text: string | undefined): LookupResult<RateBasis> {
  const t = (text ?? "simple").trim().toLowerCase();
  if (t === "simple" || t === "effective") return ok(t);
  return invalid(`Rate basis ${quoteText(text ?? "")} is neither "simple" nor "effective"`);
}

/**
 * Whether `terms` give at least the days the rule book's payment policy asks for (for the
 * category, when given). With an invoice date the days are that invoice's; without, the fewest
 * the terms can give.
 */
export function termsMeetPolicy(
  book: RuleBook,
  terms: PaymentTerms,
  categoryId?: string,
  invoice?: PlainDate,
): LookupResult<TermsPolicyCheck> {
  const policy = book.paymentPolicy;
  if (!policy) return notFound("The rule book has no payment policy.");
  const options: { category?: string; invoice?: PlainDate } = {};
  if (categoryId !== undefined) options.category = categoryId;
  if (invoice !== undefined) options.invoice = invoice;
  return ok(
    checkTermsPolicy(
      terms,
      { minimumNetDays: policy.minimumNetDays, exceptions: [...policy.exceptions] },
      options,
    ),
  );
}
