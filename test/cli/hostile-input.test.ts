import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";

// eslint-disable-next-line no-control-regex -- what a terminal must never receive from Headroom's text
const DRIVES_A_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function register(rows: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "headroom-hostile-"));
  const file = join(dir, "register.csv");
  writeFileSync(
    file,
    ["PO Number,Invoice Date,Vendor,Cost Center,Category,Amount,Currency,Payment Terms", ...rows].join("\n"),
  );
  return file;
}

describe("headroom with hostile or huge input", () => {
  it("prints a report with no control characters and no echoed value over 80 characters", async () => {
    const file = register([
      `PO-1,2026-09-01,De\u001b[31mll\u202e,IT-HW,it-hardware,100.00,USD,Net 45`,
      `PO-2,2026-09-01,Dell,IT-HW,it-hardware,1\u001b[2J00.00,USD,${"Netto".repeat(200_000)}`,
      `PO-3,2026-09-01,${"Q".repeat(500_000)},${"IT".repeat(100_000)},it-hardware,5.00,USD,Net 45`,
    ]);
    const r = await runHeadroom(["check", file, "--rules", "examples/rules", "--as-of", "2026-11-30"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(DRIVES_A_TERMINAL);
    expect(r.stdout).toContain('Supplier "De\\u001b[31mll\\u202e" is not in the rule book.');
    expect(r.stdout).toContain("payment terms are 1000000 characters long; write them in at most 200");
    expect(Math.max(...r.stdout.split("\n").map((l) => l.length))).toBeLessThan(400);
    expect(r.stdout.length).toBeLessThan(10_000);
  });

  it("passes the register's own cells through unchanged with --csv (data, not text for a terminal)", async () => {
    const file = register([`PO-1,2026-09-01,De\u001b[31mll,IT-HW,it-hardware,100.00,USD,Net 45`]);
    const r = await runHeadroom([
      "check",
      file,
      "--rules",
      "examples/rules",
      "--as-of",
      "2026-11-30",
      "--csv",
    ]);
    expect(r.stdout.split("\n")[1]?.startsWith("PO-1,2026-09-01,De\u001b[31mll,")).toBe(true);
  });

  it("refuses payment terms over 200 characters without echoing them", async () => {
    const r = await runHeadroom(["terms", `Net 30 ${"x".repeat(300)}`, "--date", "2026-06-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'payment terms are 307 characters long; write them in at most 200, like "2/10 Net 30"\n',
    );
  });
});
