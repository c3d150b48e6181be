import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runHeadroom } from "../helpers/cli";
import { exampleFiles, type Editable } from "../helpers/rule-files";

/** The example team files in a new folder, with `domains` added to the supplier at `index` in procurement.json. */
function rulesWithDomains(index: number, ...domains: string[]): string {
  const files = structuredClone(exampleFiles()) as Record<string, Editable>;
  files["procurement.json"]!.suppliers[index].domains.push(...domains);
  const dir = mkdtempSync(join(tmpdir(), "headroom-domains-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

describe("headroom validate on supplier domains", () => {
  it("refuses a public suffix, naming the file, the path and why, and exits 1", async () => {
    const dir = rulesWithDomains(2, "github.io");
    const r = await runHeadroom(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      // Files are named relative to the working directory (the repository), wherever it is cloned.
      `${relative(repoRoot, join(dir, "procurement.json"))}: suppliers[2].domains[1]: "github.io" is a public suffix ` +
        "(on the Public Suffix List): anyone can have a site under it, so it cannot stand for one " +
        "supplier; list the supplier's own domain, like acme.github.io",
    );
    expect(r.stderr).toMatch(/1 problem in /);
  });

  it("refuses wildcards, empty labels and IP addresses, each at its own path", async () => {
    const dir = rulesWithDomains(0, "*.dell-outlet.com", "dell..com", "10.0.0.7");
    const r = await runHeadroom(["validate", dir, "--json"]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { errors: { file: string; path: string; message: string }[] };
    expect(body.errors.map((e) => [e.path, e.message])).toEqual([
      ["suppliers[0].domains[3]", expect.stringMatching(/"\*\.dell-outlet\.com" must not hold a wildcard/)],
      ["suppliers[0].domains[4]", expect.stringMatching(/"dell\.\.com" has an empty label/)],
      ["suppliers[0].domains[5]", expect.stringMatching(/"10\.0\.0\.7" is an IP address/)],
    ]);
    expect(body.errors.every((e) => e.file.endsWith("procurement.json"))).toBe(true);
  });

  it("refuses a port, saying the domain covers every port", async () => {
    const r = await runHeadroom(["validate", rulesWithDomains(0, "shop.dell.com:8443")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /procurement\.json: suppliers\[0\]\.domains\[3\]: must be a domain name only, without a port: the domain covers every port \(found "shop\.dell\.com:8443"\)/,
    );
  });

  it("accepts the supplier's own site under a public suffix", async () => {
    const dir = rulesWithDomains(2, "acme.github.io", "acme.myshopify.com");
    const r = await runHeadroom(["validate", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
