import type { Phase } from "./check-flow";

const LABEL: Record<Phase, string> = { read: "Reading rows", check: "Checking", write: "Writing results" };

/** Progress of a long check: the phase and rows done, as a native progress bar. */
export function ProgressBar({ phase, done, total }: { phase: Phase; done: number; total: number }) {
  return (
    <div data-testid="progress">
      <p class="muted">
        {LABEL[phase]}… {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} rows
      </p>
      <progress max={Math.max(total, 1)} value={done} aria-label={LABEL[phase]} />
    </div>
  );
}
