import { addDays, formatIsoDate, type PlainDate } from "../dates/plain-date";
import { checkPurchase } from "../engine/check";
import { prepareRules } from "../engine/prepare";
import type { FindingCode, PurchaseInput } from "../engine/types";
import { buildDomainIndex, matchUrl, type DomainIndex } from "../match/domain-index";
import { parseAmount } from "../money/amount";
import { currencyExponent } from "../money/currencies";
import { formatMoney, toDecimalString } from "../money/format";
import { convert } from "../money/fx";
import type { Budget, RuleBook, Supplier, SupplierStatus } from "../rules/rule-book";
import { formatTerms } from "../terms/parse";

/** How a supplier's status is shown; suppliers the rule book does not name are "not in the rule book". */
export type StatusWord = SupplierStatus | "not in the rule book";

export type VerdictLevel = "ok" | "warn" | "block";

/** An amount in minor units, with its currency and the text people read ("12,345.00 USD"). */
export type Money = { minor: number; currency: string; text: string };

/** A cost center's budget for the period covering the day asked about. */
export type Headroom = {
  costCenter: string;
  costCenterName: string | null;
  period: string;
  budget: Money;
  spent: Money;
  committed: Money;
  /** amount − spent − committed; negative when the budget is already overrun. */
  remaining: Money;
  /** 0–100: share of the budget already spent or committed, rounded down, for a bar. */
  usedPercent: number;
};

/** A price or cart total read from the supplier's page, as the content script reported it. */
export type PagePrice = {
  amount: string;
  currency: string | null;
  source: "hint" | "json-ld" | "microdata" | "open-graph";
  kind: "cart" | "price";
};

/**
 * Everything a buyer sees about one supplier: status, terms, contract, budget headroom before and
 * after the price on the page, the checks the purchase trips and the preferred alternatives.
 * The browser extension maps this one to one onto its `SupplierVerdictView`.
 */
export type SupplierVerdict = {
  supplier: {
    id: string;
    name: string;
    status: StatusWord;
    termsText: string | null;
    contractEnds: string | null;
    contractNote: string | null;
  };
  level: VerdictLevel;
  costCenters: { id: string; name: string | null }[];
  headroom: Headroom | null;
  /** The page's price with its text; the currency is the base currency when the page named none. */
  price: (PagePrice & { text: string }) | null;
  afterPurchase: Money | null;
  findings: { code: string; severity: "info" | "warn" | "block"; message: string }[];
  alternatives: { id: string; name: string; domain: string | null }[];
};

export type VerdictRequest = {
  /** The buyer's cost center for this supplier, or null when none is chosen yet. */
  costCenter: string | null;
  /** The price or cart total on the page, or null when none was found. */
  price: PagePrice | null;
  /** The day budgets and contracts are judged for (the buyer's `todayLocal()`). */
  today: PlainDate;
};

/**
 * Findings that only say the extension had nothing to check with (no price on the page yet, no
 * cost center chosen yet): the page shows those gaps itself, they are not problems of the purchase.
 */
const QUIET: ReadonlySet<FindingCode> = new Set(["row.missing-amount", "row.missing-cost-center"]);

const domainIndexes = new WeakMap<RuleBook, DomainIndex>();

/** The supplier whose web domain the page at `url` is on, or undefined. */
export function supplierForUrl(book: RuleBook, url: string): Supplier | undefined {
  let index = domainIndexes.get(book);
  if (!index) domainIndexes.set(book, (index = buildDomainIndex(book.suppliers)));
  return matchUrl(index, url)?.supplier;
}

/** The verdict for the page at `url`, or null when the page is not on a supplier's site. */
export function verdictForUrl(book: RuleBook, url: string, request: VerdictRequest): SupplierVerdict | null {
  const supplier = supplierForUrl(book, url);
  return supplier ? supplierVerdict(book, supplier, request) : null;
}

/** The verdict for a supplier of the rule book, with the buyer's cost center and the page's price. */
export function supplierVerdict(
  book: RuleBook,
  supplier: Supplier,
  request: VerdictRequest,
): SupplierVerdict {
  const { today } = request;
  const costCenter = request.costCenter?.trim() || null;
  const budget = costCenter === null ? undefined : budgetFor(book, costCenter, today);
  const price = readPrice(book, request.price);

  const input: PurchaseInput = {
    supplierId: supplier.id,
    invoiceDate: formatIsoDate(today),
    category: categoryFor(book, supplier, budget),
  };
  if (costCenter !== null) input.costCenter = costCenter;
  if (price) {
    // The rounded figure the panel shows, so the checks and the panel agree on the amount.
    input.amount = toDecimalString(price.minor, price.currency);
    input.currency = price.currency;
  }
  const result = checkPurchase(book, input, { asOf: today });
  const findings = result.findings
    .filter((f) => !QUIET.has(f.code))
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message }));

  const headroom = budget ? headroomOf(budget) : null;
  let afterPurchase: Money | null = null;
  if (budget && headroom && price) {
    const converted = convert(price.minor, price.currency, budget.currency, book.fx, book.meta.rounding);
    if (converted.ok) afterPurchase = money(headroom.remaining.minor - converted.value, budget.currency);
  }

  const worst = findings.some((f) => f.severity === "block")
    ? "block"
    : findings.some((f) => f.severity === "warn")
      ? "warn"
      : "ok";
  const level: VerdictLevel = supplier.status === "blocked" ? "block" : worst;

  return {
    supplier: {
      id: supplier.id,
      name: supplier.name,
      status: supplier.status,
      termsText: supplier.termsText ?? (supplier.terms ? formatTerms(supplier.terms) : null),
      contractEnds: supplier.contract ? formatIsoDate(supplier.contract.ends) : null,
      contractNote: contractNote(book, supplier, today),
    },
    level,
    costCenters: costCentersFor(book, supplier, today),
    headroom,
    price: price
      ? { ...price.page, currency: price.currency, text: formatMoney(price.minor, price.currency) }
      : null,
    afterPurchase,
    findings,
    alternatives: supplier.status === "preferred" ? [] : alternativesFor(book, supplier),
  };
}

