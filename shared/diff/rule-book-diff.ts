import { formatIsoDate } from "../dates/plain-date";
import { formatAmount, formatMoney } from "../money/format";
import { formatTerms, termsEqual } from "../terms/parse";
import type { PaymentTerms } from "../terms/types";
import type { Budget, RuleBook, Supplier, SupplierDomain } from "../rules/rule-book";
import { SECTION_OWNERS, type SectionName } from "../rules/sections";

export type DiffTeam = "finance" | "procurement" | "shared";

/** One changed thing (a budget, a supplier, a rate…) and what changed about it, in words. */
export type RuleChange = {
  team: DiffTeam;
  section: SectionName;
  /** What changed, as people name it: "budget IT-HW", "supplier Dell Technologies". */
  subject: string;
  kind: "added" | "removed" | "changed";
  /** The individual changes: "status approved → preferred", "domain dell.co.uk added". */
  details: string[];
};

const TEAM_ORDER: readonly DiffTeam[] = ["finance", "procurement", "shared"];

/** Which team reviews a change to a section: its sole owner, or "shared" for sections both teams own. */
export function sectionTeam(section: SectionName): DiffTeam {
  const owners: readonly string[] = SECTION_OWNERS[section];
  return owners.length === 1 ? (owners[0] as DiffTeam) : "shared";
}

/**
 * What changed between two valid rule books, in words, grouped by the team that owns each section
 * (finance first, then procurement, then shared). Order within a team follows the sections and then
 * the new rule book's order, so the same two files always give the same text.
 */
