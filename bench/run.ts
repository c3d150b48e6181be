// `npm run bench`: performance figures of the shared library, each with the ratio to a baseline
// measured in the same run (this machine is noisy: compare ratios, not seconds). It runs bundled by
// esbuild, as the CLI, the extension and the add-in ship the library: one module, so V8 can inline
// across what are separate files in the source.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchDomainLookup, benchSupplierMatch } from "./match-bench";
import { benchRuleBookLoad } from "./rule-book-bench";
import { benchAddinCheck } from "./addin-bench";
import { benchCliCheck } from "./cli-bench";
import { fmt } from "./stats";

const here = fileURLToPath(new URL(".", import.meta.url));
const verdict = (ok: boolean) => (ok ? "goal met" : "GOAL NOT MET");

console.log("Headroom benchmarks (medians; ratios measured in the same run)\n");

const load = benchRuleBookLoad();
console.log("Rule book: load + validate + index, 10,000 suppliers and 2,000 budgets");
console.log(`  JSON text          ${fmt(load.bytes / 1024 / 1024, 1)} MB`);
console.log(`  JSON.parse         ${fmt(load.jsonParseMs, 1)} ms`);
console.log(`  load+validate+index ${fmt(load.loadMs, 1)} ms`);
console.log(
  `  ratio              ${fmt(load.ratio, 1)}x JSON.parse (goal <= 6x: ${verdict(load.ratio <= 6)})\n`,
);

const child = spawnSync(process.execPath, [`${here}batch-child.mjs`], {
  encoding: "utf8",
  maxBuffer: 1 << 20,
});
if (child.status !== 0) throw new Error(`batch bench failed: ${child.stderr}`);
const batch = JSON.parse(child.stdout) as {
  rows: number;
  baselineMs: number;
  engineMs: number;
  ratio: number;
  rssBefore: number;
  peakRss: number;
  statuses: string;
};
const rowsPerSecond = (batch.rows / batch.engineMs) * 1000;
const batchRatio = batch.ratio;
console.log("checkBatch: 1,000,000 generated rows, 10,000 suppliers, 2,000 budgets");
console.log(`  baseline (2 Map lookups + sum) ${fmt(batch.baselineMs)} ms`);
console.log(
  `  checkBatch         ${fmt(batch.engineMs)} ms, ${fmt(rowsPerSecond)} rows/s (goal >= 1,000,000: ${verdict(rowsPerSecond >= 1e6)})`,
);
console.log(
  `  ratio              ${fmt(batchRatio, 1)}x baseline, median of 5 interleaved pairs (goal <= 4x: ${verdict(batchRatio <= 4)})`,
);
console.log(`  rows by status     ${batch.statuses}`);
console.log(
  `  peak memory        ${fmt(batch.peakRss / 1024 / 1024)} MB RSS (input rows alone: ${fmt(batch.rssBefore / 1024 / 1024)} MB before the run)\n`,
);

const domains = benchDomainLookup();
console.log(`Web address lookup: ${fmt(domains.domains)} supplier domains`);
console.log(`  matchHost          ${fmt(domains.lookupsPerSecond)} lookups/s`);
console.log(`  Map.get baseline   ${fmt(domains.baselinePerSecond)} lookups/s`);
console.log(`  ratio              ${fmt(domains.ratio, 1)}x (goal <= 4x: ${verdict(domains.ratio <= 4)})\n`);

const names = benchSupplierMatch();
console.log(`Supplier names: ${fmt(names.suppliers)} suppliers`);
console.log(`  messy known names  ${fmt(names.lookupsPerSecond)} matches/s`);
console.log(
  `  unknown names      ${fmt(names.unknownLookupsPerSecond)} matches/s (with "did you mean" suggestions)`,
);

const addin = await benchAddinCheck();
console.log(`\nExcel add-in: ${fmt(addin.rows)} rows through the task pane's path, simulated Excel host`);
console.log(`  read (chunked)     ${fmt(addin.readMs)} ms`);
console.log(`  engine             ${fmt(addin.engineMs)} ms`);
console.log(`  write (2 columns)  ${fmt(addin.writeMs)} ms`);
console.log(`  total              ${fmt(addin.totalMs)} ms, including finding the table and the mapping`);
console.log(
  `  Excel requests     ${addin.syncs} syncs, largest request ${fmt(addin.largestRequestBytes / 1048576, 2)} MB, response ${fmt(addin.largestResponseBytes / 1048576, 2)} MB (limit 5 MB: ${verdict(Math.max(addin.largestRequestBytes, addin.largestResponseBytes) < 5 * 1048576)})`,
);

// `headroom check` end to end, as a user runs it on a register file: each run a process of its own.
const MB = 1024 * 1024;
console.log(
  "\nheadroom check end to end: generated registers streamed from a file, 10,000 suppliers, 2,000 budgets",
);
for (const run of await benchCliCheck([1_000_000, 5_000_000], 1_000_000)) {
  const ratio = run.check.ms / run.parse.ms;
  console.log(`  ${fmt(run.rows)} rows (${fmt(run.bytes / MB)} MB)`);
  console.log(
    `    CSV library's bare parse  ${fmt(run.parse.ms)} ms, ${fmt((run.rows / run.parse.ms) * 1000)} rows/s, peak ${fmt(run.parse.peakRss / MB)} MB RSS`,
  );
  console.log(
    `    headroom check (report)   ${fmt(run.check.ms)} ms, ${fmt((run.rows / run.check.ms) * 1000)} rows/s, exit ${run.check.code}`,
  );
  console.log(
    `    ratio                     ${fmt(ratio, 1)}x the bare parse (goal <= 3x: ${verdict(ratio <= 3)})`,
  );
  console.log(
    `    peak memory               ${fmt(run.check.peakRss / MB)} MB RSS (goal <= 400 MB: ${verdict(run.check.peakRss <= 400 * MB)})`,
  );
  if (run.csv) {
    const csvRatio = run.csv.ms / run.parse.ms;
    console.log(
      `    with --csv (all rows out) ${fmt(run.csv.ms)} ms, ${fmt((run.rows / run.csv.ms) * 1000)} rows/s, ${fmt(csvRatio, 1)}x the bare parse, peak ${fmt(run.csv.peakRss / MB)} MB RSS`,
    );
  }
}

// The extension's content script in real Chromium (bench/extension-bench.ts). A child process: the
// browser driver cannot be bundled into this file.
const extension = spawnSync("npx", ["tsx", `${here}../../bench/extension-bench.ts`], {
  encoding: "utf8",
  maxBuffer: 1 << 20,
});
console.log(
  extension.status === 0
    ? `\n${extension.stdout.trim()}`
    : `\nExtension content script: not measured (${extension.stderr.trim().split("\n")[0] ?? "failed"})`,
);
