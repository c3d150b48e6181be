import { formatIsoDate, parseIsoDate, todayLocal, type PlainDate } from "../../shared/dates/plain-date";
import { loadSetting, saveSetting, SETTING_KEYS } from "../excel/settings";

/**
 * The local day the HEADROOM.* cells were last computed for, kept in the workbook's settings.
 * REMAINING, BUDGET and CHECK use today when no date is given, and Excel does not recompute
 * non-volatile custom functions when a workbook opens, so a workbook saved yesterday opens showing
 * yesterday's answers; with this day on record the functions recalculate once at open when it is
 * another day (see `recalculateOnRuleChanges`), and not otherwise.
 */

let known: PlainDate | null = null;
let pending: ReturnType<typeof setTimeout> | null = null;
let warned = false;

/** What the workbook says, read at open; null when it says nothing (or cannot be read). */
export async function readCellsDay(): Promise<PlainDate | null> {
  try {
    const value = await loadSetting(SETTING_KEYS.cellsDay);
    const day = typeof value === "string" ? parseIsoDate(value) : null;
    known = day?.ok ? day.value : null;
    return known;
  } catch (e) {
    console.warn("Headroom: could not read the day the cells were computed for", e);
    return null;
  }
}

/**
 * A function just computed a cell with `day` as today: record it in the workbook, once per day and
 * a moment later (many cells compute at once). A workbook that cannot be changed (open for viewing)
 * keeps no record; the console says so once.
 */
export function noteCellsDay(day: PlainDate = todayLocal()): void {
  if (day === known || pending !== null || typeof Excel === "undefined") return;
  pending = setTimeout(() => {
    pending = null;
    if (day === known) return;
    known = day;
    saveSetting(SETTING_KEYS.cellsDay, formatIsoDate(day)).catch((e: unknown) => {
      if (!warned) console.warn("Headroom: could not record the day the cells were computed for", e);
      warned = true;
    });
  }, 500);
}

/** For tests: forget what was read and noted. */
export function resetCellsDay(): void {
  known = null;
  if (pending !== null) clearTimeout(pending);
  pending = null;
  warned = false;
}
