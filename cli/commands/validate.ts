import { formatIssue } from "../../shared/rules/issues";
import { loadRuleBook } from "../../shared/rules/load";
import { parseCommandArgs } from "../args";
import { nodeRuleSource } from "../node-source";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom validate <file-or-dir> [--json]

Checks a rule book: one file, a root file with "include", or a directory of team files.
Every problem is listed as  file: path: message.

Options:
  --json   print {"ok": true|false, "errors": [{"file", "path", "message"}]}

Exit codes: 0 valid, 1 problems found, 2 usage error or unreadable file.`;

export const validateCommand: Command = {
  name: "validate",
  summary: "check a rule book and list every problem",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, help);
    if (positionals.length !== 1)
      throw new UsageError("validate needs exactly one rule-book file or directory", help);
    const result = await loadRuleBook(positionals[0]!, nodeRuleSource(io.cwd));
    const code = result.ok ? EXIT.ok : result.unreadable ? EXIT.usage : EXIT.problems;
    if (values.json) {
      const body = result.ok ? { ok: true, errors: [] } : { ok: false, errors: result.errors };
      return { code, stdout: JSON.stringify(body, null, 2) + "\n", stdoutIsData: true };
    }
    if (result.ok) {
      const book = result.value;
      const summary =
        `${positionals[0]} is valid: ${book.meta.organisation}, revision ${book.meta.revision}; ` +
        `${book.budgets.length} budgets, ${book.suppliers.length} suppliers, ${book.categories.length} categories ` +
        `(${result.files.length} file${result.files.length === 1 ? "" : "s"})\n`;
      return { code, stdout: summary };
    }
    const lines = result.errors.map(formatIssue);
    const count = `${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} in ${positionals[0]}`;
    return { code, stderr: `${lines.join("\n")}\n${count}\n` };
  },
};
