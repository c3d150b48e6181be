import {
  buildSupplierIndex,
  matchSupplier,
  type SupplierIndex,
  type SupplierMatch,
} from "../match/supplier-index";
import type { Budget, Category, RuleBook, Supplier } from "../rules/rule-book";
import { parseTerms } from "../terms/parse";
import type { PaymentTerms, TermsError } from "../terms/types";
import type { Result } from "../result";

const CACHE_LIMIT = 50_000;

/**
 * Everything the checks look up, built once per rule book: indexes by code and name, preferred
 * suppliers per category, category ancestry, and small caches for what rows repeat (supplier names,
 * terms texts). Caches are cleared when they grow past a limit, so memory stays bounded.
 */
export class PreparedRules {
  readonly suppliers: SupplierIndex;
  /** Budgets by cost center code, upper case; each list in period order. */
  readonly budgetsByCostCenter = new Map<string, { budget: Budget; index: number }[]>();
  /** Category by lower-case id and lower-case name. */
  readonly categoryByKey = new Map<string, Category>();
  /** Category id → itself and its ancestors. */
  readonly lineage = new Map<string, ReadonlySet<string>>();
  /** Category id → suppliers preferred for it (directly or through a parent category), in rule-book order. */
  readonly preferredByCategory = new Map<string, Supplier[]>();
  private readonly matchCache = new Map<string, SupplierMatch>();
  private readonly termsCache = new Map<string, Result<PaymentTerms, TermsError>>();

  constructor(readonly book: RuleBook) {
    this.suppliers = buildSupplierIndex(book.suppliers);
    book.budgets.forEach((budget, index) => {
      const key = budget.costCenter.toUpperCase();
      const list = this.budgetsByCostCenter.get(key) ?? [];
      list.push({ budget, index });
      list.sort((a, b) => a.budget.start - b.budget.start);
      this.budgetsByCostCenter.set(key, list);
    });
    for (const c of book.categories) {
      this.categoryByKey.set(c.id.toLowerCase(), c);
      if (!this.categoryByKey.has(c.name.toLowerCase())) this.categoryByKey.set(c.name.toLowerCase(), c);
      const line = new Set<string>();
      for (
        let id: string | undefined = c.id;
        id !== undefined && !line.has(id);
        id = book.index.categoriesById.get(id)?.parent
      ) {
        line.add(id);
      }
      this.lineage.set(c.id, line);
    }
    for (const c of book.categories) {
      const preferred = book.suppliers.filter(
        (s) => s.status === "preferred" && this.covers(s.categories, c.id),
      );
      if (preferred.length > 0) this.preferredByCategory.set(c.id, preferred);
    }
  }

  /** Whether a list of categories covers `category`, directly or through one of its parents. */
  covers(categories: readonly string[], category: string): boolean {
    const line = this.lineage.get(category);
    if (!line) return categories.includes(category);
    for (const c of categories) if (line.has(c)) return true;
    return false;
  }

  /** Supplier match for a register row, cached by the raw vendor id and name. */
  match(vendorId: string | undefined, name: string | undefined): SupplierMatch {
    const key = `${vendorId ?? ""}\u0000${name ?? ""}`;
    let m = this.matchCache.get(key);
    if (m === undefined) {
      const query: { vendorId?: string; name?: string } = {};
      if (vendorId !== undefined) query.vendorId = vendorId;
      if (name !== undefined) query.name = name;
      m = matchSupplier(this.suppliers, query);
      if (this.matchCache.size >= CACHE_LIMIT) this.matchCache.clear();
      this.matchCache.set(key, m);
    }
    return m;
  }

  /** Parsed payment terms, cached by text. */
  terms(text: string): Result<PaymentTerms, TermsError> {
    let t = this.termsCache.get(text);
    if (t === undefined) {
      t = parseTerms(text);
      if (this.termsCache.size >= CACHE_LIMIT) this.termsCache.clear();
      this.termsCache.set(text, t);
    }
    return t;
  }
}

const prepared = new WeakMap<RuleBook, PreparedRules>();

/** The prepared form of a rule book, built on first use and kept as long as the rule book is. */
export function prepareRules(book: RuleBook): PreparedRules {
  let p = prepared.get(book);
  if (!p) {
    p = new PreparedRules(book);
    prepared.set(book, p);
  }
  return p;
}
