import { formatIsoDate, type PlainDate } from "../dates/plain-date";
import { prepareRules } from "../engine/prepare";
import { jaroWinkler } from "../match/supplier-index";
import { ok } from "../result";
import type { Budget, RuleBook } from "../rules/rule-book";
import { notFound, type LookupResult } from "./lookup-error";
import { quoteText } from "../text/quote";

/** A budget's figures, amounts in minor units of `currency`. */
export type BudgetFigures = {
  budget: Budget;
  currency: string;
  amount: number;
  spent: number;
  committed: number;
  /** amount − spent − committed: what is left to spend (negative when overspent). */
  remaining: number;
  /** (spent + committed) / amount: 0.75 is 75 % used; 0 for an unused zero budget, undefined for a used one. */
  usedRatio: number | undefined;
};

/** Cost-center suggestions need this Jaro-Winkler similarity (on upper-case codes) or more. */
const SUGGESTION_THRESHOLD = 0.8;

/**
 * The budget of `costCenter` (any case) whose period covers `date`. Unknown cost centers get up
 * to three similar codes as a suggestion; a known one without a budget for the date lists its periods.
 */
export function findBudget(book: RuleBook, costCenter: string, date: PlainDate): LookupResult<Budget> {
  const code = costCenter.trim();
  const candidates = prepareRules(book).budgetsOf(code);
  if (!candidates) {
    const similar = similarCostCenters(book, code);
    const hint = similar.length > 0 ? ` Did you mean ${similar.join(" or ")}?` : "";
    return notFound(`Cost center ${quoteText(code)} has no budget in the rule book.${hint}`);
  }
  const hit = candidates.find((c) => c.start <= date && date <= c.end);
  if (!hit) {
    const periods = candidates.map((c) => c.budget.period).join(", ");
    return notFound(
      `Cost center ${candidates[0]!.budget.costCenter} has no budget for ${formatIsoDate(date)} (budgets: ${periods}).`,
    );
  }
  return ok(hit.budget);
}

/** The figures of a budget as the rule book states them (no purchases added). */
export function budgetFigures(budget: Budget): BudgetFigures {
  const used = budget.spent + budget.committed;
  return {
    budget,
    currency: budget.currency,
    amount: budget.amount,
    spent: budget.spent,
    committed: budget.committed,
    remaining: budget.amount - used,
    usedRatio: budget.amount !== 0 ? used / budget.amount : used === 0 ? 0 : undefined,
  };
}

function similarCostCenters(book: RuleBook, code: string): string[] {
  const query = code.toUpperCase();
  if (query === "") return [];
  const scored = new Map<string, number>();
  for (const b of book.budgets) {
    const score = jaroWinkler(query, b.costCenter.toUpperCase());
    if (score >= SUGGESTION_THRESHOLD && score > (scored.get(b.costCenter) ?? 0))
      scored.set(b.costCenter, score);
  }
  return [...scored]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 3)
    .map(([c]) => c);
}
