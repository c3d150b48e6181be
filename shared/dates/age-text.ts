/** How long ago something happened, in words; times are milliseconds since the epoch. */

const MINUTE = 60_000;

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
