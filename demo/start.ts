// `npm start`: the whole product on the example rule book. Builds the extension and the add-in,
// serves the rule book (with ETags, as a company would host it), a demo shop of example suppliers and
// the add-in (HTTPS, localhost:3000). With a display, opens Chromium with the extension loaded and
// pointed at all of it; without one, walks through the shop headless and prints what a buyer sees.
// Without Chromium it runs everything else and says how to get it. The example rule book is moved into
// today's fiscal year when it is written for another, so the demo has budgets to show on any day.
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIsoDate, todayLocal } from "../shared/dates/plain-date";
import { bundleRuleFiles } from "../shared/rules/bundle";
import { parseRuleBookTexts, readRuleFiles } from "../shared/rules/load";
import { moveRuleFileYears, yearsToFiscalYearOf } from "../shared/rules/move-years";
import type { RuleBook } from "../shared/rules/rule-book";
import { nodeRuleSource } from "../cli/node-source";
import { findChromium, launchChromium } from "./chromium";
import { listen } from "./http-util";
import { ruleBookServer } from "./rule-book-server";
import { SHOP_HOSTS, shopServer } from "./shop-server";
import { configureExtension, formatReport, walkThrough } from "./walkthrough";
import { startAddinServer } from "./addin-server";

const root = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_COST_CENTER = "IT-HW";
/** The day finance's example register is checked for: the end of its last full month. */
const EXAMPLE_AS_OF = "2026-11-30";

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

/**
 * The example rule book, moved into today's fiscal year when it is written for another, so the demo
 * shows budgets on any day. Every figure stays; only the years change, and the demo says so.
 */
async function exampleRuleBook(
  today: number,
): Promise<{ text: string; book: RuleBook; moved: string | null }> {
  const read = await readRuleFiles(join(root, "examples/rules"), nodeRuleSource(root));
  const bundled = read.ok ? bundleRuleFiles(read.files) : read;
  if (!bundled.ok) throw new DemoError(`the example rule book does not load: ${bundled.errors[0]?.message}`);
  const { from, to, years } = yearsToFiscalYearOf(bundled.book, today);
  if (years === 0) return { text: bundled.text, book: bundled.book, moved: null };
  const text = JSON.stringify(moveRuleFileYears(JSON.parse(bundled.text), years), null, 2) + "\n";
  const moved = parseRuleBookTexts([{ name: "rules.json", text }]);
  if (!moved.ok)
    throw new DemoError(`the example rule book moved to FY${to} does not load: ${moved.errors[0]?.message}`);
  const shift = `${years > 0 ? "+" : ""}${years} year${Math.abs(years) === 1 ? "" : "s"}`;
  return {
    text,
    book: moved.value,
    moved:
      `The example rule book is written for FY${from}; the demo serves it moved to FY${to}, today's ` +
      `fiscal year (${formatIsoDate(today)}), so its budgets apply: periods, contract and rate dates ${shift}, ` +
      `every amount as written.`,
  };
}

/** Finance's side: the example register checked from the command line, as the README shows it. */
function financeSummary(): void {
  const args = ["check", "examples/purchases.csv", "--rules", "examples/rules", "--as-of", EXAMPLE_AS_OF];
  console.log(`Finance's side: headroom ${args.join(" ")}`);
  console.log(
    `  (the example register and rule book as written, for FY2026: --as-of fixes the day it is checked for)\n`,
  );
  const check = spawnSync(process.execPath, [join(root, "bin/headroom.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  // 0: nothing blocked, 1: something blocked; anything else is a failure to report.
  if (check.status !== 0 && check.status !== 1) {
    throw new DemoError(
      `headroom check failed:\n${(check.stderr || check.stdout || String(check.error)).trim()}`,
    );
  }
  const lines = check.stdout.split("\n");
  const budgets = lines.indexOf("Budgets after these rows");
  // What it checked, the counts and how rows counted against budgets, found by how they start (the
  // report's header lines in between say how the file was read).
  const said = (start: string) => lines.find((l) => l.startsWith(start));
  const summary = [
    lines[0],
    said("Checked "),
    said("Against budgets:"),
    "",
    ...lines.slice(budgets, lines.indexOf("", budgets)),
  ].filter((l) => l !== undefined);
  console.log(summary.map((l) => (l ? `  ${l}` : "")).join("\n") + "\n");
}

/** Runs until Ctrl-C (the signal handler below stops everything and exits). */
const untilStopped = () => new Promise<never>(() => {});

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

  // The buyer's calendar day, as the extension in the demo browser judges budgets by it.
  const { text, book, moved } = await exampleRuleBook(todayLocal());

  const rules = ruleBookServer(text);
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
  if (moved) console.log(`            ${moved}`);
  console.log(
    `Demo shop   ${SHOP_HOSTS.map((h) => `http://${h}/`).join("  ")}  (mapped to 127.0.0.1:${shopPort} in the demo browser)`,
  );
  console.log(`Add-in      ${addin.url}/manifest.xml  (sideload it into Excel: see addin/README.md)\n`);

  const chromium = findChromium();
  if (chromium.ok) {
    const browser = await launchChromium({
      headed: !options.headless,
      extensions: [join(root, "dist/extension/chrome-mv3-demo")],
      mapHosts: [...SHOP_HOSTS.map((h) => `${h} 127.0.0.1:${shopPort}`)],
    }).catch((e: unknown) => {
      const why = e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e);
      throw new DemoError(`Chromium (${chromium.path}) did not start: ${why}`);
    });
    stops.push(browser.close);
    const worker =
      browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent("serviceworker"));
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
  } else {
    console.log(`Buyer's side skipped: the demo shows the browser extension in Chromium. ${chromium.why}\n`);
  }

  financeSummary();
  if (!chromium.ok && !options.headless) {
    console.log("The rule-book server and the add-in keep running for Excel. Press Ctrl+C to stop them.");
    await untilStopped();
  }
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
