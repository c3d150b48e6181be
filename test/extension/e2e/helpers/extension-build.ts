import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildIsCurrent, buildUnlessCurrent, ROOT } from "./build-lock";

/** The END-TO-END TEST BUILD: its manifest pre-grants the test hosts (headless Chromium cannot answer a prompt). */
export const E2E_BUILD = join(ROOT, "dist/extension/chrome-mv3-e2e");

/** Host permissions the supplier-page tests need the e2e build to hold. */
export const NEEDED_HOST_PATTERNS = [
  "*://*.dell.com/*",
  "*://*.lenovo.com/*",
  "*://*.gadgetzone.example/*",
  "*://*.kantoorhuis.example.nl/*",
  "http://127.0.0.1/*",
];

const buildIsFresh = () => buildIsCurrent(E2E_BUILD, ["content-scripts/supplier.js", "overlay.html"]);

function missingHosts(): string[] {
  const manifest = JSON.parse(readFileSync(join(E2E_BUILD, "manifest.json"), "utf8")) as {
    host_permissions?: string[];
  };
  const granted = new Set(manifest.host_permissions ?? []);
  return NEEDED_HOST_PATTERNS.filter((p) => !granted.has(p));
}

/**
 * The e2e build, rebuilt (`wxt build extension --mode e2e`, default test hosts: the example rule
 * book's supplier sites and 127.0.0.1) when it is missing or older than the sources. Fails when the
 * build does not grant the hosts these tests use.
 */
export async function ensureE2eBuild(): Promise<string> {
  const env = { ...process.env };
  delete env["HEADROOM_E2E_HOSTS"];
  await buildUnlessCurrent(buildIsFresh, ["--mode", "e2e"], env);
  const missing = missingHosts();
  if (missing.length > 0) {
    throw new Error(
      `${E2E_BUILD} does not grant ${missing.join(", ")}; rebuild it with the default test hosts`,
    );
  }
  return E2E_BUILD;
}
