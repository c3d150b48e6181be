import { formatIssue } from "../rules/issues";
import { includesOf, parseRuleBookTexts } from "../rules/load";
import type { RuleBook } from "../rules/rule-book";

/** Why a rule book could not be taken into use: one sentence, and the details behind it (one per line). */
export type SyncError = { message: string; details: string[] };

/** What came back from the rules server, as plain data (the fetch itself happens in the edge). */
export type RulesResponse = {
  url: string;
  status: number;
  statusText: string;
  /** The Content-Type header, or null when the server sent none. */
  contentType: string | null;
  body: string;
};

export type RulesReading =
  | { ok: true; kind: "not-modified" }
  | { ok: true; kind: "rules"; book: RuleBook; name: string; text: string }
  | { ok: false; error: SyncError };

/** Rule-book errors listed in a message at most; the rest are counted. */
const MAX_DETAILS = 20;

/** What one file's answer means before its contents are validated. */
export type FileAnswer =
  | { ok: true; kind: "not-modified" }
  | { ok: true; kind: "text"; text: string }
  | { ok: false; error: SyncError };

/**
 * Decides what a rules server's answer for one file means: 304 (nothing changed), a text to
 * validate, or an error that says why in words a buyer or an analyst can pass on to IT (a 404, a
 * sign-in page served instead of the file). Both the extension and the Excel add-in read answers so.
 */
export function checkRulesAnswer(response: RulesResponse): FileAnswer {
  const { url, status } = response;
  if (status === 304) return { ok: true, kind: "not-modified" };
  if (status < 200 || status > 299) {
    const reason = `${status}${response.statusText ? ` ${response.statusText}` : ""}`;
    const hint =
      status === 404 || status === 410
        ? "Check the rules URL."
        : status === 401 || status === 403
          ? "The server wants a sign-in Headroom cannot give; publish the rule book where it can be read without one."
          : "The server may be down; try again later.";
    return {
      ok: false,
      error: { message: `The rules server answered ${reason}.`, details: [`URL: ${url}`, hint] },
    };
  }
  const type = (response.contentType ?? "").toLowerCase();
  const start = response.body.trimStart();
  if (type.includes("text/html") || type.includes("xhtml") || start.startsWith("<")) {
    return {
      ok: false,
      error: {
        message: "The rules URL returned a web page, not a JSON rule book.",
        details: [
          `URL: ${url}`,
          `Content-Type: ${response.contentType ?? "(none)"}`,
          "This is often a sign-in page: the URL must point at the raw JSON file, readable without signing in.",
        ],
      },
    };
  }
  return { ok: true, kind: "text", text: response.body };
}

/**
 * Decides what a rules server's answer means for a rule book kept in one file: 304, a valid rule
 * book, or why not (see `checkRulesAnswer` and `readRuleBookFiles`).
 */
export function readRulesResponse(response: RulesResponse): RulesReading {
  const answer = checkRulesAnswer(response);
  if (!answer.ok || answer.kind === "not-modified") return answer;
  return readRulesText(fileNameOf(response.url), answer.text);
}

/** Validates rule-book text fetched or imported by the user; `name` names the file in messages. */
export function readRulesText(name: string, text: string): RulesReading {
  // An imported file comes alone: the files it includes are not there to read.
  const included = includesOf(text);
  if (included.length > 0) {
    return fail(`${name} includes ${included.join(", ")}, which an imported file cannot bring along.`, [
      "Import one file made from all of them (headroom bundle), or publish the files and use the rules URL.",
    ]);
  }
  const read = readRuleBookFiles([{ name, text }]);
  return read.ok ? { ok: true, kind: "rules", book: read.book, name, text } : read;
}

/**
 * Validates a rule book made of several files (a root file and the files it includes) as one whole.
 * A file that stops mid-way is named as cut short; otherwise every problem is listed with its path.
 */
