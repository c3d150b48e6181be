// The browser extension's page side, measured in real Chromium: how big the content script is that
// every supplier page loads, and how much of the page's main thread it takes on a large page.
//
// Method (main-thread time): the e2e build is loaded into headless Chromium with the fixture host
// www.dell.com mapped to a local server and the rule book pre-loaded. A generated product listing of
// 10,000 elements (2,000 cards with microdata prices, a JSON-LD block and the rule book's cart-total
// element) is opened with the V8 sampling profiler running on the page's renderer (CDP Profiler,
// 50 µs interval). After load the page appends another 10,000 elements in 100 batches, as an
// infinite-scroll listing does, then changes the cart total once. Every sample whose stack holds a
// frame of content-scripts/supplier.js is counted as content-script time, including the native DOM
// calls it makes (querySelectorAll, MutationObserver delivery), so the figure is what the script
// costs the page's main thread. The overlay frame runs in the extension's own process and is not
// counted. Runs are repeated; the median is reported.
//
// Run alone with `npx tsx bench/extension-bench.ts`; `npm run bench` runs it as a child process
// (playwright-core cannot be bundled).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../test/helpers/chromium";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const E2E_BUILD = join(ROOT, "dist/extension/chrome-mv3-e2e");
const SCRIPT = "content-scripts/supplier.js";
const RULES = join(ROOT, "test/fixtures/extension/rules/rules-v1.json");

/** What the extension bench reports. */
export type ExtensionBench = {
  /** Bytes of the built content script, raw and gzipped (production build when present). */
  scriptBytes: number;
  scriptGzipBytes: number;
  /** Elements on the generated page at load, and added after it. */
  elements: number;
  addedElements: number;
  /** Median main-thread milliseconds spent in the content script: page load, and the 10,000 additions. */
  loadMs: number;
  mutationMs: number;
  /** Median main-thread milliseconds of all JavaScript on the page over the whole run, for scale. */
  pageScriptMs: number;
  runs: number;
};

/** The 10,000-element listing: 2,000 cards of five elements, a JSON-LD block and a cart total. */
export function listingPage(cards = 2000): string {
  const card = (i: number) =>
    `<article itemscope itemtype="https://schema.org/Offer"><h3>Laptop model ${i}</h3>` +
    `<span itemprop="price" content="${(500 + i).toFixed(2)}">$${(500 + i).toFixed(2)}</span>` +
    `<meta itemprop="priceCurrency" content="USD"><button>Add</button></article>`;
  const body = Array.from({ length: cards }, (_, i) => card(i)).join("\n");
  // Infinite scroll: 100 batches of 100 elements, then one change of the cart total.
  const scroll = `
    window.benchDone = false;
    let batch = 0;
    const more = () => {
      const list = document.getElementById("list");
      const frag = document.createDocumentFragment();
      for (let i = 0; i < 20; i++) {
        const a = document.createElement("article");
        a.innerHTML = "<h3>More " + batch + "-" + i + "</h3><span>$9.99</span><em>new</em><button>Add</button>";
        frag.append(a);
      }
      list.append(frag);
      if (++batch < 100) setTimeout(more, 20);
      else setTimeout(() => {
        document.querySelector("[data-testid=cart-total]").textContent = "$2,500.00";
        setTimeout(() => { window.benchDone = true; }, 2500);
      }, 100);
    };
    window.startScroll = () => setTimeout(more, 20);`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Listing</title>
<script type="application/ld+json">{"@type":"Product","offers":{"@type":"Offer","price":"1499.00","priceCurrency":"USD"}}</script>
</head><body><div data-testid="cart-total">$1,234.00</div><main id="list">
${body}
</main><script>${scroll}</script></body></html>`;
}

function ensureBuild(): void {
  if (existsSync(join(E2E_BUILD, SCRIPT))) return;
  execFileSync("npx", ["wxt", "build", "extension", "--mode", "e2e"], { cwd: ROOT, stdio: "ignore" });
}

async function serve(pages: Record<string, string>): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = pages[path];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith(".json") ? "application/json" : "text/html; charset=utf-8";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

async function configure(context: BrowserContext, extensionId: string, rulesUrl: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const send = (message: object) =>
    page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)})`) as Promise<unknown>;
  await send({ kind: "ui/set-settings", rulesUrl, defaultCostCenter: "IT-HW" });
  await send({ kind: "ui/refresh" });
  await page.close();
}

