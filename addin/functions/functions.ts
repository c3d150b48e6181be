import { todayLocal, type PlainDate } from "../../shared/dates/plain-date";
import { dateToExcelSerial, excelSerialToDate, type ExcelDateSystem } from "../../shared/dates/excel-serial";
import { budgetFigures, findBudget } from "../../shared/lookup/budget-lookup";
import {
  isEmptyArg,
  minorToCellNumber,
  readAmountArg,
  readCurrencyArg,
  readDateArg,
  readDateSystemArg,
  readOptionalDateArg,
  readOptionalTextArg,
  readTextArg,
  type CellArg,
} from "../../shared/lookup/cell-args";
import { notANumber } from "../../shared/lookup/lookup-error";
import { checkOnePurchase } from "../../shared/lookup/purchase-lookup";
import {
  findCategory,
  findSupplier,
  negotiatedTerms,
  supplierStanding,
} from "../../shared/lookup/supplier-lookup";
import {
  discountCostFor,
  discountDeadlineFor,
  dueDateFor,
  readRateBasis,
  readTerms,
  termsMeetPolicy,
} from "../../shared/lookup/terms-lookup";
import type { RuleBook } from "../../shared/rules/rule-book";
import { getRuleBookState } from "../runtime/rule-book-store";
import { noRuleBookMessage, noteAnsweredWithoutRuleBook } from "../runtime/start-state";
import { getWorkbookDateSystem } from "../runtime/workbook-date-system";
import { cellError, guarded, unwrap } from "./cell-error";
import { noteCellsDay } from "./cells-day";
import { startFunctionsRuntime } from "./startup";

/*
 * The HEADROOM.* custom functions: thin wrappers that read their arguments, look the answer up in
 * the rule book the task pane loaded (in memory; no network per call) with shared/lookup, and hand
 * Excel a value or an error with a message. functions.json is generated from these JSDoc blocks
 * at build time; parameters typed `unknown` become Excel's "any", so a wrong argument reaches us
 * and gets a message instead of Excel's bare #VALUE!.
 *
 * Dates: a number is an Excel date serial of the workbook's date system, which is the optional
 * `dateSystem` argument (1900 or 1904) when given, else the workbook's as read at start (1900
 * when Excel cannot say). Date results are serials of the same system.
 */

/**
 * The loaded rule book, or #N/A saying why there is none (opening the workbook still loading it, or
 * failing to) and how to load one. The cell is recalculated when a rule book arrives.
 */
function ruleBook(): RuleBook {
  const loaded = getRuleBookState().current;
  if (loaded) return loaded.book;
  noteAnsweredWithoutRuleBook();
  throw cellError({ kind: "not-found", message: noRuleBookMessage() });
}

/** Today in the user's time zone, as Excel's TODAY() sees it. */
const today = (): PlainDate => {
  const day = todayLocal();
  // The workbook remembers which day its cells were computed for, to recompute them at open on another.
  noteCellsDay(day);
  return day;
};

function systemOf(value: CellArg): ExcelDateSystem {
  return unwrap(readDateSystemArg(value, getWorkbookDateSystem()));
}

/** A date as a serial of `system`, or #NUM! for a date Excel cannot show (after 9999-12-31). */
function toSerial(date: PlainDate, system: ExcelDateSystem): number {
  const serial = dateToExcelSerial(date, system);
  if (!excelSerialToDate(serial, system).ok)
    unwrap(notANumber("The date is outside the dates Excel can show."));
  return serial;
}

function categoryId(book: RuleBook, value: CellArg): string | undefined {
  const text = unwrap(readOptionalTextArg(value, "The category"));
  return text === undefined ? undefined : unwrap(findCategory(book, text)).id;
}

const BUDGET_FIGURES = ["amount", "spent", "committed", "remaining", "used"] as const;

/**
 * What is left of a cost center's budget: amount minus spent minus committed, in the budget's currency.
 * @customfunction REMAINING
 * @param costCenter Cost center code, e.g. "IT-HW".
 * @param [date] Day whose budget period counts (a date or YYYY-MM-DD text); today when omitted.
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns The remaining budget; negative when overspent.
 */
export function remaining(costCenter: unknown, date?: unknown, dateSystem?: unknown): number {
  return guarded(() => {
    const book = ruleBook();
    const code = unwrap(readTextArg(costCenter as CellArg, "The cost center"));
    const system = systemOf(dateSystem as CellArg);
    const day = unwrap(readOptionalDateArg(date as CellArg, system, "The date", today()));
    const figures = budgetFigures(unwrap(findBudget(book, code, day)));
    return minorToCellNumber(figures.remaining, figures.currency);
  });
}

/**
 * A cost center's budget figures: amount, spent, committed, remaining and the share used.
 * @customfunction BUDGET
 * @param costCenter Cost center code, e.g. "IT-HW".
 * @param [figure] "amount", "spent", "committed", "remaining" or "used" (0.75 = 75 % used); all five in a row when omitted.
 * @param [date] Day whose budget period counts; today when omitted.
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns One figure, or a row of all five.
 */
