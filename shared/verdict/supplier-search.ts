import { unicodeTokens } from "../match/normalize-name";
import type { RuleBook, Supplier } from "../rules/rule-book";
import type { StatusWord } from "./supplier-verdict";

/** One hit of a supplier search, as the popup lists it. */
export type SupplierHit = { id: string; name: string; status: StatusWord; domains: string[] };

const STATUS_ORDER: Record<Supplier["status"], number> = {
  preferred: 0,
  approved: 1,
  restricted: 2,
  blocked: 3,
};

const fold = (text: string): string => unicodeTokens(text).join(" ");

/**
 * Suppliers whose name, alias, id, vendor id, domain or category matches every word of `query`
 * (case and accents ignored, a word may be the start of a longer one). Name matches come first,
 * then preferred before approved, restricted and blocked; at most `limit` hits. An empty query finds nothing.
 */
export function searchSuppliers(book: RuleBook, query: string, limit = 20): SupplierHit[] {
  const words = fold(query)
    .split(" ")
    .filter((w) => w !== "");
  if (words.length === 0) return [];
  const scored: { supplier: Supplier; rank: number }[] = [];
  for (const s of book.suppliers) {
    const name = fold(s.name);
    const categoryNames = s.categories.map((c) => book.index.categoriesById.get(c)?.name ?? c);
    const other = [
      ...s.aliases,
      s.id,
      ...s.vendorIds,
      ...s.domains.map((d) => d.host.replace(/\./g, " ")),
      ...categoryNames,
    ]
      .map(fold)
      .join(" ");
    const hasWord = (text: string, w: string) => ` ${text}`.includes(` ${w}`);
    if (!words.every((w) => hasWord(name, w) || hasWord(other, w))) continue;
    const byName = words.every((w) => hasWord(name, w));
    scored.push({ supplier: s, rank: (byName ? 0 : 10) + STATUS_ORDER[s.status] });
  }
  scored.sort((a, b) => a.rank - b.rank || a.supplier.name.localeCompare(b.supplier.name, "en"));
  return scored.slice(0, limit).map(({ supplier: s }) => ({
    id: s.id,
    name: s.name,
    status: s.status,
    domains: s.domains.map((d) => d.host + (d.pathPrefix ?? "")),
  }));
}
