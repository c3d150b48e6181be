import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runHeadroom, runNode, type ProcessResult } from "../helpers/cli";
import { exampleFiles } from "../helpers/rule-files";

// A rule book is edited in pull requests and checked in CI, whose log anyone on the project reads:
// what it includes must stay inside its folder, and nothing from a file outside may reach the output.

/** Text of files outside the rule book's folder; none of it may ever appear in what headroom prints. */
const OUTSIDE_SECRET = "TOPSECRET=outside-4711";
const ENVIRON_SECRET = "environ-secret-0815";

let base: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "headroom-includes-"));
  outside = join(base, "outside");
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.json"), OUTSIDE_SECRET);
  writeFileSync(join(outside, "secret.txt"), OUTSIDE_SECRET);
});

/** A folder holding the example's team files and rules.json, which includes them and `extra`. */
function book(extra: string[], setup?: (dir: string) => void): string {
  const dir = mkdtempSync(join(base, "book-"));
  for (const [name, content] of Object.entries(exampleFiles()))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  writeFileSync(
    join(dir, "rules.json"),
    JSON.stringify({
      schemaVersion: 1,
      include: ["shared.json", "procurement.json", "finance.json", ...extra],
    }),
  );
  setup?.(dir);
  return dir;
}

/** `headroom validate rules.json` in `dir`, with a secret in its environment (for /proc/self/environ). */
function validate(dir: string, entry = "rules.json"): Promise<ProcessResult> {
  return runNode([`${repoRoot}bin/headroom.mjs`, "validate", entry], {
    cwd: dir,
    env: { HEADROOM_TEST_SECRET: ENVIRON_SECRET },
  });
}

/** Exit 2 (a file that is not read), one problem naming rules.json and the entry, and no outside text. */
function expectRefused(r: ProcessResult, line: string): void {
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(`${line}\n1 problem in rules.json\n`);
  expect(r.code).toBe(2);
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toContain("TOPSECRET");
    expect(text).not.toContain(ENVIRON_SECRET);
    expect(text).not.toContain("root:");
  }
}

describe("headroom: includes stay inside the rule book's folder", () => {
  it("refuses /proc/self/environ: an absolute path, never opened", async () => {
    const r = await validate(book(["/proc/self/environ"]));
    expectRefused(
      r,
      `rules.json: include: includes "/proc/self/environ", which is an absolute path: include files by their path from this file's folder`,
    );
  });

  it("refuses an absolute path even to a .json file", async () => {
    const secret = join(outside, "secret.json");
    const r = await validate(book([secret]));
    expectRefused(
      r,
      `rules.json: include: includes ${JSON.stringify(secret)}, which is an absolute path: include files by their path from this file's folder`,
    );
  });

  it("refuses ../ up to /etc/passwd, and ../ to a .json file outside the folder", async () => {
    const dir = book([]);
    const passwd = relative(dir, "/etc/passwd");
    expect(passwd.startsWith("../")).toBe(true);
    const toPasswd = await validate(book([passwd]));
    expectRefused(toPasswd, `rules.json: include: includes "${passwd}", which is not a .json file`);

    const r = await validate(book(["../outside/secret.json"]));
    expectRefused(
      r,
      `rules.json: include: includes "../outside/secret.json", which is outside the rule book's folder`,
    );
  });

  it("refuses a link that leaves the folder (an include, a team file); follows one that stays inside", async () => {
    const link = (dir: string) => symlinkSync(join(outside, "secret.json"), join(dir, "budgets-2027.json"));
    const r = await validate(book(["budgets-2027.json"], link));
    expectRefused(
      r,
      `rules.json: include: includes "budgets-2027.json", which is a link to a file outside the rule book's folder`,
    );

    // A linked folder inside that leads outside is the same.
    const viaFolder = await validate(
      book(["more/secret.json"], (dir) => symlinkSync(outside, join(dir, "more"))),
    );
    expectRefused(
      viaFolder,
      `rules.json: include: includes "more/secret.json", which is a link to a file outside the rule book's folder`,
    );

    // Team files read as a directory: every .json file in it is read, so a link among them is refused too.
    const teams = book([], link);
    const r2 = await runHeadroom(["validate", "."], { cwd: teams });
    expect(r2.stderr).toBe(
      "budgets-2027.json: (file): is a link to a file outside the rule book's folder\n1 problem in .\n",
    );
    expect(r2.code).toBe(2);
    expect(r2.stderr + r2.stdout).not.toContain("TOPSECRET");

    // A link that stays inside the folder is followed.
    const within = book([], (d) => {
      mkdirSync(join(d, "teams"));
      symlinkSync(join(d, "finance.json"), join(d, "teams", "finance-current.json"));
      writeFileSync(
        join(d, "rules.json"),
        JSON.stringify({
          schemaVersion: 1,
          include: ["shared.json", "procurement.json", "teams/finance-current.json"],
        }),
      );
    });
    const followed = await validate(within);
    expect(followed.stderr).toBe("");
    expect(followed.stdout).toMatch(
      /^rules\.json is valid: Northwind Analytics Inc\., revision \d+; .* \(4 files\)\n$/,
    );
    expect(followed.code).toBe(0);
  });

  it("refuses what is not a regular file: a directory named x.json, a named pipe", async () => {
    const dir = await validate(book(["x.json"], (d) => mkdirSync(join(d, "x.json"))));
    expectRefused(dir, `rules.json: include: includes "x.json", which is a directory, not a file`);

    // Opening a named pipe for reading would wait for a writer for ever; it is refused at once.
    const fifo = await validate(book(["pipe.json"], (d) => execFileSync("mkfifo", [join(d, "pipe.json")])));
    expectRefused(
      fifo,
      `rules.json: include: includes "pipe.json", which is not a regular file (a device, a pipe or a socket)`,
    );
  });

  it("clips a long include entry in the message", async () => {
    const long = `${"a/".repeat(150)}x.json`;
    const r = await validate(book([long]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `includes "${long.slice(0, 80)}…", which cannot be read: no such file or directory`,
    );
    expect(r.stderr).not.toContain(long);
  });

  it("shows no more of a file that is not JSON than the character where it fails", async () => {
    const dir = book(["notes.json"], (d) => writeFileSync(join(d, "notes.json"), OUTSIDE_SECRET));
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "notes.json: (file): is not valid JSON: Unexpected token 'T'\n1 problem in rules.json\n",
    );
  });
});
