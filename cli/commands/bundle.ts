import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { bundleRuleFiles } from "../../shared/rules/bundle";
import { formatIssue } from "../../shared/rules/issues";
import { readRuleFiles } from "../../shared/rules/load";
import { describeFsError, nodeRuleSource } from "../node-source";
import { parseCommandArgs } from "../args";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom bundle <file-or-dir> [--out <file>]

Writes a rule book kept as team files (a directory, or a root file with "include") as one file,
for hosting at a single URL: the browser extension and the Excel add-in fetch one file.
Only a valid rule book is bundled; the bundle loads to exactly the same rule book.

Options:
  --out <file>   write the bundle to this file (default: print it)

Exit codes: 0 written, 1 the rule book has problems (listed), 2 usage error or unreadable file.`;

export const bundleCommand: Command = {
  name: "bundle",
  summary: "write team files as one rule-book file, for hosting",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string" } }, help);
    if (positionals.length !== 1)
      throw new UsageError("bundle needs exactly one rule-book file or directory", help);
    const read = await readRuleFiles(positionals[0]!, nodeRuleSource(io.cwd));
    const bundled = read.ok ? bundleRuleFiles(read.files) : read;
    if (!bundled.ok) {
      const unreadable = !read.ok && read.unreadable;
      return {
        code: unreadable ? EXIT.usage : EXIT.problems,
        stderr: `${bundled.errors.map(formatIssue).join("\n")}\nNothing was written: fix the rule book first.\n`,
      };
    }
    if (values.out === undefined) return { code: EXIT.ok, stdout: bundled.text, stdoutIsData: true };
    try {
      await writeFile(resolve(io.cwd, values.out), bundled.text);
    } catch (e) {
      return {
        code: EXIT.usage,
        stderr: `headroom bundle: cannot write ${values.out}: ${describeFsError(e)}\n`,
      };
    }
    const files = read.ok ? read.files.length : 0;
    return {
      code: EXIT.ok,
      stdout: `Wrote ${values.out}: ${bundled.book.meta.organisation}, revision ${bundled.book.meta.revision}, from ${files} file${files === 1 ? "" : "s"}.\n`,
    };
  },
};
