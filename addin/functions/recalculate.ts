import { runExcel } from "../excel/run";
import { getRuleBookState, subscribeRuleBook } from "../runtime/rule-book-store";
import { subscribeWorkbookDateSystem } from "../runtime/workbook-date-system";

/**
 * Cells that call HEADROOM.* must show the new answers after the task pane swaps in another rule
 * book (or the workbook's date system changes). Excel cannot see that dependency, so we ask it for a
 * full recalculation, which re-runs every formula including ours. Chosen over the alternatives:
 * volatile functions would re-run on every edit of any cell, all day, to catch a change that happens
 * a few times a day; streaming functions would keep a listener per cell. A rule-book refresh is rare
 * and user-visible, so one full recalculation then is the cheap and predictable choice.
 */
export type Recalculate = () => Promise<void>;

/** Excel's full recalculation of the open workbooks (ExcelApi 1.1). */
export function fullRecalculation(): Promise<void> {
  return runExcel(async (context) => {
    context.workbook.application.calculate("Full");
    await context.sync();
  });
}

/**
 * Recalculates whenever a different rule book is set or the date system changes (a failed load
 * keeps the old rule book, so it triggers nothing). Changes that arrive while a recalculation is
 * running cause exactly one more. A failure is reported to `onError`, never thrown into the pane.
 * Returns the function that stops watching.
 */
export function recalculateOnRuleChanges(
  recalculate: Recalculate = fullRecalculation,
  onError: (error: unknown) => void = (e) => console.warn("Headroom: recalculation failed", e),
): () => void {
  let current = getRuleBookState().current;
  let running = false;
  let again = false;
  const request = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        try {
          await recalculate();
        } catch (e) {
          onError(e);
        }
      } while (again);
      running = false;
    })();
  };
  const stopRules = subscribeRuleBook((state) => {
    if (state.current === current) return;
    current = state.current;
    request();
  });
  const stopDates = subscribeWorkbookDateSystem(request);
  return () => {
    stopRules();
    stopDates();
  };
}
