import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffRuleBooks } from "../../shared/diff/rule-book-diff";
import { parseRuleBookTexts } from "../../shared/rules/load";
import { runHeadroom } from "../helpers/cli";
import { exampleFiles } from "../helpers/rule-files";

const exampleBook = () => {
  const loaded = parseRuleBookTexts(
    Object.entries(exampleFiles()).map(([name, content]) => ({ name, text: JSON.stringify(content) })),
  );
  if (!loaded.ok) throw new Error("example rule book is invalid");
  return loaded.value;
};

describe("headroom bundle", () => {
  it("writes the team files as one file that loads to the same rule book", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "headroom-bundle-")), "rules.json");
    const r = await runHeadroom(["bundle", "examples/rules", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote ${out}: Northwind Analytics Inc., revision 14, from 3 files.\n`);
    const text = readFileSync(out, "utf8");
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw).not.toHaveProperty("team");
    expect(Object.keys(raw)[0]).toBe("schemaVersion");
    const bundled = parseRuleBookTexts([{ name: "rules.json", text }]);
    expect(bundled.ok).toBe(true);
    if (bundled.ok) expect(diffRuleBooks(exampleBook(), bundled.value)).toEqual([]);
    // Printing gives the same text as writing.
    expect((await runHeadroom(["bundle", "examples/rules"])).stdout).toBe(text);
  });

  it("follows include from a root file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-bundle-"));
    for (const [name, content] of Object.entries(exampleFiles()))
      writeFileSync(join(dir, name), JSON.stringify(content));
    writeFileSync(
      join(dir, "root.json"),
      JSON.stringify({ schemaVersion: 1, include: ["shared.json", "finance.json", "procurement.json"] }),
    );
    const r = await runHeadroom(["bundle", join(dir, "root.json")]);
    expect(r.code).toBe(0);
    const bundled = parseRuleBookTexts([{ name: "rules.json", text: r.stdout }]);
    expect(bundled.ok && diffRuleBooks(exampleBook(), bundled.value)).toEqual([]);
  });

  it("writes nothing for an invalid rule book and lists its problems", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-bundle-"));
    const files = exampleFiles();
    (files["finance.json"] as { budgets: { amount: string }[] }).budgets[0]!.amount = "lots";
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), JSON.stringify(content));
    const out = join(dir, "out.json");
    const r = await runHeadroom(["bundle", dir, "--out", out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("finance.json: budgets[0].amount:");
    expect(r.stderr).toContain("Nothing was written");
    expect(() => readFileSync(out)).toThrow();
  });

  it("is a usage error without exactly one rule book, and exit 2 when it cannot be read", async () => {
    expect((await runHeadroom(["bundle"])).code).toBe(2);
    const missing = await runHeadroom(["bundle", "no-such-dir/rules.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such-dir/rules.json");
  });
});
