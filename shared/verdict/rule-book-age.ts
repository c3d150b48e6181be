/**
 * How old the rule book in use is, in words, and whether it is stale. Times are milliseconds since
 * the epoch, as the browser's clock gives them.
 */

const MINUTE = 60_000;

/** True when the last successful check is older than twice the refresh interval (or never happened). */
export function isStale(checkedAt: number | null, now: number, refreshMinutes: number): boolean {
  if (checkedAt === null) return true;
  return now - checkedAt > 2 * refreshMinutes * MINUTE;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; "in the future" for a clock that went back. */
export function formatAge(then: number, now: number): string {
  const ms = now - then;
  if (ms < -MINUTE) return "in the future (check the computer's clock)";
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}
