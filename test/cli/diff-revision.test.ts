import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";
import { exampleFiles, type Editable } from "../helpers/rule-files";

type Files = Record<string, Editable>;

function writeRules(edit: (files: Files) => void): string {
  const files = structuredClone(exampleFiles()) as Files;
  edit(files);
  const dir = mkdtempSync(join(tmpdir(), "headroom-diff-revision-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

const raiseBudget = (f: Files) => (f["finance.json"]!.budgets[0].amount = "1250000.00");

describe("headroom diff and the revision", () => {
  it("says when a changed rule book keeps its revision", async () => {
    const r = await runHeadroom(["diff", "examples/rules", writeRules(raiseBudget)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual([
      "finance: budget IT-HW amount 1,200,000.00 → 1,250,000.00 USD",
      'warning: revision not raised: both rule books say revision 14; raise meta.revision in the new one, or clients that have revision 14 take it only with the warning "revision was not raised"',
    ]);
  });

  it("says when the new revision is lower, as text and as JSON", async () => {
    const older = writeRules((f) => {
      raiseBudget(f);
      f["shared.json"]!.meta.revision = 3;
    });
    const r = await runHeadroom(["diff", "examples/rules", older]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").at(-1)).toBe(
      "warning: revision goes back: the new rule book says revision 3, lower than 14; clients that applied revision 14 refuse it and keep theirs",
    );
    const json = await runHeadroom(["diff", "examples/rules", older, "--json"]);
    expect((JSON.parse(json.stdout) as { revision: unknown }).revision).toEqual({
      before: 14,
      after: 3,
      warning:
        "revision goes back: the new rule book says revision 3, lower than 14; clients that applied revision 14 refuse it and keep theirs",
    });
  });

  it("says nothing more when the revision went up, or when nothing changed", async () => {
    const raised = writeRules((f) => {
      raiseBudget(f);
      f["shared.json"]!.meta.revision = 15;
    });
    const r = await runHeadroom(["diff", "examples/rules", raised]);
    expect(r.stdout).not.toMatch(/warning/);
    const json = await runHeadroom(["diff", "examples/rules", raised, "--json"]);
    expect((JSON.parse(json.stdout) as { revision: unknown }).revision).toEqual({
      before: 14,
      after: 15,
      warning: null,
    });
    const same = await runHeadroom(["diff", "examples/rules", writeRules(() => {})]);
    expect(same.stdout).toBe("no changes\n");
  });
});
