import { formatIssue, type RuleIssue } from "../../shared/rules/issues";
import { parseRuleBookTexts } from "../../shared/rules/load";
import { fetchRuleFiles, RULE_FILES_TIMEOUT_MS } from "../../shared/sync/fetch-rule-files";
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
  timeoutMs = RULE_FILES_TIMEOUT_MS,
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
  // The same walk as the extension's: the root and what it includes, from its server only.
  const fetched = await fetchRuleFiles(absolute, {
    fetch: fetchImpl,
    timeoutMs,
    known: (path) => fetchedFiles.get(path),
    // Intranet servers may want the analyst's sign-in cookies.
    init: { credentials: "include", cache: "no-cache" },
    unreachableHint: "Check the address and your connection.",
  });
  if (!fetched.ok) {
    // The issue names the file; the URL and Content-Type lines are for IT, the rest for the analyst.
    const hints = fetched.error.details
      .filter((d) => !/^(URL|Content-Type): /.test(d))
      .map((d) => (/[.!?]$/.test(d) ? d : `${d}.`));
    return {
      ok: false,
      error: {
        message: `The rule book at ${absolute} could not be read.`,
        issues: [{ file: fetched.url, path: "(file)", message: [fetched.error.message, ...hints].join(" ") }],
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
  const origin: RuleBookOrigin = { kind: "url", url: absolute, etag: fetched.files[0]!.etag };
  const loaded = rememberEtags(
    { book: result.value, origin, files, loadedAt: Date.now() },
    new Map(fetched.files.map((f) => [f.url, f.etag])),
  );
  return { ok: true, value: loaded, unchanged: fetched.files.every((f) => !f.changed) };
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
