import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { chromium, type BrowserContext, type LaunchOptions } from "playwright-core";

/** How to get Chromium, for every message that says it is missing. */
export const CHROMIUM_HINT =
  "install it (Debian/Ubuntu: sudo apt-get install -y chromium; macOS: brew install --cask chromium) " +
  "or set CHROMIUM_PATH to its executable";

/** Executable names of Chromium on PATH (Debian's package, older Ubuntu's, the snap's wrapper). */
const ON_PATH = ["chromium", "chromium-browser"];
/** Places a Chromium may sit outside PATH. Branded Chrome is left out: it loads no unpacked extension. */
const WELL_KNOWN = ["/usr/bin/chromium", "/Applications/Chromium.app/Contents/MacOS/Chromium"];

/**
 * Where Chromium is, or why there is none. `$CHROMIUM_PATH`, when set, is the only place looked at: a
 * path that does not exist is the user's mistake to be told, not a reason to take another browser.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; path: string } | { ok: false; why: string } {
  const chosen = env["CHROMIUM_PATH"];
  if (chosen !== undefined && chosen !== "") {
    return existsSync(chosen)
      ? { ok: true, path: chosen }
      : { ok: false, why: `CHROMIUM_PATH is ${chosen}, which does not exist: ${CHROMIUM_HINT}.` };
  }
  const dirs = (env["PATH"] ?? "").split(delimiter).filter((d) => d !== "");
  const candidates = [...dirs.flatMap((dir) => ON_PATH.map((name) => join(dir, name))), ...WELL_KNOWN];
  const found = candidates.find((p) => existsSync(p));
  return found ? { ok: true, path: found } : { ok: false, why: `No Chromium found: ${CHROMIUM_HINT}.` };
}

/**
 * Real Chromium for the demo and the end-to-end tests: Debian's `chromium` (or `$CHROMIUM_PATH`) driven by
 * playwright-core. `npx playwright install` cannot download here, so the browser is the system's.
 */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found.ok) throw new Error(found.why);
  return found.path;
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
