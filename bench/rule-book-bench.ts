import { prepareRules } from "../shared/engine/prepare";
import { parseRuleBookTexts } from "../shared/rules/load";
import { generateRuleBook } from "./generate";
import { medianMs } from "./stats";

/**
 * Load + validate + index a rule book of 10,000 suppliers and 2,000 budgets from its JSON text,
 * against JSON.parse of the same text (goal: at most 6 times).
 */
export function benchRuleBookLoad(): { bytes: number; jsonParseMs: number; loadMs: number; ratio: number } {
  const { text } = generateRuleBook(10_000, 2_000);
  const jsonParseMs = medianMs(() => JSON.parse(text), 7, 2);
  const loadMs = medianMs(
    () => {
      const result = parseRuleBookTexts([{ name: "bench.json", text }]);
      if (!result.ok) throw new Error(`generated rule book is invalid: ${result.errors[0]?.message}`);
      prepareRules(result.value);
    },
    7,
    2,
  );
  return { bytes: text.length, jsonParseMs, loadMs, ratio: loadMs / jsonParseMs };
}
