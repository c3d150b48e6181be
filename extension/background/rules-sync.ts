import { fetchRuleFiles } from "../../shared/sync/fetch-rule-files";
import {
  fileLabel,
  fileNameOf,
  readRuleBookFiles,
  readRulesText,
  type SyncError,
} from "../../shared/sync/rules-response";
import { revisionSourceKey, type StoredRuleBook } from "../storage/rules-db";
import type { RuleBookHolder } from "./rule-book";

/** What a refresh needs from the outside world, replaceable in tests. */
export type SyncDeps = {
  fetch: typeof fetch;
  now: () => number;
  /** How long the server may take for the whole answer, body included. */
  timeoutMs: number;
  /** Whether `url` is still the rules URL in force; a refresh that lost it records nothing. */
  stillWanted?: (url: string) => Promise<boolean>;
};

/**
 * "superseded": the rules URL changed (or a file was imported) while this refresh ran; it changed
 * nothing. "refused": the server served an older revision than the highest applied from it.
 */
export type SyncOutcome = "changed" | "unchanged" | "failed" | "refused" | "superseded";

/**
 * Fetches the rule book from `url` (and the files it includes, from the same server) and takes it
 * into use only if every file arrived whole and together they validate. Each file is fetched with its
 * stored ETag as If-None-Match, so an unchanged rule book costs one 304 per file. Any failure (no
 * answer, an error status, a sign-in page, a cut-off download, an invalid rule book) is recorded
 * with its reason, and the last good rule book stays in use.
 */
export async function refreshFromUrl(
  holder: RuleBookHolder,
  url: string,
  deps: SyncDeps,
): Promise<SyncOutcome> {
  const stored = holder.current?.stored;
  const sameSource = stored?.source.kind === "url" && stored.source.url === url;
  const known = new Map<string, { text: string; etag: string | null }>();
  if (sameSource && stored) {
    known.set(url, { text: stored.text, etag: stored.etag });
    for (const file of stored.includes ?? []) known.set(file.url, file);
  }
  const fetched = await fetchRuleFiles(url, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    known: (fileUrl) => known.get(fileUrl),
    unreachableHint:
      "Check the network, and that Headroom may access the rules server (Grant access in the options).",
  });
  if (!fetched.ok) return fail(holder, deps, fetched.error, url);
  const files = fetched.files;

  if (!(await stillWanted(deps, url))) return "superseded";
  if (sameSource && files.every((f) => !f.changed) && files.length === 1 + (stored?.includes?.length ?? 0)) {
    await holder.recordSuccess(deps.now());
    return "unchanged";
  }
  const named = files.map((f) => ({ ...f, name: f.url === url ? fileNameOf(url) : fileLabel(url, f.url) }));
  const reading = readRuleBookFiles(named);
  if (!reading.ok) return fail(holder, deps, reading.error, url);
  const [root, ...rest] = named;
  const candidate: StoredRuleBook = {
    source: { kind: "url", url },
    name: root!.name,
    text: root!.text,
    etag: root!.etag,
    loadedAt: deps.now(),
    ...(rest.length > 0
      ? { includes: rest.map((f) => ({ url: f.url, name: f.name, text: f.text, etag: f.etag })) }
      : {}),
  };
  // Revisions only go forward: an older one is refused, the rule book in use stays.
  const decision = await holder.judgeRevision(candidate, reading.book);
  if (decision.action === "refuse") {
    if (!(await stillWanted(deps, url))) return "superseded";
    await holder.recordError(decision, deps.now(), revisionSourceKey(candidate.source));
    return "refused";
  }
  await holder.adopt(withWarning(candidate, decision.warning), reading.book, deps.now());
  return "changed";
}

const withWarning = (stored: StoredRuleBook, warning: string | null): StoredRuleBook =>
  warning === null ? stored : { ...stored, revisionWarning: warning };

/** Validates a rule-book file the user picked and takes it into use if valid. */
export async function importRuleBook(
  holder: RuleBookHolder,
  fileName: string,
  text: string,
  now: number,
  /** Runs once the file is known good, before it is taken into use (the router forgets the rules URL). */
  beforeAdopt: () => Promise<void> = async () => {},
): Promise<{ ok: true } | { ok: false; error: SyncError }> {
  const name = fileName.trim() || "imported file";
  const reading = readRulesText(name, text);
  if (!reading.ok) {
    await holder.recordError(reading.error, now);
    return reading;
  }
  if (reading.kind !== "rules") throw new Error("readRulesText only reads rule books");
  const candidate: StoredRuleBook = { source: { kind: "file", name }, name, text, etag: null, loadedAt: now };
  const decision = await holder.judgeRevision(candidate, reading.book);
  if (decision.action === "refuse") {
    await holder.recordError(decision, now, revisionSourceKey(candidate.source));
    return { ok: false, error: { message: decision.message, details: decision.details } };
  }
  await beforeAdopt();
  await holder.adopt(withWarning(candidate, decision.warning), reading.book, now);
  return { ok: true };
}

const stillWanted = (deps: SyncDeps, url: string): Promise<boolean> =>
  deps.stillWanted ? deps.stillWanted(url) : Promise.resolve(true);

async function fail(
  holder: RuleBookHolder,
  deps: SyncDeps,
  error: SyncError,
  url?: string,
): Promise<SyncOutcome> {
  if (url !== undefined && !(await stillWanted(deps, url))) return "superseded";
  await holder.recordError(error, deps.now());
  return "failed";
}