/** The budget of `costCenter` whose period covers `day` (cost center codes match case-insensitively). */
export function budgetFor(book: RuleBook, costCenter: string, day: PlainDate): Budget | undefined {
  const list =
    book.index.budgetsByCostCenter.get(costCenter) ??
    book.budgets.filter((b) => b.costCenter.toUpperCase() === costCenter.toUpperCase());
  return list.find((b) => b.start <= day && day <= b.end);
}

function headroomOf(b: Budget): Headroom {
  const used = b.spent + b.committed;
  const usedPercent = b.amount <= 0 ? 100 : Math.min(100, Math.max(0, Math.floor((used * 100) / b.amount)));
  return {
    costCenter: b.costCenter,
    costCenterName: b.name ?? null,
    period: b.period,
    budget: money(b.amount, b.currency),
    spent: money(b.spent, b.currency),
    committed: money(b.committed, b.currency),
    remaining: money(b.amount - used, b.currency),
    usedPercent,
  };
}

const money = (minor: number, currency: string): Money => ({
  minor,
  currency,
  text: formatMoney(minor, currency),
});

/** The page's price in minor units; a page that named no currency is taken in the base currency. */
function readPrice(
  book: RuleBook,
  page: PagePrice | null,
): { minor: number; currency: string; amount: string; page: PagePrice } | null {
  if (!page) return null;
  const currency =
    page.currency !== null && currencyExponent(page.currency) !== undefined
      ? page.currency
      : book.meta.baseCurrency;
  // Pages show prices like "19.999" for a three-decimal unit price; round as the rule book says.
  const minor = parseAmount(page.amount, currency, { allowRounding: true, rounding: book.meta.rounding });
  if (!minor.ok) return null;
  return { minor: minor.value, currency, amount: page.amount, page };
}

/**
 * The category the purchase is for: the supplier's only category, or the first of its categories the
 * chosen budget is meant for. Undefined lets the engine skip category checks it cannot decide.
 */
function categoryFor(book: RuleBook, supplier: Supplier, budget: Budget | undefined): string | undefined {
  if (supplier.categories.length === 1) return supplier.categories[0];
  const covered = budget?.categories;
  if (!covered) return undefined;
  const rules = prepareRules(book);
  return supplier.categories.find((c) => rules.covers(covered, c));
}

function contractNote(book: RuleBook, supplier: Supplier, today: PlainDate): string | null {
  const contract = supplier.contract;
  if (!contract) return null;
  const ends = formatIsoDate(contract.ends);
  if (contract.ends < today) return `Contract ${contract.id} ended on ${ends}`;
  const days = contract.ends - today;
  if (addDays(today, book.meta.contractWarningDays) < contract.ends) return null;
  if (days === 0) return `Contract ${contract.id} ends today`;
  return `Contract ${contract.id} ends in ${days} day${days === 1 ? "" : "s"}, on ${ends}`;
}

/**
 * Cost centers a buyer can pick: those with a budget covering `today`, the ones meant for the
 * supplier's categories first (a budget without categories fits any), each group in rule-book order.
 */
function costCentersFor(
  book: RuleBook,
  supplier: Supplier,
  today: PlainDate,
): { id: string; name: string | null }[] {
  const rules = prepareRules(book);
  const fits = (b: Budget) =>
    !b.categories || supplier.categories.some((c) => rules.covers(b.categories!, c));
  const seen = new Set<string>();
  const first: { id: string; name: string | null }[] = [];
  const rest: { id: string; name: string | null }[] = [];
  for (const b of book.budgets) {
    if (seen.has(b.costCenter) || b.start > today || today > b.end) continue;
    seen.add(b.costCenter);
    (fits(b) ? first : rest).push({ id: b.costCenter, name: b.name ?? null });
  }
  return [...first, ...rest];
}

/** Preferred suppliers for the supplier's categories (directly or through a parent), itself excluded. */
function alternativesFor(
  book: RuleBook,
  supplier: Supplier,
): { id: string; name: string; domain: string | null }[] {
  const preferred = prepareRules(book).preferredByCategory;
  const out = new Map<string, { id: string; name: string; domain: string | null }>();
  for (const category of supplier.categories) {
    for (const s of preferred.get(category) ?? []) {
      if (s.id === supplier.id || out.has(s.id)) continue;
      const d = s.domains[0];
      out.set(s.id, { id: s.id, name: s.name, domain: d ? d.host + (d.pathPrefix ?? "") : null });
    }
  }
  return [...out.values()];
}
