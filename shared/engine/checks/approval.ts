import { formatMoney } from "../../money/format";
import type { Approval } from "../../rules/rule-book";
import { addFinding, type Purchase } from "../purchase";

/**
 * Approval thresholds (in the base currency): for the general thresholds and for each set of
 * category-specific ones, the highest threshold the amount reaches names the approver needed.
 */
export function checkApproval(p: Purchase): void {
  if (p.amount === undefined || p.currency === undefined || p.amount <= 0) return;
  const rules = p.rules;
  const book = rules.book;
  const base = book.meta.baseCurrency;
  const amount = p.currency === base ? p.amount : rules.convertAmount(p.amount, p.currency, base);
  // Below every threshold, the common case; NaN (no rate) was reported by the budget check.
  if (!(amount >= rules.lowestApproval)) return;
  let general: Approval | undefined;
  const byCategories = new Map<string, Approval>();
  for (const a of book.approvals) {
    if (a.atOrAbove > amount) break; // sorted lowest first
    if (!a.categories) general = a;
    else if (p.category && p.rules.covers(a.categories, p.category.id))
      byCategories.set(a.categories.join(","), a);
  }
  // The general approver first, then each category-specific one.
  const needed = general ? [general, ...byCategories.values()] : [...byCategories.values()];
  for (const a of needed) {
    addFinding(p, {
      code: "approval.required",
      severity: "warn",
      message: `Needs approval by ${a.role}: ${formatMoney(amount, base)} is at or above ${formatMoney(a.atOrAbove, base)}${a.categories ? ` for ${a.categories.join(", ")}` : ""}.`,
      figures: { role: a.role, threshold: a.atOrAbove, amount, currency: base },
    });
  }
}
