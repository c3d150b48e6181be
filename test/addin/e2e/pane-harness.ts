import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
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
 * simulated Excel host. One local server serves the add-in; a second one, on another origin (another
 * port), serves the rule book with ETags and PUT with If-Match, and answers CORS as an intranet server
 * would (see `RulesCors`), so the browser's cross-origin checks, ETag exposure and cookies are real.
 * The page's office.js script (Microsoft's CDN) is swapped for the simulator's bundle, served by the
 * add-in's server. No Playwright route is set: while a route intercepts requests, Playwright answers
 * every CORS preflight itself, allowing everything, and the preflights would not be tested.
 */

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SIM_OFFICE_JS = "/office-sim.js";

/**
 * How the rules server answers the browser's CORS checks:
 * - `any`: `Access-Control-Allow-Origin: *`, no credentials (the common setup);
 * - `credentials`: the pane's origin named with `Access-Control-Allow-Credentials: true`, and every
 *   GET and PUT needs the sign-in cookie (`RuleServer.SESSION_COOKIE`), else 401;
 * - `no-expose`: like `any`, but `ETag` is not in `Access-Control-Expose-Headers`, so the page
 *   cannot read it.
 * Preflights allow GET and PUT with If-None-Match, If-Match and Content-Type in every mode.
 */
export type RulesCors = "any" | "credentials" | "no-expose";

/** One request the rules server answered (preflights are kept apart). */
export type RuleRequest = {
  method: string;
  name: string;
  status: number;
  ifNoneMatch: string | null;
  ifMatch: string | null;
  /** Whether the sign-in cookie came with it. */
  cookie: boolean;
};

/** The rule-book files the server holds, with ETags; PUT replaces one when If-Match is current. */
export class RuleServer {
  static readonly SESSION_COOKIE = { name: "headroom_session", value: "signed-in" };
  readonly files = new Map<string, string>();
  puts: { name: string; status: number }[] = [];
  /** Every GET and PUT, in order. */
  requests: RuleRequest[] = [];
  /** Every preflight: the method and request headers the browser asked to send. */
  preflights: { name: string; method: string; headers: string }[] = [];
  /** How CORS is answered from now on. */
  cors: RulesCors = "any";
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

/** The CORS headers of every answer in `mode`, for a page on `paneOrigin`. */
function corsHeaders(mode: RulesCors, paneOrigin: string): Record<string, string> {
  if (mode === "credentials") {
    return {
      "Access-Control-Allow-Origin": paneOrigin,
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Expose-Headers": "ETag",
      Vary: "Origin",
    };
  }
  return {
    "Access-Control-Allow-Origin": "*",
    ...(mode === "any" ? { "Access-Control-Expose-Headers": "ETag" } : {}),
  };
}

/**
 * Kept out of the browser's HTTP cache: tests switch the CORS mode between loads, and a cached
 * answer would carry the headers of the mode it was stored under. The pane's own If-None-Match does
 * not depend on that cache.
 */
const NO_STORE = { "Cache-Control": "no-store" };

/** The rules server: `/rules/<file>` with ETags, PUT with If-Match, CORS as `rules.cors` says. */
function rulesHandler(rules: RuleServer, paneOrigin: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const cors = { ...corsHeaders(rules.cors, paneOrigin()), ...NO_STORE };
    const name = url.pathname.startsWith("/rules/") ? url.pathname.slice("/rules/".length) : "";
    if (req.method === "OPTIONS") {
      rules.preflights.push({
        name,
        method: String(req.headers["access-control-request-method"] ?? ""),
        headers: String(req.headers["access-control-request-headers"] ?? ""),
      });
      return void res
        .writeHead(204, {
          ...cors,
          "Access-Control-Allow-Methods": "GET, PUT",
          "Access-Control-Allow-Headers": "If-None-Match, If-Match, Content-Type",
          // No preflight cache: each test sees the mode it set.
          "Access-Control-Max-Age": "0",
        })
        .end();
    }
    const cookie = (req.headers.cookie ?? "")
      .split(/;\s*/)
      .includes(`${RuleServer.SESSION_COOKIE.name}=${RuleServer.SESSION_COOKIE.value}`);
    const record = (status: number) =>
      rules.requests.push({
        method: req.method ?? "GET",
        name,
        status,
        ifNoneMatch: (req.headers["if-none-match"] as string | undefined) ?? null,
        ifMatch: (req.headers["if-match"] as string | undefined) ?? null,
        cookie,
      });
    if (!rules.files.has(name)) {
      record(404);
      return void res.writeHead(404, cors).end();
    }
    if (rules.cors === "credentials" && !cookie) {
      record(401);
      return void res
        .writeHead(401, { ...cors, "Content-Type": "text/plain; charset=utf-8" })
        .end("Sign in first.");
    }
    if (req.method === "PUT") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const status = req.headers["if-match"] === rules.etag(name) ? 200 : 412;
        rules.puts.push({ name, status });
        record(status);
        if (status === 200) rules.files.set(name, Buffer.concat(chunks).toString("utf8"));
        res.writeHead(status, status === 200 ? { ...cors, ETag: rules.etag(name) } : cors).end();
      });
      return;
    }
    const etag = rules.etag(name);
    if (req.headers["if-none-match"] === etag) {
      record(304);
      return void res.writeHead(304, { ...cors, ETag: etag }).end();
    }
    record(200);
    res
      .writeHead(200, { ...cors, ETag: etag, "Content-Type": "application/json" })
      .end(rules.files.get(name));
  };
}

