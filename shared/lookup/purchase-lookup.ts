import { formatIsoDate, type PlainDate } from "../dates/plain-date";
import { checkPurchase } from "../engine/check";
import type { Finding, FindingCode, PurchaseInput, RowStatus } from "../engine/types";
import { toDecimalString } from "../money/format";
import type { RuleBook } from "../rules/rule-book";

/** One purchase's verdict as two cells: the status and the finding that decided it. */
export type PurchaseVerdict = { status: RowStatus; code: FindingCode | ""; message: string };

/**
 * What a spreadsheet formula knows of a purchase, already read from its arguments. The check runs
 * for `today`; the invoice date, when given, picks the budget period and dates the terms.
 */
export type PurchaseArgs = {
  supplier: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  costCenter: string;
  category?: string;
  terms?: string;
  invoiceDate?: PlainDate;
};

/**
 * Checks one purchase with the engine (budgets as the rule book states them, nothing from other
 * rows) and returns its status with its first most severe finding, the one that set the status.
 * An ok purchase has no finding: code and message are empty.
 */
export function checkOnePurchase(book: RuleBook, args: PurchaseArgs, today: PlainDate): PurchaseVerdict {
  const input: PurchaseInput = {
    supplier: args.supplier,
    // Decimal text, exact: the engine reads it back to the same minor units.
    amount: toDecimalString(args.amount, args.currency),
    currency: args.currency,
    costCenter: args.costCenter,
  };
  if (args.category !== undefined) input.category = args.category;
  if (args.terms !== undefined) input.terms = args.terms;
  if (args.invoiceDate !== undefined) input.invoiceDate = formatIsoDate(args.invoiceDate);
  const result = checkPurchase(book, input, { asOf: today });
  const first: Finding | undefined = result.findings.find((f) => f.severity === result.status);
  return { status: result.status, code: first?.code ?? "", message: first?.message ?? "" };
}
