import { CURRENT_SCHEMA_VERSION } from "./file-schema";
import type { RuleIssue } from "./issues";
import { parseRuleBookTexts, parseRuleFile, type RuleTexts } from "./load";
import { mergeRuleFiles, type NamedRuleFile } from "./merge";
import type { RuleBook } from "./rule-book";
import { SECTION_NAMES } from "./sections";

/**
 * One rule-book file made from a rule book kept as team files, for hosting at a single URL (the
 * extension and the add-in fetch one file). The rule book must be valid as a whole; the bundle holds
 * the same sections in the usual order, at the current schema version, without `team` or `include`,
 * and loads to the same rule book (which the result carries, so callers can check it).
 */
export function bundleRuleFiles(
  files: RuleTexts,
): { ok: true; text: string; book: RuleBook } | { ok: false; errors: RuleIssue[] } {
  const whole = parseRuleBookTexts(files);
  if (!whole.ok) return whole;
  const parsed: NamedRuleFile[] = [];
  for (const { name, text } of files) {
    const file = parseRuleFile(name, text);
    // parseRuleBookTexts just accepted every file.
    if (!file.ok) throw new Error(`bundle: ${name} no longer parses`);
    parsed.push({ name, file: file.value });
  }
  const { merged } = mergeRuleFiles(parsed);
  const out: Record<string, unknown> = { schemaVersion: CURRENT_SCHEMA_VERSION };
  for (const section of SECTION_NAMES) {
    if (merged[section] !== undefined) out[section] = merged[section];
  }
  return { ok: true, text: JSON.stringify(out, null, 2) + "\n", book: whole.value };
}
