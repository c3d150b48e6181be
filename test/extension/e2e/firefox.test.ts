import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIXTURE_HOSTS,
  startRulesServer,
  startSiteServer,
  type RulesServer,
  type RunningServer,
} from "./helpers/fixture-servers";
import {
  byTestId,
  ensureFirefoxBuild,
  GECKO_ID,
  launchFirefox,
  openAddonPage,
  overlayFrame,
  testIdText,
  waitForTestId,
  waitInFrame,
} from "./helpers/firefox-browser";

/*
 * The Firefox build (dist/extension/firefox-mv3, the one users load, with no host permissions) in
 * Debian's headless firefox-esr, driven over WebDriver BiDi by puppeteer-core. One Firefox for the
 * file; the tests run in order and build on each other, as a user would: install, set the rules URL,
 * grant the supplier sites, shop.
 *
 * What differs from a person at the keyboard, and why:
 * - The add-on is installed as a temporary add-on (BiDi `webExtension.install`), like about:debugging.
 * - Headless Firefox cannot show the site-access prompt. The pref
 *   `extensions.webextOptionalPermissionPrompts=false` grants what `permissions.request` asks for
 *   without it; the request still comes from the extension's own code inside a real (BiDi input) click
 *   on its buttons, so the grant path users take is the one tested. Whether the prompt's wording is
 *   right is not tested.
 * - Firefox sends no BiDi load events for moz-extension:// documents (puppeteer issue #14314), so
 *   extension pages and the overlay iframe are awaited by their content, not by `goto`/frame URLs.
 * - Supplier domains resolve to 127.0.0.1 through `network.dns.localDomains`; URLs carry the fixture
 *   server's port.
 * The rule book (test/fixtures/extension/rules/rules-v1.json) gives IT-HW a budget of 100,000.00 USD
 * with 60,000.00 spent and 15,000.00 committed: 25,000.00 left.
 */

