import { COST_CENTER_HEADERS, mapHeaders } from "../engine/columns";
import { isCurrencyCode } from "../money/currencies";
import { lexDecimal } from "../money/decimal";
import { parseAmount, parseMoneyText } from "../money/amount";
import { toDecimalString } from "../money/format";
import type { RuleFileInput } from "../rules/file-schema";
import type { CellValue } from "../sheet/cell-values";

/** A budget entry as written in a rule file (amounts as decimal text). */
export type BudgetEntry = NonNullable<RuleFileInput["budgets"]>[number];

/** The columns a budget table can have. */
export type BudgetField =
  | "costCenter"
  | "period"
  | "amount"
  | "spent"
  | "committed"
  | "action"
  | "currency"
  | "name"
  | "owner"
  | "categories";

/** Header names per field, compared after `normalizeHeader`; earlier synonyms win. */
export const BUDGET_HEADER_SYNONYMS: Readonly<Record<BudgetField, readonly string[]>> = {
  costCenter: COST_CENTER_HEADERS,
  period: ["period", "budget period", "fiscal year", "fy", "year", "quarter", "month"],
  amount: ["amount", "budget", "budget amount", "budgeted", "annual budget", "allocation"],
  spent: ["spent", "actual", "actuals", "spent to date", "booked"],
  committed: ["committed", "commitments", "open commitments", "open pos", "encumbered"],
  action: ["action", "when exceeded", "if exceeded", "control", "action if exceeded"],
  currency: ["currency", "currency code", "ccy", "cur", "curr"],
  name: ["name", "cost center name", "cost centre name", "description"],
  owner: ["owner", "budget owner", "responsible"],
  categories: ["categories", "category", "for categories"],
};

export const BUDGET_FIELDS = Object.keys(BUDGET_HEADER_SYNONYMS) as BudgetField[];

export type BudgetMapping = Partial<Record<BudgetField, number>>;

/** What a budget-table row could not say, with the sheet row (1-based, as Excel numbers rows) and the column. */
export type BudgetRowError = { row: number; column?: string; message: string };

/** Maps a budget table's headers to fields (each column used once, earliest synonym first). */
export function mapBudgetColumns(headers: readonly string[]): BudgetMapping {
  return mapHeaders(headers, BUDGET_FIELDS, BUDGET_HEADER_SYNONYMS);
}

/** The columns a budget table must have: cost center, period and amount. Empty when usable. */
export function missingBudgetColumns(mapping: BudgetMapping): string[] {
  const names: [BudgetField, string][] = [
    ["costCenter", "cost center"],
    ["period", "period"],
    ["amount", "amount"],
  ];
  return names.filter(([f]) => mapping[f] === undefined).map(([, n]) => n);
}

export type BudgetTableOptions = {
  /** The rule book's base currency: a row without a currency is in it. */
  baseCurrency: string;
  /** The sheet row number of the first data row (the row under the headers). */
  firstRow: number;
  /** Header text per column, for messages. */
  headers: readonly string[];
  /**
   * The budgets as the current rule book writes them. A row keeps what its table does not say
   * (categories, owner, name…) from the entry with the same cost center and period, so publishing
   * never drops a field the sheet has no column for.
   */
  existing?: readonly BudgetEntry[];
  /**
   * The day the table's spent and committed figures were taken (YYYY-MM-DD): written as
   * `figuresAsOf` on every budget whose spent or committed the table changes (or adds), so register
   * rows dated on or before it are not counted twice. The task pane's publish passes the day it runs.
   */
  figuresAsOf?: string;
};

/**
 * A budget table as the rule book's `budgets` section: one entry per non-empty row, in row order.
 * Amounts become decimal text exact in the currency's minor units (a cell with more decimals than
 * the currency has is an error, never rounded); negative amounts, unknown actions and currencies,
 * and periods Excel turned into dates are errors naming the sheet row and column. Structure and
 * cross-checks (period syntax, overlaps) are left to the rule-book validation; `rowOfIndex` gives
 * each entry's sheet row so its messages can name the row (see `publishBudgets`).
 */
