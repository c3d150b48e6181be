import { formatIsoDate } from "../dates/plain-date";
import type { RuleBook } from "../rules/rule-book";
import { checkApproval } from "./checks/approval";
import { checkBudget } from "./checks/budget";
import { checkSupplier } from "./checks/supplier";
import { checkTerms } from "./checks/terms";
import { PreparedRules, prepareRules } from "./prepare";
import { statusOfRank } from "./batch-result";
import {
  ASSUMED_CURRENCY,
  ASSUMED_DATE,
  newPurchase,
  readPurchase,
  sharedOfRow,
  takeFindings,
  type Purchase,
} from "./purchase";
import type {
  BatchSummary,
  BudgetSummary,
  CheckOptions,
  Finding,
  FindingCode,
  PurchaseInput,
  RowStatus,
} from "./types";

/** Checks a register row by row, as it is read: for files too large to hold (see `batchChecker`). */
export type BatchChecker = {
  /** Checks the next row; budget use is cumulative across calls exactly as in checkBatch. */
  check(input: PurchaseInput): { status: RowStatus; findings: readonly Finding[] };
  /** The summary so far (same shape and values as checkBatch's summary over the same rows). */
  summary(): BatchSummary;
};

/**
 * Shared lists of findings a streaming run keeps at most before it empties its memo (a few MB).
 * Lists keyed by day (a contract's days left, a discount's pay-by date, and their combinations with
 * a supplier's or terms' findings) would otherwise grow with the register's span of dates.
 */
export const STREAM_SHARED_LIMIT = 32_768;

/**
 * Checks rows one at a time, keeping what each budget has used so far: the rows given to `check`,
 * in order, get exactly the results `checkBatch` gives the same rows. Memory is the rule book's and
 * the budgets', whatever the number of rows: nothing is kept per row, and the memo of shared
 * findings is emptied whenever it holds `sharedLimit` lists (tests pass a small limit). The findings
 * returned are read-only and often shared with other rows.
 */
export function batchChecker(
  book: RuleBook,
  options: CheckOptions,
  sharedLimit = STREAM_SHARED_LIMIT,
): BatchChecker {
  const run = new BatchRun(book, options, sharedLimit);
  return {
    check(input) {
      const ref = run.step(input);
      return {
        status: statusOfRank(run.rank),
        findings: ref >= 0 ? run.rules.sharedLists[ref]! : run.own!,
      };
    },
    summary: () => run.summary(),
  };
}

/**
 * The one loop behind `checkBatch` and `batchChecker`: reads and checks a row, adds its budget use
 * to the running totals and counts its status and findings for the summary.
 */
export class BatchRun {
  readonly rules: PreparedRules;
  /** The last row's worst severity (0 ok … 3 block). */
  rank = 0;
  /** The last row's findings when they are a list of its own (`step` returned −1). */
  own: Finding[] | undefined = undefined;
  private readonly book: RuleBook;
  private readonly options: CheckOptions;
  // Minor units up to 2^53 are exact in a Float64Array, and its element kind never changes.
  private readonly used: Float64Array;
  private readonly rowsPerBudget: Int32Array;
  private readonly countedPerBudget: Int32Array;
  /** Rows by `Purchase.figures`: no budget, new, already counted. */
  private readonly byFigures = [0, 0, 0];
  private undatedRows = 0;
  private rowsWithoutDate = 0;
  private rowsWithoutCurrency = 0;
  private readonly rankCounts = [0, 0, 0, 0];
  // Rows per shared list, by list id: the shared findings are counted by code only for a summary.
  private rowsPerList: Int32Array;
  /** Finding codes of the rows' own lists. */
  private readonly byCode = new Map<FindingCode, number>();
  private rows = 0;
  // One purchase object is refilled for every row: a million rows allocate only their own lists.
  private readonly p: Purchase;

  /**
   * Without `sharedLimit` (a batch) the rows' ids must stay valid: the rule book's one prepared form
   * is used and its shared lists only grow. With it (a stream) the run prepares rules of its own and
   * empties their shared lists when they pass the limit, counting their rows' codes first.
   */
  constructor(
    book: RuleBook,
    options: CheckOptions,
    private readonly sharedLimit = Infinity,
  ) {
    this.book = book;
    this.options = options;
    this.rules = Number.isFinite(sharedLimit) ? new PreparedRules(book) : prepareRules(book);
    this.used = new Float64Array(book.budgets.length);
    this.rowsPerBudget = new Int32Array(book.budgets.length);
    this.countedPerBudget = new Int32Array(book.budgets.length);
    this.rowsPerList = new Int32Array(Math.max(64, this.rules.sharedLists.length * 2));
    this.p = newPurchase(this.rules, options);
  }

