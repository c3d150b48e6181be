/** What talking to Excel cost: round trips, and the largest payload one of them carried. */
export type IoStats = {
  syncs: number;
  /** Largest payload of one request (bytes of JSON we sent, or asked to get back). */
  largestRequestBytes: number;
};

export function newIoStats(): IoStats {
  return { syncs: 0, largestRequestBytes: 0 };
}

/** Counts one `context.sync()` that carried `bytes`. */
export function countSync(stats: IoStats, bytes: number): void {
  stats.syncs++;
  if (bytes > stats.largestRequestBytes) stats.largestRequestBytes = bytes;
}

/** Progress callback: `done` of `total` rows. */
export type Progress = (done: number, total: number) => void;
