import { formatIsoDate, type PlainDate } from "../dates/plain-date";
import type { Category, Supplier } from "../rules/rule-book";
import { names } from "./words";
import { severityRank } from "./batch-result";
import {
  NONE_SHARED,
  SharedFindings,
  type PreparedRules,
  type SupplierSlot,
  type TermsSlot,
} from "./prepare";
import { currencyExponent } from "../money/currencies";
import { formatMoney } from "../money/format";
import { fastIsoDate, plainDecimalToMinor, readAmount, readDate, trimmed } from "./read-row";
import type { CheckOptions, Finding, PurchaseInput } from "./types";
import { clipText, quoteText } from "../text/quote";

/** A purchase after its row was read: what could be read, typed; what could not, already a finding. */
export type Purchase = {
  rules: PreparedRules;
  input: PurchaseInput;
  /** The day the purchase counts for: the invoice date, or the as-of date when there is none. */
  date: PlainDate;
  invoiceDate: PlainDate | undefined;
  asOf: PlainDate;
  currency: string | undefined;
  /** Decimals of `currency`. */
  exponent: number;
  /** Minor units of `currency`; negative for a credit note. */
  amount: number | undefined;
  supplier: Supplier | undefined;
  supplierSlot: SupplierSlot | undefined;
  category: Category | undefined;
  /** 0 without a category, else the category's memo slot (see PreparedRules). */
  categoryIndex: number;
  /** Terms on the row when it had readable ones. */
  rowTerms: TermsSlot | undefined;
  /**
   * Scratch list, reused row after row: the first `partCount` entries are the row's findings in
   * order, each a single finding or shared findings added whole (read only when the row needs a
   * list of its own, see `takeFindings`).
   */
  parts: (Finding | SharedFindings)[];
  partCount: number;
  /** How many findings the parts hold. */
  count: number;
  /** The shared findings that are the row's first part, if they are (see `sharedOfRow`). */
  shared: SharedFindings | undefined;
  /** The worst severity so far: 0 none, 1 info, 2 warn, 3 block. */
  rank: number;
  /** The budget the purchase counts against (its position in the rule book; -1 none) and how much of it, in its currency. */
  budgetIndex: number;
  budgetUse: number;
  /**
   * Whether the row found its budget and, if so, how it counts (set by the budget check): 0 no
   * budget, 1 a new purchase, 2 already in the budget's spent or committed (it uses no headroom).
   */
  figures: 0 | 1 | 2;
  /** Whether `figures` was decided by `countUndated` (the budget's figures carry no date). */
  undated: boolean;
  /** Rows against budgets whose figures carry no date are already counted (`CheckOptions.rows`). */
  countUndated: boolean;
  /** Whether the register has a date column, a currency column (see `CheckOptions.columns`). */
  dateColumn: boolean;
  currencyColumn: boolean;
  /** What was assumed for lack of a column (`ASSUMED_DATE`, `ASSUMED_CURRENCY`), for the batch summary. */
  assumed: number;
};

/** `Purchase.assumed`: the row was dated at the as-of date, for lack of a date column. */
export const ASSUMED_DATE = 1;
/** `Purchase.assumed`: the amount was taken in the base currency, for lack of a currency column. */
export const ASSUMED_CURRENCY = 2;

/** Adds a finding to the row being checked. */
export function addFinding(p: Purchase, finding: Finding): void {
  p.parts[p.partCount++] = finding;
  p.count++;
  const rank = severityRank(finding.severity);
  if (rank > p.rank) p.rank = rank;
}

/**
 * Adds shared (frozen) findings. When they are all the row has (`sharedOfRow`), a batch records their
 * id instead of a list of the row's own: most flagged rows of a register have just their supplier's
 * or terms' finding.
 */
export function addSharedFindings(p: Purchase, shared: SharedFindings): void {
  if (shared === NONE_SHARED) return; // every empty list is this one: no read of the list
  if (p.partCount === 0) p.shared = shared;
  p.parts[p.partCount++] = shared;
  p.count += shared.size;
  if (shared.rank > p.rank) p.rank = shared.rank;
}

