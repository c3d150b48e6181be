import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";
import { exampleFiles, type Editable } from "../helpers/rule-files";

function writeRules(edit: (files: Record<string, Editable>) => void): string {
  const files = structuredClone(exampleFiles());
  edit(files);
  const dir = mkdtempSync(join(tmpdir(), "headroom-validate-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

describe("headroom validate", () => {
  it("accepts the example rule book and says what it holds", async () => {
    const r = await runHeadroom(["validate", "examples/rules"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /examples\/rules is valid: Northwind Analytics Inc\., revision 14; 12 budgets, 32 suppliers/,
    );
  });

  it("lists every problem as file: path: message and exits 1", async () => {
    const dir = writeRules((f) => {
      f["finance.json"]!.budgets[0].amount = "1,200,000";
      f["procurement.json"]!.suppliers[2].statuss = "approved";
    });
    const r = await runHeadroom(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /finance\.json: budgets\[0\]\.amount: must be a non-negative amount written as text/,
    );
    expect(r.stderr).toMatch(
      /procurement\.json: suppliers\[2\]\.statuss: unknown field "statuss" \(did you mean "status"\?\)/,
    );
    expect(r.stderr).toMatch(/2 problems in /);
  });

  it("prints the errors as JSON with --json", async () => {
    const dir = writeRules((f) => (f["procurement.json"]!.suppliers[0].categories = ["gadgets"]));
    const r = await runHeadroom(["validate", dir, "--json"]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as unknown;
    expect(body).toEqual({
      ok: false,
      errors: [
        {
          file: expect.stringMatching(/procurement\.json$/),
          path: "suppliers[0].categories[0]",
          message: expect.stringMatching(/unknown category "gadgets"/),
        },
      ],
    });
  });

  it("prints ok JSON for a valid rule book", async () => {
    const r = await runHeadroom(["validate", "examples/rules", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: [] });
  });

  it("exits 2 for a file that cannot be read", async () => {
    const r = await runHeadroom(["validate", "no-such-rules.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-rules\.json: \(file\): cannot be read: no such file or directory/);
  });

  it("exits 2 with the command's help for wrong usage", async () => {
    const missing = await runHeadroom(["validate"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/validate needs exactly one rule-book file or directory/);
    expect(missing.stderr).toMatch(/Usage: headroom validate/);
    const unknown = await runHeadroom(["validate", "examples/rules", "--jsn"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--jsn'/);
  });

  it("reports a broken JSON file with its line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-broken-"));
    writeFileSync(join(dir, "rules.json"), '{\n  "schemaVersion": 1,\n  "meta": {\n');
    const r = await runHeadroom(["validate", join(dir, "rules.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rules\.json: \(file\): is not valid JSON at line \d+, column \d+/);
  });
});

describe("headroom help", () => {
  it("lists the commands with --help and exits 0", async () => {
    const r = await runHeadroom(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["validate", "diff", "terms", "schema"]) expect(r.stdout).toContain(`  ${c}`);
  });

  it("shows each command's help", async () => {
    for (const c of ["validate", "diff", "terms", "schema"]) {
      const r = await runHeadroom([c, "--help"]);
      expect(r.code, c).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: headroom ${c}`));
    }
  });

  it("exits 2 for an unknown command, on stderr", async () => {
    const r = await runHeadroom(["vaildate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown command "vaildate"/);
  });
});
