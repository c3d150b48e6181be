import {
  buildSupplierIndex,
  matchSupplier,
  type SupplierIndex,
  type SupplierMatch,
} from "../match/supplier-index";
import { formatIsoDate } from "../dates/plain-date";
import { currencyExponent, isCurrencyCode } from "../money/currencies";
import { applyFxFactor, fxFactor, type FxFactor } from "../money/fx";
import type { Budget, Category, RuleBook, Supplier } from "../rules/rule-book";
import { formatTerms, parseTerms } from "../terms/parse";
import { requiredNetDays } from "../terms/policy";
import { minimumNetDays } from "../terms/schedule";
import type { PaymentTerms, TermsError } from "../terms/types";
import type { DiscountPlan } from "./checks/terms";
import { severityRank } from "./batch-result";
import type { Finding } from "./types";

const CACHE_LIMIT = 50_000;

/**
 * A budget and its position in the rule book (the batch keeps what each budget used by position),
 * with the figures every row needs copied in, so a row reads one small object.
 */
export type BudgetRef = {
  start: number;
  end: number;
  index: number;
  /** amount − spent − committed, in minor units of `currency`. */
  headroom: number;
  /** The day spent and committed were taken (`Budget.figuresAsOf`); NaN when the budget does not say. */
  figuresAsOf: number;
  currency: string;
  categories: readonly string[] | undefined;
  budget: Budget;
  /** "budget X, spent Y, committed Z": the fixed start of an exceeded message, built on first use. */
  fixedParts: string | undefined;
  /** The cost center's next budget by period start: a row walks this chain, without an array between. */
  next: BudgetRef | undefined;
};

/**
 * Per-category memo slots: index 0 is "no category", category i of the rule book is i + 1.
 * Findings that depend only on a supplier (or terms) and the category are built once, frozen, and
 * shared between the rows that have them.
 */
type ByCategory<T> = (T | undefined)[];

/**
 * Findings that many rows share (frozen), with their number in the rule book's list of shared
 * findings (`PreparedRules.sharedLists`): a batch records the number per row, not the list. Their
 * count and worst severity are kept alongside, so a row adds them without reading them.
 */
export class SharedFindings {
  readonly size: number;
  readonly rank: number;
  /** These findings followed by others, by the others' id (see `PreparedRules.combine`). */
  combos: Map<number, SharedFindings> | undefined = undefined;
  constructor(
    readonly id: number,
    readonly list: readonly Finding[],
  ) {
    this.size = list.length;
    this.rank = list.reduce((worst, f) => Math.max(worst, severityRank(f.severity)), 0);
  }
}

/** Combinations kept per shared list at most, so memory stays bounded whatever the input. */
const COMBOS_LIMIT = 2_000;

export type CategorySlot = { category: Category; index: number };

/** A rule-book supplier with its memoised findings. */
export type SupplierSlot = {
  /** So a slot is itself the "matched" answer of a lookup (one pointer less per row). */
  kind: "matched";
  supplier: Supplier;
  /** The first day a contract warning is due (a day number); Infinity without a contract. */
  contractWarnFrom: number;
  /** The contract's warning (ending in n days, or ended) by day, made on first use. */
  contractByDay: Map<number, SharedFindings> | undefined;
  /** The supplier's negotiated terms, if any, and how the rule book wrote them (rows often repeat it). */
  terms: TermsSlot | undefined;
  termsText: string | undefined;
  /** The supplier's category when it has exactly one. */
  ownCategory: CategorySlot | undefined;
  status: ByCategory<SharedFindings>;
  /** The category slot looked up last and its findings: a supplier's rows mostly share one category. */
  lastIndex: number;
  lastStatus: SharedFindings;
  /** The last name written beside this supplier's vendor id that did not name another supplier. */
  agreedName: string | undefined;
  /** "The name is another supplier's", by that other supplier, made on first use. */
  mismatches: Map<Supplier, SharedFindings> | undefined;
};

