import { todayLocal } from "../../shared/dates/plain-date";

/**
 * Tells when the local day changes while the workbook is open: REMAINING, BUDGET and CHECK use
 * today when no date is given, and Excel does not know that (they are not volatile), so their cells
 * must be recalculated at midnight. A timer is set for just after the next local midnight (a new
 * Date each time, so a daylight-saving day of 23 or 25 hours is right); because a computer that
 * sleeps, or a hidden page whose timers the browser slows, may wake after midnight with the timer
 * late, the day is also checked whenever the page becomes visible or gets the focus again.
 */

export type DayWatchOptions = {
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Where "visibilitychange", "focus" and "pageshow" come from; none outside a page. */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
};

/** A second past midnight, so the timer never lands on the old day's last instant. */
const PAST_MIDNIGHT_MS = 1_000;

/** Calls `onNewDay` once each time the local day changes; returns the function that stops watching. */
export function watchLocalDay(onNewDay: () => void, options: DayWatchOptions = {}): () => void {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const events =
    options.events !== undefined ? options.events : typeof window === "undefined" ? null : window;
  let day = todayLocal(now());
  let timer: unknown = null;
  let stopped = false;

  const check = () => {
    const today = todayLocal(now());
    if (today === day) return;
    day = today;
    onNewDay();
  };
  const schedule = () => {
    if (stopped) return;
    if (timer !== null) clearTimer(timer);
    const n = now();
    const midnight = new Date(n.getFullYear(), n.getMonth(), n.getDate() + 1).getTime();
    timer = setTimer(
      () => {
        timer = null;
        check();
        schedule();
      },
      Math.max(PAST_MIDNIGHT_MS, midnight - n.getTime() + PAST_MIDNIGHT_MS),
    );
  };
  const wake = () => {
    check();
    schedule();
  };
  const names = ["visibilitychange", "focus", "pageshow"] as const;
  for (const name of names) events?.addEventListener(name, wake);
  schedule();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    for (const name of names) events?.removeEventListener(name, wake);
  };
}
