import { readFileSync } from "node:fs";
import { env } from "node:process";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type UserManifest } from "wxt";
import { parseRuleBookTexts } from "../shared/rules/load";
import { hostPermissionPatterns } from "../shared/permissions/host-patterns";

/** The extension's version is the project's (WXT looks for a package.json in extension/, which has none). */
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The rule book the end-to-end test build pre-grants when `HEADROOM_E2E_HOSTS` is not set. */
const EXAMPLE_RULE_FILES = ["finance.json", "procurement.json", "shared.json"];

/**
 * Host permissions of the END-TO-END TEST BUILD only (`wxt build --mode e2e`, written to
 * dist/extension/chrome-mv3-e2e). Headless Chromium cannot answer a permission prompt, so that build
 * grants its test hosts in the manifest: `HEADROOM_E2E_HOSTS` (comma-separated match patterns), or by
 * default the example rule book's supplier sites plus the local rules server (127.0.0.1, localhost).
 * Normal builds have no host permissions at all.
 */
function e2eHostPermissions(): string[] {
  const fromEnv = env["HEADROOM_E2E_HOSTS"];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return fromEnv
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
  }
  const root = new URL("../examples/rules/", import.meta.url);
  const loaded = parseRuleBookTexts(
    EXAMPLE_RULE_FILES.map((name) => ({ name, text: readFileSync(new URL(name, root), "utf8") })),
  );
  if (!loaded.ok) throw new Error(`examples/rules does not load: ${JSON.stringify(loaded.errors[0])}`);
  return [...hostPermissionPatterns(loaded.value), "http://127.0.0.1/*", "http://localhost/*"];
}

// WXT builds from this folder; outputs land in ../dist/extension/<browser>-mv3[-<mode>].
export default defineConfig({
  srcDir: ".",
  outDir: "../dist/extension",
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  zip: {
    artifactTemplate: "headroom-{{version}}-{{browser}}.zip",
    // Firefox reviewers rebuild from source: the extension needs shared/ and the root configs too.
    sourcesRoot: fileURLToPath(new URL("..", import.meta.url)),
    sourcesTemplate: "headroom-{{version}}-sources.zip",
    excludeSources: [
      "dist/**",
      "addin/**",
      "test/**",
      "bench/**",
      "coverage/**",
      "demo-output/**",
      "**/.wxt/**",
    ],
  },
  manifest: ({ browser, mode }) => {
    const firefox = browser === "firefox";
    const manifest: UserManifest = {
      name: "Headroom",
      version,
      description: "Preferred-supplier status and budget headroom while you shop on supplier sites.",
      permissions: ["storage", "alarms", "scripting"],
      // Asked for at run time, for exactly the rule book's supplier sites (and the rules server).
      // Firefox accepts a requested `*://*.dell.com/*` only when ONE optional pattern covers both of
      // its schemes, so it gets `*://*/*` (it refuses the request against the http/https pair).
      optional_host_permissions: firefox ? ["*://*/*"] : ["https://*/*", "http://*/*"],
      web_accessible_resources: [
        {
          resources: ["overlay.html"],
          // The background answers `overlay/view` only for a tab on a granted supplier site, so a
          // stranger framing this page learns nothing.
          matches: ["<all_urls>"],
          ...(firefox ? {} : { use_dynamic_url: true }),
        },
      ],
      action: { default_title: "Headroom" },
    };
    if (firefox) {
      manifest.browser_specific_settings = {
        gecko: {
          id: "headroom@northwind.example",
          strict_min_version: "128.0",
          data_collection_permissions: { required: ["none"] },
        },
      };
    } else {
      // Firefox reads managed storage from enterprise policy without a schema in the manifest.
      manifest.storage = { managed_schema: "managed-schema.json" };
    }
    // The demo build (npm start) pre-grants the example rule book's sites the same way.
    if (mode === "e2e" || mode === "demo") manifest.host_permissions = e2eHostPermissions();
    return manifest;
  },
});
