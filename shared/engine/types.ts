import type { RoundingMode } from "../money/decimal";

export type Severity = "info" | "warn" | "block";
export type RowStatus = "ok" | Severity;

/**
 * Every code a finding can carry. Codes are stable: sheets, CI jobs and people filter on them.
 * Add new ones at the end of their group; never rename one.
 */
export const FINDING_CODES = [
  "budget.exceeded",
  "budget.already-exceeded",
  "budget.unknown-cost-center",
  "budget.no-period",
  "budget.category-not-covered",
  "budget.no-fx-rate",
  "supplier.unknown",
  "supplier.ambiguous",
  "supplier.blocked",
  "supplier.restricted",
  "supplier.not-preferred",
  "supplier.category-not-listed",
  "supplier.contract-expired",
  "supplier.contract-ending",
  "supplier.name-vendor-mismatch",
  "terms.unparseable",
  "terms.below-policy",
  "terms.differ-from-contract",
  "terms.take-discount",
  "terms.skip-discount",
  "approval.required",
  "approval.not-checked",
  "row.missing-supplier",
  "row.missing-amount",
  "row.invalid-amount",
  "row.invalid-currency",
  "row.invalid-date",
  "row.missing-cost-center",
  "row.unknown-category",
  "row.missing-date",
  "row.missing-currency",
  "row.extra-decimals",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One thing a check found about a purchase, with the figures behind it (amounts in minor units). */
export type Finding = {
  code: FindingCode;
  severity: Severity;
  message: string;
  figures?: Record<string, string | number | boolean | readonly string[]>;
};

/**
 * A purchase as it comes from a sheet row, a CSV line or a supplier's page. Fields are raw: the
 * engine reads and checks them, and a field it cannot read becomes a finding, never an exception.
 */
export type PurchaseInput = {
  /** PO or invoice number, shown in messages. */
  ref?: string;
  /** Supplier name as written in the register. */
  supplier?: string;
  /** ERP vendor id. */
  vendorId?: string;
  /** Rule-book supplier id, when the caller already knows it (the extension, from the site). */
  supplierId?: string;
  /** Amount as text ("1,234.56", "(100.00)", "€ 99") or a number from a cell (1234.56). Negative = credit note. */
  amount?: string | number;
  /**
   * ISO 4217 code. When absent (and the amount names none), the rule book's base currency is used:
   * a row warning when the register has a currency column (`CheckOptions.columns`), else stated once
   * in the batch summary.
   */
  currency?: string;
  costCenter?: string;
  /** Category id or name; inferred when the supplier has exactly one category. */
  category?: string;
  /** Payment terms on the invoice or order; the supplier's negotiated terms when absent. */
  terms?: string;
  /**
   * Invoice or order date, YYYY-MM-DD. When absent the as-of date is used: a row warning when the
   * register has a date column (`CheckOptions.columns`), else stated once in the batch summary.
   */
  invoiceDate?: string;
};

export type CheckOptions = {
  /** The day the check is run for: budgets' periods, contract ends. Day number (see shared/dates). */
  asOf: number;
  /**
   * Whether the rows are new purchases ("new", the default) or already in the budgets' `spent` and
   * `committed` ("counted": an AP register of posted invoices). Only for budgets whose figures carry
   * no date: where a budget says when its figures were taken (`figuresAsOf`), rows dated on or before
   * that day are counted and later ones new, whatever this says.
   */
  rows?: RowsAre;
  /**
   * The fields the register has a column for (a sheet's or file's mapping). A blank date or currency
   * in a column the register has is a row warning; a field it has no column for is an assumption
   * stated once in the summary. Without this, a field given as text (even blank) counts as a column.
   */
  columns?: readonly (keyof PurchaseInput)[];
};

/** Whether rows are new purchases or already in the budgets' spent and committed. */
export type RowsAre = "new" | "counted";

export type PurchaseResult = { status: RowStatus; findings: Finding[] };
/** One row of a batch as an object (see `batchRows`). `row` counts from 1. */
export type RowResult = PurchaseResult & { row: number };

/** A budget as the batch left it. Amounts in minor units of `currency`. */
export type BudgetSummary = {
  costCenter: string;
  period: string;
  currency: string;
  action: "stop" | "warn" | "ignore";
  budget: number;
  spent: number;
  committed: number;
  consumed: number;
  remaining: number;
  /** Rows checked against this budget (with an amount), new and already counted. */
  rows: number;
  /** Of those, rows already in `spent`/`committed` (they used none of `consumed`). */
  countedRows: number;
  /** The day `spent` and `committed` were taken, YYYY-MM-DD, when the budget says. */
  figuresAsOf?: string;
};

export type BatchSummary = {
  rows: number;
  byStatus: Record<RowStatus, number>;
  byCode: Partial<Record<FindingCode, number>>;
  budgets: BudgetSummary[];
  asOf: string;
  rounding: RoundingMode;
  /** Rows that found their budget as new purchases: they used headroom. */
  newRows: number;
  /**
   * Rows that found their budget and are already in its spent or committed (dated on or before its
   * `figuresAsOf`, or taken as counted): checked, but they used no headroom.
   */
  countedRows: number;
  /** How rows were taken where the budget's figures carry no date (`CheckOptions.rows`, "new" unless said). */
  undatedRowsAre: RowsAre;
  /** How many rows were taken so: rows against budgets without `figuresAsOf`. */
  undatedRows: number;
  /** What the check assumed for the whole register (a missing column, undated figures), each said once. */
  assumptions: string[];
};

/**
 * A batch's outcome, row by row in row order (rows count from 0 here), and its summary. Kept as
 * columns rather than an object per row, so a million rows stay small (see `BatchColumns`). Rows
 * with the same findings share one frozen list; `batchRows` gives the rows as objects when that is
 * handier.
 */
export interface BatchResult {
  readonly rows: number;
  /** The row's worst severity, or "ok". Throws a RangeError for a row outside the batch. */
  statusOf(row: number): RowStatus;
  /** The row's findings in the order the checks made them (read-only; often shared with other rows). */
  findingsOf(row: number): readonly Finding[];
  readonly summary: BatchSummary;
}
