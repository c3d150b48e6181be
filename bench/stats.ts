/** Median of the timings of `runs` calls of `f` (after `warmup` untimed calls), in milliseconds. */
export function medianMs(f: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Runs `baseline` and `subject` in alternation `pairs` times and returns the median time of each and
 * the median of the pairs' ratios (subject / baseline): this machine's speed drifts between pairs
 * more than within one, so a ratio of neighbours is steadier than a ratio of medians.
 */
export function pairedRuns(
  baseline: () => unknown,
  subject: () => unknown,
  pairs: number,
  baselineRepeats = 1,
): { baselineMs: number; subjectMs: number; ratio: number } {
  const baselineTimes: number[] = [];
  const subjectTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const b = medianMs(baseline, baselineRepeats, 0);
    const s = medianMs(subject, 1, 0);
    baselineTimes.push(b);
    subjectTimes.push(s);
    ratios.push(s / b);
  }
  return { baselineMs: median(baselineTimes), subjectMs: median(subjectTimes), ratio: median(ratios) };
}

export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
