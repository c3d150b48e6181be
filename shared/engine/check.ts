import { formatIsoDate, type PlainDate } from "../dates/plain-date";
import { toDecimalString } from "../money/format";
import type { RuleBook } from "../rules/rule-book";
import { checkApproval } from "./checks/approval";
import { checkBudget } from "./checks/budget";
import { checkSupplier, names } from "./checks/supplier";
import { checkTerms } from "./checks/terms";
import { prepareRules, type PreparedRules } from "./prepare";
import type { Purchase } from "./purchase";
import { readAmount, readCurrency, readDate } from "./read-row";
import type {
  BatchResult,
  BatchSummary,
  BudgetSummary,
  CheckOptions,
  Finding,
  FindingCode,
  PurchaseInput,
  PurchaseResult,
  RowResult,
  RowStatus,
} from "./types";

const RANK: Record<RowStatus, number> = { ok: 0, info: 1, warn: 2, block: 3 };
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Checks one purchase against the rule book: the extension's case (the cart on a supplier's page
 * against the buyer's cost center) and a spreadsheet formula's. Budgets are taken as the rule book
 * states them; nothing from other purchases is added.
 */
export function checkPurchase(book: RuleBook, input: PurchaseInput, options: CheckOptions): PurchaseResult {
  const p = readPurchase(prepareRules(book), input, options.asOf);
  runChecks(p, () => 0);
  return { status: statusOf(p.findings), findings: p.findings };
}

/**
 * Checks many purchases in row order. Budget use is cumulative: each row sees the headroom left
 * after the rows before it (credit notes give it back). Same input, same output, same order.
 * A row that cannot be read gets findings; it never stops the batch.
 */
export function checkBatch(
  book: RuleBook,
  rows: Iterable<PurchaseInput>,
  options: CheckOptions,
): BatchResult {
  const rules = prepareRules(book);
  const used = new Array<number>(book.budgets.length).fill(0);
  const rowsPerBudget = new Array<number>(book.budgets.length).fill(0);
  const usedBefore = (index: number) => used[index]!;
  const results: RowResult[] = [];
  const byStatus: Record<RowStatus, number> = { ok: 0, info: 0, warn: 0, block: 0 };
  const byCode: Partial<Record<FindingCode, number>> = {};
  let n = 0;
  for (const input of rows) {
    n++;
    const p = readPurchase(rules, input, options.asOf);
    const use = runChecks(p, usedBefore);
    if (use) {
      used[use.index]! += use.amount;
      rowsPerBudget[use.index]!++;
    }
    const status = statusOf(p.findings);
    byStatus[status]++;
    for (const f of p.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const row: RowResult = {
      row: n,
      status,
      findings: p.findings.length ? p.findings : (NO_FINDINGS as Finding[]),
    };
    if (input.ref !== undefined && input.ref !== "") row.ref = input.ref;
    results.push(row);
  }
  const budgets: BudgetSummary[] = [];
  book.budgets.forEach((b, i) => {
    if (rowsPerBudget[i] === 0) return;
    budgets.push({
      costCenter: b.costCenter,
      period: b.period,
      currency: b.currency,
      action: b.action,
      budget: b.amount,
      spent: b.spent,
      committed: b.committed,
      consumed: used[i]!,
      remaining: b.amount - b.spent - b.committed - used[i]!,
      rows: rowsPerBudget[i]!,
    });
  });
  budgets.sort((a, b) => (a.costCenter < b.costCenter ? -1 : a.costCenter > b.costCenter ? 1 : 0));
  const summary: BatchSummary = {
    rows: n,
    byStatus,
    byCode: sortedCounts(byCode),
    budgets,
    asOf: formatIsoDate(options.asOf),
    rounding: book.meta.rounding,
  };
  return { rows: results, summary };
}

/** The worst severity among the findings, or "ok". */
export function statusOf(findings: readonly Finding[]): RowStatus {
  let status: RowStatus = "ok";
  for (const f of findings) if (RANK[f.severity] > RANK[status]) status = f.severity;
  return status;
}

/** A budget summary's amounts as decimal strings (never floats), for JSON output. */
export function budgetSummaryAsText(b: BudgetSummary): Record<string, string | number> {
  const t = (minor: number) => toDecimalString(minor, b.currency);
  return {
    costCenter: b.costCenter,
    period: b.period,
    currency: b.currency,
    action: b.action,
    budget: t(b.budget),
    spent: t(b.spent),
    committed: t(b.committed),
    consumed: t(b.consumed),
    remaining: t(b.remaining),
    rows: b.rows,
  };
}

function runChecks(p: Purchase, usedBefore: (index: number) => number) {
  checkSupplier(p);
  const use = checkBudget(p, usedBefore);
  checkTerms(p);
  checkApproval(p);
  return use;
}

/** Reads the raw fields; whatever cannot be read becomes a finding and is left out of the checks. */
function readPurchase(rules: PreparedRules, input: PurchaseInput, asOf: PlainDate): Purchase {
  const book = rules.book;
  const p: Purchase = { rules, input, date: asOf, asOf, findings: [] };

  const currency = readCurrency(input.currency, book.meta.baseCurrency);
  if (currency.ok) p.currency = currency.value;
  else
    p.findings.push({
      code: "row.invalid-currency",
      severity: "warn",
      message: `Currency ${currency.error}.`,
    });

  const raw = input.amount;
  if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    p.findings.push({
      code: "row.missing-amount",
      severity: "warn",
      message: "No amount: budget and approval checks were skipped.",
    });
  } else if (p.currency !== undefined) {
    const amount = readAmount(raw, p.currency);
    if (!amount.ok) {
      p.findings.push({
        code: "row.invalid-amount",
        severity: "warn",
        message: `Amount ${JSON.stringify(String(raw))} cannot be read (${amount.error}); budget and approval checks were skipped.`,
      });
    } else if (amount.value.currency !== undefined && amount.value.currency !== p.currency) {
      if (input.currency === undefined || input.currency.trim() === "") {
        p.currency = amount.value.currency;
        p.amount = amount.value.minor;
      } else {
        p.findings.push({
          code: "row.invalid-amount",
          severity: "warn",
          message: `Amount ${JSON.stringify(String(raw))} is in ${amount.value.currency} but the currency says ${p.currency}; budget and approval checks were skipped.`,
        });
      }
    } else p.amount = amount.value.minor;
  }

  if (input.invoiceDate !== undefined && input.invoiceDate.trim() !== "") {
    const date = readDate(input.invoiceDate);
    if (date.ok) {
      p.invoiceDate = date.value;
      p.date = date.value;
    } else {
      p.findings.push({
        code: "row.invalid-date",
        severity: "warn",
        message: `Invoice date ${date.error}; ${formatIsoDate(asOf)} was used instead.`,
      });
    }
  }

  readSupplier(p);

  const categoryText = input.category?.trim();
  if (categoryText) {
    const category = rules.categoryByKey.get(categoryText.toLowerCase());
    if (category) p.category = category;
    else {
      p.findings.push({
        code: "row.unknown-category",
        severity: "info",
        message: `Category "${categoryText}" is not in the rule book; category checks were skipped.`,
      });
    }
  } else if (p.supplier && p.supplier.categories.length === 1) {
    const only = book.index.categoriesById.get(p.supplier.categories[0]!);
    if (only) p.category = only;
  }

  const termsText = input.terms?.trim();
  if (termsText) {
    const terms = rules.terms(termsText);
    if (terms.ok) p.rowTerms = terms.value;
    else {
      p.findings.push({
        code: "terms.unparseable",
        severity: "warn",
        message: `Terms "${termsText}" not understood: ${terms.error.message}`,
        figures: { terms: termsText, start: terms.error.start, end: terms.error.end },
      });
    }
  }
  return p;
}

