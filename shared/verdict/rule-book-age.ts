/**
 * Whether the rule book in use is stale (its age in words: `formatAge` in shared/dates/age-text).
 * Times are milliseconds since the epoch, as the browser's clock gives them.
 */

const MINUTE = 60_000;

/** True when the last successful check is older than twice the refresh interval (or never happened). */
export function isStale(checkedAt: number | null, now: number, refreshMinutes: number): boolean {
  if (checkedAt === null) return true;
  return now - checkedAt > 2 * refreshMinutes * MINUTE;
}
