import { ruleFileSchema, type RuleFile } from "./file-schema";
import { duplicateKeyPath, mayHaveDuplicateKeys } from "./duplicate-keys";
import { formatPath, fromZodIssues, type RuleIssue } from "./issues";
import { mergeRuleFiles, type NamedRuleFile } from "./merge";
import { migrateRuleFile } from "./migrate";
import { compileRuleBook } from "./compile";
import type { RuleBook } from "./rule-book";
import type { Result } from "../result";
import { clipText, quoteText } from "../text/quote";

/** Outcome of loading a rule book. `unreadable` marks failures to read files at all (not a rule problem). */
export type LoadResult =
  { ok: true; value: RuleBook; files: string[] } | { ok: false; errors: RuleIssue[]; unreadable?: boolean };

/**
 * Where rule-book files come from: the file system in the CLI, HTTP in the extension and add-in.
 * Paths are opaque to the loader; the adapter resolves includes and names files for messages.
 */
export interface RuleSource {
  /**
   * The file's text, or why it is not read. `entry` is what the rule book is loaded from (a file or a
   * directory): the CLI reads only regular files, and no file outside the entry's folder.
   */
  read(path: string, entry: string): Promise<Result<string>>;
  /** The JSON files in `path`, sorted, when it is a directory; undefined when it is a file. */
  list(path: string): Promise<string[] | undefined>;
  /** The path of `relative` as written inside the file at `from`, or why it is not followed. */
  resolve(from: string, relative: string): Result<string>;
  /** How a path is named in messages. */
  display(path: string): string;
}

/** The texts of a rule book's files, in load order, named as messages name them. */
export type RuleTexts = { name: string; text: string }[];

/**
 * Reads a rule book's files without validating them: one file and what it includes (depth first,
 * each once), or every .json file of a directory. Fails when a file cannot be read, an include is
 * refused (named by the file that includes it and the entry as written) or includes loop.
 */
export async function readRuleFiles(
  entry: string,
  source: RuleSource,
): Promise<{ ok: true; files: RuleTexts } | { ok: false; errors: RuleIssue[]; unreadable: boolean }> {
  const listed = await source.list(entry);
  const order: string[] = [];
  const texts = new Map<string, string>();
  const errors: RuleIssue[] = [];
  let unreadable = false;

  const refused = (from: string, written: string, why: string): RuleIssue => ({
    file: source.display(from),
    path: "include",
    message: `includes ${quoteText(written)}, which ${why}`,
  });
  /** `written`: the include entry that led here, as the file that includes it wrote it. */
  const visit = async (path: string, chain: string[], written?: string): Promise<void> => {
    if (chain.includes(path)) {
      errors.push({
        file: source.display(chain.at(-1)!),
        path: "include",
        message: `includes ${source.display(path)} again, which makes a loop`,
      });
      return;
    }
    if (texts.has(path)) return;
    const read = await source.read(path, entry);
    if (!read.ok) {
      const from = chain.at(-1);
      errors.push(
        from !== undefined && written !== undefined
          ? refused(from, written, read.error)
          : { file: source.display(path), path: "(file)", message: read.error },
      );
      unreadable = true;
      return;
    }
    texts.set(path, read.value);
    order.push(path);
    for (const rel of includesOf(read.value)) {
      const next = source.resolve(path, rel);
      if (next.ok) await visit(next.value, [...chain, path], rel);
      else {
        errors.push(refused(path, rel, next.error));
        unreadable = true;
      }
    }
  };
  if (listed && listed.length === 0) {
    return {
      ok: false,
      unreadable: true,
      errors: [{ file: source.display(entry), path: "(directory)", message: "has no .json rule-book files" }],
    };
  }
  for (const path of listed ?? [entry]) await visit(path, []);
  if (errors.length > 0) return { ok: false, errors, unreadable };
  return { ok: true, files: order.map((path) => ({ name: source.display(path), text: texts.get(path)! })) };
}

