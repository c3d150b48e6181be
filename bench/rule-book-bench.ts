import { prepareRules } from "../shared/engine/prepare";
import { parseRuleBookTexts } from "../shared/rules/load";
import { generateRuleBook } from "./generate";
import { medianMs, pairedRuns } from "./stats";

/**
 * Load + validate + index a rule book of 10,000 suppliers and 2,000 budgets from its JSON text
 * (parse, migrate, zod, merge, cross-checks, the engine's indexes), against JSON.parse of the same
 * text (goal: at most 6 times). Runs in pairs; the ratio is the median of the pairs' ratios.
 */
export function benchRuleBookLoad(): { bytes: number; jsonParseMs: number; loadMs: number; ratio: number } {
  const { text } = generateRuleBook(10_000, 2_000);
  const load = () => {
    const result = parseRuleBookTexts([{ name: "bench.json", text }]);
    if (!result.ok) throw new Error(`generated rule book is invalid: ${result.errors[0]?.message}`);
    prepareRules(result.value);
  };
  const parse = () => JSON.parse(text) as unknown;
  medianMs(parse, 1, 2);
  medianMs(load, 1, 2);
  const runs = pairedRuns(parse, load, 9, 3);
  return { bytes: text.length, jsonParseMs: runs.baselineMs, loadMs: runs.subjectMs, ratio: runs.ratio };
}
