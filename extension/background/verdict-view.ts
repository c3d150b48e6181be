import { todayLocal } from "../../shared/dates/plain-date";
import type { RuleBook } from "../../shared/rules/rule-book";
import { supplierVerdict } from "../../shared/verdict/supplier-verdict";
import type { RuleBookStatusView, SupplierVerdictView } from "../protocol/views";
import { rememberedCostCenter } from "./choices";
import type { TabState } from "./tab-state";

/**
 * The verdict for a supplier tab, as the overlay and popup render it. All deciding happens in
 * `shared/verdict`; this only picks the cost center (remembered for the supplier, else the default)
 * and adds the rule book's status.
 */
export async function verdictView(
  book: RuleBook,
  tab: TabState,
  defaultCostCenter: string | null,
  ruleBook: RuleBookStatusView,
  now: number,
): Promise<SupplierVerdictView | null> {
  const supplier = book.index.suppliersById.get(tab.supplierId);
  if (!supplier) return null;
  const costCenter = (await rememberedCostCenter(supplier.id)) ?? defaultCostCenter;
  const verdict = supplierVerdict(book, supplier, {
    costCenter,
    price: tab.price,
    // The buyer's own calendar day, as the add-in's functions use.
    today: todayLocal(new Date(now)),
  });
  return { ...verdict, ruleBook };
}
