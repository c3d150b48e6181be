import type { z } from "zod";
import { MAX_SHOWN, quoteText } from "../text/quote";

/** A problem found in a rule book: which file, where in it (a JSON path like `suppliers[3].domains[0]`), and why. */
export type RuleIssue = { file: string; path: string; message: string };

/** Renders a path array as people read it: `suppliers[3].domains[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const name = String(key);
      const plain = name.length <= MAX_SHOWN && /^[A-Za-z_$][\w$]*$/.test(name);
      out += plain ? (out ? `.${name}` : name) : `[${quoteText(name)}]`;
    }
  }
  return out || "(top level)";
}

/** One line per issue: `file: path: message`. */
export function formatIssue(issue: RuleIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.message}`;
}

type ZodIssue = z.core.$ZodIssue;

/** Turns zod's issues into plain-language RuleIssues, with the value found where that helps. */
export function fromZodIssues(
  file: string,
  schema: z.core.$ZodType,
  issues: readonly ZodIssue[],
  input: unknown,
): RuleIssue[] {
  const out: RuleIssue[] = [];
  const ctx = { file, schema, root: input, out };
  for (const issue of issues) collect(issue, [], ctx);
  return out;
}

type Ctx = { file: string; schema: z.core.$ZodType; root: unknown; out: RuleIssue[] };

function collect(issue: ZodIssue, prefix: PropertyKey[], ctx: Ctx): void {
  const { file, root, out } = ctx;
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const branch = bestBranch(issue.errors);
    const expected = rootTypes(issue.errors);
    if (branch && expected === undefined) {
      for (const inner of branch) collect(inner, path, ctx);
      return;
    }
    if (expected !== undefined) {
      out.push({
        file,
        path: formatPath(path),
        message: `must be ${expected} (found ${describe(valueAt(root, path))})`,
      });
      return;
    }
  }
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(ctx.schema, path);
    for (const key of issue.keys) {
      const hint = closest(key, allowed);
      out.push({
        file,
        path: formatPath([...path, key]),
        message: `unknown field ${quoteText(key)}${hint ? ` (did you mean "${hint}"?)` : ""}; remove it or fix its name`,
      });
    }
    return;
  }
  const value = valueAt(root, path);
  let message = issue.message;
  if (issue.code === "invalid_type" && message.startsWith("Invalid input")) message = mustBe(issue.expected);
  else if (issue.code === "invalid_value" && message.startsWith("Invalid"))
    message = `must be ${oneOf(issue.values)}`;
  if (issue.code === "invalid_type" && value === undefined) message = "is required but missing";
  else if (
    issue.code === "invalid_type" ||
    issue.code === "invalid_format" ||
    issue.code === "invalid_value"
  ) {
    message = `${message} (found ${describe(value)})`;
  }
  out.push({ file, path: formatPath(path), message });
}

/** "one of "a", "b" or "c"" for the allowed values of an enum or literal. */
function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length === 1 ? shown[0]! : `one of ${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

/** Zod's default type messages in words: what the field must be. */
function mustBe(expected: string): string {
  return `must be ${TYPE_WORDS[expected] ?? expected}`;
}

const TYPE_WORDS: Record<string, string> = {
  array: "a list [ … ]",
  object: "an object { … }",
  record: "an object { … }",
  string: "text in quotes",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/** When no branch of a union got past the type of the value itself: the types the branches take. */
function rootTypes(branches: readonly (readonly ZodIssue[])[]): string | undefined {
  const types: string[] = [];
  for (const branch of branches) {
    const root = branch.find((i) => i.path.length === 0 && i.code === "invalid_type");
    if (!root || root.code !== "invalid_type") return undefined;
    const word = TYPE_WORDS[root.expected] ?? root.expected;
    if (!types.includes(word)) types.push(word);
  }
  return types.length > 0 ? types.join(" or ") : undefined;
}

/** In a union, report the branch that got furthest: fewest issues, and not a type mismatch at its root. */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined;
  let bestScore = Infinity;
  for (const branch of branches) {
    const rootMismatch = branch.some(
      (i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"),
    );
    const score = (rootMismatch ? 1000 : 0) + branch.length;
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Field names the schema allows at a path, for "did you mean" hints. Union branches contribute all their keys. */
function allowedKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let level: z.core.$ZodType[] = [schema];
  for (const key of [...path, null]) {
    const next: z.core.$ZodType[] = [];
    const keys: string[] = [];
    const visit = (s: z.core.$ZodType): void => {
      const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === "optional" || def.type === "nullable" || def.type === "default")
        visit(def.innerType as z.core.$ZodType);
      else if (def.type === "pipe") visit(def.in as z.core.$ZodType);
      else if (def.type === "union") for (const o of def.options as z.core.$ZodType[]) visit(o);
      else if (def.type === "object") {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (key === null) keys.push(...Object.keys(shape));
        else if (typeof key === "string" && shape[key]) next.push(shape[key]);
      } else if (def.type === "array" && typeof key === "number") next.push(def.element as z.core.$ZodType);
      else if (def.type === "record" && key !== null) next.push(def.valueType as z.core.$ZodType);
    };
    for (const s of level) visit(s);
    if (key === null) return keys;
    level = next;
  }
  return [];
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return quoteText(value);
  return `${typeof value} ${String(value)}`;
}

const MAX_HINTED_WORD = 40;

/** Closest known name by edit distance, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // A long word is no typo of a short name, and its distance would cost time on the error path.
  if (word.length > MAX_HINTED_WORD) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