type ProfileNode = { id: number; callFrame: { url: string }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Milliseconds of samples whose stack holds a content-script frame, and of all JavaScript samples. */
function attribute(profile: Profile): { scriptMs: number; allJsMs: number } {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const inScript = new Map<number, boolean>();
  const holdsScript = (id: number): boolean => {
    const known = inScript.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const value = (node?.callFrame.url.includes(SCRIPT) ?? false) || (up !== undefined && holdsScript(up));
    inScript.set(id, value);
    return value;
  };
  const idle = new Set(
    profile.nodes
      .filter((n) => ["(idle)", "(program)", "(garbage collector)", "(root)"].includes(nameOf(n)))
      .map((n) => n.id),
  );
  let scriptUs = 0;
  let allUs = 0;
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous sample: the time the stack it shows was running.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (holdsScript(id)) scriptUs += delta;
    if (!idle.has(id)) allUs += delta;
  });
  return { scriptMs: scriptUs / 1000, allJsMs: allUs / 1000 };
}

function nameOf(node: ProfileNode): string {
  return (node.callFrame as { functionName?: string }).functionName ?? "";
}

async function profiled(page: Page, context: BrowserContext, run: () => Promise<void>): Promise<Profile> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await run();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
  await cdp.detach();
  return profile;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Measures the content script: size, and main-thread time on a 10,000-element page (see the file's comment). */
export async function benchExtension(runs = 3): Promise<ExtensionBench> {
  ensureBuild();
  const production = join(ROOT, "dist/extension/chrome-mv3", SCRIPT);
  const script = readFileSync(existsSync(production) ? production : join(E2E_BUILD, SCRIPT));
  const { port, server } = await serve({
    "/rules.json": readFileSync(RULES, "utf8"),
    "/start.html": "<!doctype html><title>start</title>",
    "/listing.html": listingPage(),
  });
  const { context, close } = await launchChromium({
    extensions: [E2E_BUILD],
    mapHosts: ["www.dell.com"],
    extraArgs: ["--disable-features=HttpsUpgrades,BackForwardCache"],
  });
  const loads: number[] = [];
  const mutations: number[] = [];
  const totals: number[] = [];
  try {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
    await configure(context, new URL(worker.url()).host, `http://127.0.0.1:${port}/rules.json`);
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      // Same site first, so the listing loads in the renderer the profiler is attached to.
      await page.goto(`http://www.dell.com:${port}/start.html`);
      const loadProfile = await profiled(page, context, async () => {
        await page.goto(`http://www.dell.com:${port}/listing.html`);
        await page.waitForSelector("[data-headroom-overlay]", { state: "attached", timeout: 20_000 });
        await page.waitForTimeout(1500);
      });
      const scrollProfile = await profiled(page, context, async () => {
        await page.evaluate("window.startScroll()");
        await page.waitForFunction("window.benchDone === true", undefined, { timeout: 30_000 });
      });
      const load = attribute(loadProfile);
      const scroll = attribute(scrollProfile);
      if (load.scriptMs === 0) throw new Error("no content-script samples: the profiler missed the script");
      loads.push(load.scriptMs);
      mutations.push(scroll.scriptMs);
      totals.push(load.allJsMs + scroll.allJsMs);
      await page.close();
    }
  } finally {
    await close();
    server.close();
  }
  return {
    scriptBytes: script.length,
    scriptGzipBytes: gzipSync(script, { level: 9 }).length,
    elements: 10_000,
    addedElements: 10_000,
    loadMs: median(loads),
    mutationMs: median(mutations),
    pageScriptMs: median(totals),
    runs,
  };
}

/** The bench's lines for `npm run bench`. */
export function formatExtensionBench(b: ExtensionBench): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    "Extension content script (real Chromium, median of " + b.runs + " runs)",
    `  size               ${kb(b.scriptBytes)}, ${kb(b.scriptGzipBytes)} gzip`,
    `  main thread, load  ${b.loadMs.toFixed(1)} ms on a page of ${b.elements.toLocaleString("en-US")} elements`,
    `  main thread, SPA   ${b.mutationMs.toFixed(1)} ms while the page adds ${b.addedElements.toLocaleString("en-US")} elements in 100 batches`,
    `  all page JS        ${b.pageScriptMs.toFixed(1)} ms over both; the content script is ${((100 * (b.loadMs + b.mutationMs)) / b.pageScriptMs).toFixed(0)} % of it`,
  ].join("\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await benchExtension();
  console.log(process.argv.includes("--json") ? JSON.stringify(result) : formatExtensionBench(result));
}
