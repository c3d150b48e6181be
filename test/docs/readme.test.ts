import { readFileSync } from "node:fs";
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
    expect(readme).toContain(
      "npm install && npx headroom check examples/purchases.csv --rules examples/rules",
    );
    expect(readme).toContain("npm install && npm test");
  });
});
