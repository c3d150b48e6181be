import { describeFailure, isPassingExcelError, withRetry } from "../excel/retry";
import { runExcel } from "../excel/run";
import { getRuleBookState, subscribeRuleBook } from "../runtime/rule-book-store";
import {
  getCellsBasis,
  ruleBookKeyOf,
  setCellsBasis,
  takeAnsweredWithoutRuleBook,
} from "../runtime/start-state";
import { subscribeWorkbookDateSystem } from "../runtime/workbook-date-system";
import { todayLocal, type PlainDate } from "../../shared/dates/plain-date";
import { readCellsDay } from "./cells-day";
import { watchLocalDay } from "./day-watch";

/**
 * HEADROOM.* cells must show new answers when what they depend on changes outside Excel's sight:
 * the rule book, the workbook's date system, and today's date (REMAINING, BUDGET and CHECK default
 * to it). Excel recalculates a non-volatile custom function only when its arguments change, not on
 * F9 nor when the workbook opens (only volatile functions do then: the Office docs team in
 * https://github.com/OfficeDev/Excel-Custom-Functions/issues/368), so the add-in asks for it.
 *
 * When: only when an answer would change. A rule book counts as changed by its revision and a
 * fingerprint of its text (`ruleBookKeyOf`), never by being loaded again: an unchanged refresh (304)
 * and the workbook's stored copy put back into use at opening (the saved cells were computed with
 * it) ask for nothing, unless a function answered #N/A for want of a rule book meanwhile. A new date
 * system, and a new local day while a rule book is loaded, ask for one.
 *
 * What: Excel's API has no call that recalculates one add-in's functions, and finding our formulas
 * would mean reading every formula of the workbook. `Application.calculate("Recalculate")` alone
 * re-runs only cells Excel marked dirty, which ours are not (their arguments did not change);
 * `calculate("Full")` re-runs every formula of every open workbook. So the narrowest documented
 * way is taken: the formula cells of this workbook's sheets (`getSpecialCellsOrNullObject("Formulas")`
 * on each used range, ExcelApi 1.9) are marked dirty (`RangeAreas.setDirty`, ExcelApi 1.9), then
 * `calculate("Recalculate")` computes the dirty cells and their dependents in Excel's own order, in
 * this workbook only, whatever the calculation mode.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeareas#excel-excel-rangeareas-setdirty-member(1)
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.calculationtype
 * A host where that fails for any other reason than a passing one falls back to `Full`, once and for
 * the rest of the session. Volatile or streaming functions were not chosen: volatile ones re-run on
 * every edit of any cell all day to catch a change that comes a few times a day; streaming ones keep
 * a listener per cell.
 */
export type Recalculate = () => Promise<void>;

/** Excel's full recalculation of the open workbooks (ExcelApi 1.1). */
export function fullRecalculation(): Promise<void> {
  return runExcel(async (context) => {
    context.workbook.application.calculate("Full");
    await context.sync();
  });
}

/** Marks this workbook's formula cells dirty and recalculates them; false when it has none. */
export async function recalculateWorkbookFormulas(context: Excel.RequestContext): Promise<boolean> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const used = sheets.items.map((sheet) => sheet.getUsedRangeOrNullObject(true));
  await context.sync();
  const formulas = used
    .filter((range) => !range.isNullObject)
    .map((range) => range.getSpecialCellsOrNullObject("Formulas"));
  await context.sync();
  const dirty = formulas.filter((areas) => !areas.isNullObject);
  for (const areas of dirty) areas.setDirty();
  if (dirty.length > 0) context.workbook.application.calculate("Recalculate");
  await context.sync();
  return dirty.length > 0;
}

/** Waits before trying a recalculation again after a failure that passes (a cell being edited). */
const RECALC_DELAYS_MS = [1_000, 5_000, 15_000];

let narrowFails = false;

/** The recalculation the functions ask for: this workbook's formulas, else a full one (see above). */
export async function recalculateHeadroomCells(sleep?: (ms: number) => Promise<void>): Promise<void> {
  const retry = { delaysMs: RECALC_DELAYS_MS, ...(sleep ? { sleep } : {}) };
  if (!narrowFails) {
    try {
      await withRetry(() => runExcel(recalculateWorkbookFormulas), retry);
      return;
    } catch (e) {
      if (isPassingExcelError(e)) throw e;
      narrowFails = true;
      console.warn(
        `Headroom: this Excel could not recalculate the workbook's formulas alone (${describeFailure(e)}); asking for a full recalculation instead`,
      );
    }
  }
  await withRetry(fullRecalculation, retry);
}

/** For tests: try the narrow recalculation again. */
export function resetRecalculation(): void {
  narrowFails = false;
}

export type RecalcOptions = {
  /** Watches the local day (see day-watch.ts); null for none. */
  watchDay?: ((onNewDay: () => void) => () => void) | null;
  /** The day the workbook's cells were last computed for (see cells-day.ts); null for none. */
  cellsDay?: (() => Promise<PlainDate | null>) | null;
};

/**
 * Recalculates whenever the rule book's answers change (see above for when), the date system
 * changes, or the local day changes with a rule book loaded. Requests that arrive while a
 * recalculation runs cause exactly one more. A failure is reported to `onError`, never thrown into
 * the pane. Returns the function that stops watching.
 */
export function recalculateOnRuleChanges(
  recalculate: Recalculate = () => recalculateHeadroomCells(),
  onError: (error: unknown) => void = (e) => console.warn("Headroom: recalculation failed", e),
  { watchDay = watchLocalDay, cellsDay = readCellsDay }: RecalcOptions = {},
): () => void {
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
  // A rule book already in use when watching starts is what the cells show.
  const inUse = getRuleBookState().current;
  if (inUse !== null && getCellsBasis() === null) setCellsBasis(ruleBookKeyOf(inUse));
  // Cells computed on another day than today (a workbook saved yesterday): recalculated once, as
  // soon as a rule book is in use, since Excel does not recompute them at open.
  let otherDay = false;
  void cellsDay?.().then((day) => {
    if (day === null || day === todayLocal()) return;
    if (getRuleBookState().current !== null) request();
    else otherDay = true;
  });
  const stopRules = subscribeRuleBook((state) => {
    if (state.current === null) return;
    const key = ruleBookKeyOf(state.current);
    const answeredWithout = takeAnsweredWithoutRuleBook();
    const stale = otherDay;
    otherDay = false;
    if (key === getCellsBasis() && !answeredWithout && !stale) return;
    setCellsBasis(key);
    request();
  });
  const stopDates = subscribeWorkbookDateSystem(request);
  const stopDay =
    watchDay?.(() => {
      if (getRuleBookState().current !== null) request();
    }) ?? (() => {});
  return () => {
    stopRules();
    stopDates();
    stopDay();
  };
}
