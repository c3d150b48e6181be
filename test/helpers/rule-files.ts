import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseRuleBookTexts } from "../../shared/rules/load";
import type { RuleBook } from "../../shared/rules/rule-book";
import { moveRuleFileYears, yearsToFiscalYearOf } from "../../shared/rules/move-years";
import { repoRoot } from "./cli";

export const exampleRulesDir = join(repoRoot, "examples/rules");

/** The example rule book's team files, parsed, by file name. */
export function exampleFiles(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of readdirSync(exampleRulesDir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    out[name] = JSON.parse(readFileSync(join(exampleRulesDir, name), "utf8")) as Record<string, unknown>;
  }
  return out;
}

/** The example rule book, validated and indexed, as the clients use it. */
export function exampleBook(): RuleBook {
  const r = parseObjects(exampleFiles());
  if (!r.ok) throw new Error(`the example rule book does not load: ${r.errors[0]?.message}`);
  return r.value;
}

/** The example rule book as one file with every section and no team, as a small company might keep it. */
export function exampleSingleFile(): Record<string, unknown> {
  const single: Record<string, unknown> = { schemaVersion: 1 };
  for (const file of Object.values(exampleFiles())) {
    for (const [key, value] of Object.entries(file)) {
      if (key === "$schema" || key === "team" || key === "schemaVersion") continue;
      single[key] = Array.isArray(value) ? [...((single[key] as unknown[]) ?? []), ...value] : value;
    }
  }
  return single;
}

/**
 * The example rule book as one file, moved into the fiscal year of `today` as the demo serves it (every
 * figure kept), for tests in a browser that judges budgets by its own clock, which they cannot set.
 */
export function exampleSingleFileFor(today: number): Record<string, unknown> {
  const file = exampleSingleFile();
  const book = parseObjects({ "rules.json": file });
  if (!book.ok) throw new Error(`the example rule book does not load: ${book.errors[0]?.message}`);
  return moveRuleFileYears(file, yearsToFiscalYearOf(book.value, today).years) as Record<string, unknown>;
}

/** Validates in-memory files, each given as an object (serialised as the user would save it). */
export function parseObjects(files: Record<string, unknown>) {
  return parseRuleBookTexts(
    Object.entries(files).map(([name, obj]) => ({ name, text: JSON.stringify(obj, null, 2) })),
  );
}

export const clone = <T>(x: T): T => structuredClone(x);

/** A parsed JSON file that a test edits freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Editable = Record<string, any>;