/**
 * The row's findings as one shared list, when all it has are shared findings (two or more become
 * their kept combination, see `PreparedRules.combine`); undefined when the row needs a list of its own.
 */
export function sharedOfRow(p: Purchase): SharedFindings | undefined {
  let acc = p.shared;
  for (let i = 1; i < p.partCount && acc !== undefined; i++) {
    const part = p.parts[i]!;
    acc = part instanceof SharedFindings ? p.rules.combine(acc, part) : undefined;
  }
  return acc;
}

/** This row's findings as a list of their own. */
export function takeFindings(p: Purchase): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < p.partCount; i++) {
    const part = p.parts[i]!;
    if (part instanceof SharedFindings) for (const f of part.list) out.push(f);
    else out.push(part);
  }
  return out;
}

/** An empty purchase; `readPurchase` fills it (and refills it, row after row). */
export function newPurchase(rules: PreparedRules, options: CheckOptions): Purchase {
  const asOf = options.asOf;
  return {
    rules,
    input: {},
    date: asOf,
    invoiceDate: undefined,
    asOf,
    currency: undefined,
    exponent: 0,
    amount: undefined,
    supplier: undefined,
    supplierSlot: undefined,
    category: undefined,
    categoryIndex: 0,
    rowTerms: undefined,
    parts: [],
    partCount: 0,
    count: 0,
    shared: undefined,
    rank: 0,
    budgetIndex: -1,
    budgetUse: 0,
    figures: 0,
    undated: false,
    countUndated: options.rows === "counted",
    dateColumn: options.columns?.includes("invoiceDate") ?? false,
    currencyColumn: options.columns?.includes("currency") ?? false,
    assumed: 0,
  };
}

