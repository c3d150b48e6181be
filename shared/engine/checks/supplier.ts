import { addDays, formatIsoDate } from "../../dates/plain-date";
import type { Supplier } from "../../rules/rule-book";
import type { Purchase } from "../purchase";

/**
 * Supplier status for the purchase's category: blocked, restricted, not the preferred choice when
 * preferred suppliers exist for the category, and contract expired or ending soon.
 */
export function checkSupplier(p: Purchase): void {
  const s = p.supplier;
  if (!s) return;
  const category = p.category;
  const preferred = category ? (p.rules.preferredByCategory.get(category.id) ?? []) : [];
  const alternatives = preferred.filter((x) => x !== s);
  const alternativesText =
    category && alternatives.length > 0
      ? ` ${endSentence(`Preferred for ${category.name}: ${names(alternatives)}`)}`
      : "";
  const figures = { supplier: s.id, status: s.status, preferred: alternatives.map((x) => x.id) };

  if (s.status === "blocked") {
    p.findings.push({
      code: "supplier.blocked",
      severity: "block",
      message: `${endSentence(`${s.name} is blocked${s.notes ? `: ${s.notes}` : ""}`)}${alternativesText}`,
      figures,
    });
  } else if (s.status === "restricted") {
    p.findings.push({
      code: "supplier.restricted",
      severity: "warn",
      message: `${endSentence(`${s.name} is restricted${s.notes ? `: ${s.notes}` : "; use it only with a documented reason"}`)}${alternativesText}`,
      figures,
    });
  } else if (category) {
    const listed = p.rules.covers(s.categories, category.id);
    const isPreferred = s.status === "preferred" && listed;
    if (!isPreferred && alternatives.length > 0) {
      p.findings.push({
        code: "supplier.not-preferred",
        severity: "warn",
        message: `${s.name} is ${s.status}, not preferred for ${category.name}.${alternativesText}`,
        figures,
      });
    } else if (!listed) {
      p.findings.push({
        code: "supplier.category-not-listed",
        severity: "info",
        message: `${s.name} is not listed for ${category.name}; its categories are ${s.categories.join(", ")}.`,
        figures,
      });
    }
  }

  const contract = s.contract;
  if (contract) {
    const warnDays = p.rules.book.meta.contractWarningDays;
    if (contract.ends < p.date) {
      p.findings.push({
        code: "supplier.contract-expired",
        severity: "warn",
        message: `Contract ${contract.id} with ${s.name} ended on ${formatIsoDate(contract.ends)}.`,
        figures: { supplier: s.id, contract: contract.id, ends: formatIsoDate(contract.ends) },
      });
    } else if (contract.ends <= addDays(p.date, warnDays)) {
      const days = contract.ends - p.date;
      p.findings.push({
        code: "supplier.contract-ending",
        severity: "info",
        message: `Contract ${contract.id} with ${s.name} ends on ${formatIsoDate(contract.ends)}, in ${days} day${days === 1 ? "" : "s"}.`,
        figures: { supplier: s.id, contract: contract.id, ends: formatIsoDate(contract.ends), days },
      });
    }
  }
}

/** Ends a sentence with a full stop unless it already has one ("… Inc." stays as it is). */
export function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "A, B and C" (at most five names, then "and N more"). */
export function names(suppliers: readonly Supplier[]): string {
  const shown = suppliers.slice(0, 5).map((s) => s.name);
  if (suppliers.length > 5) shown.push(`${suppliers.length - 5} more`);
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}
