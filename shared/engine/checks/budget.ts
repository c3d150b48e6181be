import { formatIsoDate } from "../../dates/plain-date";
import { convert } from "../../money/fx";
import { formatAmount, formatMoney } from "../../money/format";
import type { Budget } from "../../rules/rule-book";
import type { BudgetRef } from "../prepare";
import { addFinding, type Purchase } from "../purchase";
import type { Severity } from "../types";
import { clipText } from "../../text/quote";

const SEVERITY: Record<Budget["action"], Severity> = { stop: "block", warn: "warn", ignore: "info" };

/**
 * Budget headroom: amount − spent − committed − what earlier rows of the batch used (`used`, by
 * budget position; none for a single purchase).
 * A purchase that takes the remainder below zero trips the budget's action (stop → block, warn → warn,
 * ignore → info). Credit notes give headroom back and never trip it. The purchase is converted to the
 * budget's currency with the rule book's rates, rounded once as the rule book says.
 *
 * A purchase already in the budget's spent or committed uses no headroom: one dated on or before the
 * day the budget's figures were taken (`figuresAsOf`), or any purchase when the figures carry no date
 * and the rows were said to be counted (`CheckOptions.rows`). Its category is still checked.
 */
export function checkBudget(p: Purchase, used: Float64Array | undefined): void {
  const raw = p.input.costCenter;
  const first = raw === undefined ? null : p.rules.firstBudgetOfText(raw);
  if (first === null) {
    const code = raw?.trim() ?? "";
    addFinding(
      p,
      code === ""
        ? {
            code: "row.missing-cost-center",
            severity: "warn",
            message: "No cost center: the purchase cannot be checked against a budget.",
          }
        : {
            code: "budget.unknown-cost-center",
            severity: "warn",
            message: `Cost center ${clipText(code)} has no budget in the rule book.`,
            figures: { costCenter: code },
          },
    );
    return;
  }
  const date = p.date;
  let hit: BudgetRef | undefined = first;
  while (hit !== undefined && !(hit.start <= date && date <= hit.end)) hit = hit.next;
  if (!hit) {
    const periods: string[] = [];
    for (let c: BudgetRef | undefined = first; c !== undefined; c = c.next) periods.push(c.budget.period);
    addFinding(p, {
      code: "budget.no-period",
      severity: "warn",
      message: `Cost center ${first.budget.costCenter} has no budget for ${formatIsoDate(date)} (budgets: ${periods.join(", ")}).`,
      figures: { costCenter: raw!.trim(), date: formatIsoDate(date) },
    });
    return;
  }
  const { budget, index } = hit;
  const figuresAsOf = hit.figuresAsOf;
  const counted =
    figuresAsOf === figuresAsOf // not NaN: the figures say when they were taken
      ? p.invoiceDate !== undefined && p.invoiceDate <= figuresAsOf
      : p.countUndated;
  p.figures = counted ? 2 : 1;
  p.undated = figuresAsOf !== figuresAsOf;
  if (p.category && hit.categories && !p.rules.covers(hit.categories, p.category.id)) {
    addFinding(p, {
      code: "budget.category-not-covered",
      severity: "warn",
      message: `Budget ${budget.costCenter} (${budget.period}) is not meant for ${p.category.name}; it covers ${hit.categories.join(", ")}.`,
      figures: { costCenter: budget.costCenter, category: p.category.id },
    });
  }
  if (p.amount === undefined || p.currency === undefined) return;
  if (counted) {
    p.budgetIndex = index;
    p.budgetUse = 0;
    return;
  }

  let inBudget = p.amount;
  if (p.currency !== hit.currency) {
    inBudget = p.rules.convertAmount(p.amount, p.currency, hit.currency);
    if (Number.isNaN(inBudget)) {
      const book = p.rules.book;
      const why = convert(p.amount, p.currency, budget.currency, book.fx, book.meta.rounding);
      addFinding(p, {
        code: "budget.no-fx-rate",
        severity: "warn",
        message: `Cannot compare with budget ${budget.costCenter} in ${budget.currency}: ${why.ok ? "no rate" : why.error}.`,
        figures: { from: p.currency, to: budget.currency },
      });
      return;
    }
  }

  const before = used === undefined ? 0 : used[index]!;
  const remainingBefore = hit.headroom - before;
  const remainingAfter = remainingBefore - inBudget;
  if (inBudget > 0 && remainingAfter < 0) {
    const c = budget.currency;
    const book = p.rules.book;
    const conversion =
      p.currency === c
        ? ""
        : ` (${formatMoney(p.amount, p.currency)} converted at the rule book's rates${book.fxAsOf !== undefined ? ` of ${formatIsoDate(book.fxAsOf)}` : ""}, rounded ${book.meta.rounding.replace(/-/g, " ")})`;
    hit.fixedParts ??=
      `budget ${formatAmount(budget.amount, c)}, spent ${formatAmount(budget.spent, c)}, ` +
      `committed ${formatAmount(budget.committed, c)}` +
      (budget.figuresAsOf !== undefined ? ` as of ${formatIsoDate(budget.figuresAsOf)}` : "");
    const parts =
      hit.fixedParts +
      (before !== 0 ? `, earlier rows ${formatAmount(before, c)}` : "") +
      `, this purchase ${formatMoney(inBudget, c)}${conversion}`;
    const already = remainingBefore < 0;
    addFinding(p, {
      code: already ? "budget.already-exceeded" : "budget.exceeded",
      severity: SEVERITY[budget.action],
      message: already
        ? `Budget ${budget.costCenter} (${budget.period}) is already exceeded by ${formatMoney(-remainingBefore, c)}; this purchase adds ${formatMoney(inBudget, c)} (${parts}).`
        : `Budget ${budget.costCenter} (${budget.period}) will be exceeded by ${formatMoney(-remainingAfter, c)} (${parts}).`,
      figures: {
        costCenter: budget.costCenter,
        period: budget.period,
        currency: c,
        action: budget.action,
        budget: budget.amount,
        spent: budget.spent,
        committed: budget.committed,
        earlierRows: before,
        purchase: inBudget,
        remainingBefore,
        remainingAfter,
      },
    });
  }
  p.budgetIndex = index;
  p.budgetUse = inBudget;
}
