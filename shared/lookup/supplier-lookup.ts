import { prepareRules, type CategorySlot } from "../engine/prepare";
import { matchSupplier } from "../match/supplier-index";
import { ok } from "../result";
import type { RuleBook, Supplier, SupplierStatus } from "../rules/rule-book";
import { formatTerms } from "../terms/parse";
import { notFound, type LookupResult } from "./lookup-error";
import { quoteText } from "../text/quote";

/**
 * A supplier's standing as a spreadsheet shows it: the rule-book status, or `not-listed` when a
 * category was asked for that the supplier is not listed for (blocked and restricted win over it).
 */
export type SupplierStanding = SupplierStatus | "not-listed";

/**
 * The rule-book supplier a cell names: by ERP vendor id first, then by name or alias (normalised:
 * "DELL INC." finds "Dell Inc"), as the check engine matches register rows. An unknown name gets
 * "did you mean" suggestions, never a guess; a name two suppliers share asks for the vendor id.
 */
export function findSupplier(book: RuleBook, nameOrVendorId: string): LookupResult<Supplier> {
  const text = nameOrVendorId.trim();
  const match = matchSupplier(prepareRules(book).suppliers, { vendorId: text, name: text });
  if (match.kind === "matched") return ok(match.supplier);
  if (match.kind === "ambiguous") {
    const names = match.candidates.map((s) => `${s.name} (${s.id})`).join(", ");
    return notFound(
      `${quoteText(text)} names more than one supplier: ${names}. Use the full name or the vendor id.`,
    );
  }
  const hint =
    match.suggestions.length > 0
      ? ` Did you mean ${match.suggestions.map((s) => s.supplier.name).join(" or ")}?`
      : "";
  return notFound(`No supplier ${quoteText(text)} in the rule book (by name, alias or vendor id).${hint}`);
}

/** A rule-book category by id or name, any case. */
export function findCategory(book: RuleBook, text: string): LookupResult<CategorySlot["category"]> {
  const slot = prepareRules(book).category(text.trim());
  if (slot) return ok(slot.category);
  const known = book.categories.map((c) => c.id).join(", ");
  return notFound(`Category ${quoteText(text.trim())} is not in the rule book (categories: ${known}).`);
}

/**
 * A supplier's standing, for a category when one is given: a supplier listed for the category or
 * one of its parents keeps its status; otherwise it is `not-listed`, unless blocked or restricted.
 */
export function supplierStanding(book: RuleBook, supplier: Supplier, categoryId?: string): SupplierStanding {
  if (supplier.status === "blocked" || supplier.status === "restricted") return supplier.status;
  if (categoryId === undefined) return supplier.status;
  return prepareRules(book).covers(supplier.categories, categoryId) ? supplier.status : "not-listed";
}

/** The supplier's negotiated payment terms in canonical form ("2/10 Net 45"). */
export function negotiatedTerms(supplier: Supplier): LookupResult<string> {
  if (!supplier.terms) return notFound(`${supplier.name} has no negotiated payment terms in the rule book.`);
  return ok(formatTerms(supplier.terms));
}
