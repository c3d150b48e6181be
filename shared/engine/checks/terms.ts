import { formatIsoDate } from "../../dates/plain-date";
import { discountCosts } from "../../terms/discount-cost";
import { formatTerms } from "../../terms/parse";
import { checkTermsPolicy, type TermsPolicy } from "../../terms/policy";
import { discountDeadline, netDays } from "../../terms/schedule";
import type { PaymentTerms } from "../../terms/types";
import type { Category, PaymentPolicy } from "../../rules/rule-book";
import { addFinding, addSharedFindings, type Purchase } from "../purchase";
import type { PreparedRules, SharedFindings } from "../prepare";
import type { Finding } from "../types";
import { endSentence } from "../words";

/**
 * Payment terms: the row's terms (or the supplier's negotiated ones) against the policy for the
 * category, against the contract, and each early-payment discount against the hurdle rate.
 * What depends only on the terms and the category is worked out once per rule book and shared.
 */
export function checkTerms(p: Purchase): void {
  const negotiated = p.supplierSlot?.terms;
  const slot = p.rowTerms ?? negotiated;
  if (!slot) return;
  const terms = slot.terms;
  const rules = p.rules;

  // Equal terms share one slot, so different slots mean different terms.
  if (p.rowTerms && negotiated && p.rowTerms !== negotiated) {
    const supplierSlot = p.supplierSlot!;
    let differ = p.rowTerms.differ.get(supplierSlot);
    if (!differ) {
      differ = rules.share(differFindings(p.rowTerms.terms, negotiated.terms, supplierSlot.supplier.name));
      p.rowTerms.differ.set(supplierSlot, differ);
    }
    addSharedFindings(p, differ);
  }

  const policy = rules.book.paymentPolicy;
  if (!policy) return;
  const required = rules.requiredDays[p.categoryIndex]!;
  if (slot.minimumDays >= required) {
    // Enough days whatever the invoice date: nothing to report (the common case).
  } else if (p.invoiceDate !== undefined && slot.dated) {
    // Days to pay depend on the invoice date: compare the days, build a message only when short.
    if (netDays(terms, p.invoiceDate) < required) {
      const f = policyFinding(terms, policy, p.category, p.invoiceDate);
      if (f) addFinding(p, f);
    }
  } else {
    let found = slot.policy[p.categoryIndex];
    if (found === undefined) {
      const f = policyFinding(terms, policy, p.category, undefined);
      found = slot.policy[p.categoryIndex] = rules.share(f ? [f] : []);
    }
    addSharedFindings(p, found);
  }

  const hurdle = policy.discountHurdleRatePercent;
  if (hurdle === undefined || terms.discounts.length === 0) return;
  slot.discounts ??= discountPlan(rules, terms, hurdle);
  const plan = slot.discounts;
  for (let i = 0; i < plan.length; i++)
    addSharedFindings(p, plan[i]!.skip ?? takeFor(p, terms, plan[i]!, hurdle));
}

/** Only called for different terms (different slots). */
function differFindings(terms: PaymentTerms, negotiated: PaymentTerms, supplierName: string): Finding[] {
  return [
    {
      code: "terms.differ-from-contract",
      severity: "warn",
      message: endSentence(
        `Terms ${formatTerms(terms)} differ from the ${formatTerms(negotiated)} negotiated with ${supplierName}`,
      ),
      figures: { terms: formatTerms(terms), negotiated: formatTerms(negotiated) },
    },
  ];
}

function policyFinding(
  terms: PaymentTerms,
  policy: PaymentPolicy,
  category: Category | undefined,
  invoice: number | undefined,
): Finding | undefined {
  const options: { category?: string; invoice?: number } = {};
  if (category) options.category = category.id;
  if (invoice !== undefined) options.invoice = invoice;
  const check = checkTermsPolicy(terms, policy as TermsPolicy, options);
  if (check.ok) return undefined;
  const shown = formatTerms(terms);
  return {
    code: "terms.below-policy",
    severity: "warn",
    message: `Terms ${shown} give ${check.actualDays} days to pay; policy asks for at least ${check.requiredDays}${check.category ? ` for ${check.category}` : ""}.`,
    figures: { terms: shown, actualDays: check.actualDays, requiredDays: check.requiredDays },
  };
}

/** A discount of some terms, with what forgoing it costs and whether that beats the hurdle. */
export type DiscountPlan = {
  index: number;
  percent: number;
  days: number;
  rateText: string;
  figures: Finding["figures"];
  /** The shared finding (as a list of one) when the discount is not worth taking; absent when it is. */
  skip?: SharedFindings;
  /** "Take it" findings by invoice date, shared by the rows of that day (see takeFor). */
  take: DayCache;
};

function discountPlan(rules: PreparedRules, terms: PaymentTerms, hurdle: number): DiscountPlan[] {
  // Nominal rates: the days bought by forgoing a discount are the same for every invoice date,
  // except for "day N of next month" terms, where this is the worst case (see discountCosts).
  return discountCosts(terms).map((cost, index) => {
    const rate = cost.simpleApr * 100;
    const rateText = Number.isFinite(rate) ? `${rate.toFixed(1)}% a year` : "more than any annual rate";
    const plan: DiscountPlan = {
      index,
      percent: cost.percent,
      days: cost.days,
      rateText,
      take: { from: 0, days: [], other: new Map() },
      figures: Object.freeze({
        percent: cost.percent,
        days: cost.days,
        simpleApr: cost.simpleApr,
        effectiveApr: cost.effectiveApr,
        hurdlePercent: hurdle,
      }),
    };
    if (!(rate > hurdle)) {
      plan.skip = rules.share([
        {
          code: "terms.skip-discount",
          severity: "info",
          message: `The ${cost.percent}% discount costs ${rateText} to forgo, below the ${hurdle}% hurdle: paying on the due date is cheaper.`,
          figures: plan.figures,
        },
      ]);
    }
    return plan;
  });
}

/**
 * Findings (lists of one, shared) by day in an array window around the first day seen (a register
 * spans a year or two), other days in a map: an array read per row instead of a hash lookup.
 */
type DayCache = {
  from: number;
  days: (SharedFindings | undefined)[];
  other: Map<number, SharedFindings>;
};
const DAY_WINDOW = 1024;

function takeFor(p: Purchase, terms: PaymentTerms, d: DiscountPlan, hurdle: number): SharedFindings {
  const cache = d.take;
  const day = p.invoiceDate ?? -1;
  if (cache.days.length === 0 && day >= 0) {
    cache.from = day - DAY_WINDOW / 2;
    cache.days = new Array<SharedFindings | undefined>(DAY_WINDOW).fill(undefined);
  }
  const offset = day - cache.from;
  const inWindow = day >= 0 && offset >= 0 && offset < DAY_WINDOW;
  let f = inWindow ? cache.days[offset] : cache.other.get(day);
  if (f === undefined) {
    f = p.rules.share([takeFinding(p, terms, d, hurdle)]);
    if (inWindow) cache.days[offset] = f;
    else cache.other.set(day, f);
  }
  return f;
}

function takeFinding(p: Purchase, terms: PaymentTerms, d: DiscountPlan, hurdle: number): Finding {
  const deadline =
    p.invoiceDate !== undefined
      ? ` by ${formatIsoDate(discountDeadline(terms, terms.discounts[d.index]!, p.invoiceDate))}`
      : ` within ${d.days} days`;
  return {
    code: "terms.take-discount",
    severity: "info",
    message: `Take the ${d.percent}% discount: pay${deadline}; forgoing it costs ${d.rateText}, above the ${hurdle}% hurdle.`,
    figures: d.figures,
  };
}
