import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDomain } from "../../../shared/rules/domain";
import type { Supplier, SupplierDomain } from "../../../shared/rules/rule-book";
import { repoRoot } from "../../helpers/cli";

type SupplierFile = {
  suppliers: { id: string; name: string; aliases?: string[]; vendorIds?: string[]; domains?: string[] }[];
};

/** A supplier with only what matching reads; domains as written in a rule book ("amazon.com/business/"). */
export function supplier(
  id: string,
  name: string,
  more: { aliases?: string[]; vendorIds?: string[]; domains?: string[] } = {},
): Supplier {
  return {
    id,
    name,
    aliases: more.aliases ?? [],
    vendorIds: more.vendorIds ?? [],
    domains: (more.domains ?? []).map(domain),
    categories: [],
    status: "approved",
  };
}

/** Parses a domain the way the rule book compiler does; throws on an invalid one. */
export function domain(text: string): SupplierDomain {
  const parsed = parseDomain(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** The suppliers of examples/rules/procurement.json, with only what matching reads. */
export function exampleSuppliers(): Supplier[] {
  const file = JSON.parse(
    readFileSync(join(repoRoot, "examples/rules/procurement.json"), "utf8"),
  ) as SupplierFile;
  return file.suppliers.map((s) => supplier(s.id, s.name, s));
}
