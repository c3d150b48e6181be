import { beforeAll, describe, expect, it } from "vitest";
import type { RuleBook } from "../../../shared/rules/rule-book";
import { searchSuppliers } from "../../../shared/verdict/supplier-search";
import { exampleFiles, parseObjects } from "../../helpers/rule-files";

let book: RuleBook;
beforeAll(() => {
  const r = parseObjects(exampleFiles());
  if (!r.ok) throw new Error("example rule book does not load");
  book = r.value;
});

describe("supplier search", () => {
  it("finds by name, case and accents ignored, with domains and status", () => {
    expect(searchSuppliers(book, "DELL")).toEqual([
      {
        id: "dell",
        name: "Dell Technologies Inc.",
        status: "preferred",
        domains: ["dell.com", "dell.co.uk", "dell.nl"],
      },
    ]);
  });

  it("finds by domain, alias and category, preferred suppliers first", () => {
    expect(searchSuppliers(book, "staplesadvantage").map((h) => h.id)).toEqual(["staples"]);
    const office = searchSuppliers(book, "office supplies");
    expect(office.map((h) => h.id)).toContain("quickprint");
    const ranks = office.map((h) => ["preferred", "approved", "restricted", "blocked"].indexOf(h.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(office.at(-1)!.id).toBe("quickprint");
    // A name match beats a category match whatever the status.
    expect(searchSuppliers(book, "office")[0]!.id).toBe("office-depot");
  });

  it("finds nothing for an empty query and respects the limit", () => {
    expect(searchSuppliers(book, "   ")).toEqual([]);
    expect(searchSuppliers(book, "com", 3)).toHaveLength(3);
  });
});
