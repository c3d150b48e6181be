import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";

const rules = ["--rules", "examples/rules", "--as-of", "2026-11-21"];

/**
 * A register of Dell orders on 2/10 Net 45 terms: the "take the discount" note names the day to pay
 * by, ten days after the invoice date, so it shows which day each date was read as.
 */
function register(dates: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "headroom-dates-")), "register.csv");
  const rows = dates.map((d, i) => `PO-${i + 1},Dell Technologies,100.00,USD,IT-HW,2/10 Net 45,${d}`);
  writeFileSync(
    path,
    ["PO,Vendor,Amount,Currency,Cost center,Terms,Invoice date", ...rows].join("\n") + "\n",
  );
  return path;
}

async function payBy(path: string, extra: string[] = []): Promise<string[]> {
  const r = await runHeadroom(["check", path, ...rules, "--jsonl", ...extra]);
  expect(r.stderr).toBe("");
  return r.stdout
    .trimEnd()
    .split("\n")
    .slice(0, -1)
    .map((l) => /pay by (\d{4}-\d{2}-\d{2})/.exec(l)?.[1] ?? l);
}

describe("headroom check reads dates as exports write them", () => {
  it("reads ISO, dd.mm.yyyy, 21-Nov-2026 and Excel serials", async () => {
    expect(
      await payBy(register(["2026-11-02", "03.11.2026", "04-Nov-2026", '"Nov 5, 2026"', "46332"])),
    ).toEqual(["2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15", "2026-11-16"]);
  });

  it("decides day or month first for the whole column, from a later date with a day over 12", async () => {
    const path = register(["03/04/2026", "05/06/2026", "21/04/2026"]);
    expect(await payBy(path)).toEqual(["2026-04-13", "2026-06-15", "2026-05-01"]);
    const report = await runHeadroom(["check", path, ...rules]);
    expect(report.stdout).toContain(
      'Day-month dates are read day first: "21/04/2026" on line 4 has no month 21 (--date-format mdy would read them month first).',
    );
    expect(await payBy(register(["03/04/2026", "11/21/2026"]))).toEqual(["2026-03-14", "2026-12-01"]);
  });

  it("asks, with examples, when every date reads either way; --date-format answers", async () => {
    const path = register(["03/04/2026", "05/06/2026", "2026-07-01", "08/09/2026", "10/11/2026"]);
    const r = await runHeadroom(["check", path, ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${path}: the "Invoice date" column has dates that read either way, day first or month first, and none has a day over 12 to tell which: "03/04/2026" (line 2), "05/06/2026" (line 3), "08/09/2026" (line 5). For "03/04/2026", --date-format dmy reads 3 April 2026 and --date-format mdy reads 4 March 2026. Say which with --date-format dmy or --date-format mdy.\n`,
    );
    expect(await payBy(path, ["--date-format", "mdy"])).toEqual([
      "2026-03-14",
      "2026-05-16",
      "2026-07-11",
      "2026-08-19",
      "2026-10-21",
    ]);
    const told = await runHeadroom(["check", path, ...rules, "--date-format", "dmy"]);
    expect(told.stdout).toContain("Day-month dates are read day first, as --date-format says.");
  });

  it("reports a date that is no day in the column's order, and goes on", async () => {
    const r = await runHeadroom(["check", register(["21/04/2026", "31/04/2026"]), ...rules, "--jsonl"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[1]).toContain('"code":"row.invalid-date"');
  });
});
