import { constants } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import { dirname, extname, isAbsolute, join, relative, resolve, sep, win32 } from "node:path";
import type { RuleSource } from "../shared/rules/load";
import { err, ok, type Result } from "../shared/result";
import { MAX_RULE_BOOK_BYTES, MAX_RULE_BOOK_SIZE_TEXT } from "../shared/sync/limits";

/**
 * Reads rule-book files from disk; names them relative to the working directory in messages.
 *
 * A rule book in a repository is written by many hands and checked in CI, so what it includes stays
 * inside the rule book's folder (the entry file's folder, or the entry directory): an include is a
 * relative path to a .json file, which must lie in that folder after every link is followed, and be a
 * regular file. A refused file is never opened, so none of its text can reach a message or a CI log.
 */
export function nodeRuleSource(cwd = process.cwd()): RuleSource {
  const full = (path: string) => resolve(cwd, path);
  // One rule book's files share its folder: found once per entry, not once per file.
  const folders = new Map<string, Promise<string>>();
  const folderOfEntry = (entry: string) => {
    let folder = folders.get(entry);
    if (folder === undefined) folders.set(entry, (folder = folderOf(entry)));
    return folder;
  };
  return {
    async read(path, entry) {
      // The entry file itself is what the user named; every other file must stay in its folder.
      if (full(path) !== full(entry)) {
        const inside = await insideFolder(full(path), await folderOfEntry(full(entry)));
        if (!inside.ok) return inside;
      }
      return readRegularFile(full(path));
    },
    async list(path) {
      try {
        if (!(await stat(full(path))).isDirectory()) return undefined;
      } catch {
        return undefined;
      }
      const names = (await readdir(full(path))).filter((n) => n.endsWith(".json")).sort();
      return names.map((n) => join(path, n));
    },
    resolve(from, rel) {
      if (isAbsolute(rel) || win32.isAbsolute(rel)) {
        return err("is an absolute path: include files by their path from this file's folder");
      }
      if (extname(rel).toLowerCase() !== ".json") return err("is not a .json file");
      return ok(resolve(dirname(full(from)), rel));
    },
    display: (path) => relative(cwd, full(path)) || path,
  };
}

/** The folder a rule book's files must stay in: the entry directory, or the entry file's folder. */
async function folderOf(entry: string): Promise<string> {
  try {
    if ((await stat(entry)).isDirectory()) return entry;
  } catch {
    // Not there: its folder stands (the read of the entry itself says what is wrong).
  }
  return dirname(entry);
}

/** Whether `path` lies in `folder`, as written and after links are followed. Reads nothing. */
async function insideFolder(path: string, folder: string): Promise<Result<true>> {
  if (!within(folder, path)) return err("is outside the rule book's folder");
  let real: string;
  let realFolder: string;
  try {
    [real, realFolder] = await Promise.all([realpath(path), realpath(folder)]);
  } catch (e) {
    return err(describeFsError(e));
  }
  if (!within(realFolder, real)) return err("is a link to a file outside the rule book's folder");
  return ok(true);
}

/** True when `path` is strictly below `folder` (both absolute). */
function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * A regular file's text, at most `MAX_RULE_BOOK_BYTES`. Opened without waiting (a named pipe would
 * block a plain open) and checked on the open handle, so a device, a pipe or a directory is refused
 * before anything is read from it.
 */
async function readRegularFile(path: string): Promise<Result<string>> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return err(describeFsError(e));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return err("is a directory, not a file");
    if (!info.isFile()) return err("is not a regular file (a device, a pipe or a socket)");
    if (info.size > MAX_RULE_BOOK_BYTES) return err(`is larger than ${MAX_RULE_BOOK_SIZE_TEXT}`);
    return ok(await handle.readFile("utf8"));
  } catch (e) {
    return err(describeFsError(e));
  } finally {
    await handle.close();
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return "cannot be read: no such file or directory";
  if (code === "EACCES") return "cannot be read: permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return `cannot be read: ${e instanceof Error ? e.message : String(e)}`;
}
