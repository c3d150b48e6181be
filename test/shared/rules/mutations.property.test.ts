import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRuleBookTexts } from "../../../shared/rules/load";
import { clone, exampleSingleFile } from "../../helpers/rule-files";

type Json = unknown;

/** Every path (list of keys) to a value inside `value`. */
function paths(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const base = exampleSingleFile();
const allPaths = paths(base).filter((p) => p.length > 0);

const jsonValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    "",
    " ",
    "Net 30",
    "2026-02-29",
    "USD",
    "EUR",
    "x".repeat(3000),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), path: fc.constantFrom(...allPaths), value: jsonValue }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...allPaths) }),
  fc.record({
    kind: fc.constant("add-key" as const),
    path: fc.constantFrom(...allPaths),
    key: fc.string({ maxLength: 12 }),
    value: jsonValue,
  }),
);

function apply(doc: Json, m: { kind: string; path: (string | number)[]; key?: string; value?: Json }): void {
  let parent = doc as Record<string | number, Json>;
  for (const key of m.path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = m.path.at(-1)!;
  if (m.kind === "set") parent[last] = m.value;
  else if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, Json>)[m.key!] = m.value;
  }
}

describe("validation never throws on a mutated rule book", () => {
  it("accepts it or reports every problem with a file, a path and a message", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = clone(base);
        for (const m of mutations) {
          try {
            apply(doc, m);
          } catch {
            // An earlier mutation removed this path's parent; skip the mutation.
          }
        }
        const result = parseRuleBookTexts([{ name: "rules.json", text: JSON.stringify(doc) }]);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(e.file).toBe("rules.json");
            expect(e.path.length).toBeGreaterThan(0);
            expect(e.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const result = parseRuleBookTexts([{ name: "x.json", text }]);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