type ExtensionApi = {
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

let firefox: { browser: Browser; close: () => Promise<void> };
let installedId: string;
let sites: RunningServer;
let rules: RulesServer;
let options: Page;

const site = (host: string, path: string) => `http://${host}:${sites.port}/${path}`;

/** Host grants and content-script registrations, read through the extension's own API on its options page. */
async function extensionState(): Promise<{
  origins: string[];
  scripts: { id: string; matches: string[] }[];
}> {
  return options.evaluate(async () => {
    const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
    const granted = await api.permissions.getAll();
    const scripts = await api.scripting.getRegisteredContentScripts();
    return {
      origins: granted.origins ?? [],
      scripts: scripts.map((s) => ({ id: s.id, matches: s.matches ?? [] })),
    };
  });
}

async function openSite(host: string, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(site(host, path));
  return page;
}

beforeAll(async () => {
  [sites, rules] = await Promise.all([startSiteServer(), startRulesServer()]);
  // Firefox first: without it the file fails at once, saying how to install it.
  firefox = await launchFirefox({ mapHosts: FIXTURE_HOSTS });
  const build = await ensureFirefoxBuild();
  installedId = await firefox.browser.installExtension(build);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([sites?.close(), rules?.close()]);
});

describe("the Firefox build in firefox-esr", () => {
  it("installs, starts its background and asks for no site at install", async () => {
    expect(installedId).toBe(GECKO_ID);
    expect(await firefox.browser.version()).toMatch(/^firefox\//i);
    // The options form renders only after the background answered its status request.
    options = await openAddonPage(firefox.browser, "options.html", '[data-testid="rules-status"]');
    expect(await testIdText(options.mainFrame(), "rules-status")).toContain("none yet");
    expect(await testIdText(options.mainFrame(), "rules-revision")).toBe("–");
    const state = await extensionState();
    expect(state.origins).toEqual([]);
    expect(state.scripts).toEqual([]);
  });

  it("loads the rule book from the rules URL saved in the options page", async () => {
    const frame = options.mainFrame();
    await (await byTestId(frame, "rules-url")).type(rules.url);
    await (await byTestId(frame, "default-cost-center")).type("IT-HW");
    await (await byTestId(frame, "save-settings")).click();
    expect(await waitForTestId(frame, "rules-revision", /^7$/)).toBe("7");
    const status = await testIdText(frame, "rules-status");
    expect(status).toContain("Northwind Analytics Inc.");
    expect(status).toContain(rules.url);
    expect(rules.log[0]).toEqual({ ifNoneMatch: null, status: 200 });
    // Save asked for the rules server's host inside the click; that is all that is granted so far.
    expect((await extensionState()).origins).toEqual(["http://127.0.0.1/*"]);

    // A manual check sends the ETag back and gets a 304: the same revision stays in use.
    await (await byTestId(frame, "refresh-rules")).click();
    await waitInFrame(
      frame,
      `document.querySelector('[data-testid="refresh-rules"]')?.disabled === false`,
      "the refresh to finish",
    );
    expect(rules.log.at(-1)).toEqual({ ifNoneMatch: '"rules-v1"', status: 304 });
    expect(await testIdText(frame, "rules-revision")).toBe("7");

    const popup = await openAddonPage(firefox.browser, "popup.html", '[data-testid="popup-rules-age"]');
    expect(await testIdText(popup.mainFrame(), "popup-rules-age")).toMatch(/^Revision 7 of Northwind/);
    await popup.close();
  });

  it("grants the rule book's supplier sites from one click and registers the content script for them only", async () => {
    // The buyer is already on a supplier's page when granting: it gets the panel without a reload.
    const waiting = await openSite("www.lenovo.com", "product.html");
    const frame = options.mainFrame();
    await (await byTestId(frame, "grant-permissions")).click();
    await waitInFrame(
      frame,
      `document.querySelector('[data-testid="grant-permissions"]') === null`,
      "the grant button to go away once every site is granted",
    ).catch(async (error: unknown) => {
      // Firefox's refusal, if any, is shown next to the button.
      const page = await options.evaluate(() => document.querySelector(".grant")?.textContent ?? "");
      throw new Error(`${String(error)}; the page says: ${page}`);
    });
    const state = await extensionState();
    expect(state.origins).toEqual(
      expect.arrayContaining(["*://dell.com/*", "*://*.dell.com/*", "*://*.lenovo.com/*"]),
    );
    const [script, ...others] = state.scripts;
    expect(others).toEqual([]);
    expect(script?.id).toBe("headroom-supplier");
    expect(script?.matches).toEqual(expect.arrayContaining(["*://*.dell.com/*", "*://*.lenovo.com/*"]));
    expect(script?.matches).not.toContain("http://127.0.0.1/*");

    const panel = await overlayFrame(waiting);
    expect(await testIdText(panel, "headroom-supplier-status")).toMatch(/\bapproved\b/);
    await waiting.close();
  });

  it("shows the supplier status, the headroom left and after the cart on a supplier page", async () => {
    const page = await openSite("www.dell.com", "cart-json-ld.html");
    const frame = await overlayFrame(page);
    expect(await testIdText(frame, "headroom-supplier-status")).toMatch(/\bpreferred\b/);
    expect(await testIdText(frame, "headroom-terms")).toContain("2/10 Net 45");
    expect(await testIdText(frame, "headroom-remaining")).toMatch(/25,000\.00 USD left of 100,000\.00 USD/);
    // The Order's totalPaymentDue (2,340.00), not a line item's price (1,170.00).
    const after = await waitForTestId(frame, "headroom-after-purchase", /22,660\.00/);
    expect(after).toMatch(/Cart total .*2,340\.00/);
    // The page itself holds only the host element: the figures live in the extension's frame.
    expect(await page.evaluate(() => document.body.innerText)).not.toContain("25,000.00");

    // The toolbar badge of that tab (match patterns carry no port: this is the one www.dell.com tab).
    const badge = await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
      const [tab] = await api.tabs.query({ url: "*://www.dell.com/*" });
      return tab?.id === undefined ? null : api.action.getBadgeText({ tabId: tab.id });
    });
    expect(badge).toBe("OK");
    await page.close();
  });

  it("leaves a site that is not in the rule book, and a look-alike domain, alone", async () => {
    // The supplier page first: when its panel is up, the content script has had its chance everywhere.
    const supplier = await openSite("www.lenovo.com", "product.html");
    const frame = await overlayFrame(supplier);
    expect(await testIdText(frame, "headroom-supplier-status")).toMatch(/\bapproved\b/);
    for (const host of ["www.unknown-shop.test", "dell.com.evil.test"]) {
      const page = await openSite(host, "index.html");
      await new Promise((r) => setTimeout(r, 1000));
      expect(await page.evaluate(() => document.title), host).toMatch(/fixture/);
      expect(
        await page.evaluate(() => document.querySelectorAll("[data-headroom-overlay]").length),
        host,
      ).toBe(0);
      await page.close();
    }
    await supplier.close();
  });
});
