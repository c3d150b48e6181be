import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from "puppeteer-core";
import { buildIsCurrent, buildUnlessCurrent, ROOT } from "./build-lock";

/** The Firefox build users get (`wxt build extension -b firefox`): no host permissions in its manifest. */
export const FIREFOX_BUILD = join(ROOT, "dist/extension/firefox-mv3");
/** The add-on id in the Firefox manifest (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = "headroom@northwind.example";
/** The moz-extension:// host the tests give the add-on (preset in `extensions.webextensions.uuids`). */
export const ADDON_UUID = "5eadc0de-4ead-4000-8000-00000000f1fe";

/** Debian's `firefox-esr` (or `$FIREFOX_PATH`); fails with how to install it. */
export function firefoxPath(): string {
  const candidates = [process.env["FIREFOX_PATH"], "/usr/bin/firefox-esr", "/usr/bin/firefox"];
  const found = candidates.find((p): p is string => p !== undefined && p !== "" && existsSync(p));
  if (!found) {
    throw new Error(
      "No Firefox found: install it (Debian/Ubuntu: apt-get install -y firefox-esr) or set FIREFOX_PATH.",
    );
  }
  return found;
}

/** The Firefox build, rebuilt (`wxt build extension -b firefox`) when missing or older than the sources. */
export async function ensureFirefoxBuild(): Promise<string> {
  await buildUnlessCurrent(
    () => buildIsCurrent(FIREFOX_BUILD, ["content-scripts/supplier.js"]),
    ["-b", "firefox"],
  );
  return FIREFOX_BUILD;
}

export type FirefoxOptions = {
  /** Host names Firefox resolves to 127.0.0.1 (`network.dns.localDomains`). */
  mapHosts?: string[];
};

/**
 * Headless Firefox driven over WebDriver BiDi, in a fresh profile removed on close. Its prefs stand in
 * for the user: `extensions.webextOptionalPermissionPrompts=false` grants what `permissions.request`
 * asks for without showing the prompt a headless browser cannot answer (the request itself still has
 * to come from a real click), and the add-on's moz-extension:// host is fixed to `ADDON_UUID`.
 */
export async function launchFirefox(
  options: FirefoxOptions = {},
): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const executablePath = firefoxPath();
  const profile = await mkdtemp(join(tmpdir(), "headroom-firefox-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath,
    headless: true,
    userDataDir: profile,
    env: withoutFaketime(process.env),
    // Firefox 153 refuses WebDriver BiDi navigation to moz-extension:// pages unless the remote agent may
    // reach privileged documents (the flag exists since Firefox 138, so older ESRs accept it too).
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextOptionalPermissionPrompts": false,
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
      "network.dns.localDomains": (options.mapHosts ?? []).join(","),
      // Plain-http fixture sites under real-looking names: no automatic upgrade to https.
      "dom.security.https_first": false,
    },
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The environment without libfaketime's preload. The suite may run under `faketime` to prove it does not
 * depend on the calendar; Firefox deadlocks at start under it (its allocator and libfaketime's start-up
 * lookups wait on each other), so Firefox keeps the real clock. The Firefox tests use a rule book whose
 * figures do not depend on the day.
 */
function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith("FAKETIME")) kept[name] = value;
  }
  const preload = (env["LD_PRELOAD"] ?? "")
    .split(/[\s:]+/)
    .filter((lib) => lib !== "" && !lib.includes("libfaketime"))
    .join(":");
  if (preload === "") delete kept["LD_PRELOAD"];
  else kept["LD_PRELOAD"] = preload;
  return kept;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens one of the add-on's own pages. Firefox sends no WebDriver BiDi load events for moz-extension://
 * documents, so puppeteer's `goto` never resolves there (puppeteer issue #14314, "upstream"): the
 * navigation is started without waiting for its load event, and the page is awaited by its own content
 * instead. Only that hang is tolerated: a navigation Firefox refuses fails at once with its message.
 */
export async function openAddonPage(browser: Browser, path: string, readySelector: string): Promise<Page> {
  const url = `moz-extension://${ADDON_UUID}/${path}`;
  const page = await browser.newPage();
  const refused = new AbortController();
  void page.goto(url, { timeout: 0 }).catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    refused.abort(new Error(`Firefox refused to open ${url}: ${why}`, { cause: error }));
  });
  await waitInFrame(
    page.mainFrame(),
    `location.href === ${JSON.stringify(url)} && document.querySelector(${JSON.stringify(readySelector)}) !== null`,
    `${url} showing ${readySelector}`,
    20_000,
    refused.signal,
  );
  return page;
}

/**
 * Polls an expression in a frame (evaluation fails while the frame changes document) until it is true;
 * `stop` ends the wait early with its reason (the caller knows it can no longer come true).
 */
export async function waitInFrame(
  frame: Frame,
  expression: string,
  what: string,
  timeout = 20_000,
  stop?: AbortSignal,
) {
  const deadline = Date.now() + timeout;
  let last: unknown = null;
  while (Date.now() < deadline) {
    stop?.throwIfAborted();
    try {
      if ((await frame.evaluate(expression)) === true) return;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`waited ${timeout} ms for ${what}${last === null ? "" : ` (${String(last)})`}`);
}

/** The text of the element with this `data-testid`, whitespace collapsed; "" when there is none. */
export async function testIdText(frame: Frame, testId: string): Promise<string> {
  const text = await frame.evaluate(
    (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "",
    testId,
  );
  return text.replace(/\s+/g, " ").trim();
}

/** Waits until the element with this `data-testid` has text matching `pattern`, and returns that text. */
export async function waitForTestId(frame: Frame, testId: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  let text = "";
  while (Date.now() < deadline) {
    text = await testIdText(frame, testId).catch(() => "");
    if (pattern.test(text)) return text;
    await sleep(100);
  }
  throw new Error(`[data-testid="${testId}"] never matched ${String(pattern)}; last text: "${text}"`);
}

/** The element with this `data-testid` (for a real click or typing: trusted input over BiDi). */
export async function byTestId(frame: Frame, testId: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForSelector(`[data-testid="${testId}"]`, { timeout: 20_000 });
  if (handle === null) throw new Error(`no [data-testid="${testId}"]`);
  return handle;
}

/**
 * The overlay's frame in a supplier tab, once it shows a supplier status. Found by its document's
 * address: for the same missing load events, puppeteer reports a moz-extension iframe as about:blank.
 */
export async function overlayFrame(page: Page, timeout = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  const wanted = `moz-extension://${ADDON_UUID}/overlay.html`;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.detached) continue;
      const ready = await frame
        .evaluate(
          (url: string) =>
            location.href === url &&
            document.querySelector('[data-testid="headroom-supplier-status"]') !== null,
          wanted,
        )
        .catch(() => false);
      if (ready) return frame;
    }
    await sleep(100);
  }
  throw new Error(`no overlay showing a supplier status on ${page.url()} within ${timeout} ms`);
}
