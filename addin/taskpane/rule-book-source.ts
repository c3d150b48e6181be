import { formatIssue, type RuleIssue } from "../../shared/rules/issues";
import { loadRuleBook, parseRuleBookTexts, type RuleSource } from "../../shared/rules/load";
import { err, ok, type Result } from "../../shared/result";
import { checkRulesAnswer, MAX_RULE_FILES } from "../../shared/sync/rules-response";
import type { LoadedRuleBook, RuleBookOrigin } from "../runtime/rule-book-store";

/** A failed load: a sentence for the analyst and the rule-book issues (file, path, message). */
export type LoadFailure = { message: string; issues: RuleIssue[] };

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

/** How long the rules server may take for the whole rule book, every file included. */
export const LOAD_TIMEOUT_MS = 15_000;

/**
 * Loads a rule book from a URL, following `include`s relative to it. Every file is fetched with
 * If-None-Match when it was fetched before; when all answer 304 the rule book is unchanged and
 * `unchanged` is true. An error status, a web page instead of JSON (a sign-in page, typically), a
 * download that breaks off or a server slower than `timeoutMs` is a failure that says so. Nothing is
 * swapped here: the caller sets the store only on success.
 */
export async function loadFromUrl(
  url: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = LOAD_TIMEOUT_MS,
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
  let fresh = 0;
  const seen = new Map<string, { text: string; etag: string | null }>();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`;
  const tooSlow = `did not arrive within ${limit}: the server may be down or slow; try again later`;
  const server = new URL(absolute).origin;
  let reads = 0;
  const source: RuleSource = {
    async read(path: string): Promise<Result<string>> {
      // As the extension: the files of a rule book sit together, and there are not endlessly many.
      if (new URL(path).origin !== server) {
        return err(
          `is on another server than the rule book, which Headroom does not follow: keep every file next to ${absolute}`,
        );
      }
      if (++reads > MAX_RULE_FILES)
        return err(`is one file too many: Headroom reads at most ${MAX_RULE_FILES} files for one rule book`);
      const known = fetchedFiles.get(path);
      let response: Response;
      try {
        response = await fetchImpl(path, {
          headers: known?.etag ? { "If-None-Match": known.etag } : {},
          cache: "no-cache",
          credentials: "include",
          signal: controller.signal,
        });
      } catch (e) {
        if (controller.signal.aborted) return err(tooSlow);
        return err(
          `could not be fetched (${e instanceof Error ? e.message : String(e)}): check the address and your connection`,
        );
      }
      if (response.status === 304 && known) {
        seen.set(path, known);
        return ok(known.text);
      }
      let body: string;
      try {
        body = await response.text();
      } catch {
        return err(
          controller.signal.aborted ? tooSlow : "broke off before the end of the download; try again",
        );
      }
      // The same reading of the answer as the extension's: statuses, and web pages instead of JSON.
      const answer = checkRulesAnswer({
        url: path,
        status: response.status,
        statusText: response.statusText,
        contentType: response.headers.get("Content-Type"),
        body,
      });
      if (!answer.ok) {
        // The issue names the file already; the Content-Type is for IT, the hint for the analyst.
        const hints = answer.error.details.filter((d) => !/^(URL|Content-Type): /.test(d));
        return err([answer.error.message, ...hints].join(" "));
      }
      if (answer.kind === "not-modified") {
        return err("the server answered 304 Not Modified for a file not fetched before; load it again");
      }
      fresh++;
      seen.set(path, { text: body, etag: response.headers.get("ETag") });
      return ok(body);
    },
    list: async () => undefined,
    resolve: (from, relative) => new URL(relative, from).href,
    display: (path) => path,
  };
  const result = await loadRuleBook(absolute, source).finally(() => clearTimeout(timer));
  if (!result.ok) {
    return {
      ok: false,
      error: {
        message: result.unreadable
          ? `The rule book at ${absolute} could not be read.`
          : `The rule book at ${absolute} has ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}; it was not loaded.`,
        issues: result.errors,
      },
    };
  }
  for (const [path, file] of seen) fetchedFiles.set(path, file);
  const files = result.files.map((name) => ({ name, text: seen.get(name)!.text }));
  const origin: RuleBookOrigin = { kind: "url", url: absolute, etag: seen.get(absolute)?.etag ?? null };
  const loaded = rememberEtags(
    { book: result.value, origin, files, loadedAt: Date.now() },
    new Map(result.files.map((name) => [name, seen.get(name)!.etag])),
  );
  return { ok: true, value: loaded, unchanged: fresh === 0 };
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
