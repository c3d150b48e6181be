import { MAX_RULE_BOOK_BYTES, MAX_RULE_BOOK_SIZE_TEXT } from "./limits";
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
 * kept. A redirect is followed only within the file's own origin, and all the files together may
 * weigh at most `MAX_RULE_BOOK_BYTES`, counted while each body is read (decompressed), so reading
 * stops at the limit. Any failure (no answer, an error status, a sign-in page, a redirect to
 * another server, too large, a cut-off download, no whole answer in time, a 304 for a file with no
 * kept copy) ends the walk with a message that names the file, and nothing of it is used.
 * Nothing is validated here beyond what each answer is: the caller validates the files as one.
 */
export async function fetchRuleFiles(
  rootUrl: string,
  options: FetchRuleFilesOptions,
): Promise<FetchRuleFilesResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const files: FetchedFile[] = [];
  let bytes = 0;
  try {
    const queue = [rootUrl];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const url = queue.shift()!;
      const fetched = await fetchFile(url, options, controller.signal, MAX_RULE_BOOK_BYTES - bytes);
      if (!fetched.ok) return { ...fetched, url };
      bytes += fetched.bytes;
      if (bytes > MAX_RULE_BOOK_BYTES) return { ok: false, error: tooLarge(url), url };
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

/** A fetched file and how many bytes of the rule book's limit it takes. */
type Fetched = { ok: true; file: FetchedFile; bytes: number } | { ok: false; error: SyncError };

/** One file, read up to `maxBytes` (what is left of the rule book's limit). */
async function fetchFile(
  url: string,
  options: FetchRuleFilesOptions,
  signal: AbortSignal,
  maxBytes: number,
): Promise<Fetched> {
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
  // Followed (a browser gives an extension or a task pane no redirect's Location to check first),
  // then refused unless it stayed on the file's own origin: the answer comes from where it ended.
  const moved = movedAway(url, response.url);
  if (moved) {
    void response.body?.cancel().catch(() => {});
    return {
      ok: false,
      error: {
        message:
          "The rules server redirected the rule book to another server, which Headroom does not follow.",
        details: [
          `URL: ${url}`,
          `Redirected to: ${moved}`,
          "Publish the rule book at the rules URL itself, or set the rules URL to where it now is.",
        ],
      },
    };
  }
  let body = "";
  let bytes = 0;
  if (response.status !== 304) {
    try {
      const read = await readBody(response, maxBytes);
      if (!read) return { ok: false, error: tooLarge(url) };
      ({ text: body, bytes } = read);
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
  if (answer.kind === "text")
    return { ok: true, file: { url, text: answer.text, etag, changed: true }, bytes };
  if (!known) {
    return {
      ok: false,
      error: {
        message: "The rules server answered 304 Not Modified, but no copy of the file is kept here.",
        details: [`URL: ${url}`, "Load it again; if it persists, the server's ETag handling is wrong."],
      },
    };
  }
  return {
    ok: true,
    file: { url, text: known.text, etag: etag ?? known.etag, changed: false },
    bytes: utf8Length(known.text),
  };
}

/** The address a response ended at when a redirect took it to another origin; undefined otherwise. */
function movedAway(requested: string, final: string): string | undefined {
  // A response made by a test's or a client's own fetch adapter has no URL: it moved nowhere.
  if (!final || final === requested) return undefined;
  try {
    if (new URL(final).origin === new URL(requested).origin) return undefined;
  } catch {
    // An address that does not parse is not the rule book's origin.
  }
  return final.length > MAX_URL_SHOWN ? `${final.slice(0, MAX_URL_SHOWN)}…` : final;
}

/** How much of a redirect's address a message shows. */
const MAX_URL_SHOWN = 200;

/**
 * The body as text (UTF-8, as `Response.text()` reads it), or undefined as soon as more than
 * `maxBytes` have arrived: the rest is not downloaded. Bytes are counted as the stream gives them,
 * after the browser or Node has undone any Content-Encoding, so compression cannot get around it.
 */
async function readBody(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; bytes: number } | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return { text: "", bytes: 0 };
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join(""), bytes };
}

function tooLarge(url: string): SyncError {
  return {
    message: `The rule book is larger than ${MAX_RULE_BOOK_SIZE_TEXT}, the most Headroom reads.`,
    details: [
      `URL: ${url}`,
      `A rule book (all its files together) may be at most ${MAX_RULE_BOOK_SIZE_TEXT}; nothing of this download is used.`,
    ],
  };
}

/** How many bytes a text takes in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one code point of four bytes.
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function timedOut(url: string, ms: number): SyncError {
  const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`;
  return {
    message: `The rules server did not answer within ${limit}.`,
    details: [`URL: ${url}`, "The rule book in use stays; try again later."],
  };
}

const errorText = (e: unknown): string => `Error: ${e instanceof Error ? e.message : String(e)}`;
