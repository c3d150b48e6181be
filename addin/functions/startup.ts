import { runExcel } from "../excel/run";
import { readDateSystem } from "../excel/date-system";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";
import { recalculateOnRuleChanges } from "./recalculate";

/**
 * Starts the functions' side of the shared runtime: registers each function under its id in
 * functions.json (esbuild has no metadata plugin, so we associate them ourselves; a test checks
 * the two lists agree), then, once Office is ready, learns the workbook's date system and starts
 * recalculating on rule-book changes.
 */
export function startFunctionsRuntime(
  functions: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  for (const [id, fn] of Object.entries(functions)) CustomFunctions.associate(id, fn);
  if (typeof Office === "undefined") return;
  void Office.onReady(() => {
    recalculateOnRuleChanges();
    void learnDateSystem();
  });
}

/**
 * Reads the workbook's date system (1900 when Excel cannot say) into the shared store, so date
 * serials in HEADROOM.* arguments and results use it. A change recalculates the functions.
 */
export async function learnDateSystem(): Promise<void> {
  try {
    const info = await runExcel((context) => readDateSystem(context));
    setWorkbookDateSystem(info.system);
  } catch (e) {
    console.warn("Headroom: could not read the workbook's date system; using 1900", e);
  }
}