/** Loads a rule book from a file (following `include`) or a directory of team files, then validates it whole. */
export async function loadRuleBook(entry: string, source: RuleSource): Promise<LoadResult> {
  const read = await readRuleFiles(entry, source);
  if (!read.ok) return read.unreadable ? read : { ok: false, errors: read.errors };
  return parseRuleBookTexts(read.files);
}

/**
 * Validates and merges rule-book files already in memory (a fetched file, an imported file, the
 * workbook's copy). `include` entries are not followed here: every file must be in `files`.
 */
export function parseRuleBookTexts(
  files: readonly { name: string; text: string }[],
): { ok: true; value: RuleBook; files: string[] } | { ok: false; errors: RuleIssue[] } {
  const errors: RuleIssue[] = [];
  const valid: NamedRuleFile[] = [];
  for (const { name, text } of files) {
    const parsed = parseRuleFile(name, text);
    if (parsed.ok) valid.push({ name, file: parsed.value });
    else errors.push(...parsed.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const { merged, origins, issues } = mergeRuleFiles(valid);
  if (issues.length > 0) return { ok: false, errors: issues };
  const compiled = compileRuleBook(merged, origins, files[0]?.name ?? "(rule book)");
  if (!compiled.ok) return compiled;
  return { ok: true, value: compiled.value, files: files.map((f) => f.name) };
}

/** One file: JSON syntax, version migration, structure. */
export function parseRuleFile(
  name: string,
  text: string,
): { ok: true; value: RuleFile } | { ok: false; errors: RuleIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, errors: [{ file: name, path: "(file)", message: jsonErrorMessage(text, e) }] };
  }
  const duplicate = mayHaveDuplicateKeys(text, raw) ? duplicateKeyPath(text) : null;
  if (duplicate !== null) {
    const key = duplicate.at(-1) as string;
    return {
      ok: false,
      errors: [
        {
          file: name,
          path: formatPath(duplicate),
          message: `${quoteText(key)} is written twice in this object (JSON would keep only the last); keep one`,
        },
      ],
    };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const found = Array.isArray(raw) ? "a list" : raw === null ? "null" : typeof raw;
    return {
      ok: false,
      errors: [{ file: name, path: "(file)", message: `must be a JSON object { … } (found ${found})` }],
    };
  }
  const migrated = migrateRuleFile(raw as Record<string, unknown>);
  if (!migrated.ok)
    return { ok: false, errors: [{ file: name, path: "schemaVersion", message: migrated.error }] };
  const checked = ruleFileSchema.safeParse(migrated.value);
  if (!checked.success)
    return { ok: false, errors: fromZodIssues(name, ruleFileSchema, checked.error.issues, migrated.value) };
  return { ok: true, value: checked.data };
}

/** The files a rule-book file includes, as written; none when it has no `include` or is not JSON. */
export function includesOf(text: string): string[] {
  try {
    const raw: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    const include = (raw as { include?: unknown } | null)?.include;
    return Array.isArray(include)
      ? include.filter((x): x is string => typeof x === "string" && x.length > 0)
      : [];
  } catch {
    return [];
  }
}

/** "not valid JSON at line 3, column 5: …", from the engine's message and position. */
export function jsonErrorMessage(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (text.trim() === "") return "is empty: a rule-book file must be a JSON object";
  const m = /position (\d+)/.exec(raw);
  // V8 quotes the start of the text or the part around the error (`Unexpected token 'r', "root:x:0:0"...
  // is not valid JSON`): dropped, so a file that is not JSON at all never has its text shown.
  const detail = clipText(
    raw
      .replace(/\s*in JSON at position \d+.*$/s, "")
      .replace(/^JSON\.parse: /, "")
      .replace(/,?\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON\s*$/s, "") || "unexpected text",
  );
  if (!m) return `is not valid JSON: ${detail}`;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `is not valid JSON at line ${line}, column ${column}: ${detail}`;
}
