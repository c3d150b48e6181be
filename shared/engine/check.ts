import { toDecimalString } from "../money/format";
import type { RuleBook } from "../rules/rule-book";
import { checkApproval } from "./checks/approval";
import { checkBudget } from "./checks/budget";
import { checkSupplier } from "./checks/supplier";
import { checkTerms } from "./checks/terms";
import { prepareRules } from "./prepare";
import { BatchColumns, statusOfRank } from "./batch-result";
import { newPurchase, readPurchase, takeFindings, type Purchase } from "./purchase";
import { BatchRun } from "./stream";
import type {
  BatchResult,
  BudgetSummary,
  CheckOptions,
  Finding,
  PurchaseInput,
  PurchaseResult,
  RowResult,
} from "./types";

/**
 * Checks one purchase against the rule book: the extension's case (the cart on a supplier's page
 * against the buyer's cost center) and a spreadsheet formula's. Budgets are taken as the rule book
 * states them; nothing from other purchases is added.
 */
export function checkPurchase(book: RuleBook, input: PurchaseInput, options: CheckOptions): PurchaseResult {
  const p = newPurchase(prepareRules(book), options);
  readPurchase(p, input);
  runChecks(p);
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
  const run = new BatchRun(book, options);
  const list = Array.isArray(rows) ? (rows as readonly PurchaseInput[]) : [...rows];
  const n = list.length;
  const ranks = new Uint8Array(n);
  const refs = new Int32Array(n);
  const ownLists: Finding[][] = [];
  for (let row = 0; row < n; row++) {
    const ref = run.step(list[row]!);
    ranks[row] = run.rank;
    if (ref >= 0) {
      refs[row] = ref; // 0: the empty list
    } else {
      ownLists.push(run.own!);
      refs[row] = -ownLists.length;
    }
  }
  return new BatchColumns(ranks, refs, run.rules.sharedLists, ownLists, run.summary());
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
    countedRows: b.countedRows,
    ...(b.figuresAsOf !== undefined ? { figuresAsOf: b.figuresAsOf } : {}),
  };
}

function runChecks(p: Purchase): void {
  checkSupplier(p);
  checkBudget(p, undefined);
  checkTerms(p);
  checkApproval(p);
}
