import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { build } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../helpers/chromium";
import { repoRoot } from "../../helpers/cli";
import { exampleRulesDir } from "../../helpers/rule-files";
import type { OfficeTheme } from "../sim/sim-host";
import type { WorkbookSeed } from "../sim/sim-workbook";

/**
 * Runs the built task pane (dist/addin, from `npm run build:addin`) in real Chromium against the
 * simulated Excel host: a local server serves the add-in and a rule book (with ETags, and PUT with
 * If-Match), and the Office CDN address is answered with the simulator's bundle instead of office.js.
 */

const CDN = "https://appsforoffice.microsoft.com/**";

/** The rule-book files the server holds, with ETags; PUT replaces one when If-Match is current. */
export class RuleServer {
  readonly files = new Map<string, string>();
  puts: { name: string; status: number }[] = [];
  constructor() {
    for (const name of readdirSync(exampleRulesDir).filter((n) => n.endsWith(".json"))) {
      this.files.set(name, readFileSync(join(exampleRulesDir, name), "utf8"));
    }
    this.files.set(
      "rules.json",
      JSON.stringify(
        { schemaVersion: 1, include: ["finance.json", "procurement.json", "shared.json"] },
        null,
        2,
      ),
    );
  }
  etag(name: string): string {
    return `"${createHash("sha1")
      .update(this.files.get(name) ?? "")
      .digest("hex")
      .slice(0, 16)}"`;
  }
}

export type Harness = {
  context: BrowserContext;
  baseUrl: string;
  rules: RuleServer;
  /** A fresh page with the pane loaded (the workbook seeded before the page's scripts run). */
  openPane(seed: WorkbookSeed, options?: { width?: number; theme?: OfficeTheme }): Promise<Page>;
  close(): Promise<void>;
};

async function simBundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(repoRoot, "test/addin/sim/office-sim-entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "warning",
  });
  return out.outputFiles[0]!.text;
}

/** dist/addin when built; otherwise a build into a temporary folder with the add-in's own build script. */
async function addinDir(): Promise<string> {
  const dist = join(repoRoot, "dist/addin");
  if (existsSync(join(dist, "taskpane.html")) && existsSync(join(dist, "taskpane.js"))) return dist;
  const outDir = mkdtempSync(join(tmpdir(), "headroom-addin-"));
  const script = (await import(join(repoRoot, "scripts/build-addin.mjs"))) as {
    buildAddin: (o: { outDir: string }) => Promise<unknown>;
  };
  await script.buildAddin({ outDir });
  return outDir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export async function startHarness(): Promise<Harness> {
  const [sim, dir] = await Promise.all([simBundle(), addinDir()]);
  const rules = new RuleServer();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/rules/")) {
      const name = url.pathname.slice("/rules/".length);
      if (!rules.files.has(name)) return void res.writeHead(404).end();
      if (req.method === "PUT") {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const status = req.headers["if-match"] === rules.etag(name) ? 200 : 412;
          rules.puts.push({ name, status });
          if (status === 200) rules.files.set(name, Buffer.concat(chunks).toString("utf8"));
          res.writeHead(status, status === 200 ? { ETag: rules.etag(name) } : {}).end();
        });
        return;
      }
      const etag = rules.etag(name);
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { ETag: etag }).end();
      return void res
        .writeHead(200, { ETag: etag, "Content-Type": "application/json" })
        .end(rules.files.get(name));
    }
    const file = normalize(join(dir, url.pathname === "/" ? "taskpane.html" : url.pathname));
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res
      .writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const context = browser.context;
  await context.route(CDN, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: sim }),
  );
  return {
    context,
    baseUrl,
    rules,
    async openPane(seed, { width = 320, theme }: { width?: number; theme?: OfficeTheme } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript(
        ([s, t]) => {
          (window as unknown as Record<string, unknown>)["__SIM_SEED__"] = s;
          (window as unknown as Record<string, unknown>)["__SIM_THEME__"] = t;
        },
        [seed, theme] as const,
      );
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/taskpane.html`);
      await page.getByTestId("rules-url").waitFor();
      if (errors.length > 0) throw new Error(`the pane failed to start: ${errors.join("; ")}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Loads the served rule book into the pane by URL and waits until it is in use. */
export async function loadRulesByUrl(page: Page, baseUrl: string): Promise<void> {
  await page.getByTestId("rules-url").fill(`${baseUrl}/rules/rules.json`);
  await page.getByTestId("rules-url-load").click();
  await page.getByTestId("rule-revision").waitFor();
}
