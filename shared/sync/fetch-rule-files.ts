import { checkRulesAnswer, includedUrls, MAX_RULE_FILES, type SyncError } from "./rules-response";

/** How long a rules server may take for a whole rule book, every file and body included, in both clients. */
export const RULE_FILES_TIMEOUT_MS = 15_000;

/** A rule-book file as kept from an earlier fetch: its text and the ETag it came with. */
export type KnownFile = { text: string; etag: string | null };

/** One file of a rule book as fetched: its text (the kept one after a 304), its ETag, whether it changed. */
export type FetchedFile = { url: string; text: string; etag: string | null; changed: boolean };

/** What the walk needs from its client (the extension's background, the add-in's task pane). */
export type FetchRuleFilesOptions = {
  fetch: typeof fetch;
  /** How long the server may take for the whole rule book, every file and body included. */
  timeoutMs: number;
  /** The copy kept from an earlier fetch, sent back as If-None-Match. */
  known: (url: string) => KnownFile | undefined;
  /** What else the client's requests carry (the add-in sends cookies to intranet servers). */
  init?: { credentials?: "include" | "same-origin" | "omit"; cache?: "no-store" | "no-cache" };
  /** The last line of "could not be reached": where the user should look. */
  unreachableHint: string;
};

export type FetchRuleFilesResult =
  | { ok: true; files: FetchedFile[] }
  | { ok: false; error: SyncError; /** The file that failed. */ url: string };

/**
 * Fetches a rule book's root file and every file it includes, and they include, each once, from the
 * root's server only and at most `MAX_RULE_FILES` of them; each with If-None-Match when a copy is
 * kept. Any failure (no answer, an error status, a sign-in page, a cut-off download, no whole answer
 * in time, a 304 for a file with no kept copy) ends the walk with a message that names the file.
 * Nothing is validated here beyond what each answer is: the caller validates the files as one.
 */
export async function fetchRuleFiles(
  rootUrl: string,
  options: FetchRuleFilesOptions,
): Promise<FetchRuleFilesResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const files: FetchedFile[] = [];
  try {
    const queue = [rootUrl];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const url = queue.shift()!;
      const fetched = await fetchFile(url, options, controller.signal);
      if (!fetched.ok) return { ...fetched, url };
      files.push(fetched.file);
      const included = includedUrls(url, fetched.file.text);
      if (!included.ok) return { ok: false, error: included.error, url };
      for (const next of included.value) {
        if (seen.has(next)) continue;
        if (seen.size >= MAX_RULE_FILES) {
          return {
            ok: false,
            url: rootUrl,
            error: {
              message: `The rule book has more than ${MAX_RULE_FILES} files.`,
              details: [`URL: ${rootUrl}`, "Merge some of them; Headroom reads at most that many."],
            },
          };
        }
        seen.add(next);
        queue.push(next);
      }
    }
    return { ok: true, files };
  } finally {
    clearTimeout(timer);
  }
}

type Fetched = { ok: true; file: FetchedFile } | { ok: false; error: SyncError };

async function fetchFile(url: string, options: FetchRuleFilesOptions, signal: AbortSignal): Promise<Fetched> {
  const known = options.known(url);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (known?.etag) headers["If-None-Match"] = known.etag;
  let response: Response;
  try {
    // `cache` is a browser fetch option that Node's RequestInit type does not list.
    const init = { cache: "no-store", ...options.init, headers, signal, redirect: "follow" };
    // Called on its own, not as `options.fetch(…)`: a browser's fetch refuses another `this`.
    const fetchImpl = options.fetch;
    response = await fetchImpl(url, init as RequestInit);
  } catch (e) {
    if (signal.aborted) return { ok: false, error: timedOut(url, options.timeoutMs) };
    return {
      ok: false,
      error: {
        message: "The rules server could not be reached.",
        details: [`URL: ${url}`, errorText(e), options.unreachableHint],
      },
    };
  }
  let body = "";
  if (response.status !== 304) {
    try {
      body = await response.text();
    } catch (e) {
      return {
        ok: false,
        error: signal.aborted
          ? timedOut(url, options.timeoutMs)
          : {
              message: "The download of the rule book broke off before the end.",
              details: [`URL: ${url}`, errorText(e), "The rule book in use stays; try again."],
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
        message: "The rules server answered 304 Not Modified, but no copy of the file is kept here.",
        details: [`URL: ${url}`, "Load it again; if it persists, the server's ETag handling is wrong."],
      },
    };
  }
  return { ok: true, file: { url, text: known.text, etag: etag ?? known.etag, changed: false } };
}

function timedOut(url: string, ms: number): SyncError {
  const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`;
  return {
    message: `The rules server did not answer within ${limit}.`,
    details: [`URL: ${url}`, "The rule book in use stays; try again later."],
  };
}

const errorText = (e: unknown): string => `Error: ${e instanceof Error ? e.message : String(e)}`;
