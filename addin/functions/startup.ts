import { detectDateSystem } from "../excel/date-system";
import { withRetry, BACKGROUND_DELAYS_MS } from "../excel/retry";
import { startOnce } from "../runtime/start-state";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";
import { recalculateOnRuleChanges } from "./recalculate";

/**
 * Starts the functions' side of the shared runtime: registers each function under its id in
 * functions.json (esbuild has no metadata plugin, so we associate them ourselves; a test checks
 * the two lists agree), then, once Office is ready, which is when the workbook opens even if the
 * pane is never shown, starts recalculating on changes, learns the workbook's date system and has
 * the rule book the workbook carries loaded (taskpane/stored-rule-book.ts, run by `startOnce`).
 */
export function startFunctionsRuntime(
  functions: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  for (const [id, fn] of Object.entries(functions)) CustomFunctions.associate(id, fn);
  if (typeof Office === "undefined") return;
  void Office.onReady(() => {
    recalculateOnRuleChanges();
    void learnDateSystem();
    // After the page's scripts have all run: the start routine is the task pane bundle's (see
    // `registerStartUp`), which the page runs even when the pane is not shown.
    whenScriptsLoaded(() => void startOnce());
  });
}

function whenScriptsLoaded(run: () => void): void {
  if (typeof document === "undefined" || document.readyState !== "loading") run();
  else document.addEventListener("DOMContentLoaded", run, { once: true });
}

/**
 * Reads the workbook's date system (Excel's answer, else the analyst's choice kept in the workbook,
 * else 1900) into the shared store, so date serials in HEADROOM.* arguments and results use it.
 * A failure that passes (a cell being edited) is retried. A change recalculates the functions.
 */
export async function learnDateSystem(sleep?: (ms: number) => Promise<void>): Promise<void> {
  try {
    const info = await withRetry(detectDateSystem, {
      delaysMs: BACKGROUND_DELAYS_MS,
      ...(sleep ? { sleep } : {}),
    });
    setWorkbookDateSystem(info.system);
  } catch (e) {
    console.warn("Headroom: could not read the workbook's date system; using 1900", e);
  }
}
