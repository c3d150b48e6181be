// Runs checkBatch over 1,000,000 generated rows in a process of its own, so its peak memory is its
// own, and prints the figures as JSON for bench/run.ts.
import { checkBatch } from "../shared/engine/check";
import { prepareRules } from "../shared/engine/prepare";
import { parseIsoDate } from "../shared/dates/plain-date";
import { parseRuleBookTexts } from "../shared/rules/load";
import { generateRows, generateRuleBook } from "./generate";
import { pairedRuns } from "./stats";

const ROWS = 1_000_000;
const generated = generateRuleBook(10_000, 2_000);
const loaded = parseRuleBookTexts([{ name: "bench.json", text: generated.text }]);
if (!loaded.ok) throw new Error("generated rule book is invalid");
const book = loaded.value;
prepareRules(book);
const rows = generateRows(generated, ROWS);
const asOf = (parseIsoDate("2026-11-21") as { ok: true; value: number }).value;

// The baseline: look up supplier and cost center in Maps and sum the amounts, nothing else.
const suppliers = new Map<string, number>();
generated.supplierNames.forEach((name, i) => suppliers.set(name, i));
generated.vendorIds.forEach((id, i) => suppliers.set(id, i));
const costCenters = new Map(generated.costCenters.map((c, i) => [c, i]));
let sink = 0;
function baseline(): void {
  let sum = 0;
  for (const row of rows) {
    const s = suppliers.get(row.vendorId || row.supplier!);
    const c = costCenters.get(row.costCenter!);
    if (s !== undefined && c !== undefined) sum += Number(row.amount);
  }
  sink += sum;
}

let statuses = "";
function engine(): void {
  statuses = JSON.stringify(checkBatch(book, rows, { asOf }).summary.byStatus);
}

// Interleaved pairs: this machine's speed drifts, so each engine run is compared with the baseline
// run just before it, and the median of those ratios is reported.
const rssBefore = process.memoryUsage().rss;
baseline();
engine();
const { baselineMs, subjectMs: engineMs, ratio } = pairedRuns(baseline, engine, 5);
const peakRss = process.resourceUsage().maxRSS * 1024;

process.stdout.write(
  JSON.stringify({ rows: ROWS, baselineMs, engineMs, ratio, rssBefore, peakRss, statuses, sink: sink > 0 }) +
    "\n",
);