function readSupplier(p: Purchase): void {
  const { input, rules } = p;
  if (input.supplierId !== undefined) {
    const s = rules.book.index.suppliersById.get(input.supplierId);
    if (s) p.supplier = s;
    else {
      p.findings.push({
        code: "supplier.unknown",
        severity: "warn",
        message: `Supplier id ${input.supplierId} is not in the rule book.`,
      });
    }
    return;
  }
  const name = input.supplier?.trim() || undefined;
  const vendorId = input.vendorId?.trim() || undefined;
  if (!name && !vendorId) {
    p.findings.push({
      code: "row.missing-supplier",
      severity: "warn",
      message: "No supplier or vendor id: supplier checks were skipped.",
    });
    return;
  }
  const m = rules.match(vendorId, name);
  if (m.kind === "matched") p.supplier = m.supplier;
  else if (m.kind === "ambiguous") {
    p.findings.push({
      code: "supplier.ambiguous",
      severity: "warn",
      message: `Supplier "${name ?? vendorId}" could be ${names(m.candidates)}; add the vendor id to tell them apart.`,
      figures: { candidates: m.candidates.map((c) => c.id) },
    });
  } else {
    const label = name ? `"${name}"` : `with vendor id ${vendorId}`;
    const hint = m.suggestions.length
      ? ` Did you mean ${m.suggestions.map((s) => s.supplier.name).join(" or ")}?`
      : "";
    p.findings.push({
      code: "supplier.unknown",
      severity: "warn",
      message: `Supplier ${label} is not in the rule book.${hint}`,
      figures: { suggestions: m.suggestions.map((s) => s.supplier.id) },
    });
  }
}

function sortedCounts(counts: Partial<Record<FindingCode, number>>): Partial<Record<FindingCode, number>> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
