import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../shared/engine/types";
import { repoRoot, runHeadroom } from "../helpers/cli";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

describe("the README agrees with the code", () => {
  it("documents every finding code", () => {
    const documented = (code: string) =>
      readme.includes(`\`${code}\``) || readme.includes(`\`${code.split(".")[0]}.*\``);
    expect(FINDING_CODES.filter((c) => !documented(c))).toEqual([]);
  });

  it("documents every command the CLI has", async () => {
    const help = await runHeadroom(["--help"]);
    const commands = [...help.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(readme, c).toContain(`headroom ${c}`);
  });

  it("shows the two set-up commands first", () => {
    const commands = readme.indexOf("## The two commands");
    expect(commands).toBeGreaterThan(0);
    const block = readme.slice(commands, readme.indexOf("```", readme.indexOf("```", commands) + 3));
    expect(block).toContain("\nnpm start\n");
    expect(block).toContain("\nnpm install && npm test\n");
    expect(readme.indexOf("## The two commands")).toBeLessThan(readme.indexOf("## For finance"));
  });

  it("follows the order newcomers read in, and shows pictures the tests took", () => {
    const order = [
      "## The two commands",
      "## For finance",
      "## For buyers",
      "## For rule-book editors",
      "## For IT",
      "## For developers",
    ];
    const at = order.map((h) => readme.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    for (const image of readme.matchAll(/\]\((docs\/images\/[\w.-]+\.png)\)/g)) {
      expect(existsSync(join(repoRoot, image[1]!)), image[1]).toBe(true);
    }
  });

  it("shows an example of every custom function", () => {
    const source = readFileSync(join(repoRoot, "addin/functions/functions.ts"), "utf8");
    const names = [...source.matchAll(/@customfunction (\w+)/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) expect(readme, name).toContain(`=HEADROOM.${name}(`);
  });
});