/** Parsed terms with their memoised findings. */
export type TermsSlot = {
  terms: PaymentTerms;
  /** Whether the days to pay depend on the invoice date (end of month, day N of next month). */
  dated: boolean;
  /** The fewest days to pay these terms give, whatever the invoice date. */
  minimumDays: number;
  policy: ByCategory<SharedFindings>;
  /** Canonical text ("2/10 Net 30"): equal terms have equal keys however they were written. */
  key: string;
  /** Per supplier: "these terms differ from the negotiated ones" (or nothing). */
  differ: Map<SupplierSlot, SharedFindings>;
  /** Worked out on first use by the terms check. */
  discounts: readonly DiscountPlan[] | undefined;
};

/** A register row's supplier, resolved. */
export type SupplierLookup = SupplierSlot | Exclude<SupplierMatch, { kind: "matched" }>;

/**
 * Everything the checks look up, built once per rule book: budgets by cost center, category
 * ancestry, preferred suppliers per category, and memo slots for suppliers, categories and terms.
 * Registers repeat the same few hundred suppliers, cost centers and terms a million times; reading
 * each distinct text once is what makes a large check fast. Text caches are cleared when they pass
 * a limit, so memory stays bounded whatever the input.
 */
export class PreparedRules {
  readonly suppliers: SupplierIndex;
  /** Budgets by cost center code as written and in upper case; each list in period order. */
  readonly budgetsByCostCenter = new Map<string, BudgetRef[]>();
  /** Category id → itself and its ancestors. */
  readonly lineage = new Map<string, ReadonlySet<string>>();
  /** Category id → suppliers preferred for it (directly or through a parent category), in rule-book order. */
  readonly preferredByCategory = new Map<string, Supplier[]>();
  /** The lowest approval threshold (base currency), to skip the approval check for small amounts. */
  readonly lowestApproval: number;
  /** Decimals of the base currency. */
  readonly baseExponent: number;
  /** Days to pay the policy asks for, per category slot (0 without a policy). */
  readonly requiredDays: readonly number[];
  /**
   * Every shared list of findings made so far, by id; id 0 is the empty list. It only grows (as the
   * memo slots that hold the lists do), so an id stays valid as long as the rule book, unless the
   * rules were prepared for a streaming run, which empties it now and then (see `forgetShared`).
   */
  readonly sharedLists: (readonly Finding[])[] = [NO_FINDINGS];
  private readonly categoryByKey = new Map<string, CategorySlot>();
  private fxFrom = "";
  private fxTo = "";
  private fxFactorOfPair: FxFactor | undefined;
  private readonly supplierSlots = new Map<Supplier, SupplierSlot>();
  private readonly termsByKey = new Map<string, TermsSlot>();
  private readonly missingDates = new Map<number, SharedFindings>();
  private noCurrency: SharedFindings | undefined;
  private readonly texts = {
    names: new Map<string, SupplierLookup>(),
    /** Vendor ids that name exactly one supplier. */
    vendors: new Map<string, SupplierSlot>(),
    terms: new Map<string, TermsSlot | TermsError>(),
    categories: new Map<string, CategorySlot | null>(),
    currencies: new Map<string, string | null>(),
    /** Cost centers as rows write them: their earliest budget; null when blank or unknown. */
    costCenters: new Map<string, BudgetRef | null>(),
  };

