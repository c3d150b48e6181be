import type { RuleBookStatusView } from "../../protocol/views";
import { formatAge } from "../../../shared/dates/age-text";

/** Which rule book the panel used, how fresh it is, and the last refresh's error if any. */
export function RuleBookLine({ ruleBook }: { ruleBook: RuleBookStatusView }) {
  const now = Date.now();
  const name = ruleBook.organisation ?? "Rule book";
  const revision = ruleBook.revision === null ? "" : `, revision ${ruleBook.revision}`;
  const checked = ruleBook.checkedAt === null ? "" : `, checked ${formatAge(ruleBook.checkedAt, now)}`;
  return (
    <div class="rule-book">
      <p class="quiet" data-testid="headroom-rule-book">
        {name}
        {revision}
        {checked}
        {ruleBook.stale && <strong> (out of date)</strong>}
      </p>
      {ruleBook.error !== null && (
        <p class="rules-error" role="status" data-testid="headroom-rules-error">
          Last refresh failed: {ruleBook.error.message}. The last good rule book stays in use.
        </p>
      )}
    </div>
  );
}
