import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { RuleSource } from "../shared/rules/load";
import { err, ok } from "../shared/result";

/** Reads rule-book files from disk; names them relative to the working directory in messages. */
export function nodeRuleSource(cwd = process.cwd()): RuleSource {
  return {
    async read(path) {
      try {
        return ok(await readFile(path, "utf8"));
      } catch (e) {
        return err(describeFsError(e));
      }
    },
    async list(path) {
      try {
        if (!(await stat(path)).isDirectory()) return undefined;
      } catch {
        return undefined;
      }
      const names = (await readdir(path)).filter((n) => n.endsWith(".json")).sort();
      return names.map((n) => join(path, n));
    },
    resolve: (from, rel) => resolve(dirname(from), rel),
    display: (path) => relative(cwd, resolve(cwd, path)) || path,
  };
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return "cannot be read: no such file or directory";
  if (code === "EACCES") return "cannot be read: permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return `cannot be read: ${e instanceof Error ? e.message : String(e)}`;
}
