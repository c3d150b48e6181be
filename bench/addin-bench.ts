/// <reference types="office-js" />
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck, locate } from "../addin/taskpane/check-flow";
import { parseRuleBookTexts } from "../shared/rules/load";
import { parseIsoDate } from "../shared/dates/plain-date";
import { registerRows } from "../test/addin/register";
import { createSimHost } from "../test/addin/sim/sim-host";
import { repoRoot } from "../test/helpers/cli";

export type AddinBench = {
  rows: number;
  /** Medians over the runs, ms. */
  readMs: number;
  engineMs: number;
  writeMs: number;
  totalMs: number;
  syncs: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
};

/**
 * `rows` purchases (examples/purchases.csv's rows, repeated) checked through the task pane's own
 * path (find the table, read in chunks, checkBatch, write the result columns) against the simulated
 * Excel host in Node: time to read, to run the engine, and to write, medians of `runs` runs on a
 * fresh workbook each. The host serialises every request as Office would, so read and write
 * include the JSON work of the real API, not the network to Excel.
 */
export async function benchAddinCheck(rows = 100_000, runs = 3): Promise<AddinBench> {
  const dir = join(repoRoot, "examples/rules");
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
  const book = parseRuleBookTexts(files);
  if (!book.ok) throw new Error("the example rule book does not load");
  const asOf = (parseIsoDate("2026-11-21") as { ok: true; value: number }).value;
  const { header, rows: cells } = registerRows(rows);
  const g = globalThis as Record<string, unknown>;
  const samples: {
    read: number;
    engine: number;
    write: number;
    total: number;
    syncs: number;
    req: number;
    res: number;
  }[] = [];
  for (let i = 0; i < runs; i++) {
    const host = createSimHost({
      sheets: [{ name: "AP", rows: [header, ...cells], table: "Register" }],
      use1904: false,
    });
    g["Excel"] = host.Excel;
    const start = performance.now();
    const located = await locate();
    const outcome = await runCheck(book.value, located, () => undefined, asOf);
    const total = performance.now() - start;
    samples.push({
      read: outcome.timings.readMs,
      engine: outcome.timings.engineMs,
      write: outcome.timings.writeMs,
      total,
      syncs: host.stats.syncs.length,
      req: Math.max(...host.stats.syncs.map((s) => s.requestBytes)),
      res: Math.max(...host.stats.syncs.map((s) => s.responseBytes)),
    });
  }
  delete g["Excel"];
  const median = (f: (s: (typeof samples)[number]) => number) =>
    samples.map(f).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return {
    rows,
    readMs: median((s) => s.read),
    engineMs: median((s) => s.engine),
    writeMs: median((s) => s.write),
    totalMs: median((s) => s.total),
    syncs: samples[0]!.syncs,
    largestRequestBytes: samples[0]!.req,
    largestResponseBytes: samples[0]!.res,
  };
}