export function diffRuleBooks(before: RuleBook, after: RuleBook): RuleChange[] {
  const changes: RuleChange[] = [];
  const push = (section: SectionName, subject: string, kind: RuleChange["kind"], details: string[]) => {
    if (kind !== "changed" || details.length > 0)
      changes.push({ team: sectionTeam(section), section, subject, kind, details });
  };

  // meta
  const m0 = before.meta;
  const m1 = after.meta;
  const metaDetails = [
    field("organisation", m0.organisation, m1.organisation),
    field("base currency", m0.baseCurrency, m1.baseCurrency),
    field("fiscal year start", fyText(m0.fiscalYearStart), fyText(m1.fiscalYearStart)),
    field("revision", String(m0.revision), String(m1.revision)),
    field("effective date", formatIsoDate(m0.effectiveDate), formatIsoDate(m1.effectiveDate)),
    field("contract warning", `${m0.contractWarningDays} days`, `${m1.contractWarningDays} days`),
    field("rounding", m0.rounding, m1.rounding),
  ].filter(isText);
  push("meta", "rule book", "changed", metaDetails);

  // budgets, keyed by cost center and period
  const budgetName = (b: Budget, book: RuleBook) =>
    (book.index.budgetsByCostCenter.get(b.costCenter)?.length ?? 0) > 1
      ? `budget ${b.costCenter} ${b.period}`
      : `budget ${b.costCenter}`;
  keyed(before.budgets, after.budgets, (b) => `${b.costCenter}\u0000${b.period}`, {
    added: (b) =>
      push("budgets", budgetName(b, after), "added", [
        `${formatMoney(b.amount, b.currency)} for ${b.period}, action ${b.action}`,
      ]),
    removed: (b) =>
      push("budgets", budgetName(b, before), "removed", [
        `was ${formatMoney(b.amount, b.currency)} for ${b.period}`,
      ]),
    changed: (a, b) =>
      push(
        "budgets",
        budgetName(b, after),
        "changed",
        [
          money("amount", a.amount, a.currency, b.amount, b.currency),
          money("spent", a.spent, a.currency, b.spent, b.currency),
          money("committed", a.committed, a.currency, b.committed, b.currency),
          field("figures as of", isoOrNone(a.figuresAsOf), isoOrNone(b.figuresAsOf)),
          field("action", a.action, b.action),
          field("name", a.name, b.name),
          field("owner", a.owner, b.owner),
          ...listChanges("category", a.categories, b.categories),
        ].filter(isText),
      ),
  });

  // payment policy
  const p0 = before.paymentPolicy;
  const p1 = after.paymentPolicy;
  if (p0 || p1) {
    const policyDetails = [
      field("minimum net days", p0 && String(p0.minimumNetDays), p1 && String(p1.minimumNetDays)),
      field(
        "discount hurdle rate",
        p0?.discountHurdleRatePercent !== undefined ? `${p0.discountHurdleRatePercent}%` : undefined,
        p1?.discountHurdleRatePercent !== undefined ? `${p1.discountHurdleRatePercent}%` : undefined,
      ),
    ].filter(isText);
    keyed(p0?.exceptions ?? [], p1?.exceptions ?? [], (e) => e.category, {
      added: (e) => policyDetails.push(`exception for ${e.category} added: ${e.minimumNetDays} days`),
      removed: (e) => policyDetails.push(`exception for ${e.category} removed`),
      changed: (a, b) => {
        const t = field(
          `exception for ${a.category}`,
          `${a.minimumNetDays} days`,
          `${b.minimumNetDays} days`,
        );
        if (t) policyDetails.push(t);
      },
    });
    push("paymentPolicy", "payment policy", p0 && p1 ? "changed" : p1 ? "added" : "removed", policyDetails);
  }

  // approvals, keyed by role and categories
  const approvalKey = (a: RuleBook["approvals"][number]) =>
    `${a.role}\u0000${(a.categories ?? []).join(",")}`;
  const approvalName = (a: RuleBook["approvals"][number]) =>
    `approval ${a.role}${a.categories?.length ? ` (${a.categories.join(", ")})` : ""}`;
  keyed(before.approvals, after.approvals, approvalKey, {
    added: (a) =>
      push("approvals", approvalName(a), "added", [
        `at or above ${formatMoney(a.atOrAbove, after.meta.baseCurrency)}`,
      ]),
    removed: (a) => push("approvals", approvalName(a), "removed", []),
    changed: (a, b) =>
      push(
        "approvals",
        approvalName(b),
        "changed",
        [
          money("threshold", a.atOrAbove, before.meta.baseCurrency, b.atOrAbove, after.meta.baseCurrency),
        ].filter(isText),
      ),
  });

  // FX rates
  const r0 = before.source.fxRates?.rates ?? {};
  const r1 = after.source.fxRates?.rates ?? {};
  const fxDetails = [field("as of", before.source.fxRates?.asOf, after.source.fxRates?.asOf)].filter(isText);
  for (const code of union(Object.keys(r0), Object.keys(r1))) {
    const t = field(code, r0[code], r1[code]);
    if (t) fxDetails.push(t);
  }
  push("fxRates", "FX rates", "changed", fxDetails);

  // suppliers
  keyed(before.suppliers, after.suppliers, (s) => s.id, {
    added: (s) =>
      push("suppliers", `supplier ${s.name}`, "added", [`${s.status}, ${s.categories.join(", ")}`]),
    removed: (s) => push("suppliers", `supplier ${s.name}`, "removed", []),
    changed: (a, b) => push("suppliers", `supplier ${b.name}`, "changed", supplierChanges(a, b)),
  });

  // categories
  keyed(before.categories, after.categories, (c) => c.id, {
    added: (c) => push("categories", `category ${c.id}`, "added", [c.name]),
    removed: (c) => push("categories", `category ${c.id}`, "removed", []),
    changed: (a, b) =>
      push(
        "categories",
        `category ${b.id}`,
        "changed",
        [field("name", a.name, b.name), field("parent", a.parent, b.parent)].filter(isText),
      ),
  });

  // savings definitions
  keyed(before.savings, after.savings, (s) => s.id, {
    added: (s) => push("savings", `savings definition ${s.id}`, "added", [s.name]),
    removed: (s) => push("savings", `savings definition ${s.id}`, "removed", []),
    changed: (a, b) =>
      push(
        "savings",
        `savings definition ${b.id}`,
        "changed",
        [
          field("name", a.name, b.name),
          a.definition !== b.definition ? "definition reworded" : undefined,
          field("recognised by finance", yesNo(a.financeRecognises), yesNo(b.financeRecognises)),
        ].filter(isText),
      ),
  });

  const rank = (c: RuleChange) => TEAM_ORDER.indexOf(c.team);
  return changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map(({ c }) => c);
}