export function budgetTableToSection(
  rows: readonly (readonly CellValue[])[],
  mapping: BudgetMapping,
  options: BudgetTableOptions,
): { ok: true; value: BudgetEntry[]; rowOfIndex: number[] } | { ok: false; errors: BudgetRowError[] } {
  const missing = missingBudgetColumns(mapping);
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          row: options.firstRow - 1,
          message: `no ${missing.join(", ")} column: name the headers (Cost center, Period, Amount) or pick the columns in the mapping`,
        },
      ],
    };
  }
  const existing = new Map<string, BudgetEntry>();
  for (const b of options.existing ?? []) existing.set(key(b.costCenter, b.period), b);
  const errors: BudgetRowError[] = [];
  const out: BudgetEntry[] = [];
  const rowOfIndex: number[] = [];
  rows.forEach((cells, i) => {
    if (cells.every((c) => c === "" || (typeof c === "string" && c.trim() === ""))) return;
    const row = options.firstRow + i;
    const at = (field: BudgetField) => options.headers[mapping[field]!] ?? field;
    const fail = (field: BudgetField, message: string) => errors.push({ row, column: at(field), message });
    const cell = (field: BudgetField): CellValue | undefined => {
      const col = mapping[field];
      if (col === undefined) return undefined;
      const v = cells[col];
      return v === undefined || (typeof v === "string" && v.trim() === "") ? "" : v;
    };
    const text = (v: CellValue): string => (typeof v === "string" ? v.trim() : String(v));

    const cc = cell("costCenter")!;
    const periodCell = cell("period")!;
    if (cc === "") fail("costCenter", "is empty: every budget needs a cost center");
    if (periodCell === "") fail("period", 'is empty: write the period like "FY2026", "2026-Q1" or "2026-11"');
    else if (typeof periodCell !== "string") {
      fail(
        "period",
        `is the number ${String(periodCell)}, not a period (Excel may have read "2026-11" as a date): format the column as Text and type the period again, like "FY2026" or "2026-11"`,
      );
    }
    const costCenter = typeof cc === "number" && Number.isInteger(cc) ? cc.toFixed(0) : text(cc);
    const period = text(periodCell);
    const before = existing.get(key(costCenter, period));

    const currencyCell = cell("currency");
    let currency = before?.currency ?? options.baseCurrency;
    if (currencyCell !== undefined && currencyCell !== "") {
      const code = text(currencyCell).toUpperCase();
      if (!isCurrencyCode(code)) {
        fail("currency", `"${text(currencyCell)}" is not an ISO 4217 currency code (like USD, EUR)`);
        return;
      }
      currency = code;
    }

    const entry: Record<string, unknown> = { ...(before ?? {}), costCenter, period };
    for (const field of ["amount", "spent", "committed"] as const) {
      const v = cell(field);
      if (v === undefined) continue;
      if (v === "") {
        if (field === "amount") fail(field, "is empty: every budget needs an amount");
        else delete entry[field];
        continue;
      }
      const amount = decimalText(v, currency);
      if (amount.ok) entry[field] = amount.value;
      else fail(field, amount.error);
    }

    // Figures the table states anew are dated; figures it leaves as they were keep their date (or
    // none): a date later than the figures would take rows they do not hold as already counted.
    const statesFigures = mapping.spent !== undefined || mapping.committed !== undefined;
    const figuresChanged = !sameFigure(entry, before, "spent") || !sameFigure(entry, before, "committed");
    if (options.figuresAsOf !== undefined && statesFigures && figuresChanged)
      entry["figuresAsOf"] = options.figuresAsOf;

    const actionCell = cell("action");
    if (actionCell !== undefined && actionCell !== "") {
      const action = text(actionCell).toLowerCase();
      if (action === "stop" || action === "warn" || action === "ignore") entry["action"] = action;
      else fail("action", `"${text(actionCell)}" is not an action: write stop, warn or ignore`);
    } else if (entry["action"] === undefined) {
      fail(
        "action",
        mapping.action === undefined
          ? "no action column and no earlier budget to take it from: add an Action column (stop, warn or ignore)"
          : "is empty: write stop, warn or ignore",
      );
    }

    // The base currency is left implicit, as people write it; another one is stated.
    if (currency !== options.baseCurrency) entry["currency"] = currency;
    else if (currencyCell !== undefined) delete entry["currency"];

    for (const field of ["name", "owner"] as const) {
      const v = cell(field);
      if (v === undefined) continue;
      if (v === "") delete entry[field];
      else entry[field] = text(v);
    }
    const cats = cell("categories");
    if (cats !== undefined) {
      const list = text(cats)
        .split(/[,;]/)
        .map((c) => c.trim())
        .filter((c) => c !== "");
      if (list.length === 0) delete entry["categories"];
      else entry["categories"] = list;
    }
    out.push(ordered(entry) as BudgetEntry);
    rowOfIndex.push(row);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: out, rowOfIndex };
}