/** Reads the raw fields into `p`; whatever cannot be read becomes a finding and is left out of the checks. */
export function readPurchase(p: Purchase, input: PurchaseInput): void {
  const rules = p.rules;
  const book = rules.book;
  p.input = input;
  p.date = p.asOf;
  p.invoiceDate = undefined;
  p.amount = undefined;
  p.supplier = undefined;
  p.supplierSlot = undefined;
  p.category = undefined;
  p.categoryIndex = 0;
  p.rowTerms = undefined;
  p.partCount = 0;
  p.count = 0;
  p.shared = undefined;
  p.rank = 0;
  p.budgetIndex = -1;
  p.figures = 0;
  p.undated = false;
  p.assumed = 0;

  const currencyText = input.currency;
  let noCurrency = false;
  if (currencyText === book.meta.baseCurrency) {
    p.currency = currencyText;
    p.exponent = rules.baseExponent;
  } else if (currencyText === undefined || isBlank(currencyText)) {
    p.currency = book.meta.baseCurrency;
    p.exponent = rules.baseExponent;
    noCurrency = true;
  } else {
    const code = rules.currency(currencyText);
    p.currency = code ?? undefined;
    p.exponent = code === null ? 0 : (currencyExponent(code) ?? 0);
    if (code === null) {
      addFinding(p, {
        code: "row.invalid-currency",
        severity: "warn",
        message: `Currency ${quoteText(currencyText)} is not an ISO 4217 currency code: budget and approval checks were skipped.`,
      });
    }
  }

  const named = readAmountInto(p, input);
  // No currency on the row and none in the amount: the base currency is an assumption, said aloud.
  if (noCurrency && !named && p.amount !== undefined) {
    if (currencyText !== undefined || p.currencyColumn) addSharedFindings(p, rules.missingCurrency());
    else p.assumed |= ASSUMED_CURRENCY;
  }

  const dateText = input.invoiceDate;
  const day = dateText === undefined ? NaN : fastIsoDate(dateText);
  if (!Number.isNaN(day)) {
    p.invoiceDate = day;
    p.date = day;
  } else if (dateText !== undefined && !isBlank(dateText)) {
    const date = readDate(dateText);
    if (date.ok) {
      p.invoiceDate = date.value;
      p.date = date.value;
    } else {
      addFinding(p, {
        code: "row.invalid-date",
        severity: "warn",
        message: `Invoice date ${date.error}; ${formatIsoDate(p.asOf)} was used instead.`,
      });
    }
  } else if (dateText !== undefined || p.dateColumn) {
    addSharedFindings(p, rules.missingDate(p.asOf));
  } else {
    p.assumed |= ASSUMED_DATE;
  }

  readSupplier(p, input);

  // readSupplier may have set the slot; TypeScript still sees the reset above.
  const supplierSlot = p.supplierSlot as SupplierSlot | undefined;
  const own = supplierSlot?.ownCategory;
  const categoryText = input.category;
  if (own !== undefined && categoryText === own.category.id) {
    // Rows usually name the supplier's own category: a string comparison instead of a lookup.
    p.category = own.category;
    p.categoryIndex = own.index;
  } else if (categoryText !== undefined && !isBlank(categoryText)) {
    const slot = rules.category(categoryText);
    if (slot) {
      p.category = slot.category;
      p.categoryIndex = slot.index;
    } else {
      addFinding(p, {
        code: "row.unknown-category",
        severity: "info",
        message: `Category ${quoteText(categoryText.trim())} is not in the rule book; category checks were skipped.`,
      });
    }
  } else if (own !== undefined) {
    p.category = own.category;
    p.categoryIndex = own.index;
  }

  const termsText = input.terms;
  if (termsText !== undefined && supplierSlot?.terms !== undefined && termsText === supplierSlot.termsText) {
    // Rows often repeat the contract's wording: a string comparison instead of a lookup.
    p.rowTerms = supplierSlot.terms;
  } else if (termsText !== undefined && !isBlank(termsText)) {
    const terms = rules.terms(termsText);
    if ("terms" in terms) p.rowTerms = terms;
    else {
      addFinding(p, {
        code: "terms.unparseable",
        severity: "warn",
        message: `Terms ${quoteText(termsText)} not understood: ${terms.message}`,
        figures: { terms: terms.input, start: terms.start, end: terms.end },
      });
    }
  }
}

/** Reads the amount into `p.amount` (in `p.currency`); true when the amount itself named its currency. */
function readAmountInto(p: Purchase, input: PurchaseInput): boolean {
  const raw = input.amount;
  if (typeof raw === "string" && p.currency !== undefined) {
    const minor = plainDecimalToMinor(raw, p.exponent);
    if (minor !== undefined) {
      p.amount = minor;
      return false;
    }
  }
  if (raw === undefined || (typeof raw === "string" && isBlank(raw))) {
    addFinding(p, {
      code: "row.missing-amount",
      severity: "warn",
      message: "No amount: budget and approval checks were skipped.",
    });
    return false;
  }
  if (p.currency === undefined) return false;
  const amount = readAmount(raw, p.currency);
  if (!amount.ok) {
    addFinding(p, {
      code: "row.invalid-amount",
      severity: "warn",
      message: `Amount ${quoteText(String(raw))} cannot be read (${amount.error}); budget and approval checks were skipped.`,
    });
    return false;
  }
  const named = amount.value.currency;
  if (named !== undefined && named !== p.currency) {
    if (input.currency === undefined || isBlank(input.currency)) {
      p.currency = named;
    } else {
      addFinding(p, {
        code: "row.invalid-amount",
        severity: "warn",
        message: `Amount ${quoteText(String(raw))} is in ${named} but the currency says ${p.currency}; budget and approval checks were skipped.`,
      });
      return false;
    }
  }
  p.amount = amount.value.minor;
  const decimals = amount.value.decimals;
  if (decimals !== undefined) {
    const exp = currencyExponent(p.currency) ?? 0;
    addFinding(p, {
      code: "row.extra-decimals",
      severity: "warn",
      message: `Amount ${quoteText(String(raw))} has ${decimals} decimal${decimals === 1 ? "" : "s"} but ${p.currency} has ${exp === 0 ? "none" : exp}: it was checked as ${formatMoney(p.amount, p.currency)}. Correct the amount or its currency.`,
      figures: { decimals, allowed: exp, currency: p.currency, checkedAs: p.amount },
    });
  }
  return named !== undefined;
}