  constructor(readonly book: RuleBook) {
    this.suppliers = buildSupplierIndex(book.suppliers);
    book.budgets.forEach((budget, index) => {
      for (const key of new Set([budget.costCenter, budget.costCenter.toUpperCase()])) {
        const list = this.budgetsByCostCenter.get(key) ?? [];
        list.push({
          start: budget.start,
          end: budget.end,
          index,
          headroom: budget.amount - budget.spent - budget.committed,
          figuresAsOf: budget.figuresAsOf ?? NaN,
          currency: budget.currency,
          categories: budget.categories,
          budget,
          fixedParts: undefined,
          next: undefined,
        });
        list.sort((a, b) => a.start - b.start);
        this.budgetsByCostCenter.set(key, list);
      }
    });
    for (const list of this.budgetsByCostCenter.values()) list.forEach((ref, i) => (ref.next = list[i + 1]));
    book.categories.forEach((c, i) => {
      const slot = { category: c, index: i + 1 };
      this.categoryByKey.set(c.id.toLowerCase(), slot);
      if (!this.categoryByKey.has(c.name.toLowerCase())) this.categoryByKey.set(c.name.toLowerCase(), slot);
      const line = new Set<string>();
      for (
        let id: string | undefined = c.id;
        id !== undefined && !line.has(id);
        id = book.index.categoriesById.get(id)?.parent
      ) {
        line.add(id);
      }
      this.lineage.set(c.id, line);
    });
    // A supplier preferred for a category is preferred for its subcategories too.
    const descendants = new Map<string, string[]>();
    for (const [id, line] of this.lineage)
      for (const ancestor of line)
        (descendants.get(ancestor) ?? descendants.set(ancestor, []).get(ancestor)!).push(id);
    for (const s of book.suppliers) {
      if (s.status !== "preferred") continue;
      for (const own of s.categories) {
        for (const id of descendants.get(own) ?? []) {
          const list = this.preferredByCategory.get(id) ?? this.preferredByCategory.set(id, []).get(id)!;
          if (list.at(-1) !== s) list.push(s);
        }
      }
    }
    this.lowestApproval = book.approvals[0]?.atOrAbove ?? Infinity;
    this.baseExponent = currencyExponent(book.meta.baseCurrency) ?? 2;
    const policy = book.paymentPolicy;
    const policyTerms = policy && {
      minimumNetDays: policy.minimumNetDays,
      exceptions: [...policy.exceptions],
    };
    this.requiredDays = [undefined, ...book.categories].map((c) =>
      policyTerms ? requiredNetDays(policyTerms, c?.id) : 0,
    );
  }

  /** Whether a list of categories covers `category`, directly or through one of its parents. */
  covers(categories: readonly string[], category: string): boolean {
    const line = this.lineage.get(category);
    if (!line) return categories.includes(category);
    for (const c of categories) if (line.has(c)) return true;
    return false;
  }

  /** Budgets of a cost center, by its code in any case. */
  budgetsOf(costCenter: string): BudgetRef[] | undefined {
    return this.budgetsByCostCenter.get(costCenter) ?? this.budgetsByCostCenter.get(costCenter.toUpperCase());
  }

  /**
   * The earliest budget of a cost center as a row wrote it (any case, spaces around), the others
   * following by `next`; null when the text is blank or no budget has that code. Cached by text, so a
   * register's repeated codes cost one lookup each.
   */
  firstBudgetOfText(text: string): BudgetRef | null {
    const known = this.texts.costCenters.get(text);
    if (known !== undefined) return known;
    const code = text.trim();
    return remember(this.texts.costCenters, text, (code && this.budgetsOf(code)?.[0]) || null);
  }

  /** The memo slot of a rule-book supplier. */
  supplierSlot(supplier: Supplier): SupplierSlot {
    let slot = this.supplierSlots.get(supplier);
    if (!slot) {
      slot = {
        kind: "matched",
        supplier,
        contractWarnFrom: (supplier.contract?.ends ?? Infinity) - this.book.meta.contractWarningDays,
        contractByDay: undefined,
        terms: supplier.terms && this.termsSlot(supplier.terms),
        termsText: supplier.termsText,
        ownCategory:
          supplier.categories.length === 1 ? this.categoryById(supplier.categories[0]!) : undefined,
        status: this.byCategory(),
        lastIndex: -1,
        lastStatus: NONE_SHARED,
        agreedName: undefined,
        mismatches: undefined,
      };
      this.supplierSlots.set(supplier, slot);
    }
    return slot;
  }

  /** The supplier of a vendor id already seen in a row, if it names exactly one. */
  knownVendor(vendorId: string): SupplierSlot | undefined {
    return this.texts.vendors.get(vendorId);
  }

  /** The supplier of a name already seen in a row without a vendor id, if it matched one. */
  knownName(name: string): SupplierSlot | undefined {
    const known = this.texts.names.get(name);
    return known !== undefined && known.kind === "matched" ? known : undefined;
  }

