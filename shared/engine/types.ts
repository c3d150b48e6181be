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
  "terms.unparseable",
  "terms.below-policy",
  "terms.differ-from-contract",
  "terms.take-discount",
  "terms.skip-discount",
  "approval.required",
  "row.missing-supplier",
  "row.missing-amount",
  "row.invalid-amount",
  "row.invalid-currency",
  "row.invalid-date",
  "row.missing-cost-center",
  "row.unknown-category",
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
  /** ISO 4217 code; the rule book's base currency when absent. */
  currency?: string;
  costCenter?: string;
  /** Category id or name; inferred when the supplier has exactly one category. */
  category?: string;
  /** Payment terms on the invoice or order; the supplier's negotiated terms when absent. */
  terms?: string;
  /** Invoice or order date, YYYY-MM-DD; the as-of date when absent. */
  invoiceDate?: string;
};

export type CheckOptions = {
  /** The day the check is run for: budgets' periods, contract ends. Day number (see shared/dates). */
  asOf: number;
};

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
  rows: number;
};

export type BatchSummary = {
  rows: number;
  byStatus: Record<RowStatus, number>;
  byCode: Partial<Record<FindingCode, number>>;
  budgets: BudgetSummary[];
  asOf: string;
  rounding: RoundingMode;
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