function readSupplier(p: Purchase, input: PurchaseInput): void {
  const rules = p.rules;
  if (input.supplierId !== undefined) {
    const s = rules.book.index.suppliersById.get(input.supplierId);
    if (s) {
      p.supplier = s;
      p.supplierSlot = rules.supplierSlot(s);
    } else {
      addFinding(p, {
        code: "supplier.unknown",
        severity: "warn",
        message: `Supplier id ${quoteText(input.supplierId)} is not in the rule book.`,
      });
    }
    return;
  }
  const vendorText = input.vendorId;
  // A vendor id, or (without one) a name, seen before: one lookup, nothing else to read.
  const known =
    vendorText !== undefined && vendorText !== ""
      ? rules.knownVendor(vendorText)
      : input.supplier !== undefined
        ? rules.knownName(input.supplier)
        : undefined;
  if (known !== undefined) {
    p.supplierSlot = known;
    p.supplier = known.supplier;
    if (vendorText !== undefined && vendorText !== "") checkNameAgrees(p, known, input.supplier);
    return;
  }
  const name = input.supplier === undefined || isBlank(input.supplier) ? undefined : input.supplier;
  const vendorId = vendorText === undefined || isBlank(vendorText) ? undefined : vendorText;
  if (name === undefined && vendorId === undefined) {
    addFinding(p, {
      code: "row.missing-supplier",
      severity: "warn",
      message: "No supplier or vendor id: supplier checks were skipped.",
    });
    return;
  }
  const m = rules.match(vendorId, name);
  if (m.kind === "matched") {
    p.supplierSlot = m;
    p.supplier = m.supplier;
    if (vendorId !== undefined) checkNameAgrees(p, m, name);
    return;
  }
  const shown = name?.trim();
  if (m.kind === "ambiguous") {
    addFinding(p, {
      code: "supplier.ambiguous",
      severity: "warn",
      message: `Supplier ${quoteText(shown ?? vendorId ?? "")} could be ${names(m.candidates)}; add the vendor id to tell them apart.`,
      figures: { candidates: m.candidates.map((c) => c.id) },
    });
    return;
  }
  const label = shown ? quoteText(shown) : `with vendor id ${clipText(vendorId ?? "")}`;
  const hint = m.suggestions.length
    ? ` Did you mean ${m.suggestions.map((s) => s.supplier.name).join(" or ")}?`
    : "";
  addFinding(p, {
    code: "supplier.unknown",
    severity: "warn",
    message: `Supplier ${label} is not in the rule book.${hint}`,
    figures: { suggestions: m.suggestions.map((s) => s.supplier.id) },
  });
}

/**
 * A row with a vendor id and a name: when the name is another rule-book supplier's, the vendor id
 * decided (the ERP's id is the surer of the two) and a warning names both. The last name that
 * agreed with a supplier is kept on its slot: a supplier's rows mostly spell it one way.
 */
function checkNameAgrees(p: Purchase, slot: SupplierSlot, name: string | undefined): void {
  if (name === undefined || name === slot.agreedName || isBlank(name)) return;
  const byName = p.rules.match(undefined, name);
  if (byName.kind !== "matched" || byName.supplier === slot.supplier) {
    slot.agreedName = name;
    return;
  }
  addSharedFindings(p, p.rules.nameMismatch(slot, byName.supplier));
}

/** Empty or only spaces. */
function isBlank(text: string): boolean {
  return trimmed(text) === "";
}
