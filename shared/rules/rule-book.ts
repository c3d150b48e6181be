import type { PlainDate } from "../dates/plain-date";
import type { FxTable } from "../money/fx";
import type { RoundingMode } from "../money/decimal";
import type { PaymentTerms } from "../terms/types";
import type { MergedSections } from "./merge";

export type BudgetAction = "stop" | "warn" | "ignore";
export type SupplierStatus = "preferred" | "approved" | "restricted" | "blocked";

/** A budget for one cost center and period, amounts in minor units of `currency`. */
export type Budget = {
  costCenter: string;
  name?: string;
  /** The period as written ("FY2026"), and the days it covers, inclusive. */
  period: string;
  start: PlainDate;
  end: PlainDate;
  currency: string;
  amount: number;
  spent: number;
  committed: number;
  /** The day `spent` and `committed` were taken: rows dated on or before it are already in them. */
  figuresAsOf?: PlainDate;
  action: BudgetAction;
  categories?: readonly string[];
  owner?: string;
};

/** A web domain of a supplier: punycode host, lower case, and an optional path prefix. */
export type SupplierDomain = { host: string; pathPrefix?: string; text: string };

export type Supplier = {
  id: string;
  name: string;
  aliases: readonly string[];
  vendorIds: readonly string[];
  domains: readonly SupplierDomain[];
  categories: readonly string[];
  status: SupplierStatus;
  /** Negotiated terms, parsed, and as written in the rule book. */
  terms?: PaymentTerms;
  termsText?: string;
  contract?: { id: string; starts?: PlainDate; ends: PlainDate };
  pageHints?: { price?: string; cartTotal?: string; currency?: string };
  notes?: string;
};

export type Category = { id: string; name: string; parent?: string };
export type Approval = { atOrAbove: number; role: string; categories?: readonly string[] };
export type SavingsDefinition = { id: string; name: string; definition: string; financeRecognises: boolean };

export type PaymentPolicy = {
  minimumNetDays: number;
  exceptions: readonly { category: string; minimumNetDays: number }[];
  discountHurdleRatePercent?: number;
};

/** A validated, merged rule book, ready for the engine: amounts in minor units, dates as day numbers, terms parsed. */
export type RuleBook = {
  schemaVersion: number;
  meta: {
    organisation: string;
    baseCurrency: string;
    fiscalYearStart: { month: number; day: number };
    revision: number;
    effectiveDate: PlainDate;
    contractWarningDays: number;
    rounding: RoundingMode;
  };
  budgets: readonly Budget[];
  paymentPolicy?: PaymentPolicy;
  /** Sorted by threshold, lowest first. Thresholds are in the base currency. */
  approvals: readonly Approval[];
  fx: FxTable;
  fxAsOf?: PlainDate;
  suppliers: readonly Supplier[];
  categories: readonly Category[];
  savings: readonly SavingsDefinition[];
  /** Lookups by id, built once. */
  index: {
    suppliersById: ReadonlyMap<string, Supplier>;
    categoriesById: ReadonlyMap<string, Category>;
    budgetsByCostCenter: ReadonlyMap<string, readonly Budget[]>;
  };
  /** The merged sections as written, for diffs and for writing files back. */
  source: MergedSections;
};
