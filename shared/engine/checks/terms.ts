import { formatIsoDate } from "../../dates/plain-date";
import { formatMoney } from "../../money/format";
import { percentOf } from "../../money/amount";
import { discountCosts } from "../../terms/discount-cost";
import { formatTerms, termsEqual } from "../../terms/parse";
import { checkTermsPolicy } from "../../terms/policy";
import type { Purchase } from "../purchase";
import { endSentence } from "./supplier";

/**
 * Payment terms: the row's terms (or the supplier's negotiated ones) against the policy for the
 * category, against the contract, and each early-payment discount against the hurdle rate.
 */
export function checkTerms(p: Purchase): void {
  const negotiated = p.supplier?.terms;
  const terms = p.rowTerms ?? negotiated;
  if (!terms) return;
  const book = p.rules.book;
  const shown = formatTerms(terms);

  if (p.rowTerms && negotiated && !termsEqual(p.rowTerms, negotiated)) {
    p.findings.push({
      code: "terms.differ-from-contract",
      severity: "warn",
      message: endSentence(
        `Terms ${shown} differ from the ${formatTerms(negotiated)} negotiated with ${p.supplier!.name}`,
      ),
      figures: { terms: shown, negotiated: formatTerms(negotiated) },
    });
  }

  const policy = book.paymentPolicy;
  if (policy) {
    const options: { category?: string; invoice?: number } = {};
    if (p.category) options.category = p.category.id;
    if (p.invoiceDate !== undefined) options.invoice = p.invoiceDate;
    const check = checkTermsPolicy(
      terms,
      { minimumNetDays: policy.minimumNetDays, exceptions: [...policy.exceptions] },
      options,
    );
    if (!check.ok) {
      p.findings.push({
        code: "terms.below-policy",
        severity: "warn",
        message: `Terms ${shown} give ${check.actualDays} days to pay; policy asks for at least ${check.requiredDays}${check.category ? ` for ${check.category}` : ""}.`,
        figures: { terms: shown, actualDays: check.actualDays, requiredDays: check.requiredDays },
      });
    }
  }

  const hurdle = policy?.discountHurdleRatePercent;
  if (hurdle === undefined || terms.discounts.length === 0) return;
  for (const cost of discountCosts(terms, p.invoiceDate)) {
    const rate = cost.simpleApr * 100;
    const deadline =
      cost.deadline !== undefined ? ` by ${formatIsoDate(cost.deadline)}` : ` within ${cost.days} days`;
    const saving =
      p.amount !== undefined && p.currency !== undefined && p.amount > 0
        ? ` to save ${formatMoney(percentOf(p.amount, String(cost.percent), book.meta.rounding), p.currency)}`
        : "";
    const rateText = Number.isFinite(rate) ? `${rate.toFixed(1)}% a year` : "more than any annual rate";
    const take = rate > hurdle;
    p.findings.push({
      code: take ? "terms.take-discount" : "terms.skip-discount",
      severity: "info",
      message: take
        ? `Take the ${cost.percent}% discount: pay${deadline}${saving}; forgoing it costs ${rateText}, above the ${hurdle}% hurdle.`
        : `The ${cost.percent}% discount costs ${rateText} to forgo, below the ${hurdle}% hurdle: paying on the due date is cheaper.`,
      figures: {
        percent: cost.percent,
        days: cost.days,
        simpleApr: cost.simpleApr,
        effectiveApr: cost.effectiveApr,
        hurdlePercent: hurdle,
      },
    });
  }
}
