import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeName } from "../../../shared/match/normalize-name";
import {
  buildSupplierIndex,
  jaroWinkler,
  matchSupplier,
  suggestSuppliers,
  SUGGESTION_THRESHOLD,
  type SupplierMatch,
} from "../../../shared/match/supplier-index";
import { exampleSuppliers, supplier } from "./suppliers";

const index = buildSupplierIndex(exampleSuppliers());

/** The outcome in short: "dell by alias", "ambiguous a,b", "unknown dell?,delta?". */
function describeMatch(m: SupplierMatch): string {
  if (m.kind === "matched") return `${m.supplier.id} by ${m.by}`;
  if (m.kind === "ambiguous") return `ambiguous ${m.candidates.map((s) => s.id).join(",")}`;
  return `unknown ${m.suggestions.map((s) => `${s.supplier.id}?`).join(",")}`;
}

describe("matchSupplier on the example rule book", () => {
  it.each([
    ["DELL INC.", "dell by alias"],
    ["Dell Technologies", "dell by name"],
    ["dell technologies inc", "dell by name"],
    ["Dell Technologies Inc.", "dell by name"],
    ["Dell Inc", "dell by alias"],
    ["Staples Business Advantage", "staples by alias"],
    ["STAPLES, INC.", "staples by name"],
    ["W W GRAINGER INC", "grainger by name"],
    ["WW Grainger", "grainger by name"],
    ["Thermo-Fisher Scientific", "fisher by alias"],
    ["AMAZON.COM SERVICES LLC", "amazon-business by alias"],
    ["Kantoorhuis BV", "kantoor by name"],
    ["Fastenal Co", "fastenal by name"],
    ["Hewlett Packard", "hp by alias"],
  ])("name %j → %s", (name, expected) => {
    expect(describeMatch(matchSupplier(index, { name }))).toBe(expected);
  });

  it.each([
    [{ vendorId: "10042" }, "dell by vendor-id"],
    [{ vendorId: " 10042 " }, "dell by vendor-id"],
    [{ vendorId: "10042", name: "Staples" }, "dell by vendor-id"],
    [{ vendorId: "99999", name: "Dell Inc" }, "dell by alias"],
    [{ vendorId: "", name: "Grainger" }, "grainger by alias"],
    [{ vendorId: "99999" }, "unknown "],
    [{}, "unknown "],
  ])("%j → %s", (query, expected) => {
    expect(describeMatch(matchSupplier(index, query))).toBe(expected);
  });

  it("suggests close names for unknown ones, best first, and never matches them", () => {
    const del = matchSupplier(index, { name: "Del Technolgies" });
    expect(del.kind).toBe("unknown");
    if (del.kind !== "unknown") return;
    expect(del.suggestions[0]?.supplier.id).toBe("dell");
    expect(del.suggestions.length).toBeLessThanOrEqual(3);

    const grainer = matchSupplier(index, { name: "Grainer" });
    expect(grainer.kind === "unknown" && grainer.suggestions[0]?.supplier.id).toBe("grainger");
    expect(describeMatch(matchSupplier(index, { name: "Stapels" }))).toBe("unknown staples?");
    expect(describeMatch(matchSupplier(index, { name: "Microsfot Corp" }))).toBe("unknown microsoft?");
  });

  it.each(["Zebra Office Inc", "Acme Widgets", "IBM", "xyz", "Q", "", "---"])(
    "%j matches nothing and gets no suggestions",
    (name) => {
      expect(matchSupplier(index, { name })).toEqual({ kind: "unknown", suggestions: [] });
    },
  );
});

