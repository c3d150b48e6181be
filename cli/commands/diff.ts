import { diffRuleBooks, formatChange } from "../../shared/diff/rule-book-diff";
import { formatIssue } from "../../shared/rules/issues";
import { loadRuleBook } from "../../shared/rules/load";
import { revisionStepWarning } from "../../shared/rules/revision-rule";
import { parseCommandArgs } from "../args";
import { nodeRuleSource } from "../node-source";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom diff <old> <new> [--json]

Says what changed between two rule books (files or directories), in words, grouped by the team
that owns each part: finance first, then procurement, then what both teams share.

  finance: budget IT-HW amount 200,000.00 → 250,000.00 USD
  procurement: supplier Dell Technologies status approved → preferred; domain dell.co.uk added

When the new rule book changes something but its meta.revision is not higher than the old one's, a
last line says so ("warning: revision not raised: …", or "warning: revision goes back: …"): the
extension and the add-in refuse a lower revision than the one they have and warn about a changed
rule book with the same revision.

Options:
  --json   print {"changes": [{"team", "section", "subject", "kind", "details", "text"}],
           "revision": {"before", "after", "warning"}} (warning null when the revision went up)

Exit codes: 0 compared, 1 one of the rule books is invalid, 2 usage error or unreadable file.`;

export const diffCommand: Command = {
  name: "diff",
  summary: "say what changed between two rule books",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, help);
    if (positionals.length !== 2) throw new UsageError("diff needs two rule books: <old> <new>", help);
    const source = nodeRuleSource(io.cwd);
    const [before, after] = await Promise.all(positionals.map((p) => loadRuleBook(p, source)));
    if (!before!.ok || !after!.ok) {
      const failed = [before!, after!].filter((r) => !r.ok);
      const lines = failed.flatMap((r) => r.errors.map(formatIssue));
      const code = failed.some((r) => r.unreadable) ? EXIT.usage : EXIT.problems;
      return { code, stderr: `${lines.join("\n")}\ncannot compare: fix the rule book first\n` };
    }
    const changes = diffRuleBooks(before!.value, after!.value);
    const revision = {
      before: before!.value.meta.revision,
      after: after!.value.meta.revision,
      warning: revisionStepWarning(
        before!.value.meta.revision,
        after!.value.meta.revision,
        changes.length > 0,
      ),
    };
    if (values.json) {
      const body = { changes: changes.map((c) => ({ ...c, text: formatChange(c) })), revision };
      return { code: EXIT.ok, stdout: JSON.stringify(body, null, 2) + "\n", stdoutIsData: true };
    }
    if (changes.length === 0) return { code: EXIT.ok, stdout: "no changes\n" };
    const lines = changes.map(formatChange);
    if (revision.warning !== null) lines.push(`warning: ${revision.warning}`);
    return { code: EXIT.ok, stdout: lines.join("\n") + "\n" };
  },
};
