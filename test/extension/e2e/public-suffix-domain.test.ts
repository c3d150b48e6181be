import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES_DIR, startSiteServer, type RunningServer } from "./helpers/fixture-servers";
import {
  hookText,
  launchHeadroom,
  OptionsPage,
  overlayFrame,
  type HeadroomBrowser,
} from "./helpers/headroom-browser";

/**
 * A rule book that lists a public suffix (`github.io`) for one supplier, as the buyer's browser meets
 * it in Chromium: the rule book is refused with the domain's path and why, nothing is registered for
 * github.io, and the other suppliers keep their content script from the last good rule book.
 */
type ScriptingApi = { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } };
type Book = { meta: { revision: number }; suppliers: { id: string; domains: string[] }[] };

let browser: HeadroomBrowser;
let sites: RunningServer;
let server: Server;
let rulesUrl: string;
let body = "";
let etag = "";

beforeAll(async () => {
  const good = await readFile(join(RULES_DIR, "rules-v1.json"), "utf8");
  body = good;
  etag = '"good"';
  server = createServer((req, res) => {
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { "content-type": "application/json", etag, "cache-control": "no-cache" }).end(body);
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

/** The patterns the content script is registered for, read in the extension's service worker. */
async function registeredMatches(): Promise<string[]> {
  const worker = browser.context.serviceWorkers()[0]!;
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ScriptingApi }).chrome;
    const scripts = await api.scripting.getRegisteredContentScripts();
    return scripts.flatMap((s) => s.matches ?? []).sort();
  });
}

describe("a supplier domain that is a public suffix, in Chromium", () => {
  it("refuses the rule book with the domain's path and why, registers nothing for it, and keeps the other suppliers", async () => {
    const options = await OptionsPage.open(browser.context, browser.extensionId);
    await options.setRulesUrl(rulesUrl);
    await options.refresh();
    await options.waitForRevision(7);
    // The e2e build pre-grants the fixture suppliers' sites: the script is registered for them.
    await expect.poll(registeredMatches, { timeout: 20_000 }).toContain("*://*.dell.com/*");
    const before = await registeredMatches();
    expect(before).toEqual(expect.arrayContaining(["*://*.lenovo.com/*", "*://*.gadgetzone.example/*"]));

    // Lenovo's entry gains "github.io": every GitHub Pages site would be Lenovo's.
    const book = JSON.parse(body) as Book;
    book.meta.revision = 8;
    book.suppliers.find((s) => s.id === "lenovo")!.domains.push("github.io");
    body = JSON.stringify(book, null, 2);
    etag = '"github-io"';
    await options.refresh();

    const error = options.page.getByTestId("rules-error");
    await error.waitFor({ timeout: 20_000 });
    const text = (await error.textContent()) ?? "";
    expect(text).toContain('suppliers[1].domains[1]: "github.io" is a public suffix');
    expect(text).toContain("list the supplier's own domain, like acme.github.io");
    expect(text).toContain("keeps using revision 7");
    expect(await options.revision()).toBe("7");

    // Nothing for github.io, and the other suppliers' registration is what it was.
    const after = await registeredMatches();
    expect(after.filter((p) => p.includes("github.io"))).toEqual([]);
    expect(after).toEqual(before);
    // Nothing to ask for either: the refused rule book adds no site to the grant.
    expect(await options.page.getByTestId("grant-permissions").count()).toBe(0);
    await options.page.close();

    // On a supplier's site the buyer still gets the panel.
    const shop = await browser.context.newPage();
    await shop.goto(`http://www.dell.com:${sites.port}/cart-hint.html`);
    const frame = await overlayFrame(shop);
    expect(await hookText(frame, "headroom-supplier-status")).toContain("Preferred supplier");
    await shop.close();
  });
});