export function budget(
  costCenter: unknown,
  figure?: unknown,
  date?: unknown,
  dateSystem?: unknown,
): number[][] {
  return guarded(() => {
    const book = ruleBook();
    const code = unwrap(readTextArg(costCenter as CellArg, "The cost center"));
    const which = unwrap(readOptionalTextArg(figure as CellArg, "The figure"))?.toLowerCase();
    if (which !== undefined && !(BUDGET_FIGURES as readonly string[]).includes(which)) {
      throw new CustomFunctions.Error(
        CustomFunctions.ErrorCode.invalidValue,
        `The figure ${JSON.stringify(which)} is not one of ${BUDGET_FIGURES.join(", ")}.`,
      );
    }
    const system = systemOf(dateSystem as CellArg);
    const day = unwrap(readOptionalDateArg(date as CellArg, system, "The date", today()));
    const f = budgetFigures(unwrap(findBudget(book, code, day)));
    const money = (minor: number) => minorToCellNumber(minor, f.currency);
    const used = (): number => {
      if (f.usedRatio === undefined)
        throw new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);
      return f.usedRatio;
    };
    const values = {
      amount: () => money(f.amount),
      spent: () => money(f.spent),
      committed: () => money(f.committed),
      remaining: () => money(f.remaining),
      used,
    };
    if (which !== undefined) return [[values[which as (typeof BUDGET_FIGURES)[number]]()]];
    return [BUDGET_FIGURES.map((name) => values[name]())];
  });
}

/**
 * A supplier's status in the rule book: preferred, approved, restricted or blocked; not-listed when a category is given that the supplier is not listed for.
 * @customfunction SUPPLIERSTATUS
 * @param supplier Supplier name, alias or ERP vendor id, as in your register.
 * @param [category] Category id or name, e.g. "it-hardware".
 * @returns The status.
 */
export function supplierStatus(supplier: unknown, category?: unknown): string {
  return guarded(() => {
    const book = ruleBook();
    const name = unwrap(readTextArg(supplier as CellArg, "The supplier"));
    const found = unwrap(findSupplier(book, name));
    return supplierStanding(book, found, categoryId(book, category as CellArg));
  });
}

/**
 * The payment terms negotiated with a supplier, e.g. "2/10 Net 45".
 * @customfunction TERMS
 * @param supplier Supplier name, alias or ERP vendor id.
 * @returns The terms in Headroom's canonical form.
 */
export function terms(supplier: unknown): string {
  return guarded(() => {
    const book = ruleBook();
    const name = unwrap(readTextArg(supplier as CellArg, "The supplier"));
    return unwrap(negotiatedTerms(unwrap(findSupplier(book, name))));
  });
}

/**
 * The due date of an invoice under payment terms.
 * @customfunction DUEDATE
 * @param paymentTerms Terms as written, e.g. "Net 30", "2/10 Net 30", "Net 45 EOM".
 * @param invoiceDate Invoice date (a date or YYYY-MM-DD text).
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns The due date as an Excel date; format the cell as a date.
 */
export function dueDate(paymentTerms: unknown, invoiceDate: unknown, dateSystem?: unknown): number {
  return guarded(() => {
    const parsed = unwrap(readTerms(unwrap(readTextArg(paymentTerms as CellArg, "The payment terms"))));
    const system = systemOf(dateSystem as CellArg);
    const invoice = unwrap(readDateArg(invoiceDate as CellArg, system, "The invoice date"));
    return toSerial(dueDateFor(parsed, invoice), system);
  });
}

/**
 * The last day to take the early-payment discount of payment terms (the first one, when there are several).
 * @customfunction DISCOUNTDEADLINE
 * @param paymentTerms Terms with a discount, e.g. "2/10 Net 30".
 * @param invoiceDate Invoice date (a date or YYYY-MM-DD text).
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns The deadline as an Excel date; format the cell as a date.
 */
export function discountDeadline(paymentTerms: unknown, invoiceDate: unknown, dateSystem?: unknown): number {
  return guarded(() => {
    const parsed = unwrap(readTerms(unwrap(readTextArg(paymentTerms as CellArg, "The payment terms"))));
    const system = systemOf(dateSystem as CellArg);
    const invoice = unwrap(readDateArg(invoiceDate as CellArg, system, "The invoice date"));
    return toSerial(unwrap(discountDeadlineFor(parsed, invoice)), system);
  });
}

/**
 * What forgoing the early-payment discount costs as an annual rate (0.3724 = 37.24 % a year).
 * @customfunction DISCOUNTCOST
 * @param paymentTerms Terms with a discount, e.g. "2/10 Net 30".
 * @param [basis] "simple" (d/(1-d) x 365/(N-D), the default) or "effective" (compounded).
 * @param [invoiceDate] Invoice date, for terms whose days depend on it (EOM, day of next month).
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns The annual rate; format the cell as a percentage.
 */
