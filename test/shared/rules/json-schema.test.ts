import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleFileSchema } from "../../../shared/rules/file-schema";
import { JSON_SCHEMA_FILE, ruleBookJsonSchema } from "../../../shared/rules/json-schema";
import { repoRoot } from "../../helpers/cli";
import { clone, exampleFiles, exampleSingleFile } from "../../helpers/rule-files";

const committed = JSON.parse(readFileSync(join(repoRoot, JSON_SCHEMA_FILE), "utf8")) as Record<
  string,
  unknown
>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(committed);

const corpusDir = join(repoRoot, "test/fixtures/rules/corpus");
const corpus = readdirSync(corpusDir)
  .filter((n) => n.endsWith(".json"))
  .map((name) => ({ name, doc: JSON.parse(readFileSync(join(corpusDir, name), "utf8")) as unknown }));

describe("the committed JSON Schema", () => {
  it("is the one generated from the zod schema (run `npm run schema` after changing the schema)", () => {
    expect(committed).toEqual(ruleBookJsonSchema());
  });

  it("is what every example file points at", () => {
    for (const [name, file] of Object.entries(exampleFiles())) {
      expect(file.$schema, name).toBe(`../../${JSON_SCHEMA_FILE}`);
    }
  });

  it.each(corpus)("agrees with zod on the structure of $name", ({ name, doc }) => {
    const zodOk = ruleFileSchema.safeParse(doc).success;
    const ajvOk = validate(doc);
    expect(ajvOk, `ajv: ${JSON.stringify(validate.errors)}`).toBe(zodOk);
    expect(zodOk).toBe(name.startsWith("valid-"));
  });

  it("agrees with zod on the structure of randomly altered files", () => {
    const base = clone(exampleSingleFile());
    const sections = Object.keys(base).filter((k) => k !== "schemaVersion");
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom("250000.00", "Net 30", "USD", "FY2026", "2026-01-31", 30),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...sections),
        fc.string({ maxLength: 10 }),
        value,
        fc.boolean(),
        (section, key, v, deep) => {
          const doc = clone(base) as Record<string, unknown>;
          const target = doc[section];
          if (deep && Array.isArray(target) && target.length > 0)
            (target[0] as Record<string, unknown>)[key || "id"] = v;
          else if (deep && target && typeof target === "object")
            (target as Record<string, unknown>)[key || "minimumNetDays"] = v;
          else doc[section] = v;
          expect(validate(doc)).toBe(ruleFileSchema.safeParse(doc).success);
        },
      ),
      { numRuns: 500 },
    );
  });
});
