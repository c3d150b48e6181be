/** What went wrong, where, and what to do: a problem shown to the analyst, with its details as a list. */
export type Problem = { what: string; todo?: string; details?: readonly string[] };

/** An error message box: text only (never HTML from a file or server), announced to screen readers. */
export function ErrorBox({ problem, testId }: { problem: Problem; testId?: string }) {
  return (
    <div class="error" role="alert" data-testid={testId}>
      <strong>{problem.what}</strong>
      {problem.todo && <p>{problem.todo}</p>}
      {problem.details && problem.details.length > 0 && (
        <ul>
          {problem.details.slice(0, 50).map((d, i) => (
            <li key={i}>{d}</li>
          ))}
          {problem.details.length > 50 && <li>…and {problem.details.length - 50} more</li>}
        </ul>
      )}
    </div>
  );
}

/** A thrown error as a problem: the message, and a generic next step. */
export function problemOf(
  e: unknown,
  what: string,
  todo = "Try again; if it keeps failing, reload the add-in.",
): Problem {
  const message = e instanceof Error ? e.message : String(e);
  return { what: `${what}: ${message}`, todo };
}
