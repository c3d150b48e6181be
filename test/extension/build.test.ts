import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli";

// What `npm run build:extension` ships (npm test builds it first): least privilege and a small content script.
const builds = ["chrome-mv3", "firefox-mv3"] as const;
const dir = (build: string) => join(repoRoot, "dist/extension", build);
const manifest = (build: string) =>
  JSON.parse(readFileSync(join(dir(build), "manifest.json"), "utf8")) as Record<string, unknown>;

describe.each(builds)("the %s build", (build) => {
  it("asks for no site at install: sites are optional and requested at run time", () => {
    const m = manifest(build);
    expect(m["host_permissions"]).toBeUndefined();
    expect(m["permissions"]).toEqual(["storage", "alarms", "scripting"]);
    // Firefox grants a requested `*://*.dell.com/*` only under one optional pattern with both schemes.
    expect(m["optional_host_permissions"]).toEqual(
      build === "firefox-mv3" ? ["*://*/*"] : ["https://*/*", "http://*/*"],
    );
    // No content script is declared: the background registers it for the granted supplier sites only.
    expect((m["content_scripts"] as unknown[] | undefined) ?? []).toEqual([]);
  });

  it("has its icons and the content script it registers", () => {
    const icons = manifest(build)["icons"] as Record<string, string>;
    expect(Object.keys(icons).sort()).toEqual(["128", "16", "32", "48"]);
    for (const file of Object.values(icons)) expect(existsSync(join(dir(build), file)), file).toBe(true);
    expect(existsSync(join(dir(build), "content-scripts/supplier.js"))).toBe(true);
  });

  it("keeps zod and Preact out of the content script", () => {
    const code = readFileSync(join(dir(build), "content-scripts/supplier.js"), "utf8");
    // Markers that survive minification: zod's `jitless` setting, and Preact's SVG namespace.
    const markers = { zod: /jitless/, preact: /www\.w3\.org\/2000\/svg/ };
    const pages = readdirSync(join(dir(build), "chunks")).map((f) =>
      readFileSync(join(dir(build), "chunks", f), "utf8"),
    );
    // The markers are real: the extension's pages do carry both libraries.
    expect(pages.some((p) => markers.zod.test(p))).toBe(true);
    expect(pages.some((p) => markers.preact.test(p))).toBe(true);
    expect(code).not.toMatch(markers.zod);
    expect(code).not.toMatch(markers.preact);
    expect(gzipSync(code).length).toBeLessThan(16 * 1024);
  });
});