export function discountCost(
  paymentTerms: unknown,
  basis?: unknown,
  invoiceDate?: unknown,
  dateSystem?: unknown,
): number {
  return guarded(() => {
    const parsed = unwrap(readTerms(unwrap(readTextArg(paymentTerms as CellArg, "The payment terms"))));
    const rateBasis = unwrap(readRateBasis(unwrap(readOptionalTextArg(basis as CellArg, "The basis"))));
    const system = systemOf(dateSystem as CellArg);
    const invoice = isEmptyArg(invoiceDate as CellArg)
      ? undefined
      : unwrap(readDateArg(invoiceDate as CellArg, system, "The invoice date"));
    return unwrap(discountCostFor(parsed, rateBasis, invoice));
  });
}

/**
 * Whether payment terms give at least the days the rule book's payment policy asks for.
 * @customfunction TERMSOK
 * @param paymentTerms Terms as written, e.g. "Net 30".
 * @param [category] Category id or name; policy exceptions by category apply.
 * @param [invoiceDate] Invoice date; without it the fewest days the terms can give are counted.
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns TRUE when the terms meet the policy.
 */
export function termsOk(
  paymentTerms: unknown,
  category?: unknown,
  invoiceDate?: unknown,
  dateSystem?: unknown,
): boolean {
  return guarded(() => {
    const book = ruleBook();
    const parsed = unwrap(readTerms(unwrap(readTextArg(paymentTerms as CellArg, "The payment terms"))));
    const system = systemOf(dateSystem as CellArg);
    const invoice = isEmptyArg(invoiceDate as CellArg)
      ? undefined
      : unwrap(readDateArg(invoiceDate as CellArg, system, "The invoice date"));
    return unwrap(termsMeetPolicy(book, parsed, categoryId(book, category as CellArg), invoice)).ok;
  });
}

/**
 * Checks one purchase against the rule book: its status (ok, info, warn or block) and the finding that decided it, in two cells.
 * @customfunction CHECK
 * @param supplier Supplier name, alias or ERP vendor id.
 * @param amount Amount of the purchase (negative for a credit note).
 * @param costCenter Cost center code.
 * @param [category] Category id or name.
 * @param [paymentTerms] Terms on the invoice; the supplier's negotiated terms when omitted.
 * @param [invoiceDate] Invoice date; today when omitted.
 * @param [currency] ISO 4217 code of the amount; the rule book's base currency when omitted.
 * @param [dateSystem] 1900 or 1904: the workbook's date system, when Headroom does not know it.
 * @returns Status and message, side by side.
 */
export function check(
  supplier: unknown,
  amount: unknown,
  costCenter: unknown,
  category?: unknown,
  paymentTerms?: unknown,
  invoiceDate?: unknown,
  currency?: unknown,
  dateSystem?: unknown,
): string[][] {
  return guarded(() => {
    const book = ruleBook();
    const name = unwrap(readTextArg(supplier as CellArg, "The supplier"));
    const code = unwrap(readTextArg(costCenter as CellArg, "The cost center"));
    const currencyCode = unwrap(readCurrencyArg(currency as CellArg, book.meta.baseCurrency));
    const minor = unwrap(readAmountArg(amount as CellArg, currencyCode, "The amount"));
    const system = systemOf(dateSystem as CellArg);
    const invoice = isEmptyArg(invoiceDate as CellArg)
      ? undefined
      : unwrap(readDateArg(invoiceDate as CellArg, system, "The invoice date"));
    const categoryText = unwrap(readOptionalTextArg(category as CellArg, "The category"));
    const termsText = unwrap(readOptionalTextArg(paymentTerms as CellArg, "The payment terms"));
    const verdict = checkOnePurchase(
      book,
      {
        supplier: name,
        amount: minor,
        currency: currencyCode,
        costCenter: code,
        ...(categoryText === undefined ? {} : { category: categoryText }),
        ...(termsText === undefined ? {} : { terms: termsText }),
        ...(invoice === undefined ? {} : { invoiceDate: invoice }),
      },
      today(),
    );
    return [[verdict.status, verdict.message]];
  });
}

/** Every function under its id in functions.json (HEADROOM.<id> in Excel). */
export const FUNCTIONS_BY_ID = {
  REMAINING: remaining,
  BUDGET: budget,
  SUPPLIERSTATUS: supplierStatus,
  TERMS: terms,
  DUEDATE: dueDate,
  DISCOUNTDEADLINE: discountDeadline,
  DISCOUNTCOST: discountCost,
  TERMSOK: termsOk,
  CHECK: check,
} as const;

// In Excel (and the simulated page) the runtime defines CustomFunctions; Node tests import the
// functions without it and register a fake themselves.
if (typeof CustomFunctions !== "undefined") startFunctionsRuntime(FUNCTIONS_BY_ID);
