import { diffRuleBooks, type RuleChange } from "../diff/rule-book-diff";
import type { RuleIssue } from "../rules/issues";
import { parseRuleBookTexts } from "../rules/load";
import type { RuleBook } from "../rules/rule-book";
import type { BudgetEntry } from "./budget-table";
import { formatRuleFile } from "./format-rule-file";

export type RuleText = { name: string; text: string };

/** A publish that passed validation: the files to save, the new rule book and what changed, in words. */
export type BudgetPublish = {
  /** Every file of the rule book, the changed ones rewritten in canonical form. */
  files: RuleText[];
  /**
   * Names of the files that changed: the budgets' file first (usually the one finance file), then,
   * when another file holds `meta`, that file, whose only change is the raised revision.
   */
  changed: string[];
  book: RuleBook;
  changes: RuleChange[];
  /**
   * The revision raised by this publish (every change raises it by one, so clients that applied the
   * old revision take the new one), and the file that holds it; null when nothing changed.
   */
  revision: {
    from: number;
    to: number;
    file: string;
    /** True when that file changed for the revision alone (it holds neither the budgets nor moved ones). */
    alone: boolean;
  } | null;
};

/** A problem with the publish: a rule-book issue, with the sheet row when it is about one budget. */
export type PublishIssue = RuleIssue & { row?: number };

/**
 * Replaces the rule book's budgets with `budgets` and validates the result as a whole (schema,
 * merge, compile), so a published rule book is never one the clients would refuse. The budgets go
 * into the first file that has budgets (other files' budgets move there), else the finance team's
 * file, else a single file without a team. Other files keep their text byte for byte.
 * `rowOfIndex` maps the i-th budget to its sheet row for messages.
 */
export function publishBudgets(
  files: readonly RuleText[],
  budgets: readonly BudgetEntry[],
  rowOfIndex: readonly number[] = [],
): { ok: true; value: BudgetPublish } | { ok: false; errors: PublishIssue[] } {
  const before = parseRuleBookTexts(files);
  if (!before.ok) {
    return {
      ok: false,
      errors: [
        {
          file: "(current rule book)",
          path: "(file)",
          message: "is not valid, fix it before publishing budgets",
        },
        ...before.errors,
      ],
    };
  }
  const parsed = files.map((f) => JSON.parse(stripBom(f.text)) as Record<string, unknown>);
  let target = parsed.findIndex((o) => Array.isArray(o["budgets"]));
  if (target === -1) target = parsed.findIndex((o) => o["team"] === "finance");
  if (target === -1) target = parsed.findIndex((o) => o["team"] === undefined);
  if (target === -1) {
    return {
      ok: false,
      errors: [
        {
          file: files[0]?.name ?? "(rule book)",
          path: "budgets",
          message: 'no finance file to hold the budgets: add a file with "team": "finance" to the rule book',
        },
      ],
    };
  }
  const changed: string[] = [];
  const out: RuleText[] = files.map((f, i) => {
    const obj = parsed[i]!;
    if (i === target) {
      changed.push(f.name);
      return { name: f.name, text: formatRuleFile(withBudgets(obj, budgets)) };
    }
    if (obj["budgets"] !== undefined) {
      changed.push(f.name);
      const { budgets: _moved, ...rest } = obj;
      return { name: f.name, text: formatRuleFile(rest) };
    }
    return f;
  });
  let after = parseRuleBookTexts(out);
  if (!after.ok) {
    const targetName = files[target]!.name;
    return {
      ok: false,
      errors: after.errors.map((e) => {
        const m = /^budgets\[(\d+)\]/.exec(e.path);
        const row = m && e.file === targetName ? rowOfIndex[Number(m[1])] : undefined;
        return row === undefined ? e : { ...e, row };
      }),
    };
  }
  if (diffRuleBooks(before.value, after.value).length === 0) {
    return { ok: true, value: { files: out, changed, book: after.value, changes: [], revision: null } };
  }
  // The budgets changed: raise the revision where meta is.
  const from = before.value.meta.revision;
  const metaAt = parsed.findIndex((o) => isObject(o["meta"]));
  const metaFile = out[metaAt]!;
  const raised = raiseRevision(metaFile.text, from, from + 1);
  out[metaAt] = { name: metaFile.name, text: raised };
  const alone = !changed.includes(metaFile.name);
  if (alone) changed.push(metaFile.name);
  after = parseRuleBookTexts(out);
  if (!after.ok) throw new Error(`raising the revision made ${metaFile.name} invalid`);
  return {
    ok: true,
    value: {
      files: out,
      changed,
      book: after.value,
      changes: diffRuleBooks(before.value, after.value),
      revision: { from, to: from + 1, file: metaFile.name, alone },
    },
  };
}

/**
 * The file's text with `meta.revision` changed from `from` to `to`. Only the number is rewritten
 * when the text has exactly one `"revision": <from>`, so the file diffs as one changed line;
 * otherwise the file is written again in canonical form.
 */
function raiseRevision(text: string, from: number, to: number): string {
  const pattern = new RegExp(`("revision"\\s*:\\s*)${from}(?![\\d.eE])`, "g");
  const hits = text.match(pattern) ?? [];
  if (hits.length === 1) {
    const edited = text.replace(pattern, `$1${to}`);
    const meta = (JSON.parse(stripBom(edited)) as { meta?: { revision?: unknown } }).meta;
    if (meta?.revision === to) return edited;
  }
  const obj = JSON.parse(stripBom(text)) as Record<string, unknown>;
  return formatRuleFile({ ...obj, meta: { ...(obj["meta"] as Record<string, unknown>), revision: to } });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The file with its budgets replaced where they were (key order kept), or added after the other sections. */
function withBudgets(obj: Record<string, unknown>, budgets: readonly BudgetEntry[]): Record<string, unknown> {
  if (!("budgets" in obj)) return { ...obj, budgets };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = k === "budgets" ? budgets : v;
  return out;
}

const stripBom = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
