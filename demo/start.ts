// `npm start`: the whole product on the example rule book. Builds the extension and the add-in,
// serves the rule book (with ETags, as a company would host it), a demo shop of example suppliers and
// the add-in (HTTPS, localhost:3000). With a display, opens Chromium with the extension loaded and
// pointed at all of it; without one, walks through the shop headless and prints what a buyer sees.
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleRuleFiles } from "../shared/rules/bundle";
import { readRuleFiles } from "../shared/rules/load";
import { nodeRuleSource } from "../cli/node-source";
import { launchChromium } from "./chromium";
import { listen } from "./http-util";
import { ruleBookServer } from "./rule-book-server";
import { SHOP_HOSTS, shopServer } from "./shop-server";
import { configureExtension, formatReport, walkThrough } from "./walkthrough";
import { startAddinServer } from "./addin-server";

const root = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_COST_CENTER = "IT-HW";

type Options = { headless: boolean; build: boolean; portBase: number; addinPort: number; outDir: string };

function parseOptions(argv: string[]): Options {
  const options: Options = {
    headless: !hasDisplay(),
    build: true,
    portBase: 8780,
    addinPort: 3000,
    outDir: join(root, "demo-output"),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new DemoError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--headless") options.headless = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--port-base") options.portBase = port(value(), arg);
    else if (arg === "--addin-port") options.addinPort = port(value(), arg);
    else if (arg === "--out") options.outDir = value();
    else
      throw new DemoError(
        `unknown option ${arg} (options: --headless, --no-build, --port-base <n>, --addin-port <n>, --out <dir>)`,
      );
  }
  return options;
}

class DemoError extends Error {}

function port(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65_000)
    throw new DemoError(`${flag} ${text} is not a port number`);
  return n;
}

function hasDisplay(): boolean {
  if (process.platform === "darwin" || process.platform === "win32") return true;
  return Boolean(process.env["DISPLAY"] || process.env["WAYLAND_DISPLAY"]);
}

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`• ${step}`);
  const result = spawnSync(command, args, {
    // npm is a .cmd file on Windows, which only a shell runs.
    shell: process.platform === "win32",
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr?.toString().trim() ?? "";
    throw new DemoError(`${step} failed (${command} ${args.join(" ")}):\n${why}`);
  }
}

/** Everything started, stopped in reverse order on exit or Ctrl-C. */
const stops: (() => Promise<void> | void)[] = [];
async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop();
}
const closeServer = (server: Server) => () => new Promise<void>((r) => server.close(() => r()));

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  if (options.build) {
    run("Building the CLI", npm, ["run", "--silent", "build:cli"]);
    run("Building the browser extension (demo build: example supplier sites pre-granted)", npm, [
      "run",
      "--silent",
      "build:extension:demo",
    ]);
    // The manifest names the port it is served from.
    run("Building the Excel add-in", npm, ["run", "--silent", "build:addin"], {
      HEADROOM_ADDIN_BASE_URL: `https://localhost:${options.addinPort}`,
    });
  }

  const read = await readRuleFiles(join(root, "examples/rules"), nodeRuleSource(root));
  const bundled = read.ok ? bundleRuleFiles(read.files) : read;
  if (!bundled.ok) throw new DemoError(`the example rule book does not load: ${bundled.errors[0]?.message}`);
  const book = bundled.book;

  const rules = ruleBookServer(bundled.text);
  const rulesPort = await listen(rules.server, options.portBase, "127.0.0.1", "rule-book server");
  stops.push(closeServer(rules.server));
  const rulesUrl = `http://localhost:${rulesPort}/rules.json`;
  const shop = shopServer();
  const shopPort = await listen(shop, options.portBase + 1, "127.0.0.1", "demo shop");
  stops.push(closeServer(shop));
  const addin = await startAddinServer(options.addinPort);
  stops.push(addin.stop);

  console.log(
    `\nRule book   ${rulesUrl}  (${book.meta.organisation}, revision ${book.meta.revision}; ETag and 304 as any static host)`,
  );
  console.log(
    `Demo shop   ${SHOP_HOSTS.map((h) => `http://${h}/`).join("  ")}  (mapped to 127.0.0.1:${shopPort} in the demo browser)`,
  );
  console.log(`Add-in      ${addin.url}/manifest.xml  (sideload it into Excel: see addin/README.md)\n`);

  const browser = await launchChromium({
    headed: !options.headless,
    extensions: [join(root, "dist/extension/chrome-mv3-demo")],
    mapHosts: [...SHOP_HOSTS.map((h) => `${h} 127.0.0.1:${shopPort}`)],
  });
  stops.push(browser.close);
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  const status = await configureExtension(browser.context, extensionId, rulesUrl, DEFAULT_COST_CENTER);
  console.log(`Extension   loaded; rule book: ${status}\n`);

  if (!options.headless) {
    const page = await browser.context.newPage();
    await page.goto("http://www.dell.com/cart/");
    console.log(
      "Chromium is open on the demo shop (try www.lenovo.com, www.gadgetzone.example, www.kantoorhuis.example.nl).",
    );
    console.log("Press Ctrl+C to stop everything.");
    await new Promise<void>((resolve) => browser.context.on("close", () => resolve()));
    return 0;
  }

  console.log(
    "What a buyer sees on each demo supplier (cost center " + DEFAULT_COST_CENTER + " unless noted):\n",
  );
  await walkThrough(browser.context, options.outDir, (report) => console.log(formatReport(report) + "\n"));
  console.log(`Screenshots of the panel: ${options.outDir}\n`);

  console.log("Finance's side: headroom check examples/purchases.csv --rules examples/rules\n");
  const check = spawnSync(
    process.execPath,
    [join(root, "bin/headroom.mjs"), "check", "examples/purchases.csv", "--rules", "examples/rules"],
    { cwd: root, encoding: "utf8" },
  );
  const lines = check.stdout.split("\n");
  const budgets = lines.indexOf("Budgets after these rows");
  const summary = [lines[0], lines[2], "", ...lines.slice(budgets, lines.indexOf("", budgets))];
  console.log(summary.map((l) => `  ${l}`).join("\n") + "\n");
  return 0;
}

// `on`, not `once`: tsx's loader exits at once on a signal nobody else listens for.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    void stopAll().then(() => process.exit(0));
  });
}

main()
  .then(async (code) => {
    await stopAll();
    process.exitCode = code;
  })
  .catch(async (e: unknown) => {
    // Ctrl-C closes the browser under the walk-through; that is not an error to report.
    if (stopping) return;
    await stopAll();
    if (e instanceof DemoError) console.error(`npm start: ${e.message}`);
    else if (e instanceof Error && /already in use/.test(e.message)) console.error(`npm start: ${e.message}`);
    else console.error(e);
    process.exitCode = 1;
  });