  /** Supplier of a register row: by vendor id, then by name, as `matchSupplier` decides; cached by text. */
  match(vendorId: string | undefined, name: string | undefined): SupplierLookup {
    if (vendorId !== undefined) {
      const cachedVendor = this.texts.vendors.get(vendorId);
      if (cachedVendor !== undefined) return cachedVendor;
      const hits = this.suppliers.vendorIds.get(vendorId);
      if (hits?.length === 1) return remember(this.texts.vendors, vendorId, this.supplierSlot(hits[0]!));
      // An unknown vendor id: the name decides (rare, so the combined key is fine).
      const key = `${vendorId}\u0000${name ?? ""}`;
      const known = this.texts.names.get(key);
      if (known !== undefined) return known;
      const query: { vendorId: string; name?: string } = { vendorId };
      if (name !== undefined) query.name = name;
      return remember(this.texts.names, key, this.lookup(matchSupplier(this.suppliers, query)));
    }
    const key = name ?? "";
    const known = this.texts.names.get(key);
    if (known !== undefined) return known;
    return remember(
      this.texts.names,
      key,
      this.lookup(matchSupplier(this.suppliers, name === undefined ? {} : { name })),
    );
  }

  /**
   * `minor` units of `from` in minor units of `to`, with the rule book's rates and rounding (see
   * `convert`); NaN when there is no rate or the result is too large (`convert` says which). The
   * factor of the last pair is kept: a register converts one or two currencies a million times.
   */
  convertAmount(minor: number, from: string, to: string): number {
    if (from !== this.fxFrom || to !== this.fxTo) {
      const factor = fxFactor(this.book.fx, from, to);
      this.fxFrom = from;
      this.fxTo = to;
      this.fxFactorOfPair = factor.ok ? factor.value : undefined;
    }
    const f = this.fxFactorOfPair;
    return f === undefined ? NaN : applyFxFactor(minor, f, this.book.meta.rounding);
  }

  /** Parsed payment terms, cached by text: equal texts share one slot. */
  terms(text: string): TermsSlot | TermsError {
    const known = this.texts.terms.get(text);
    if (known !== undefined) return known;
    const parsed = parseTerms(text);
    return remember(this.texts.terms, text, parsed.ok ? this.termsSlot(parsed.value) : parsed.error);
  }

  /** Category by id or name in any case; null when unknown. */
  category(text: string): CategorySlot | null {
    const known = this.texts.categories.get(text);
    if (known !== undefined) return known;
    return remember(this.texts.categories, text, this.categoryByKey.get(text.trim().toLowerCase()) ?? null);
  }

  /** Category slot of a rule-book category id. */
  categoryById(id: string): CategorySlot | undefined {
    return this.categoryByKey.get(id.toLowerCase());
  }

  /** ISO 4217 code in upper case; null when the text is not one. */
  currency(text: string): string | null {
    const known = this.texts.currencies.get(text);
    if (known !== undefined) return known;
    const code = text.trim().toUpperCase();
    return remember(this.texts.currencies, text, isCurrencyCode(code) ? code : null);
  }

  /**
   * The one slot for these terms: equal terms share a slot however they were written ("Net 30",
   * "N30"), so thousands of suppliers on the same few terms share their findings too.
   */
  private termsSlot(terms: PaymentTerms): TermsSlot {
    const key = formatTerms(terms);
    let slot = this.termsByKey.get(key);
    if (!slot) {
      slot = {
        terms,
        dated: terms.due.kind === "eom" || terms.due.kind === "day-of-next-month",
        minimumDays: minimumNetDays(terms),
        key,
        policy: this.byCategory(),
        differ: new Map(),
        discounts: undefined,
      };
      this.termsByKey.set(key, slot);
    }
    return slot;
  }

