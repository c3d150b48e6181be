import { formatIsoDate } from "../dates/plain-date";
import { toDecimalString } from "../money/format";
import type { RuleBook } from "../rules/rule-book";
import { checkApproval } from "./checks/approval";
import { checkBudget } from "./checks/budget";
import { checkSupplier } from "./checks/supplier";
import { checkTerms } from "./checks/terms";
import { prepareRules } from "./prepare";
import { BatchColumns, statusOfRank } from "./batch-result";
import { newPurchase, readPurchase, sharedOfRow, takeFindings, type Purchase } from "./purchase";
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

/**
 * Checks one purchase against the rule book: the extension's case (the cart on a supplier's page
 * against the buyer's cost center) and a spreadsheet formula's. Budgets are taken as the rule book
 * states them; nothing from other purchases is added.
 */
export function checkPurchase(book: RuleBook, input: PurchaseInput, options: CheckOptions): PurchaseResult {
  const p = newPurchase(prepareRules(book), options.asOf);
  readPurchase(p, input);
  runChecks(p, undefined);
  return { status: statusOfRank(p.rank), findings: takeFindings(p) };
}

/**
 * Checks many purchases in row order. Budget use is cumulative: each row sees the headroom left
 * after the rows before it (credit notes give it back). Same input, same output, same order.
 * A row that cannot be read gets findings; it never stops the batch.
 *
 * The result is kept as columns (see `BatchColumns`): findings that depend only on the supplier,
 * category, terms or day are shared (frozen) between the rows that have them, and a row records
 * which shared list it has; rows without findings have the one empty list.
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
  const ranks = new Uint8Array(n);
  const refs = new Int32Array(n);
  const ownLists: Finding[][] = [];
  const rankCounts = [0, 0, 0, 0];
  // Rows per shared list, by list id: the findings are counted by code once, at the end.
  let rowsPerList: Int32Array = new Int32Array(Math.max(64, rules.sharedLists.length * 2));
  const byCode = new Map<FindingCode, number>();
  // One purchase object is refilled for every row: a million rows allocate only their own lists.
  const p = newPurchase(rules, options.asOf);
  for (let row = 0; row < n; row++) {
    readPurchase(p, list[row]!);
    runChecks(p, used);
    if (p.budgetIndex >= 0) {
      used[p.budgetIndex]! += p.budgetUse;
      rowsPerBudget[p.budgetIndex]!++;
    }
    rankCounts[p.rank]!++;
    ranks[row] = p.rank;
    if (p.count === 0) continue; // refs[row] is 0: the empty list
    const shared = sharedOfRow(p);
    if (shared !== undefined) {
      const id = shared.id;
      if (id >= rowsPerList.length) rowsPerList = grown(rowsPerList, id);
      rowsPerList[id]!++;
      refs[row] = id;
    } else {
      const findings = takeFindings(p);
      addCodes(byCode, findings, 1);
      ownLists.push(findings);
      refs[row] = -ownLists.length;
    }
  }
  for (let id = 1; id < rowsPerList.length; id++) {
    if (rowsPerList[id]! > 0) addCodes(byCode, rules.sharedLists[id]!, rowsPerList[id]!);
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
  return new BatchColumns(ranks, refs, rules.sharedLists, ownLists, summary);
}

/** A batch's rows as objects: `{ row, status, findings }`, `row` counting from 1. */
export function batchRows(result: BatchResult): RowResult[] {
  return Array.from({ length: result.rows }, (_, i) => ({
    row: i + 1,
    status: result.statusOf(i),
    findings: result.findingsOf(i) as Finding[],
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

function addCodes(byCode: Map<FindingCode, number>, findings: readonly Finding[], times: number): void {
  for (let i = 0; i < findings.length; i++) {
    const code = findings[i]!.code;
    byCode.set(code, (byCode.get(code) ?? 0) + times);
  }
}

/** A copy of `counts` long enough for index `id`. */
function grown(counts: Int32Array, id: number): Int32Array {
  const bigger = new Int32Array(Math.max(counts.length * 2, id + 1));
  bigger.set(counts);
  return bigger;
}

function runChecks(p: Purchase, used: Float64Array | undefined): void {
  checkSupplier(p);
  checkBudget(p, used);
  checkTerms(p);
  checkApproval(p);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