  /**
   * Checks the next row. Returns the id of its shared list of findings (0: none), or −1 when its
   * findings are a list of its own, then in `own`. Its worst severity is in `rank`.
   */
  step(input: PurchaseInput): number {
    if (this.rules.sharedLists.length > this.sharedLimit) this.forgetShared();
    const p = this.p;
    readPurchase(p, input);
    checkSupplier(p);
    checkBudget(p, this.used);
    checkTerms(p);
    checkApproval(p);
    if (p.budgetIndex >= 0) {
      this.used[p.budgetIndex]! += p.budgetUse;
      this.rowsPerBudget[p.budgetIndex]!++;
      if (p.figures === 2) this.countedPerBudget[p.budgetIndex]!++;
    }
    this.byFigures[p.figures]!++;
    if (p.undated) this.undatedRows++;
    if (p.assumed !== 0) {
      if ((p.assumed & ASSUMED_DATE) !== 0) this.rowsWithoutDate++;
      if ((p.assumed & ASSUMED_CURRENCY) !== 0) this.rowsWithoutCurrency++;
    }
    this.rows++;
    this.rankCounts[p.rank]!++;
    this.rank = p.rank;
    if (p.count === 0) return 0;
    const shared = sharedOfRow(p);
    if (shared !== undefined) {
      const id = shared.id;
      if (id >= this.rowsPerList.length) this.rowsPerList = grown(this.rowsPerList, id);
      this.rowsPerList[id]!++;
      return id;
    }
    const findings = takeFindings(p);
    addCodes(this.byCode, findings, 1);
    this.own = findings;
    return -1;
  }

  /** Counts the shared lists' rows by code, then lets the rules drop the lists (a stream only). */
  private forgetShared(): void {
    const { rules, rowsPerList } = this;
    for (let id = 1; id < rules.sharedLists.length && id < rowsPerList.length; id++) {
      if (rowsPerList[id]! > 0) addCodes(this.byCode, rules.sharedLists[id]!, rowsPerList[id]!);
    }
    rowsPerList.fill(0);
    rules.forgetShared();
  }

  /** The summary of the rows so far. */
  summary(): BatchSummary {
    const { book, rules, used, rowsPerBudget, countedPerBudget, rankCounts, rowsPerList } = this;
    const byCode = new Map(this.byCode);
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
      const summary: BudgetSummary = {
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
        countedRows: countedPerBudget[i]!,
      };
      if (b.figuresAsOf !== undefined) summary.figuresAsOf = formatIsoDate(b.figuresAsOf);
      budgets.push(summary);
    });
    // By cost center; a cost center's periods stay in rule-book order (the sort is stable).
    budgets.sort((a, b) => compareText(a.costCenter, b.costCenter));
    return {
      rows: this.rows,
      byStatus,
      byCode: Object.fromEntries([...byCode].sort(([a], [b]) => compareText(a, b))),
      budgets,
      asOf: formatIsoDate(this.options.asOf),
      rounding: book.meta.rounding,
      newRows: this.byFigures[1]!,
      countedRows: this.byFigures[2]!,
      undatedRowsAre: this.options.rows ?? "new",
      undatedRows: this.undatedRows,
      assumptions: this.assumptions(),
    };
  }

  /** What was assumed for every row of a kind, in words, once each (see `BatchSummary.assumptions`). */
  private assumptions(): string[] {
    const out: string[] = [];
    const { options, book } = this;
    // With the register's columns known, the assumption is the missing column's; without, the rows'.
    const lacking = (n: number, what: string) => {
      const rows = n === 1 ? "1 row" : `${n.toLocaleString("en-US")} rows`;
      const were = n === 1 ? "was" : "were";
      return options.columns !== undefined
        ? `The register has no ${what} column: ${rows} ${were}`
        : `${rows} had no ${what}: ${n === 1 ? "it" : "they"} ${were}`;
    };
    if (this.rowsWithoutDate > 0) {
      out.push(
        `${lacking(this.rowsWithoutDate, "invoice date")} dated ${formatIsoDate(options.asOf)}, the as-of date, for budget periods and contracts.`,
      );
    }
    if (this.rowsWithoutCurrency > 0) {
      out.push(
        `${lacking(this.rowsWithoutCurrency, "currency")} taken in ${book.meta.baseCurrency}, the rule book's base currency.`,
      );
    }
    if (this.undatedRows > 0) {
      const n = this.undatedRows;
      const against = `${n === 1 ? "1 row is" : `${n.toLocaleString("en-US")} rows are`} against budgets whose spent and committed carry no date (no figuresAsOf)`;
      out.push(
        (options.rows ?? "new") === "counted"
          ? `${against}: as asked, ${n === 1 ? "it was" : "they were"} taken as already in those figures and used no headroom.`
          : `${against}: ${n === 1 ? "it was" : "they were"} taken as new purchases, not yet in those figures${options.rows === undefined ? " (the default)" : ", as asked"}.`,
      );
    }
    return out;
  }
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

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
