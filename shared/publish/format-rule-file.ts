/** Line width the repository's formatter uses; rule files are kept in the same shape. */
const WIDTH = 110;

/**
 * A rule file's JSON text in the repository's canonical shape (what prettier writes for these files):
 * two-space indent, every object broken over lines, lists of plain values on one line when they fit
 * in 110 columns, one item per line otherwise, and a final newline. A file written by Headroom then
 * diffs cleanly against the hand-edited one.
 */
export function formatRuleFile(value: unknown): string {
  return write(value, "", "") + "\n";
}

function write(value: unknown, indent: string, prefix: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isPlain)) {
      const inline = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      // The closing "," after the list counts too, as prettier counts it.
      if (indent.length + prefix.length + inline.length + 1 <= WIDTH) return inline;
    }
    const inner = indent + "  ";
    return `[\n${value.map((v) => inner + write(v, inner, "")).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    const lines = entries.map(([k, v]) => {
      const key = `${JSON.stringify(k)}: `;
      return inner + key + write(v, inner, key);
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== "object";
}
