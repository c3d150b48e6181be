import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  generatedRows,
  generateRuleBook,
  registerLine,
  REGISTER_HEADER,
  type GeneratedBook,
} from "./generate";

const here = fileURLToPath(new URL(".", import.meta.url));

export type CliRun = {
  /** Wall time of the process, start to exit, in ms. */
  ms: number;
  peakRss: number;
  code: number | null;
};

export type CliBench = {
  rows: number;
  bytes: number;
  /** The CSV library's bare parse of the same file (bench/csv-parse-child.ts). */
  parse: CliRun;
  /** `headroom check <file> --rules <book>` with its text report (stdout discarded). */
  check: CliRun;
  /** The same with --csv: every row written back with its two columns. */
  csv?: CliRun;
};

/**
 * End-to-end `headroom check` on a generated register of `rows` rows (10,000 suppliers, 2,000
 * budgets), written to a temporary file as it is generated (never held in memory), against the CSV
 * library's bare parse of the same file: each in a process of its own, timed from start to exit,
 * with its peak memory (RSS high-water mark).
 */
export async function benchCliCheck(sizes: readonly number[], csvAt: number): Promise<CliBench[]> {
  const dir = await mkdtemp(join(tmpdir(), "headroom-cli-bench-"));
  try {
    const generated = generateRuleBook(10_000, 2_000);
    const rules = join(dir, "rules.json");
    await writeFile(rules, generated.text);
    const results: CliBench[] = [];
    for (const rows of sizes) {
      const file = join(dir, `register-${rows}.csv`);
      await writeRegister(file, generated, rows);
      const bytes = (await stat(file)).size;
      const parse = await timed(join(here, "csv-parse-child.mjs"), [file], dir);
      const args = ["check", file, "--rules", rules, "--as-of", "2026-11-21"];
      const check = await timed(join(here, "cli-child.mjs"), args, dir);
      const csv =
        rows === csvAt ? await timed(join(here, "cli-child.mjs"), [...args, "--csv"], dir) : undefined;
      results.push({ rows, bytes, parse, check, ...(csv ? { csv } : {}) });
      await rm(file);
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeRegister(file: string, book: GeneratedBook, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", resolve));
  let block = REGISTER_HEADER + "\n";
  for (const p of generatedRows(book, rows)) {
    block += registerLine(p) + "\n";
    if (block.length > 1 << 20) {
      await write(block);
      block = "";
    }
  }
  await write(block);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/**
 * Runs `script` in a new Node process and times it. The baseline prints its peak RSS on stdout; the
 * CLI (whose output goes to /dev/null, as `> file` would take it) leaves it in a file when it exits.
 */
async function timed(script: string, args: string[], dir: string): Promise<CliRun> {
  const rssFile = join(dir, "rss.json");
  await rm(rssFile, { force: true });
  const isCli = script.endsWith("cli-child.mjs");
  const start = performance.now();
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ["ignore", isCli ? "ignore" : "pipe", "inherit"],
      env: { ...process.env, HEADROOM_BENCH_RSS_FILE: rssFile },
    });
    let text = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (text += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stdout: text }));
  });
  const ms = performance.now() - start;
  const { peakRss } = JSON.parse(isCli ? await readFile(rssFile, "utf8") : stdout) as { peakRss: number };
  return { ms, peakRss, code };
}
