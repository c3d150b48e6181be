import { formatIsoDate } from "../../dates/plain-date";
import type { Category, Supplier } from "../../rules/rule-book";
import type { PreparedRules } from "../prepare";
import { addSharedFindings, type Purchase } from "../purchase";
import { endSentence, names } from "../words";
import type { Finding } from "../types";

/**
 * Supplier status for the purchase's category (blocked, restricted, not the preferred choice when
 * preferred suppliers exist for the category) and the contract (expired, or ending soon).
 */
export function checkSupplier(p: Purchase): void {
  const slot = p.supplierSlot;
  if (!slot) return;
  const s = slot.supplier;
  const index = p.categoryIndex;
  let status = slot.lastStatus;
  if (slot.lastIndex !== index) {
    status =
      slot.status[index] ?? (slot.status[index] = p.rules.share(statusFindings(p.rules, s, p.category)));
    slot.lastIndex = index;
    slot.lastStatus = status;
  }
  addSharedFindings(p, status);

  // Most rows are far from the contract's end: two number comparisons on the slot decide.
  if (p.date < slot.contractWarnFrom) return;
  const contract = s.contract;
  if (!contract) return;
  // Expired: one finding for every day; ending: one per day (it counts the days left).
  const key = contract.ends < p.date ? -1 : p.date;
  slot.contractByDay ??= new Map();
  let found = slot.contractByDay.get(key);
  if (found === undefined) {
    found = p.rules.share([contractFinding(s, contract, p.date)]);
    slot.contractByDay.set(key, found);
  }
  addSharedFindings(p, found);
}

function contractFinding(s: Supplier, contract: NonNullable<Supplier["contract"]>, date: number): Finding {
  if (contract.ends < date) {
    return {
      code: "supplier.contract-expired",
      severity: "warn",
      message: `Contract ${contract.id} with ${s.name} ended on ${formatIsoDate(contract.ends)}.`,
      figures: { supplier: s.id, contract: contract.id, ends: formatIsoDate(contract.ends) },
    };
  }
  const days = contract.ends - date;
  return {
    code: "supplier.contract-ending",
    severity: "info",
    message: `Contract ${contract.id} with ${s.name} ends on ${formatIsoDate(contract.ends)}, in ${days} day${days === 1 ? "" : "s"}.`,
    figures: { supplier: s.id, contract: contract.id, ends: formatIsoDate(contract.ends), days },
  };
}

function statusFindings(rules: PreparedRules, s: Supplier, category: Category | undefined): Finding[] {
  const preferred = category ? (rules.preferredByCategory.get(category.id) ?? []) : [];
  const alternatives = preferred.filter((x) => x !== s);
  const alternativesText =
    category && alternatives.length > 0
      ? ` ${endSentence(`Preferred for ${category.name}: ${names(alternatives)}`)}`
      : "";
  const figures = { supplier: s.id, status: s.status, preferred: alternatives.map((x) => x.id) };

  if (s.status === "blocked") {
    return [
      {
        code: "supplier.blocked",
        severity: "block",
        message: `${endSentence(`${s.name} is blocked${s.notes ? `: ${s.notes}` : ""}`)}${alternativesText}`,
        figures,
      },
    ];
  }
  if (s.status === "restricted") {
    return [
      {
        code: "supplier.restricted",
        severity: "warn",
        message: `${endSentence(`${s.name} is restricted${s.notes ? `: ${s.notes}` : "; use it only with a documented reason"}`)}${alternativesText}`,
        figures,
      },
    ];
  }
  if (!category) return [];
  const listed = rules.covers(s.categories, category.id);
  if (!(s.status === "preferred" && listed) && alternatives.length > 0) {
    return [
      {
        code: "supplier.not-preferred",
        severity: "warn",
        message: `${s.name} is ${s.status}, not preferred for ${category.name}.${alternativesText}`,
        figures,
      },
    ];
  }
  if (!listed) {
    return [
      {
        code: "supplier.category-not-listed",
        severity: "info",
        message: `${s.name} is not listed for ${category.name}; its categories are ${s.categories.join(", ")}.`,
        figures,
      },
    ];
  }
  return [];
}