export type Harness = {
  context: BrowserContext;
  /** Where the add-in is served (the pane's origin). */
  baseUrl: string;
  /** The rule book's root file, on the rules server (another origin). */
  rulesUrl: string;
  rules: RuleServer;
  /** Gives the browser the rules server's sign-in cookie, as signing in to the intranet would. */
  signIn(): Promise<void>;
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

/** Each running harness's rule-book URL by the pane's base URL (see `loadRulesByUrl`). */
const rulesUrlByBase = new Map<string, string>();

export async function startHarness(): Promise<Harness> {
  const [sim, dir] = await Promise.all([simBundle(), addinDir()]);
  const rules = new RuleServer();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === SIM_OFFICE_JS) {
      return void res.writeHead(200, { "Content-Type": TYPES[".js"]! }).end(sim);
    }
    if (url.pathname === "/" || url.pathname === "/taskpane.html") {
      const html = readFileSync(join(dir, "taskpane.html"), "utf8");
      if (!html.includes(CDN_OFFICE_JS)) throw new Error(`taskpane.html no longer loads ${CDN_OFFICE_JS}`);
      return void res
        .writeHead(200, { "Content-Type": TYPES[".html"]! })
        .end(html.replace(CDN_OFFICE_JS, SIM_OFFICE_JS));
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
  // Another port is another origin, so the browser applies CORS; it is the same site, so a cookie
  // for it is first-party here: this exercises CORS and credentials, not the third-party cookie
  // blocking of Excel on Mac.
  const rulesServer = createServer(rulesHandler(rules, () => baseUrl));
  await new Promise<void>((resolve) => rulesServer.listen(0, "127.0.0.1", resolve));
  const rulesBase = `http://127.0.0.1:${(rulesServer.address() as { port: number }).port}`;
  const rulesUrl = `${rulesBase}/rules/rules.json`;
  rulesUrlByBase.set(baseUrl, rulesUrl);
  const browser = await launchChromium();
  const context = browser.context;
  return {
    context,
    baseUrl,
    rulesUrl,
    rules,
    async signIn() {
      await context.addCookies([{ ...RuleServer.SESSION_COOKIE, url: rulesBase, sameSite: "Lax" }]);
    },
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
      rulesUrlByBase.delete(baseUrl);
      await Promise.all(
        [server, rulesServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
}

/**
 * Loads the served rule book into the pane by URL and waits until it is in use. `where` is the
 * rule book's URL (`harness.rulesUrl`); a harness's `baseUrl`, which callers passed when the rule
 * book was served beside the pane, still stands for that harness's rule book.
 */
export async function loadRulesByUrl(page: Page, where: string): Promise<void> {
  const url = rulesUrlByBase.get(where) ?? where;
  if (!url.endsWith(".json")) throw new Error(`loadRulesByUrl: ${where} is not a rule book's URL`);
  await page.getByTestId("rules-url").fill(url);
  await page.getByTestId("rules-url-load").click();
  await page.getByTestId("rule-revision").waitFor();
}

/**
 * Runs `fn` in the page with the simulated host's `__sim` and `arg`: how a test reads or changes the
 * simulated workbook. `fn` travels as source text, so it may use only its two parameters.
 */
export function inSim<S, T>(page: Page, fn: (s: S, arg: unknown) => T, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const f = new Function("s", "a", `return (${source as string})(s, a);`) as (
        s: unknown,
        a: unknown,
      ) => T;
      return f((window as unknown as { __sim: unknown }).__sim, a);
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}
