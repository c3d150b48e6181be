import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type LaunchOptions } from "playwright-core";

/**
 * Real Chromium for the demo and the end-to-end tests: Debian's `chromium` (or `$CHROMIUM_PATH`) driven by
 * playwright-core. `npx playwright install` cannot download here, so the browser is the system's.
 */
export function chromiumPath(): string {
  const candidates = [
    process.env["CHROMIUM_PATH"],
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  const found = candidates.find((p): p is string => p !== undefined && p !== "" && existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
  }
  return found;
}

/** Flags that keep Chromium quiet on a machine without internet, as root, without a GPU. */
export const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
];

export type ChromiumOptions = {
  /** Show a window (the demo with a display); tests always run headless. */
  headed?: boolean;
  /** Unpacked extension folders to load (e.g. dist/extension/chrome-mv3). */
  extensions?: string[];
  /** Host names mapped to 127.0.0.1, e.g. ["*.example-supplier.com", "dell.com"], or "host 127.0.0.1:port". */
  mapHosts?: string[];
  extraArgs?: string[];
};

/** A persistent context (needed for extensions) in a fresh profile, removed on close. */
export async function launchChromium(
  options: ChromiumOptions = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "headroom-chromium-"));
  const args = [...QUIET_FLAGS, ...(options.extraArgs ?? [])];
  if (options.extensions?.length) {
    const list = options.extensions.join(",");
    args.push(`--disable-extensions-except=${list}`, `--load-extension=${list}`);
  }
  if (options.mapHosts?.length) {
    // A rule may name a port too ("www.dell.com 127.0.0.1:8781"), so pages keep port-less addresses.
    const target = (h: string) => (h.includes(" ") ? h : `${h} 127.0.0.1`);
    args.push(`--host-resolver-rules=${options.mapHosts.map((h) => `MAP ${target(h)}`).join(", ")}`);
  }
  // The caller stops the browser on Ctrl-C (the demo closes its servers too), not Playwright.
  const launch: LaunchOptions = {
    executablePath: chromiumPath(),
    headless: !options.headed,
    args,
    handleSIGINT: false,
    handleSIGTERM: false,
  };
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    ignoreDefaultArgs: ["--disable-extensions"],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
