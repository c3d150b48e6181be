import type { PlainDate } from "../dates/plain-date";
import { minimumNetDays, netDays } from "./schedule";
import type { PaymentTerms } from "./types";

/**
 * The company's payment-term policy: suppliers must give at least `minimumNetDays` days to pay,
 * except for the listed categories ("at least 45 days, except utilities 15").
 */
export type TermsPolicy = {
  minimumNetDays: number;
  exceptions?: { category: string; minimumNetDays: number }[];
};

/** Outcome of {@link checkTermsPolicy}. */
export type TermsPolicyCheck = {
  /** Whether the terms give at least the required days. */
  ok: boolean;
  requiredDays: number;
  actualDays: number;
  /** The exception's category when an exception set `requiredDays`; absent when the default applied. */
  category?: string;
};

/** Categories match ignoring case and surrounding spaces: "Utilities " is "utilities". */
function sameCategory(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function exceptionFor(policy: TermsPolicy, category: string | undefined) {
  if (category === undefined || policy.exceptions === undefined) return undefined;
  return policy.exceptions.find((e) => sameCategory(e.category, category));
}

/**
 * Net days the policy requires for `category`: the first exception whose category matches
 * (ignoring case and surrounding spaces), otherwise the policy minimum.
 */
export function requiredNetDays(policy: TermsPolicy, category?: string): number {
  return exceptionFor(policy, category)?.minimumNetDays ?? policy.minimumNetDays;
}

/**
 * Checks `terms` against `policy`. With an invoice date the actual days are that invoice's net
 * days; without one they are the fewest days the terms can give (`minimumNetDays`: "Net 30 EOM"
 * counts as 30, "COD" as 0), so a pass holds for every invoice date.
 */
export function checkTermsPolicy(
  terms: PaymentTerms,
  policy: TermsPolicy,
  options: { category?: string; invoice?: PlainDate } = {},
): TermsPolicyCheck {
  const exception = exceptionFor(policy, options.category);
  const requiredDays = exception?.minimumNetDays ?? policy.minimumNetDays;
  const actualDays = options.invoice === undefined ? minimumNetDays(terms) : netDays(terms, options.invoice);
  const ok = actualDays >= requiredDays;
  return exception === undefined
    ? { ok, requiredDays, actualDays }
    : { ok, requiredDays, actualDays, category: exception.category };
}
