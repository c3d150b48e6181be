import { useState } from "preact/hooks";
import type { RuleBookStatusView } from "../../protocol/views";

/**
 * The highest revision applied from the rule book's source, and the administrator's way to reset
 * it (for a rollback that is meant), behind a confirmation that says what happens next.
 */
export function ResetRevision({
  status,
  busy,
  onReset,
}: {
  status: RuleBookStatusView;
  busy: boolean;
  onReset: (source: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const highest = status.highestRevision;
  if (highest === null) return null;
  return (
    <div data-testid="revision-mark">
      <p class="note" data-testid="rules-highest">
        {highest.revision === 0
          ? `Highest revision from ${highest.label}: reset, so the next rule book from it is taken whatever its revision.`
          : `Highest revision taken from ${highest.label}: ${highest.revision}. Headroom never goes back to an older revision from it on its own${highest.refused ? "; it just refused one" : ""}.`}
      </p>
      {highest.revision > 0 &&
        (asking ? (
          <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
            <p id="reset-question">
              Forget that revision {highest.revision} is the highest taken from {highest.label}? Headroom then
              takes whatever revision it gets next from there, an older one included.
            </p>
            <div class="row">
              <button
                type="button"
                data-testid="reset-revision-confirm"
                disabled={busy}
                onClick={() => {
                  setAsking(false);
                  onReset(highest.source);
                }}
              >
                Reset highest revision
              </button>
              <button type="button" data-testid="reset-revision-cancel" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div class="row">
            <button
              type="button"
              data-testid="reset-revision"
              disabled={busy}
              onClick={() => setAsking(true)}
            >
              Reset highest revision…
            </button>
          </div>
        ))}
    </div>
  );
}
