// Test-only script for the functions page: stands in for the task pane's loading of a rule book.
// Bundled on its own, like taskpane.js, so it also proves that separately bundled copies of the
// rule-book store share one rule book on the page.
import { z } from "zod";
import { setRuleBook } from "../../../addin/runtime/rule-book-store";
import { parseRuleBookTexts } from "../../../shared/rules/load";

z.config({ jitless: true });

(globalThis as Record<string, unknown>).headroomTest = {
  load(name: string, text: string): string {
    const parsed = parseRuleBookTexts([{ name, text }]);
    if (!parsed.ok) return parsed.errors.map((e) => e.message).join("; ");
    setRuleBook({
      book: parsed.value,
      origin: { kind: "file", fileName: name },
      files: [{ name, text }],
      loadedAt: Date.now(),
    });
    return "loaded";
  },
};
