/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ageText(loadedAt: number, now: number): string {
  const minutes = Math.floor((now - loadedAt) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