  /** "No invoice date: dated at the as-of date", one shared finding per as-of date. */
  missingDate(asOf: number): SharedFindings {
    let found = this.missingDates.get(asOf);
    if (found === undefined) {
      found = this.share([
        {
          code: "row.missing-date",
          severity: "warn",
          message: `No invoice date: the row was dated ${formatIsoDate(asOf)}, the as-of date, for its budget period and the supplier's contract. Fill in the date.`,
          figures: { usedDate: formatIsoDate(asOf) },
        },
      ]);
      this.missingDates.set(asOf, found);
    }
    return found;
  }

  /** "No currency: taken as the base currency", shared by every row it applies to. */
  missingCurrency(): SharedFindings {
    const base = this.book.meta.baseCurrency;
    return (this.noCurrency ??= this.share([
      {
        code: "row.missing-currency",
        severity: "warn",
        message: `No currency: the amount was taken as ${base}, the rule book's base currency. Fill in the currency if it is another.`,
        figures: { usedCurrency: base },
      },
    ]));
  }

  /** "The vendor id is one supplier's, the name another's": shared per pair of suppliers. */
  nameMismatch(slot: SupplierSlot, byName: Supplier): SharedFindings {
    slot.mismatches ??= new Map();
    let found = slot.mismatches.get(byName);
    if (found === undefined) {
      const s = slot.supplier;
      found = this.share([
        {
          code: "supplier.name-vendor-mismatch",
          severity: "warn",
          message: `The vendor id is ${s.name}'s but the name is ${byName.name}'s: the row was checked as ${s.name}, by its vendor id. Correct whichever is wrong.`,
          figures: { supplier: s.id, byName: byName.id },
        },
      ]);
      slot.mismatches.set(byName, found);
    }
    return found;
  }

  /**
   * Drops every shared list and every memo slot that holds one, so ids start again at 1; the text
   * caches stay (they hold slots, not lists). Only for rules prepared for one streaming run
   * (`batchChecker`), whose rows' findings are handed over as each row is checked: nothing reads an
   * id of an earlier row. A batch (`checkBatch`) keeps its rows' ids, so its rules never forget.
   */
  forgetShared(): void {
    this.sharedLists.length = 1;
    for (const slot of this.supplierSlots.values()) {
      slot.contractByDay = undefined;
      slot.status.fill(undefined);
      slot.lastIndex = -1;
      slot.lastStatus = NONE_SHARED;
      slot.mismatches = undefined;
    }
    for (const slot of this.termsByKey.values()) {
      slot.policy.fill(undefined);
      slot.differ.clear();
      slot.discounts = undefined;
    }
    this.missingDates.clear();
    this.noCurrency = undefined;
  }

  /** Freezes findings that rows will share and numbers them; all empty lists are the one list 0. */
  share(findings: Finding[]): SharedFindings {
    if (findings.length === 0) return NONE_SHARED;
    for (const f of findings) Object.freeze(f);
    const shared = new SharedFindings(this.sharedLists.length, Object.freeze(findings));
    this.sharedLists.push(shared.list);
    return shared;
  }

  /**
   * `a`'s findings followed by `b`'s, as shared findings of their own, kept per pair: a supplier's
   * "not preferred" and the day's "take the discount" are one shared list for every row that has
   * both. Undefined once `a` has too many combinations (the row then gets a list of its own).
   */
  combine(a: SharedFindings, b: SharedFindings): SharedFindings | undefined {
    let combos = a.combos;
    const known = combos?.get(b.id);
    if (known !== undefined) return known;
    if (combos === undefined) a.combos = combos = new Map();
    else if (combos.size >= COMBOS_LIMIT) return undefined;
    const both = this.share([...a.list, ...b.list]);
    combos.set(b.id, both);
    return both;
  }

  /** A filled (not sparse) array, so V8 keeps fast elements: one slot per category plus "none". */
  private byCategory<T>(): ByCategory<T> {
    return new Array<T | undefined>(this.book.categories.length + 1).fill(undefined);
  }

  private lookup(m: SupplierMatch): SupplierLookup {
    return m.kind === "matched" ? this.supplierSlot(m.supplier) : m;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The empty list of findings, shared by every row that has none. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
/** The shared findings of every row that has none: `share([])` always gives this one. */
export const NONE_SHARED = new SharedFindings(0, NO_FINDINGS);

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
