import { formatAge } from "../../shared/dates/age-text";
import type { RuleBookStatusView } from "../protocol/views";

/** The rule book's error, with every detail on its own line; rendered only when the last refresh failed. */
export function RuleBookError({
  status,
  testId,
  now,
}: {
  status: RuleBookStatusView;
  testId: string;
  now: number;
}) {
  const error = status.error;
  if (!error) return null;
  return (
    <div class="error" role="alert" data-testid={testId}>
      <p>
        <strong>{error.message}</strong> ({formatAge(error.at, now)})
      </p>
      {error.details.length > 0 && (
        <ul>
          {error.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {status.revision !== null && (
        <p>Headroom keeps using revision {status.revision} until a good rule book arrives.</p>
      )}
    </div>
  );
}

/** "The revision was not raised: …", shown while the rule book that came so is in use. */
export function RevisionWarning({ status, testId }: { status: RuleBookStatusView; testId: string }) {
  if (status.revisionWarning === null) return null;
  return (
    <p class="warning" role="status" data-testid={testId}>
      {status.revisionWarning}
    </p>
  );
}

/** "Revision 14 of Northwind Analytics Inc.'s rule book, updated 5 minutes ago, …", or that there is none. */
export function ruleBookSummary(status: RuleBookStatusView, now: number): string {
  if (status.revision === null || status.loadedAt === null) return "No rule book loaded yet.";
  const checked = status.checkedAt !== null ? `, last checked ${formatAge(status.checkedAt, now)}` : "";
  return `Revision ${status.revision} of ${status.organisation ? `${status.organisation}'s` : "the"} rule book, updated ${formatAge(status.loadedAt, now)}${checked}${status.stale ? " (out of date)" : ""}.`;
}
