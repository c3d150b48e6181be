import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayLocal } from "../../../shared/dates/plain-date";
import { exampleSingleFileFor } from "../../helpers/rule-files";
import { startSiteServer, type RunningServer } from "./helpers/fixture-servers";
import { launchHeadroom, type HeadroomBrowser } from "./helpers/headroom-browser";

/**
 * The options page and popup in real Chromium, against a rules server on 127.0.0.1 (which the e2e
 * test build pre-grants, like the supplier fixture sites). The server's answer is switched between a
 * good rule book, a 500 and an HTML sign-in page to see the error while the last good revision stays.
 */
type Mode = "good" | "500" | "html";
type TabsApi = {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};
type ScriptingApi = { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } };
let mode: Mode = "good";
let revision = 14;
let server: Server;
let rulesUrl: string;
let browser: HeadroomBrowser;
let sites: RunningServer;

/** The example rule book, moved into the year of the browser's own day (the machine's, not the test's to set). */
function ruleBookBody(): string {
  const book = exampleSingleFileFor(todayLocal()) as { meta: { revision: number } };
  book.meta.revision = revision;
  return JSON.stringify(book, null, 2);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (mode === "500")
      return void res.writeHead(500, { "content-type": "text/plain" }).end("Internal error");
    if (mode === "html") {
      return void res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end("<!doctype html><title>Sign in</title><form><input name=password type=password></form>");
    }
    const etag = `"rev-${revision}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { "content-type": "application/json", etag }).end(ruleBookBody());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rulesUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rules.json`;
  sites = await startSiteServer();
  browser = await launchHeadroom();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sites?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const open = async (context: BrowserContext, path: string): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
};

describe("options page and popup in Chromium", () => {
  it("loads a rule book from a URL, shows errors from a failing server and keeps the last good revision", async () => {
    const page = await open(browser.context, "options.html");
    const status = page.getByTestId("rules-status");
    await expect.poll(() => status.textContent()).toContain("none yet");
    expect(await page.getByTestId("rules-error").count()).toBe(0);

    await page.getByTestId("rules-url").fill(rulesUrl);
    await page.getByTestId("save-settings").click();
    await expect.poll(() => page.getByTestId("rules-revision").textContent(), { timeout: 20_000 }).toBe("14");
    expect(await status.textContent()).toContain("Northwind Analytics Inc.");
    expect(await status.textContent()).toContain(rulesUrl);

    mode = "500";
    await page.getByTestId("refresh-rules").click();
    const error = page.getByTestId("rules-error");
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toContain("The rules server answered 500");
    expect(await page.getByTestId("rules-revision").textContent()).toBe("14");

    mode = "html";
    await page.getByTestId("refresh-rules").click();
    await expect.poll(() => error.textContent(), { timeout: 20_000 }).toContain("returned a web page");
    expect(await page.getByTestId("rules-revision").textContent()).toBe("14");

    // The background registered the content script for the granted supplier sites only.
    const worker = browser.context.serviceWorkers()[0]!;
    const matches = await worker.evaluate(async () => {
      // Runs in the extension's service worker, where `chrome` is the extension API.
      const api = (globalThis as unknown as { chrome: ScriptingApi }).chrome;
      const scripts = await api.scripting.getRegisteredContentScripts();
      return scripts.flatMap((s) => s.matches ?? []);
    });
    expect(matches).toContain("*://*.dell.com/*");
    expect(matches).not.toContain("http://127.0.0.1/*");

    mode = "good";
    revision = 15;
    await page.getByTestId("refresh-rules").click();
    await expect.poll(() => page.getByTestId("rules-revision").textContent(), { timeout: 20_000 }).toBe("15");
    expect(await page.getByTestId("rules-error").count()).toBe(0);
    // Every supplier site of the example rule book is pre-granted in this build: nothing to ask for.
    expect(await page.getByTestId("grant-permissions").count()).toBe(0);
    await page.close();
  });

  it("shows the rule book's age, searches suppliers and says when a page is not a supplier", async () => {
    const popup = await open(browser.context, "popup.html");
    await expect
      .poll(() => popup.getByTestId("popup-rules-age").textContent())
      .toMatch(/^Revision 15 of Northwind/);
    await popup.getByTestId("popup-search").fill("dell");
    await expect
      .poll(() => popup.getByTestId("popup-search-results").textContent())
      .toContain("Dell Technologies Inc.");
    expect(await popup.getByTestId("popup-verdict").textContent()).toContain("not on a supplier site");
    expect(await popup.getByTestId("popup-error").count()).toBe(0);
    await popup.close();
  });

  it("shows a supplier tab's verdict in the popup and remembers the cost center picked for the supplier", async () => {
    const shop = await browser.context.newPage();
    await shop.goto(`http://www.dell.com:${sites.port}/cart-hint.html`);
    const worker = browser.context.serviceWorkers()[0]!;
    const tabBadge = () =>
      worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: TabsApi }).chrome;
        const [tab] = await api.tabs.query({ url: "*://www.dell.com/*" });
        return { id: tab?.id ?? -1, badge: tab?.id ? await api.action.getBadgeText({ tabId: tab.id }) : "" };
      });
    await expect.poll(async () => (await tabBadge()).badge, { timeout: 20_000 }).toBe("OK");
    const { id } = await tabBadge();

    const popup = await open(browser.context, `popup.html?tabId=${id}`);
    const verdict = popup.getByTestId("popup-verdict");
    await expect.poll(() => verdict.textContent()).toContain("Dell Technologies Inc.");
    expect(await verdict.textContent()).toContain("2/10 Net 45");
    await popup.getByTestId("popup-cost-center").selectOption("RND-LAB");
    await expect.poll(() => verdict.textContent()).toContain("left of");
    await popup.close();

    const again = await open(browser.context, `popup.html?tabId=${id}`);
    await expect.poll(() => again.getByTestId("popup-cost-center").inputValue()).toBe("RND-LAB");
    await again.close();
    await shop.close();
  });

  it("imports a rule-book file chosen by the user", async () => {
    const page = await open(browser.context, "options.html");
    revision = 16;
    await page.getByTestId("import-file").setInputFiles({
      name: "northwind.json",
      mimeType: "application/json",
      buffer: Buffer.from(ruleBookBody()),
    });
    await expect.poll(() => page.getByTestId("rules-revision").textContent(), { timeout: 20_000 }).toBe("16");
    expect(await page.getByTestId("rules-status").textContent()).toContain("northwind.json (imported)");
    expect(await page.getByTestId("rules-url").inputValue()).toBe("");
    await page.close();
  });
});
