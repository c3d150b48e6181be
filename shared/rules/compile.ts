import { daysInMonth, parseIsoDate, type PlainDate } from "../dates/plain-date";
import { isCurrencyCode } from "../money/currencies";
import { parseAmount } from "../money/amount";
import { makeFxTable } from "../money/fx";
import { parseTerms, termsFromStructured } from "../terms/parse";
import type { PaymentTerms, StructuredTerms } from "../terms/types";
import type { RuleIssue } from "./issues";
import { closest, formatPath } from "./issues";
import type { MergedSections, Origins } from "./merge";
import { parsePeriod } from "./periods";
import { domainKey, parseDomain } from "./domain";
import type {
  Approval,
  Budget,
  Category,
  RuleBook,
  SavingsDefinition,
  Supplier,
  SupplierDomain,
} from "./rule-book";
import type { SectionName } from "./sections";
import { CURRENT_SCHEMA_VERSION } from "./file-schema";
import { quoteText } from "../text/quote";

const DEFAULT_CONTRACT_WARNING_DAYS = 60;

/**
 * Checks what the per-file schema cannot see (cross-references, duplicates, currencies, terms, periods)
 * and builds the in-memory RuleBook. Either every check passes or nothing is returned: a rule book is
 * never half-applied.
 */
export function compileRuleBook(
  merged: MergedSections,
  origins: Origins,
  rootName: string,
): { ok: true; value: RuleBook } | { ok: false; errors: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  // A place in the rule book, turned into a file and a path only when something is reported there:
  // most places are checked without a problem, and a large rule book has hundreds of thousands.
  type At = { section: SectionName; index: number | undefined; rest: PropertyKey[] };
  const where = (section: SectionName, index: number | undefined, ...rest: PropertyKey[]): At => ({
    section,
    index,
    rest,
  });
  const report = (at: At, message: string) => {
    if (at.index === undefined) {
      issues.push({
        file: origins.sections[at.section] ?? rootName,
        path: formatPath([at.section, ...at.rest]),
        message,
      });
      return;
    }
    const origin = origins.entries[at.section]?.[at.index];
    issues.push({
      file: origin?.file ?? rootName,
      path: formatPath([at.section, origin?.index ?? at.index, ...at.rest]),
      message,
    });
  };

  const meta = merged.meta;
  if (!meta) {
    issues.push({
      file: rootName,
      path: "meta",
      message:
        "is missing: every rule book needs a meta section (organisation, baseCurrency, revision, effectiveDate)",
    });
    return { ok: false, errors: issues };
  }
  const base = meta.baseCurrency;
  if (!isCurrencyCode(base))
    report(where("meta", undefined, "baseCurrency"), `"${base}" is not an ISO 4217 currency code`);
  const effective = parseIsoDate(meta.effectiveDate);
  if (!effective.ok) report(where("meta", undefined, "effectiveDate"), effective.error);
  const [fyMonth, fyDay] = (meta.fiscalYearStart ?? "01-01").split("-").map(Number) as [number, number];
  if (fyDay > daysInMonth(2001, fyMonth)) {
    report(
      where("meta", undefined, "fiscalYearStart"),
      `"${meta.fiscalYearStart}" is not a day every year has`,
    );
  }
  const fiscalYearStart = { month: fyMonth, day: Math.min(fyDay, daysInMonth(2001, fyMonth)) };

  // Categories first: everything else refers to them.
  const categories: Category[] = [];
  const categoriesById = new Map<string, Category>();
  (merged.categories ?? []).forEach((c, i) => {
    if (categoriesById.has(c.id))
      return report(where("categories", i, "id"), `duplicate category id "${c.id}"`);
    const category: Category = { id: c.id, name: c.name };
    if (c.parent !== undefined) category.parent = c.parent;
    categories.push(category);
    categoriesById.set(c.id, category);
  });
  (merged.categories ?? []).forEach((c, i) => {
    if (c.parent === undefined) return;
    if (!categoriesById.has(c.parent)) {
      return report(
        where("categories", i, "parent"),
        `unknown category "${c.parent}"${suggestion(c.parent, categoriesById)}`,
      );
    }
    const seen = new Set([c.id]);
    for (let p: string | undefined = c.parent; p !== undefined; p = categoriesById.get(p)?.parent) {
      if (seen.has(p))
        return report(where("categories", i, "parent"), `category "${c.id}" is its own ancestor`);
      seen.add(p);
    }
  });
  const checkCategory = (id: string, at: At) => {
    if (!categoriesById.has(id)) {
      report(
        at,
        `unknown category "${id}"${suggestion(id, categoriesById)}; add it to categories or fix the id`,
      );
    }
  };

  // FX rates, and which currencies need one.
  const rateTexts = merged.fxRates?.rates ?? {};
  for (const code of Object.keys(rateTexts)) {
    if (!isCurrencyCode(code))
      report(where("fxRates", undefined, "rates", code), `"${code}" is not an ISO 4217 currency code`);
    else if (code === base && rateTexts[code] !== "1" && Number(rateTexts[code]) !== 1) {
      report(
        where("fxRates", undefined, "rates", code),
        `${code} is the base currency; its rate must be 1 or left out`,
      );
    } else if (!(Number(rateTexts[code]) > 0)) {
      report(where("fxRates", undefined, "rates", code), "must be more than 0");
    }
  }
  const fxResult = makeFxTable(
    base,
    Object.fromEntries(
      Object.entries(rateTexts).filter(([c, r]) => isCurrencyCode(c) && c !== base && Number(r) > 0),
    ),
  );
  let fxAsOf: PlainDate | undefined;
  if (merged.fxRates) {
    const asOf = parseIsoDate(merged.fxRates.asOf);
    if (asOf.ok) fxAsOf = asOf.value;
    else report(where("fxRates", undefined, "asOf"), asOf.error);
  }
  const checkCurrency = (code: string, at: At): boolean => {
    if (!isCurrencyCode(code)) {
      report(at, `"${code}" is not an ISO 4217 currency code`);
      return false;
    }
    if (code !== base && rateTexts[code] === undefined) {
      report(at, `${code} has no FX rate: add it to fxRates.rates (units of ${base} for one ${code})`);
      return false;
    }
    return true;
  };
  const amount = (text: string, currency: string, at: At): number => {
    const parsed = parseAmount(text, currency);
    if (parsed.ok) return parsed.value;
    report(at, parsed.error);
    return 0;
  };

  // Budgets.
  const budgets: Budget[] = [];
  const budgetsByCostCenter = new Map<string, Budget[]>();
  (merged.budgets ?? []).forEach((b, i) => {
    const currency = b.currency ?? base;
    const currencyOk = checkCurrency(currency, where("budgets", i, b.currency ? "currency" : "costCenter"));
    const period = parsePeriod(b.period, fiscalYearStart);
    if (!period.ok) report(where("budgets", i, "period"), period.error);
    for (const [j, c] of (b.categories ?? []).entries())
      checkCategory(c, where("budgets", i, "categories", j));
    if (!currencyOk || !period.ok) return;
    const budget: Budget = {
      costCenter: b.costCenter,
      period: b.period,
      start: period.value.start,
      end: period.value.end,
      currency,
      amount: amount(b.amount, currency, where("budgets", i, "amount")),
      spent: b.spent === undefined ? 0 : amount(b.spent, currency, where("budgets", i, "spent")),
      committed:
        b.committed === undefined ? 0 : amount(b.committed, currency, where("budgets", i, "committed")),
      action: b.action,
    };
    if (b.name !== undefined) budget.name = b.name;
    if (b.figuresAsOf !== undefined) {
      const asOf = parseIsoDate(b.figuresAsOf);
      if (asOf.ok) budget.figuresAsOf = asOf.value;
      else report(where("budgets", i, "figuresAsOf"), asOf.error);
    }
    if (b.categories !== undefined) budget.categories = b.categories;
    if (b.owner !== undefined) budget.owner = b.owner;
    const same = budgetsByCostCenter.get(b.costCenter) ?? [];
    const clash = same.find((o) => o.start <= budget.end && budget.start <= o.end);
    if (clash) {
      return report(
        where("budgets", i, "period"),
        `cost center ${b.costCenter} already has a budget for ${clash.period}, which overlaps ${b.period}`,
      );
    }
    same.push(budget);
    budgetsByCostCenter.set(b.costCenter, same);
    budgets.push(budget);
  });

  // Approvals, in the base currency.
  const approvals: Approval[] = [];
  (merged.approvals ?? []).forEach((a, i) => {
    for (const [j, c] of (a.categories ?? []).entries())
      checkCategory(c, where("approvals", i, "categories", j));
    const approval: Approval = {
      atOrAbove: amount(a.atOrAbove, base, where("approvals", i, "atOrAbove")),
      role: a.role,
    };
    if (a.categories !== undefined) approval.categories = a.categories;
    approvals.push(approval);
  });
  approvals.sort((x, y) => x.atOrAbove - y.atOrAbove);

  // Payment policy.
  const policy = merged.paymentPolicy;
  const seenExceptions = new Set<string>();
  (policy?.exceptions ?? []).forEach((e, i) => {
    checkCategory(e.category, where("paymentPolicy", undefined, "exceptions", i, "category"));
    if (seenExceptions.has(e.category)) {
      report(
        where("paymentPolicy", undefined, "exceptions", i, "category"),
        `"${e.category}" has two exceptions; keep one`,
      );
    }
    seenExceptions.add(e.category);
  });

  // Suppliers.
  const suppliers: Supplier[] = [];
  const suppliersById = new Map<string, Supplier>();
  const domainOwner = new Map<string, string>();
  const vendorOwner = new Map<string, string>();
  const termsByText = new Map<string, ReturnType<typeof compileTerms>>();
  (merged.suppliers ?? []).forEach((s, i) => {
    if (suppliersById.has(s.id))
      return report(where("suppliers", i, "id"), `duplicate supplier id "${s.id}"`);
    // Index loops, and a place for a message only when there is one: 10,000 suppliers run this.
    s.categories.forEach((c, j) => {
      if (!categoriesById.has(c)) checkCategory(c, where("suppliers", i, "categories", j));
    });
    const domains: SupplierDomain[] = [];
    const domainTexts = s.domains ?? [];
    for (let j = 0; j < domainTexts.length; j++) {
      const text = domainTexts[j]!;
      const parsed = parseDomain(text);
      if (!parsed.ok) {
        report(where("suppliers", i, "domains", j), parsed.error);
        continue;
      }
      const key = domainKey(parsed.value);
      const owner = domainOwner.get(key);
      if (owner !== undefined) {
        report(
          where("suppliers", i, "domains", j),
          owner === s.id
            ? `domain ${text} is listed twice`
            : `domain ${text} already belongs to supplier "${owner}"`,
        );
        continue;
      }
      domainOwner.set(key, s.id);
      domains.push(parsed.value);
    }
    const vendorIds = s.vendorIds ?? [];
    for (let j = 0; j < vendorIds.length; j++) {
      const v = vendorIds[j]!;
      const owner = vendorOwner.get(v);
      if (owner !== undefined && owner !== s.id) {
        report(
          where("suppliers", i, "vendorIds", j),
          `vendor id ${v} already belongs to supplier "${owner}"`,
        );
      }
      vendorOwner.set(v, s.id);
    }
    const supplier: Supplier = {
      id: s.id,
      name: s.name,
      aliases: s.aliases ?? [],
      vendorIds: s.vendorIds ?? [],
      domains,
      categories: s.categories,
      status: s.status,
    };
    if (s.terms !== undefined) {
      // Suppliers share a handful of terms texts: read each once.
      const terms =
        typeof s.terms === "string"
          ? (termsByText.get(s.terms) ?? termsByText.set(s.terms, compileTerms(s.terms)).get(s.terms)!)
          : compileTerms(s.terms);
      if (terms.ok) {
        supplier.terms = terms.value;
        if (typeof s.terms === "string") supplier.termsText = s.terms;
      } else report(where("suppliers", i, "terms"), terms.error);
    }
    if (s.contract) {
      const ends = parseIsoDate(s.contract.ends);
      const starts = s.contract.starts === undefined ? undefined : parseIsoDate(s.contract.starts);
      if (!ends.ok) report(where("suppliers", i, "contract", "ends"), ends.error);
      if (starts && !starts.ok) report(where("suppliers", i, "contract", "starts"), starts.error);
      if (ends.ok && (!starts || starts.ok)) {
        if (starts && starts.value > ends.value) {
          report(where("suppliers", i, "contract", "ends"), "is before the contract starts");
        }
        supplier.contract = { id: s.contract.id, ends: ends.value };
        if (starts) supplier.contract.starts = starts.value;
      }
    }
    if (s.pageHints) {
      supplier.pageHints = { ...s.pageHints };
      if (s.pageHints.currency)
        checkCurrency(s.pageHints.currency, where("suppliers", i, "pageHints", "currency"));
    }
    if (s.notes !== undefined) supplier.notes = s.notes;
    suppliers.push(supplier);
    suppliersById.set(s.id, supplier);
  });

  // Savings definitions.
  const savings: SavingsDefinition[] = [];
  const savingsIds = new Set<string>();
  (merged.savings ?? []).forEach((s, i) => {
    if (savingsIds.has(s.id)) return report(where("savings", i, "id"), `duplicate savings id "${s.id}"`);
    savingsIds.add(s.id);
    savings.push({ ...s });
  });

  if (issues.length > 0 || !effective.ok || !fxResult.ok) {
    if (!fxResult.ok && issues.length === 0) report(where("fxRates", undefined, "rates"), fxResult.error);
    return { ok: false, errors: issues };
  }

  const book: RuleBook = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    meta: {
      organisation: meta.organisation,
      baseCurrency: base,
      fiscalYearStart,
      revision: meta.revision,
      effectiveDate: effective.value,
      contractWarningDays: meta.contractWarningDays ?? DEFAULT_CONTRACT_WARNING_DAYS,
      rounding: meta.rounding ?? "half-away-from-zero",
    },
    budgets,
    approvals,
    fx: fxResult.value,
    suppliers,
    categories,
    savings,
    index: { suppliersById, categoriesById, budgetsByCostCenter },
    source: merged,
  };
  if (fxAsOf !== undefined) book.fxAsOf = fxAsOf;
  if (policy) {
    book.paymentPolicy = { minimumNetDays: policy.minimumNetDays, exceptions: policy.exceptions ?? [] };
    if (policy.discountHurdleRatePercent !== undefined) {
      book.paymentPolicy.discountHurdleRatePercent = policy.discountHurdleRatePercent;
    }
  }
  return { ok: true, value: book };
}

/** Terms as text or structured, to PaymentTerms; errors quote the part not understood. */
export function compileTerms(
  terms: string | StructuredTerms,
): { ok: true; value: PaymentTerms } | { ok: false; error: string } {
  if (typeof terms !== "string") return termsFromStructured(terms);
  const parsed = parseTerms(terms);
  if (parsed.ok) return parsed;
  return { ok: false, error: `${quoteText(terms)} not understood: ${parsed.error.message}` };
}

function suggestion(id: string, known: ReadonlyMap<string, unknown>): string {
  const hint = closest(id, [...known.keys()]);
  return hint ? ` (did you mean "${hint}"?)` : "";
}
