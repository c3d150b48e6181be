import { formatIssue, type RuleIssue } from "../../shared/rules/issues";
import { parseRuleBookTexts } from "../../shared/rules/load";
import { fetchRuleFiles, RULE_FILES_TIMEOUT_MS } from "../../shared/sync/fetch-rule-files";
import type { LoadedRuleBook, RuleBookOrigin } from "../runtime/rule-book-store";

/**
 * A failed load: a sentence for the analyst, the rule-book issues (file, path, message), and lines
 * beside them (what the server's administrator must configure).
 */
export type LoadFailure = { message: string; issues: RuleIssue[]; details?: string[] };

/** Each file fetched from a URL, with its ETag: a refresh asks for changes only. */
export const fetchedFiles = new Map<string, { text: string; etag: string | null }>();

/**
 * The ETag of each file of a loaded rule book, as it was when that rule book was loaded: a publish
 * sends these in If-Match, so it can only replace the very version it was built from.
 */
const etagsByRuleBook = new WeakMap<LoadedRuleBook, ReadonlyMap<string, string | null>>();

export function etagsOf(loaded: LoadedRuleBook): ReadonlyMap<string, string | null> {
  return etagsByRuleBook.get(loaded) ?? new Map();
}

/** Records the ETags a rule book's files had (after a load, a refresh or a save). */
export function rememberEtags(
  loaded: LoadedRuleBook,
  etags: ReadonlyMap<string, string | null>,
): LoadedRuleBook {
  etagsByRuleBook.set(loaded, etags);
  return loaded;
}

/**
 * The fetch `credentials` mode for the analyst's choice. Off, nothing is sent ("omit", not the
 * browser's "same-origin"): the setting says exactly what happens. On, cookies go along ("include"),
 * which a server on another origin must allow by naming this origin (never `*`) with
 * `Access-Control-Allow-Credentials: true`, and which Excel on Mac (16.44 and later) and Safari never
 * send to a server on another site: ITP blocks third-party cookies
 * (https://learn.microsoft.com/office/dev/add-ins/develop/itp-and-third-party-cookies).
 */
export const credentialsFor = (withCookies: boolean): RequestCredentials =>
  withCookies ? "include" : "omit";

/** The origin the pane runs on, or null outside a browser page. */
function paneOrigin(): string | null {
  return typeof location === "undefined" || !location.origin || location.origin === "null"
    ? null
    : location.origin;
}

/** The origin of `url` when it is not the pane's own (the browser then applies CORS), else null. */
export function crossOrigin(url: string): string | null {
  const own = paneOrigin();
  try {
    const origin = new URL(url).origin;
    return own !== null && origin !== own ? origin : null;
  } catch {
    return null;
  }
}

/**
 * What the administrator of `server` must configure so that this pane may read (and, for Save to
 * URL, write) the rule book across origins: the CORS answer the browser checks
 * (https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS), one line each.
 */
export function corsAdvice(server: string, withCookies: boolean): string[] {
  const pane = paneOrigin() ?? "the add-in's address";
  return [
    withCookies
      ? `For IT: ${server} must answer ${pane} with Access-Control-Allow-Origin: ${pane} (named; * is refused when cookies are sent) and Access-Control-Allow-Credentials: true. If the rule book can be read without signing in, untick "Send my sign-in cookies to this server" instead.`
      : `For IT: ${server} must answer ${pane} with Access-Control-Allow-Origin: ${pane} (or *).`,
    "For Refresh and Save to URL it must also answer the browser's OPTIONS preflight: Access-Control-Allow-Headers: If-None-Match, If-Match, Content-Type; Access-Control-Allow-Methods: GET, PUT; and Access-Control-Expose-Headers: ETag on every answer.",
    "A server on a private (intranet) address may also need the browser's Local Network Access permission or policy: see \"For IT\" in Headroom's README.",
  ];
}

/**
 * Loads a rule book from a URL, following `include`s relative to it. Every file is fetched with
 * If-None-Match when it was fetched before; when all answer 304 the rule book is unchanged and
 * `unchanged` is true. An error status, a web page instead of JSON (a sign-in page, typically), a
 * download that breaks off or a server slower than `timeoutMs` is a failure that says so. Nothing is
 * swapped here: the caller sets the store only on success.
 *
 * The analyst's sign-in cookies are sent only when `withCookies` is set (see `credentialsFor`). A
 * server on another origin that does not allow this pane (CORS) looks to the page exactly like one
 * that cannot be reached, so such a failure says both, with what IT must configure.
 */
