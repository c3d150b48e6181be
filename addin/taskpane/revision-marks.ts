import {
  decideRevision,
  markAfterApply,
  resetMark,
  ruleBookFingerprint,
  type RevisionDecision,
  type RevisionMark,
} from "../../shared/rules/revision-rule";
import type { LoadedRuleBook, RuleBookOrigin } from "../runtime/rule-book-store";

/**
 * The highest revision the task pane applied per rule-book source (see
 * shared/rules/revision-rule.ts), kept in the pane's `localStorage`: it belongs to this Excel on
 * this computer, across workbooks and sessions, as a browser keeps a site's storage. The copy stored
 * in a workbook is not a source with a mark: it is the rule book that workbook was checked with,
 * older or not, and opening it never lowers or raises a mark.
 */

const STORAGE_KEY = "headroom.revisionMarks.v1";

/** Where marks are kept; `localStorage` in the pane, a Map in tests. */
export type MarkStorage = Pick<Storage, "getItem" | "setItem">;

function storage(): MarkStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // A host that blocks storage for the add-in: marks hold for this session only.
    return null;
  }
}

/** This session's marks when storage is missing or fails. */
const session = new Map<string, RevisionMark>();

function isMark(v: unknown): v is RevisionMark {
  const m = v as RevisionMark | null;
  return (
    typeof m === "object" &&
    m !== null &&
    Number.isInteger(m.revision) &&
    m.revision >= 0 &&
    typeof m.fingerprint === "string" &&
    typeof m.at === "number"
  );
}

function readAll(store: MarkStorage | null): Record<string, RevisionMark> {
  const out: Record<string, RevisionMark> = Object.fromEntries(session);
  if (!store) return out;
  try {
    const raw = store.getItem(STORAGE_KEY);
    if (raw === null) return out;
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
    for (const [key, mark] of Object.entries(parsed as Record<string, unknown>)) {
      if (isMark(mark)) out[key] = mark;
      else console.warn(`Headroom: ignoring a damaged highest-revision record for ${key}`);
    }
  } catch (e) {
    console.warn("Headroom: the highest revisions kept in this Excel could not be read; starting over", e);
  }
  return out;
}

function writeOne(key: string, mark: RevisionMark, store: MarkStorage | null): void {
  session.set(key, mark);
  if (!store) return;
  try {
    store.setItem(STORAGE_KEY, JSON.stringify({ ...readAll(store), [key]: mark }));
  } catch (e) {
    console.warn("Headroom: could not keep the highest revision; it holds for this session", e);
  }
}

/** The key a source's mark is kept under: the URL, or the picked files' names; null for the workbook's copy. */
export function revisionKeyOf(origin: RuleBookOrigin): string | null {
  if (origin.kind === "url") return `url:${origin.url}`;
  if (origin.kind === "file") return `file:${origin.fileName}`;
  return null;
}

/** What the analyst knows the source as. */
export function labelOfKey(key: string): string {
  return key.startsWith("url:") ? key.slice(4) : `file ${key.slice(5)}`;
}

export function readMark(key: string, store = storage()): RevisionMark | null {
  return readAll(store)[key] ?? null;
}

/**
 * Whether a freshly loaded, valid rule book may replace the one in use by the revision rule; null
 * for the workbook's own copy, which is not judged.
 */
export function judgeLoaded(
  loaded: LoadedRuleBook,
  current: LoadedRuleBook | null,
  store = storage(),
): RevisionDecision | null {
  const key = revisionKeyOf(loaded.origin);
  if (key === null) return null;
  const inUse = current !== null && revisionKeyOf(current.origin) === key;
  return decideRevision(readMark(key, store), incomingOf(loaded), {
    source: labelOfKey(key),
    from: loaded.origin.kind === "url" ? "server" : "file",
    inUse,
    resetHint:
      loaded.origin.kind === "url"
        ? "reset the highest revision here (Reset highest revision, then confirm): the pane then loads what the server serves."
        : "reset the highest revision here (Reset highest revision, then confirm), then pick the files again.",
  });
}

/** Raises the mark of the rule book's source after it was taken into use (nothing for the workbook's copy). */
export function recordApplied(loaded: LoadedRuleBook, now = Date.now(), store = storage()): void {
  const key = revisionKeyOf(loaded.origin);
  if (key === null) return;
  writeOne(key, markAfterApply(readMark(key, store), incomingOf(loaded), now), store);
}

/** An administrator's reset: the next rule book from the source is taken whatever its revision. */
export function resetRevisionMark(key: string, now = Date.now(), store = storage()): void {
  writeOne(key, resetMark(now), store);
}

function incomingOf(loaded: LoadedRuleBook) {
  return {
    revision: loaded.book.meta.revision,
    fingerprint: ruleBookFingerprint(loaded.files.map((f) => f.text)),
  };
}
