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
import { fastIsoDate, plainDecimalToMinor, readAmount, readDate, trimmed } from "./read-row";
import type { Finding, PurchaseInput } from "./types";
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
};

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
export function newPurchase(rules: PreparedRules, asOf: PlainDate): Purchase {
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

  const currencyText = input.currency;
  if (currencyText === undefined || currencyText === book.meta.baseCurrency || isBlank(currencyText)) {
    p.currency = book.meta.baseCurrency;
    p.exponent = rules.baseExponent;
  } else {
    const code = rules.currency(currencyText);
    p.currency = code ?? undefined;
    p.exponent = code === null ? 0 : (currencyExponent(code) ?? 0);
    if (code === null) {
      addFinding(p, {
        code: "row.invalid-currency",
        severity: "warn",
        message: `Currency ${quoteText(currencyText)} is not an ISO 4217 currency code.`,
      });
    }
  }

  readAmountInto(p, input);

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

function readAmountInto(p: Purchase, input: PurchaseInput): void {
  const raw = input.amount;
  if (typeof raw === "string" && p.currency !== undefined) {
    const minor = plainDecimalToMinor(raw, p.exponent);
    if (minor !== undefined) {
      p.amount = minor;
      return;
    }
  }
  if (raw === undefined || (typeof raw === "string" && isBlank(raw))) {
    addFinding(p, {
      code: "row.missing-amount",
      severity: "warn",
      message: "No amount: budget and approval checks were skipped.",
    });
    return;
  }
  if (p.currency === undefined) return;
  const amount = readAmount(raw, p.currency);
  if (!amount.ok) {
    addFinding(p, {
      code: "row.invalid-amount",
      severity: "warn",
      message: `Amount ${quoteText(String(raw))} cannot be read (${amount.error}); budget and approval checks were skipped.`,
    });
    return;
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
      return;
    }
  }
  p.amount = amount.value.minor;
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

/** Empty or only spaces. */
function isBlank(text: string): boolean {
  return trimmed(text) === "";
}
