import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runHeadroom } from "../helpers/cli";
import { exampleFiles, type Editable } from "../helpers/rule-files";

type Files = Record<string, Editable>;

function writeRules(edit: (files: Files) => void = () => {}): string {
  const files = structuredClone(exampleFiles()) as Files;
  edit(files);
  const dir = mkdtempSync(join(tmpdir(), "headroom-diff-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

describe("headroom diff", () => {
  const after = writeRules((f) => {
    f["finance.json"]!.budgets[0].amount = "1250000.00";
    f["finance.json"]!.fxRates.rates.EUR = "1.0900";
    const lenovo = f["procurement.json"]!.suppliers[1];
    lenovo.status = "preferred";
    lenovo.domains.push("lenovo.co.uk");
    lenovo.terms = "2/10 Net 45";
    f["procurement.json"]!.suppliers.push({
      id: "acme",
      name: "Acme Tools",
      categories: ["mro"],
      status: "approved",
    });
    f["shared.json"]!.meta.revision = 15;
  });

  it("says what changed, in words, grouped by team", async () => {
    const r = await runHeadroom(["diff", "examples/rules", after]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      "finance: budget IT-HW amount 1,200,000.00 → 1,250,000.00 USD",
      "finance: FX rates EUR 1.0850 → 1.0900",
      "procurement: supplier Lenovo (United States) Inc. status approved → preferred; terms Net 30 → 2/10 Net 45; domain lenovo.co.uk added",
      "procurement: supplier Acme Tools added: approved, mro",
      "shared: rule book revision 14 → 15",
    ]);
  });

  it("prints the changes as JSON with --json", async () => {
    const r = await runHeadroom(["diff", "examples/rules", after, "--json"]);
    const body = JSON.parse(r.stdout) as { changes: { team: string; section: string; text: string }[] };
    expect(body.changes[0]).toMatchObject({
      team: "finance",
      section: "budgets",
      subject: "budget IT-HW",
      kind: "changed",
    });
    expect(body.changes.map((c) => c.team)).toEqual([
      "finance",
      "finance",
      "procurement",
      "procurement",
      "shared",
    ]);
  });

  it("shows a domain with letters outside ASCII beside its punycode, so a look-alike cannot pass", async () => {
    const lookAlike = writeRules((f) => {
      f["procurement.json"]!.suppliers[0].domains.push("d\u0435ll.com");
      f["shared.json"]!.meta.revision = 15;
    });
    const r = await runHeadroom(["diff", "examples/rules", lookAlike]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("domain d\u0435ll.com (xn--dll-rdd.com) added");
    expect(r.stdout).not.toContain("domain dell.com");
  });

  it("says so when nothing changed", async () => {
    const r = await runHeadroom(["diff", "examples/rules", writeRules()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("no changes\n");
  });

  it("refuses to compare an invalid rule book, listing its problems", async () => {
    const broken = writeRules((f) => (f["finance.json"]!.budgets[0].action = "halt"));
    const r = await runHeadroom(["diff", "examples/rules", broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/finance\.json: budgets\[0\]\.action/);
  });

  it("exits 2 without two rule books", async () => {
    const r = await runHeadroom(["diff", "examples/rules"]);
    expect(r.code).toBe(2);
  });
});

describe("headroom schema", () => {
  it("prints the committed JSON Schema", async () => {
    const r = await runHeadroom(["schema"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(readFileSync(join(repoRoot, "schema/rulebook.schema.json"), "utf8")),
    );
  });
});