describe("ambiguous names", () => {
  const twins = buildSupplierIndex([
    supplier("acme-us", "Acme Inc.", { aliases: ["Acme Tools"], vendorIds: ["A-1"] }),
    supplier("acme-de", "ACME GmbH", { aliases: ["Acme Tools"], vendorIds: ["a-2"] }),
    supplier("amazon-business", "Amazon Business", { aliases: ["Amazon"] }),
    supplier("amazon-retail", "Amazon", { aliases: ["Amazon.com"] }),
    supplier("solo", "Solo Ltd", { aliases: ["Solo", "SOLO LIMITED"] }),
  ]);

  it("never guesses between two suppliers with the same normalised name or alias", () => {
    expect(describeMatch(matchSupplier(twins, { name: "Acme" }))).toBe("ambiguous acme-us,acme-de");
    expect(describeMatch(matchSupplier(twins, { name: "ACME TOOLS" }))).toBe("ambiguous acme-us,acme-de");
  });

  it("treats a name that is another supplier's alias as ambiguous too", () => {
    expect(describeMatch(matchSupplier(twins, { name: "Amazon" }))).toBe(
      "ambiguous amazon-business,amazon-retail",
    );
    expect(describeMatch(matchSupplier(twins, { name: "Amazon.com" }))).toBe("amazon-retail by alias");
  });

  it("lets a vendor id settle what a name cannot", () => {
    expect(describeMatch(matchSupplier(twins, { vendorId: "A-1", name: "Acme" }))).toBe(
      "acme-us by vendor-id",
    );
  });

  it("matches vendor ids case-insensitively, exact spelling first", () => {
    expect(describeMatch(matchSupplier(twins, { vendorId: "a-1" }))).toBe("acme-us by vendor-id");
    expect(describeMatch(matchSupplier(twins, { vendorId: "A-2" }))).toBe("acme-de by vendor-id");
    const clash = buildSupplierIndex([
      supplier("upper", "Upper", { vendorIds: ["AB1"] }),
      supplier("lower", "Lower", { vendorIds: ["ab1"] }),
    ]);
    expect(describeMatch(matchSupplier(clash, { vendorId: "ab1" }))).toBe("lower by vendor-id");
    expect(describeMatch(matchSupplier(clash, { vendorId: "Ab1" }))).toBe("ambiguous upper,lower");
    expect(describeMatch(matchSupplier(clash, { vendorId: "Ab1", name: "Lower" }))).toBe("lower by name");
  });

  it("is not ambiguous when one supplier lists the same key twice", () => {
    expect(describeMatch(matchSupplier(twins, { name: "solo" }))).toBe("solo by name");
  });

  it("returns fresh candidate lists", () => {
    const first = matchSupplier(twins, { name: "Acme" });
    if (first.kind === "ambiguous") first.candidates.length = 0;
    expect(describeMatch(matchSupplier(twins, { name: "Acme" }))).toBe("ambiguous acme-us,acme-de");
  });
});

describe("suggestSuppliers", () => {
  it("scores in (threshold, 1], sorted, one entry per supplier, at most `limit`", () => {
    const all = suggestSuppliers(index, "Dell Computers Inc", 10);
    expect(all[0]?.supplier.id).toBe("dell");
    expect(new Set(all.map((s) => s.supplier.id)).size).toBe(all.length);
    for (const s of all) expect(s.score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
    expect(all.map((s) => s.score)).toEqual([...all.map((s) => s.score)].sort((a, b) => b - a));
    expect(suggestSuppliers(index, "Amazon Web Service", 1)).toHaveLength(1);
    expect(suggestSuppliers(index, "Dell", 0)).toEqual([]);
  });

  it("stays quick on 10,000 suppliers", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      supplier(`s${i}`, `Supplier ${i.toString(36)} ${["Logistics", "Services", "Supply"][i % 3]} Inc`),
    );
    const big = buildSupplierIndex(many);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) suggestSuppliers(big, `Suplier ${i.toString(36)} Servces`);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(suggestSuppliers(big, "Suplier 2s Servces")[0]?.supplier.id).toBe(`s${parseInt("2s", 36)}`);
  });

  it("finds any close-enough key that a full scan would find", () => {
    const words = ["dell", "delta", "grainger", "staples", "office", "depot", "fisher", "thermo", "supply"];
    const name = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 })
      .chain((ws) => fc.nat(ws.join(" ").length).map((cut) => [ws.join(" "), cut] as const));
    fc.assert(
      fc.property(name, ([full, cut]) => {
        // A typo: one character dropped.
        const typo = full.slice(0, cut) + full.slice(cut + 1);
        const got = suggestSuppliers(index, typo, 100);
        const key = normalizeName(typo);
        for (const s of exampleSuppliers()) {
          const best = Math.max(...[s.name, ...s.aliases].map((t) => jaroWinkler(key, normalizeName(t))));
          // Jaro-Winkler alone can pass the threshold only for keys the trigram prefilter keeps.
          if (best >= 0.9 && key.length >= 4) {
            expect(got.map((g) => g.supplier.id)).toContain(s.id);
          }
        }
      }),
    );
  });
});

describe("jaroWinkler", () => {
  it.each([
    ["martha", "marhta", 0.961],
    ["dwayne", "duane", 0.84],
    ["dixon", "dicksonx", 0.813],
    ["grainer", "grainger", 0.975],
    ["abc", "xyz", 0],
    ["same", "same", 1],
    ["", "x", 0],
  ])("%j ~ %j = %d", (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });
});