/** Whether the entry's spent (or committed) is the earlier entry's: both absent or the same amount. */
function sameFigure(
  entry: Record<string, unknown>,
  before: BudgetEntry | undefined,
  field: "spent" | "committed",
): boolean {
  if (before === undefined) return false;
  const a = entry[field];
  const b = before[field];
  return a === undefined || b === undefined ? a === b : Number(a) === Number(b);
}

const key = (costCenter: string, period: string) => `${costCenter}\u0000${period}`;

/** Fields in the order the schema and the example files list them, so the written file reads naturally. */
const ORDER = [
  "costCenter",
  "name",
  "period",
  "amount",
  "spent",
  "committed",
  "figuresAsOf",
  "currency",
  "action",
  "categories",
  "owner",
];

function ordered(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (entry[k] !== undefined) out[k] = entry[k];
  for (const [k, v] of Object.entries(entry)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/**
 * A cell's amount as rule-file text, exact: a number must have no more decimals than the currency
 * (a formula's float noise, 0.30000000000000004, is refused with the fix); text may be written as
 * registers write it ("$1,234.56", "1.234,56"), but is never rounded either.
 */
function decimalText(
  value: CellValue,
  currency: string,
): { ok: true; value: string } | { ok: false; error: string } {
  if (typeof value === "boolean")
    return { ok: false, error: `is ${String(value).toUpperCase()}, not an amount` };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, error: "is not a number" };
    const minor = parseAmount(String(value), currency);
    if (!minor.ok) {
      return {
        ok: false,
        error: `${String(value)} has more decimals than ${currency} allows: round it in the sheet (for example =ROUND(…, 2))`,
      };
    }
    if (minor.value < 0)
      return { ok: false, error: `${String(value)} is negative: budgets are never below zero` };
    return { ok: true, value: toDecimalString(minor.value, currency) };
  }
  const t = value.trim();
  const strict = lexDecimal(t);
  let minor: number;
  if (strict.ok) {
    const parsed = parseAmount(t, currency);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    minor = parsed.value;
  } else {
    const parsed = parseMoneyText(t, { currency });
    if (!parsed.ok) return { ok: false, error: `${parsed.error}: write it like 250000.00` };
    if (parsed.value.currency !== undefined && parsed.value.currency !== currency) {
      return {
        ok: false,
        error: `"${t}" is in ${parsed.value.currency}, but the budget's currency is ${currency}`,
      };
    }
    if (tooManyDecimals(t, parsed.value.minor)) {
      return {
        ok: false,
        error: `"${t}" has more decimals than ${currency} allows; budgets are never rounded`,
      };
    }
    minor = parsed.value.minor;
  }
  if (minor < 0) return { ok: false, error: `"${t}" is negative: budgets are never below zero` };
  return { ok: true, value: toDecimalString(minor, currency) };
}

/**
 * Whether parsing register-style text dropped digits: the amount's digits must be the text's digits
 * followed only by zeros ("1,000.5" → 100050), else decimals were rounded away ("1,000.005" → 100001).
 */
function tooManyDecimals(text: string, minor: number): boolean {
  const typed = text.replace(/\D/g, "").replace(/^0+/, "");
  const kept = String(Math.abs(minor));
  if (typed === "") return kept !== "0";
  return !(kept.startsWith(typed) && /^0*$/.test(kept.slice(typed.length)));
}
