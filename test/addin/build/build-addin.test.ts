import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli";
import { buildAddinInto, runNode } from "./run-node";

const work = mkdtempSync(join(tmpdir(), "headroom-addin-build-"));
const out = join(work, "addin");

type FunctionsJson = {
  functions: {
    id: string;
    name: string;
    description: string;
    parameters: { name: string; type: string; optional?: boolean; description: string }[];
    result: { type?: string; dimensionality?: string };
  }[];
};

let metadata: FunctionsJson;

beforeAll(async () => {
  await buildAddinInto(out);
  metadata = JSON.parse(readFileSync(join(out, "functions.json"), "utf8")) as FunctionsJson;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run build:addin", () => {
  it("writes the page, both bundles with source maps, functions.json, the manifest and the icons", () => {
    for (const file of [
      "taskpane.html",
      "functions.js",
      "functions.js.map",
      "taskpane.js",
      "taskpane.js.map",
      "functions.json",
      "manifest.xml",
      ...[16, 32, 64, 80, 128].map((s) => `assets/icon-${s}.png`),
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    // Minified classic scripts that point at their maps.
    const functions = readFileSync(join(out, "functions.js"), "utf8");
    expect(functions.split("\n").length).toBeLessThan(5);
    expect(functions).toMatch(/\/\/# sourceMappingURL=functions\.js\.map\s*$/);
    expect(functions).not.toMatch(/^\s*(import|export)\s/m);
  });

  it("generates functions.json with custom-functions-metadata, as the source's JSDoc says", async () => {
    const fresh = await generateCustomFunctionsMetadata(join(repoRoot, "addin/functions/functions.ts"));
    expect(fresh.errors).toEqual([]);
    expect(metadata).toEqual(JSON.parse(fresh.metadataJson));
  });

  it("declares each function with the arguments Excel shows", () => {
    const signature = Object.fromEntries(
      metadata.functions.map((f) => [
        f.id,
        f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", "),
      ]),
    );
    expect(signature).toEqual({
      REMAINING: "costCenter, [date], [dateSystem]",
      BUDGET: "costCenter, [figure], [date], [dateSystem]",
      SUPPLIERSTATUS: "supplier, [category]",
      TERMS: "supplier",
      DUEDATE: "paymentTerms, invoiceDate, [dateSystem]",
      DISCOUNTDEADLINE: "paymentTerms, invoiceDate, [dateSystem]",
      DISCOUNTCOST: "paymentTerms, [basis], [invoiceDate], [dateSystem]",
      TERMSOK: "paymentTerms, [category], [invoiceDate], [dateSystem]",
      CHECK:
        "supplier, amount, costCenter, [category], [paymentTerms], [invoiceDate], [currency], [dateSystem]",
    });
    for (const f of metadata.functions) {
      // Names are what Excel shows after the manifest's namespace: HEADROOM.<name>.
      expect(f.name).toBe(f.id);
      expect(f.id).toMatch(/^[A-Z][A-Z0-9]*$/);
      expect(f.description.length, f.id).toBeGreaterThan(20);
      // "any" lets a wrong argument reach the function, which answers with a message.
      for (const p of f.parameters) {
        expect(p.type, `${f.id}(${p.name})`).toBe("any");
        expect(p.description, `${f.id}(${p.name})`).not.toBe("");
      }
    }
    const results = Object.fromEntries(metadata.functions.map((f) => [f.id, f.result]));
    expect(results.REMAINING).toEqual({ type: "number" });
    expect(results.BUDGET).toEqual({ type: "number", dimensionality: "matrix" });
    expect(results.TERMSOK).toEqual({ type: "boolean" });
    expect(results.CHECK).toEqual({ type: "string", dimensionality: "matrix" });
  });

  it("documents every function in addin/README.md, with its arguments", () => {
    const readme = readFileSync(join(repoRoot, "addin/README.md"), "utf8");
    for (const f of metadata.functions) {
      expect(readme, f.id).toContain(`### HEADROOM.${f.id}\n`);
      const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      expect(readme.replace(/\s+/g, " "), f.id).toContain(`HEADROOM.${f.id}(${args})`);
      expect(readme, f.id).toMatch(new RegExp(`=HEADROOM\\.${f.id}\\(`));
    }
  });

  it("fails with exit code 1 and the generator's errors for bad annotations, writing nothing", async () => {
    const bad = join(work, "bad");
    const result = await runNode([
      "scripts/build-addin.mjs",
      "--out-dir",
      bad,
      "--functions-source",
      "test/fixtures/addin/bad-functions.ts",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("build:addin failed: test/fixtures/addin/bad-functions.ts has errors");
    expect(result.stderr).toContain('does not support type "Date"');
    expect(result.stderr).toContain("duplicate id: WHEN");
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(bad)).toBe(false);
  });

  it("refuses a base URL that is not https, or not a URL", async () => {
    const http = await runNode(["scripts/build-addin.mjs", "--out-dir", join(work, "http")], {
      env: { HEADROOM_ADDIN_BASE_URL: "http://addins.example.com" },
    });
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('"http://addins.example.com" must start with https://');
    const junk = await runNode([
      "scripts/build-addin.mjs",
      "--out-dir",
      join(work, "junk"),
      "--base-url=addins",
    ]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('--base-url "addins" is not a URL');
    const query = await runNode([
      "scripts/build-addin.mjs",
      "--out-dir",
      join(work, "q"),
      "--base-url",
      "https://a.example/?x=1",
    ]);
    expect(query.code).toBe(1);
    expect(query.stderr).toContain("must not have a query");
  });
});