export function readRuleBookFiles(
  files: readonly { name: string; text: string }[],
): { ok: true; book: RuleBook } | { ok: false; error: SyncError } {
  const empty = files.find((f) => f.text.trim() === "");
  if (empty) return fail(`${empty.name} is empty.`, ["A rule book is a JSON object { … }."]);
  const parsed = parseRuleBookTexts(files);
  if (parsed.ok) {
    const book = parsed.value;
    // Valid but empty: one team's part published or picked by mistake; it must not replace a rule book.
    if (book.suppliers.length === 0 && book.budgets.length === 0) {
      const name = files.length === 1 ? files[0]!.name : "The rule book";
      return fail(`${name} has no suppliers and no budgets: it looks like one part of a rule book.`, [
        "Use the whole rule book: one file made with headroom bundle, or a root file that includes the others.",
      ]);
    }
    return { ok: true, book };
  }
  const details = parsed.errors.slice(0, MAX_DETAILS).map(formatIssue);
  if (parsed.errors.length > MAX_DETAILS) details.push(`… and ${parsed.errors.length - MAX_DETAILS} more`);
  const cut = files.find(
    (f) => parsed.errors.some((e) => e.file === f.name && e.path === "(file)") && endsOpen(f.text),
  );
  const name = files.length === 1 ? files[0]!.name : "The rule book";
  const n = parsed.errors.length;
  return fail(
    cut
      ? `${cut.name} ends before the JSON is complete: the download may have been cut short.`
      : `${name} is not a valid rule book (${n} problem${n === 1 ? "" : "s"}).`,
    details,
  );
}

/** At most this many files make one rule book (a root and what it includes). */
export const MAX_RULE_FILES = 20;

/**
 * The files a fetched rule-book file includes (`"include": ["finance.json", …]`), as absolute URLs
 * resolved against the file's own URL. Only files on the same server are followed: a rule book must
 * not pull rules from elsewhere. Text that is not JSON includes nothing (validation reports it).
 */
export function includedUrls(
  fileUrl: string,
  text: string,
): { ok: true; value: string[] } | { ok: false; error: SyncError } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: true, value: [] };
  }
  const include = (raw as { include?: unknown } | null)?.include;
  if (!Array.isArray(include)) return { ok: true, value: [] };
  const base = new URL(fileUrl);
  const out: string[] = [];
  for (const entry of include) {
    if (typeof entry !== "string" || entry.trim() === "") continue;
    let url: URL;
    try {
      url = new URL(entry, base);
    } catch {
      return fail(`${fileNameOf(fileUrl)} includes "${entry}", which is not a file address.`, [
        `URL: ${fileUrl}`,
      ]);
    }
    if (url.origin !== base.origin) {
      return fail(
        `${fileNameOf(fileUrl)} includes a file on another server, which Headroom does not follow.`,
        [`Included: ${url.href}`, `Keep every file of the rule book next to ${fileUrl}.`],
      );
    }
    url.hash = "";
    out.push(url.href);
  }
  return { ok: true, value: out };
}

/** How a rule-book file is named in messages: its path relative to the root file's folder when below it. */
export function fileLabel(rootUrl: string, url: string): string {
  try {
    const folder = new URL(".", rootUrl).href;
    return url.startsWith(folder)
      ? decodeURIComponent(url.slice(folder.length).split("?")[0]!)
      : fileNameOf(url);
  } catch {
    return url;
  }
}

/** The last path segment of a URL ("rules.json"), for messages; the host when the path has none. */
export function fileNameOf(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname
      .split("/")
      .filter((p) => p !== "")
      .pop();
    return last ? decodeURIComponent(last) : u.hostname;
  } catch {
    return url;
  }
}

/**
 * Whether a rules URL may be used: https anywhere, http only on this computer (localhost,
 * 127.0.0.1, [::1]), where a test or a local server has no certificate. Returns why not otherwise.
 */
export function checkRulesUrl(url: string): { ok: true; value: string } | { ok: false; error: string } {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return {
      ok: false,
      error: `"${url}" is not a web address; it should look like https://example.com/rules.json`,
    };
  }
  const local = u.hostname === "localhost" || u.hostname === "127.0.0.1" || u.hostname === "[::1]";
  if (u.protocol === "https:" || (u.protocol === "http:" && local)) {
    if (u.username || u.password)
      return { ok: false, error: "The rules URL must not contain a user name or password." };
    return { ok: true, value: u.href };
  }
  if (u.protocol === "http:") {
    return {
      ok: false,
      error: "The rules URL must use https:// (plain http is allowed only for localhost).",
    };
  }
  return { ok: false, error: `The rules URL must start with https://, not ${u.protocol}//` };
}

/** True when JSON text stops inside a string or with brackets still open: a download cut short. */
function endsOpen(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  }
  return inString || depth > 0;
}

const fail = (message: string, details: string[]): { ok: false; error: SyncError } => ({
  ok: false,
  error: { message, details },
});
