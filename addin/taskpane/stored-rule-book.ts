import { setRuleBook, setRuleBookError } from "../runtime/rule-book-store";
import { PART_NAMESPACES } from "../excel/document-store";
import { loadFromWorkbook } from "../excel/workbook";
import { fromStoredText } from "./rule-book-source";

/**
 * Puts the rule book stored in the workbook into use. Returns false when the workbook has none;
 * a damaged or invalid copy is reported as a load error (the rule book in use stays).
 */
export async function applyStoredRuleBook(): Promise<boolean> {
  const text = await loadFromWorkbook(PART_NAMESPACES.ruleBook);
  if (text === null) return false;
  const r = fromStoredText(text);
  if (r.ok) setRuleBook(r.value);
  else setRuleBookError(r.error.message, r.error.issues);
  return true;
}

/**
 * At start, before the analyst does anything: a workbook that carries its rule book checks (and its
 * HEADROOM.* formulas answer) with it straight away, on any machine. Failures are left for the
 * buttons to explain; nothing is shown for a workbook without one.
 */
export async function applyStoredRuleBookAtStart(): Promise<void> {
  try {
    await applyStoredRuleBook();
  } catch (e) {
    console.warn("Headroom: could not read the rule book stored in the workbook", e);
  }
}