export async function loadFromUrl(
  url: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = RULE_FILES_TIMEOUT_MS,
  { withCookies = false }: { withCookies?: boolean } = {},
): Promise<{ ok: true; value: LoadedRuleBook; unchanged: boolean } | { ok: false; error: LoadFailure }> {
  let absolute: string;
  try {
    absolute = new URL(url, typeof location === "undefined" ? undefined : location.href).href;
  } catch {
    return {
      ok: false,
      error: {
        message: `"${url}" is not a web address: give one like https://intranet/rules/rules.json`,
        issues: [],
      },
    };
  }
  // What the browser did with the last request: refused it outright (no answer the page may read,
  // which is how a CORS refusal looks), or answered with a status.
  let refused = false;
  let lastStatus = 0;
  const watched = (async (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      const response = await fetchImpl(input, init);
      lastStatus = response.status;
      return response;
    } catch (e) {
      refused = e instanceof TypeError;
      throw e;
    }
  }) as typeof fetch;
  // The same walk as the extension's: the root and what it includes, from its server only.
  const fetched = await fetchRuleFiles(absolute, {
    fetch: watched,
    timeoutMs,
    known: (path) => fetchedFiles.get(path),
    init: { credentials: credentialsFor(withCookies), cache: "no-cache" },
    unreachableHint: "Check the address and your connection.",
  });
  if (!fetched.ok) {
    const server = crossOrigin(fetched.url);
    const signIn = lastStatus === 401 || lastStatus === 403;
    // The issue names the file; the URL and Content-Type lines are for IT, the rest for the analyst.
    const hints = fetched.error.details
      .filter((d) => !/^(URL|Content-Type): /.test(d))
      // The shared hint says no sign-in can be given; here the analyst can send cookies.
      .filter((d) => !(signIn && /sign-in Headroom cannot give/.test(d)))
      .map((d) => (/[.!?]$/.test(d) ? d : `${d}.`));
    if (signIn) hints.push(signInHint(withCookies));
    let message = [fetched.error.message, ...hints].join(" ");
    let details: string[] = [];
    if (refused && server !== null) {
      const conditional = fetchedFiles.get(fetched.url)?.etag
        ? " (a refresh, asking with If-None-Match)"
        : "";
      message = `The rules server could not be reached, or it did not allow this add-in to read its answer (the browser's cross-origin check, CORS)${conditional}. ${hints.join(" ")}`;
      details = corsAdvice(server, withCookies);
    }
    return {
      ok: false,
      error: {
        message: `The rule book at ${absolute} could not be read.`,
        issues: [{ file: fetched.url, path: "(file)", message }],
        ...(details.length > 0 ? { details } : {}),
      },
    };
  }
  const files = fetched.files.map((f) => ({ name: f.url, text: f.text }));
  const result = parseRuleBookTexts(files);
  if (!result.ok) {
    return {
      ok: false,
      error: {
        message: `The rule book at ${absolute} has ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}; it was not loaded.`,
        issues: result.errors,
      },
    };
  }
  for (const f of fetched.files) fetchedFiles.set(f.url, { text: f.text, etag: f.etag });
  const origin: RuleBookOrigin = { kind: "url", url: absolute, etag: fetched.files[0]!.etag, withCookies };
  const loaded = rememberEtags(
    { book: result.value, origin, files, loadedAt: Date.now() },
    new Map(fetched.files.map((f) => [f.url, f.etag])),
  );
  return { ok: true, value: loaded, unchanged: fetched.files.every((f) => !f.changed) };
}

/** What to do about a 401 or 403, by whether the sign-in cookies were sent. */
function signInHint(withCookies: boolean): string {
  return withCookies
    ? "Your sign-in cookies were sent and not accepted: sign in to that server in your browser and load again. Excel on Mac and Safari never send them to a server on another site; there the rule book must be readable without signing in."
    : 'The server wants you signed in: tick "Send my sign-in cookies to this server" and load again.';
}

/** Loads a rule book from files the analyst picked (all its team files at once; includes are not followed). */
export async function loadFromFiles(
  picked: readonly { name: string; text: () => Promise<string> }[],
): Promise<{ ok: true; value: LoadedRuleBook } | { ok: false; error: LoadFailure }> {
  if (picked.length === 0) return { ok: false, error: { message: "No file was chosen.", issues: [] } };
  const files = await Promise.all(picked.map(async (f) => ({ name: f.name, text: await f.text() })));
  return fromTexts(files, { kind: "file", fileName: files.map((f) => f.name).join(", ") });
}

/** What the workbook stores: the files and where they came from. */
type Stored = { version: 1; origin: RuleBookOrigin; files: { name: string; text: string }[] };

/** The text stored in the workbook for a loaded rule book. */
export function storedText(loaded: LoadedRuleBook): string {
  const stored: Stored = { version: 1, origin: loaded.origin, files: [...loaded.files] };
  return JSON.stringify(stored);
}

/** A rule book from the workbook's stored copy. */
export function fromStoredText(
  text: string,
): { ok: true; value: LoadedRuleBook } | { ok: false; error: LoadFailure } {
  let stored: Stored;
  try {
    stored = JSON.parse(text) as Stored;
    if (stored.version !== 1 || !Array.isArray(stored.files)) throw new Error("unknown format");
  } catch {
    return {
      ok: false,
      error: {
        message:
          "The rule book stored in this workbook is damaged; load it again from its URL or file and save it into the workbook.",
        issues: [],
      },
    };
  }
  return fromTexts(stored.files, { kind: "workbook" });
}

function fromTexts(
  files: { name: string; text: string }[],
  origin: RuleBookOrigin,
): { ok: true; value: LoadedRuleBook } | { ok: false; error: LoadFailure } {
  const result = parseRuleBookTexts(files);
  if (!result.ok) {
    return {
      ok: false,
      error: {
        message: `${files.map((f) => f.name).join(", ")}: ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}; the rule book was not loaded.`,
        issues: result.errors,
      },
    };
  }
  return { ok: true, value: { book: result.value, origin, files, loadedAt: Date.now() } };
}

/** Issues as lines for the pane. */
export const issueLines = (issues: readonly RuleIssue[]): string[] => issues.map(formatIssue);
