// Runs checkBatch over 1,000,000 generated rows in a process of its own, so its peak memory is its
// own, and prints the figures as JSON for bench/run.ts.
import { checkBatch } from "../shared/engine/check";
import { prepareRules } from "../shared/engine/prepare";
import { parseIsoDate } from "../shared/dates/plain-date";
import { parseRuleBookTexts } from "../shared/rules/load";
import { generateRows, generateRuleBook } from "./generate";
import { medianMs } from "./stats";

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
const baselineMs = medianMs(
  () => {
    let sum = 0;
    for (const row of rows) {
      const s = suppliers.get(row.vendorId || row.supplier!);
      const c = costCenters.get(row.costCenter!);
      if (s !== undefined && c !== undefined) sum += Number(row.amount);
    }
    sink += sum;
  },
  5,
  1,
);

const rssBefore = process.memoryUsage().rss;
let statuses = "";
const engineMs = medianMs(
  () => {
    const result = checkBatch(book, rows, { asOf });
    statuses = JSON.stringify(result.summary.byStatus);
  },
  3,
  1,
);
const peakRss = process.resourceUsage().maxRSS * 1024;

process.stdout.write(
  JSON.stringify({ rows: ROWS, baselineMs, engineMs, rssBefore, peakRss, statuses, sink: sink > 0 }) + "\n",
);
