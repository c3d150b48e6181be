import { formatMoney } from "../../money/format";
import { convert } from "../../money/fx";
import type { Approval } from "../../rules/rule-book";
import { addFinding, type Purchase } from "../purchase";

/**
 * Approval thresholds (in the base currency): for the general thresholds and for each set of
 * category-specific ones, the highest threshold the amount reaches names the approver needed.
 * Checked whatever the budget check found (a row without a cost center still needs its approver);
 * an amount that cannot be converted to the base currency is a warning that approval was not checked.
 */
export function checkApproval(p: Purchase): void {
  if (p.amount === undefined || p.currency === undefined || p.amount <= 0) return;
  const rules = p.rules;
  const book = rules.book;
  const base = book.meta.baseCurrency;
  const amount = p.currency === base ? p.amount : rules.convertAmount(p.amount, p.currency, base);
  if (Number.isNaN(amount)) {
    if (book.approvals.length > 0) notChecked(p, p.amount, p.currency, base);
    return;
  }
  if (amount < rules.lowestApproval) return; // below every threshold, the common case
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

function notChecked(p: Purchase, minor: number, currency: string, base: string): void {
  const book = p.rules.book;
  const why = convert(minor, currency, base, book.fx, book.meta.rounding);
  addFinding(p, {
    code: "approval.not-checked",
    severity: "warn",
    message: `Approval could not be checked: ${formatMoney(minor, currency)} cannot be converted to ${base}, the currency of the thresholds (${why.ok ? "no rate" : why.error}). Find the approver by hand.`,
    figures: { from: currency, to: base },
  });
}
