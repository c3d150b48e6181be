import {
  checkRulesAnswer,
  fileLabel,
  fileNameOf,
  includedUrls,
  MAX_RULE_FILES,
  readRuleBookFiles,
  readRulesText,
  type SyncError,
} from "../../shared/sync/rules-response";
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

/** "superseded": the rules URL changed (or a file was imported) while this refresh ran; it changed nothing. */
export type SyncOutcome = "changed" | "unchanged" | "failed" | "superseded";

/** One file of the rule book as fetched: its text (the stored one after a 304) and whether it changed. */
type FetchedFile = { url: string; text: string; etag: string | null; changed: boolean };

type Fetched = { ok: true; file: FetchedFile } | { ok: false; error: SyncError };

/**
 * Fetches one file, sending its stored ETag as If-None-Match. A 304 gives back the stored text.
 * Every failure becomes a message that names the file's URL.
 */
async function fetchFile(
  url: string,
  known: { text: string; etag: string | null } | undefined,
  deps: SyncDeps,
  signal: AbortSignal,
): Promise<Fetched> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (known?.etag) headers["If-None-Match"] = known.etag;
  let response: Response;
  try {
    response = await deps.fetch(url, { headers, signal, cache: "no-store", redirect: "follow" });
  } catch (e) {
    return { ok: false, error: unreachable(url, e, signal.aborted, deps.timeoutMs) };
  }
  let body = "";
  if (response.status !== 304) {
    try {
      body = await response.text();
    } catch (e) {
      return {
        ok: false,
        error: signal.aborted
          ? timedOut(url, deps.timeoutMs)
          : {
              message: "The download of the rule book broke off before the end.",
              details: [
                `URL: ${url}`,
                errorText(e),
                "The rule book in use stays; the next refresh tries again.",
              ],
            },
      };
    }
  }
  const answer = checkRulesAnswer({
    url,
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get("Content-Type"),
    body,
  });
  if (!answer.ok) return answer;
  const etag = response.headers.get("ETag");
  if (answer.kind === "text") return { ok: true, file: { url, text: answer.text, etag, changed: true } };
  if (!known) {
    return {
      ok: false,
      error: {
        message: "The rules server answered 304 Not Modified, but no copy of the file is saved here.",
        details: [`URL: ${url}`, "Refresh again; if it persists, the server's ETag handling is wrong."],
      },
    };
  }
  return { ok: true, file: { url, text: known.text, etag: etag ?? known.etag, changed: false } };
}

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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  const files: FetchedFile[] = [];
  try {
    // The root first, then what it (and each included file) includes, each file once.
    const queue = [url];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const next = queue.shift()!;
      const fetched = await fetchFile(next, known.get(next), deps, controller.signal);
      if (!fetched.ok) return fail(holder, deps, fetched.error, url);
      files.push(fetched.file);
      const included = includedUrls(next, fetched.file.text);
      if (!included.ok) return fail(holder, deps, included.error, url);
      for (const u of included.value) {
        if (seen.has(u)) continue;
        if (seen.size >= MAX_RULE_FILES) {
          return fail(
            holder,
            deps,
            {
              message: `The rule book has more than ${MAX_RULE_FILES} files.`,
              details: [`URL: ${url}`, "Merge some of them; Headroom reads at most that many."],
            },
            url,
          );
        }
        seen.add(u);
        queue.push(u);
      }
    }
  } finally {
    clearTimeout(timer);
  }

  if (!(await stillWanted(deps, url))) return "superseded";
  if (sameSource && files.every((f) => !f.changed) && files.length === 1 + (stored?.includes?.length ?? 0)) {
    await holder.recordSuccess(deps.now());
    return "unchanged";
  }
  const named = files.map((f) => ({ ...f, name: f.url === url ? fileNameOf(url) : fileLabel(url, f.url) }));
  const reading = readRuleBookFiles(named);
  if (!reading.ok) return fail(holder, deps, reading.error, url);
  const [root, ...rest] = named;
  await holder.adopt(
    {
      source: { kind: "url", url },
      name: root!.name,
      text: root!.text,
      etag: root!.etag,
      loadedAt: deps.now(),
      ...(rest.length > 0
        ? { includes: rest.map((f) => ({ url: f.url, name: f.name, text: f.text, etag: f.etag })) }
        : {}),
    },
    reading.book,
    deps.now(),
  );
  return "changed";
}

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
  await beforeAdopt();
  await holder.adopt(
    { source: { kind: "file", name }, name, text, etag: null, loadedAt: now },
    reading.book,
    now,
  );
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

function timedOut(url: string, ms: number): SyncError {
  return {
    message: `The rules server did not answer within ${Math.round(ms / 1000)} seconds.`,
    details: [`URL: ${url}`, "The rule book in use stays; the next refresh tries again."],
  };
}

function unreachable(url: string, e: unknown, aborted: boolean, ms: number): SyncError {
  if (aborted) return timedOut(url, ms);
  return {
    message: "The rules server could not be reached.",
    details: [
      `URL: ${url}`,
      errorText(e),
      "Check the network, and that Headroom may access the rules server (Grant access in the options).",
    ],
  };
}

const errorText = (e: unknown): string => `Error: ${e instanceof Error ? e.message : String(e)}`;
