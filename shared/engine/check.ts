import { formatIsoDate } from "../dates/plain-date";
import { toDecimalString } from "../money/format";
import type { RuleBook } from "../rules/rule-book";
import { checkApproval } from "./checks/approval";
import { checkBudget } from "./checks/budget";
import { checkSupplier } from "./checks/supplier";
import { checkTerms } from "./checks/terms";
import { prepareRules } from "./prepare";
import { batchFindings, newPurchase, readPurchase, takeFindings, type Purchase } from "./purchase";
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

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const STATUS_BY_RANK: readonly RowStatus[] = ["ok", "info", "warn", "block"];

/**
 * Checks one purchase against the rule book: the extension's case (the cart on a supplier's page
 * against the buyer's cost center) and a spreadsheet formula's. Budgets are taken as the rule book
 * states them; nothing from other purchases is added.
 */
export function checkPurchase(book: RuleBook, input: PurchaseInput, options: CheckOptions): PurchaseResult {
  const p = newPurchase(prepareRules(book), options.asOf);
  readPurchase(p, input);
  runChecks(p, undefined);
  return { status: STATUS_BY_RANK[p.rank]!, findings: takeFindings(p) };
}

/**
 * Checks many purchases in row order. Budget use is cumulative: each row sees the headroom left
 * after the rows before it (credit notes give it back). Same input, same output, same order.
 * A row that cannot be read gets findings; it never stops the batch.
 *
 * Findings that depend only on the supplier, category or terms are shared objects (frozen) between
 * the rows that have them; rows without findings share one frozen empty list.
 */
export function checkBatch(
  book: RuleBook,
  rows: Iterable<PurchaseInput>,
  options: CheckOptions,
): BatchResult {
  const rules = prepareRules(book);
  // Minor units up to 2^53 are exact in a Float64Array, and its element kind never changes.
  const used = new Float64Array(book.budgets.length);
  const rowsPerBudget = new Int32Array(book.budgets.length);
  const list = Array.isArray(rows) ? (rows as readonly PurchaseInput[]) : [...rows];
  const n = list.length;
  const statuses = new Array<RowStatus>(n);
  const findingsPerRow = new Array<readonly Finding[]>(n);
  const rankCounts = [0, 0, 0, 0];
  const byCode = new Map<FindingCode, number>();
  // One purchase object is refilled for every row: a million rows allocate only their results.
  const p = newPurchase(rules, options.asOf);
  for (let row = 0; row < n; row++) {
    readPurchase(p, list[row]!);
    runChecks(p, used);
    if (p.budgetIndex >= 0) {
      used[p.budgetIndex]! += p.budgetUse;
      rowsPerBudget[p.budgetIndex]!++;
    }
    rankCounts[p.rank]!++;
    statuses[row] = STATUS_BY_RANK[p.rank]!;
    if (p.count === 0) {
      findingsPerRow[row] = NO_FINDINGS;
      continue;
    }
    const findings = batchFindings(p);
    for (let i = 0; i < findings.length; i++) {
      const code = findings[i]!.code;
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    findingsPerRow[row] = findings;
  }
  const byStatus: Record<RowStatus, number> = {
    ok: rankCounts[0]!,
    info: rankCounts[1]!,
    warn: rankCounts[2]!,
    block: rankCounts[3]!,
  };
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
  // By cost center; a cost center's periods stay in rule-book order (the sort is stable).
  budgets.sort((a, b) => compareText(a.costCenter, b.costCenter));
  const summary: BatchSummary = {
    rows: n,
    byStatus,
    byCode: Object.fromEntries([...byCode].sort(([a], [b]) => compareText(a, b))),
    budgets,
    asOf: formatIsoDate(options.asOf),
    rounding: book.meta.rounding,
  };
  return { statuses, findings: findingsPerRow, summary };
}

/** A batch's rows as objects: `{ row, status, findings }`, `row` counting from 1. */
export function batchRows(result: BatchResult): RowResult[] {
  return result.statuses.map((status, i) => ({
    row: i + 1,
    status,
    findings: result.findings[i] as Finding[],
  }));
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

function runChecks(p: Purchase, used: Float64Array | undefined): void {
  checkSupplier(p);
  checkBudget(p, used);
  checkTerms(p);
  checkApproval(p);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
