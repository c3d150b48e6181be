/**
 * Rule-book revisions only go forward. Each client remembers, per rule-book source (a URL, or the
 * name of a file it imported), the highest revision it has applied and a fingerprint of that
 * revision's text: its high-water mark. A newly read, valid rule book is then applied, applied with
 * a warning (its text changed but its revision did not), or refused (its revision is lower), in
 * which case the client keeps what it has and says so. An administrator may reset the mark, after
 * which the next rule book from that source is applied whatever its revision.
 */

/** The highest revision a client applied from one source, and the fingerprint of its text. */
export type RevisionMark = {
  revision: number;
  /** `ruleBookFingerprint` of the files that revision was read from. */
  fingerprint: string;
  /** When it was applied (ms since epoch). */
  at: number;
};

/** A newly read rule book, as far as the rule needs it. */
export type IncomingRevision = { revision: number; fingerprint: string };

export type RevisionDecision =
  /** Take it into use; `warning` (changed text, same revision) is shown with it until the next one. */
  | { action: "apply"; warning: string | null }
  /** Keep what is in use; `message` says why, `details` where and what to do. */
  | { action: "refuse"; message: string; details: string[] };

/** How the client got the rule book, for the words of its messages. */
export type RevisionContext = {
  /** The source as the user knows it: the URL, or "file rules.json". */
  source: string;
  /** "server": fetched from `source`; "file": a file the user picked. */
  from: "server" | "file";
  /** Whether the rule book in use now came from `source` (so the mark's revision is the one in use). */
  inUse: boolean;
  /** Where the user can reset the mark: "Reset it on the options page …". */
  resetHint: string;
};

/**
 * Decides whether a valid rule book read from a source may replace what is in use. Without a mark
 * (the first rule book from this source, or right after a reset) it is applied. A higher revision
 * is applied; the same revision with the same text is applied quietly (a new ETag, an import of the
 * same file again); the same revision with other text is applied with the warning "revision was not
 * raised"; a lower revision is refused.
 */
export function decideRevision(
  mark: RevisionMark | null,
  incoming: IncomingRevision,
  context: RevisionContext,
): RevisionDecision {
  if (mark === null || incoming.revision > mark.revision) return { action: "apply", warning: null };
  if (incoming.revision === mark.revision) {
    if (incoming.fingerprint === mark.fingerprint) return { action: "apply", warning: null };
    return {
      action: "apply",
      warning: `The revision was not raised: ${context.source} changed but still says revision ${incoming.revision}. Ask the rule book's owner to raise meta.revision with every change, so every client can tell the versions apart.`,
    };
  }
  const served = context.from === "server" ? "The server now serves" : "This file is";
  const held = context.inUse
    ? `revision ${mark.revision} in use`
    : `revision ${mark.revision}, applied before from this source`;
  return {
    action: "refuse",
    message: `${served} revision ${incoming.revision}, older than ${held}.`,
    details: [
      `Source: ${context.source}`,
      context.inUse
        ? `Headroom keeps revision ${mark.revision}: a rule book never goes back to an older revision on its own.`
        : "Headroom keeps the rule book in use: a rule book never goes back to an older revision on its own.",
      `If going back to revision ${incoming.revision} is intended, ${context.resetHint}`,
    ],
  };
}

/** The mark after `incoming` was applied: the higher of the two revisions (the new text's fingerprint when they are equal). */
export function markAfterApply(
  mark: RevisionMark | null,
  incoming: IncomingRevision,
  now: number,
): RevisionMark {
  if (mark !== null && mark.revision > incoming.revision) return mark;
  return { revision: incoming.revision, fingerprint: incoming.fingerprint, at: now };
}

/**
 * The mark an administrator's reset leaves: revision 0, below every valid revision (they start at
 * 1), so the next rule book from the source is applied whatever its revision, and marks from then on.
 */
export function resetMark(now: number): RevisionMark {
  return { revision: 0, fingerprint: "", at: now };
}

/**
 * A short fingerprint of a rule book's files (their texts, in order), to tell whether a rule book
 * with the revision already applied is the same text. Not a security measure: the revision rule
 * guards against mistakes and rollbacks, and a server that serves the rule book can change it anyway.
 */
export function ruleBookFingerprint(texts: readonly string[]): string {
  // cyrb53 over each text, folded together with the texts' lengths so that file boundaries count.
  let h1 = 0xdeadbeef ^ texts.length;
  let h2 = 0x41c6ce57 ^ texts.length;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ text.length, 2246822507);
    h2 = Math.imul(h2 ^ text.length, 3266489909);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/**
 * What `headroom diff` says when the new rule book's revision is not higher than the old one's, or
 * null when it is. Equal revisions with changes: clients take it with a warning; a lower revision:
 * clients that applied the old one refuse it.
 */
export function revisionStepWarning(before: number, after: number, changed: boolean): string | null {
  if (after > before) return null;
  if (after === before) {
    return changed
      ? `revision not raised: both rule books say revision ${after}; raise meta.revision in the new one, or clients that have revision ${before} take it only with the warning "revision was not raised"`
      : null;
  }
  return `revision goes back: the new rule book says revision ${after}, lower than ${before}; clients that applied revision ${before} refuse it and keep theirs`;
}