/** One line per change: `finance: budget IT-HW amount 200,000.00 → 250,000.00 USD`. */
export function formatChange(change: RuleChange): string {
  const body =
    change.kind === "changed"
      ? `${change.subject} ${change.details.join("; ")}`
      : `${change.subject} ${change.kind}${change.details.length ? `: ${change.details.join("; ")}` : ""}`;
  return `${change.team}: ${body}`;
}

function supplierChanges(a: Supplier, b: Supplier): string[] {
  const out = [
    field("id", a.id, b.id),
    field("name", a.name, b.name),
    field("status", a.status, b.status),
    termsChange(a, b),
    field("contract", a.contract?.id, b.contract?.id),
    field(
      "contract end",
      a.contract && formatIsoDate(a.contract.ends),
      b.contract && formatIsoDate(b.contract.ends),
    ),
    ...listChanges("category", a.categories, b.categories),
    ...listChanges("domain", a.domains.map(domainShown), b.domains.map(domainShown)),
    ...listChanges("alias", a.aliases, b.aliases),
    ...listChanges("vendor id", a.vendorIds, b.vendorIds),
    field("price selector", a.pageHints?.price, b.pageHints?.price),
    field("cart total selector", a.pageHints?.cartTotal, b.pageHints?.cartTotal),
    a.notes !== b.notes ? "notes edited" : undefined,
  ];
  return out.filter(isText);
}

/**
 * A domain as written, with its ASCII (punycode) form beside it when it has letters outside ASCII, so
 * a look-alike such as "dеll.com" (Cyrillic е) shows as "dеll.com (xn--dll-rdd.com)" in a review.
 */
function domainShown(domain: SupplierDomain): string {
  if (!domain.host.split(".").some((label) => label.startsWith("xn--"))) return domain.text;
  return `${domain.text} (${domain.host}${domain.pathPrefix ?? ""})`;
}

function termsChange(a: Supplier, b: Supplier): string | undefined {
  if (!a.terms && !b.terms) return undefined;
  if (a.terms && b.terms && termsEqual(a.terms, b.terms)) return undefined;
  return field("terms", termsText(a.terms), termsText(b.terms));
}

const termsText = (t: PaymentTerms | undefined) => (t ? formatTerms(t) : undefined);

function keyed<T>(
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
  on: { added: (x: T) => void; removed: (x: T) => void; changed: (a: T, b: T) => void },
): void {
  const old = new Map(before.map((x) => [key(x), x]));
  const seen = new Set<string>();
  for (const x of after) {
    const k = key(x);
    seen.add(k);
    const prev = old.get(k);
    if (prev === undefined) on.added(x);
    else on.changed(prev, x);
  }
  for (const x of before) if (!seen.has(key(x))) on.removed(x);
}

const isoOrNone = (day: number | undefined) => (day === undefined ? undefined : formatIsoDate(day));

function field(name: string, a: string | undefined, b: string | undefined): string | undefined {
  if (a === b) return undefined;
  if (a === undefined) return `${name} set to ${b}`;
  if (b === undefined) return `${name} ${a} removed`;
  return `${name} ${a} → ${b}`;
}

function money(name: string, a: number, ca: string, b: number, cb: string): string | undefined {
  if (a === b && ca === cb) return undefined;
  return ca === cb
    ? `${name} ${formatAmount(a, ca)} → ${formatMoney(b, cb)}`
    : `${name} ${formatMoney(a, ca)} → ${formatMoney(b, cb)}`;
}

function listChanges(name: string, a: readonly string[] = [], b: readonly string[] = []): string[] {
  const before = new Set(a);
  const after = new Set(b);
  return [
    ...b.filter((x) => !before.has(x)).map((x) => `${name} ${x} added`),
    ...a.filter((x) => !after.has(x)).map((x) => `${name} ${x} removed`),
  ];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

const fyText = (fy: { month: number; day: number }) =>
  `${String(fy.month).padStart(2, "0")}-${String(fy.day).padStart(2, "0")}`;
const yesNo = (x: boolean) => (x ? "yes" : "no");
const isText = (x: string | undefined): x is string => x !== undefined;
