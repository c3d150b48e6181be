import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../shared/engine/types";
import { parseCsv } from "../../shared/csv/parse-csv";
import { repoRoot, runHeadroom } from "../helpers/cli";

const rules = ["--rules", "examples/rules", "--as-of", "2026-11-21"];

type JsonReport = {
  rows: {
    row: number;
    line: number;
    ref: string | null;
    status: string;
    findings: { code: string; severity: string; message: string }[];
  }[];
  summary: {
    rows: number;
    byStatus: Record<string, number>;
    byCode: Record<string, number>;
    budgets: Record<string, unknown>[];
  };
};

function csvFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "headroom-check-"));
  const file = join(dir, "purchases.csv");
  writeFileSync(file, text);
  return file;
}

describe("headroom check on the example register", () => {
  it("prints exactly the documented JSON shape, and exercises every finding code", async () => {
    const r = await runHeadroom(["check", "examples/purchases.csv", ...rules, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1); // the example has blocked rows
    const body = JSON.parse(r.stdout) as JsonReport;
    expect(Object.keys(body)).toEqual(["rows", "summary"]);
    for (const row of body.rows) {
      expect(Object.keys(row)).toEqual(["row", "line", "ref", "status", "findings"]);
      for (const f of row.findings) expect(Object.keys(f)).toEqual(["code", "severity", "message"]);
    }
    expect(body.rows.map((x) => x.row)).toEqual(body.rows.map((_, i) => i + 1));
    // The example has one header line and no line breaks in cells: row n is on line n + 1.
    expect(body.rows.map((x) => x.line)).toEqual(body.rows.map((_, i) => i + 2));
    expect(body.rows[0]!.ref).toBe("PO-4101");
    expect(body.summary.rows).toBe(body.rows.length);
    expect(Object.keys(body.summary.byCode).sort()).toEqual([...FINDING_CODES].sort());
    const itCloud = body.summary.budgets.find((b) => b.costCenter === "IT-CLOUD");
    expect(itCloud).toMatchObject({
      currency: "USD",
      budget: "960000.00",
      spent: "802115.40",
      committed: "120000.00",
    });
    expect(Number(itCloud!.remaining)).toBeLessThan(0);
  });

  it("says when the day it checks for is today's because --as-of was not given", async () => {
    const r = await runHeadroom(["check", "examples/purchases.csv", "--rules", "examples/rules"]);
    expect(r.stdout.split("\n")[0]).toMatch(
      /, as of \d{4}-\d{2}-\d{2} \(today, UTC: --as-of sets another day\)\.$/,
    );
  });

  it("prints a readable report by default", async () => {
    const r = await runHeadroom(["check", "examples/purchases.csv", ...rules]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^Checking examples\/purchases\.csv against Northwind Analytics Inc\.'s rule book, revision 14, as of 2026-11-21\./,
    );
    expect(r.stdout).toMatch(/^Checked 283 rows: 5 blocked, 53 warnings, 66 notes, 159 ok\.$/m);
    expect(r.stdout).toMatch(
      /block +supplier\.blocked: QuickPrint Supplies Co\. is blocked: Failed the supplier security review in June 2026\. Preferred for Office supplies: Staples, Inc\./,
    );
    expect(r.stdout).toMatch(/IT-CLOUD +FY2026 +960,000\.00 +802,115\.40 +120,000\.00 .* USD +over \(stop\)/);
    expect(r.stdout).toMatch(/Findings by code/);
  });

  it("appends status and details columns with --csv, keeping every input cell", async () => {
    const r = await runHeadroom(["check", "examples/purchases.csv", ...rules, "--csv"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "PO Number,Invoice Date,Vendor,Vendor ID,Cost Center,Category,Amount,Currency,Payment Terms,Headroom status,Headroom details",
    );
    expect(lines).toHaveLength(284);
    const input = parseCsv(readFileSync(join(repoRoot, "examples/purchases.csv"), "utf8"));
    const output = parseCsv(r.stdout);
    if (!input.ok || !output.ok) throw new Error("unreadable CSV");
    output.value.rows.forEach((row, i) => {
      expect(row.cells.slice(0, -2)).toEqual(input.value.rows[i]!.cells);
      expect(["ok", "info", "warn", "block"]).toContain(row.cells.at(-2));
    });
    expect(lines.some((l) => /^PO-\d+,.*QuickPrint.*,block,"supplier\.blocked: /.test(l))).toBe(true);
  });
});

describe("headroom check on other registers", () => {
  it("reads semicolons, quotes, a BOM and other header names", async () => {
    const file = csvFile(
      "\uFEFFPayee;Net amount;Department;Payment terms;Date\n" +
        '"Dell; Inc.";"1.200,00";IT-HW;Net 30;2026-11-02\n' +
        "Lenovo;500,00;IT-HW;Net 45;2026-11-03\n",
    );
    const r = await runHeadroom(["check", file, ...rules, "--json"]);
    const body = JSON.parse(r.stdout) as JsonReport;
    expect(body.rows).toHaveLength(2);
    expect(body.rows[1]!.findings.map((f) => f.code)).toContain("supplier.not-preferred");
    expect(body.rows[0]!.findings.map((f) => f.code)).toContain("terms.differ-from-contract");
  });

  it("reports bad rows and carries on", async () => {
    const file = csvFile("Supplier,Amount,Cost center\nDell,abc,IT-HW\n,100,IT-HW\nDell,100,IT-HW\n");
    const r = await runHeadroom(["check", file, ...rules, "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as JsonReport;
    expect(body.rows.map((x) => x.findings.map((f) => f.code)[0])).toEqual([
      "row.invalid-amount",
      "row.missing-supplier",
      "terms.take-discount",
    ]);
  });

  it("leaves out rows with nothing in them, as spreadsheets export them, and keeps the row numbers", async () => {
    const file = csvFile(
      [
        "PO,Vendor,Amount,Currency,Cost center",
        "PO-1,Dell Technologies,100.00,USD,IT-HW",
        ",,,,",
        " , ,,,",
        "PO-4,Dell Technologies,250.00,USD,IT-HW",
      ].join("\n"),
    );
    const json = await runHeadroom(["check", file, ...rules, "--json"]);
    const body = JSON.parse(json.stdout) as JsonReport;
    expect(body.rows.map((x) => x.row)).toEqual([1, 4]);
    expect(body.summary.rows).toBe(2);
    expect(JSON.stringify(body)).not.toContain("row.missing");

    const csv = await runHeadroom(["check", file, ...rules, "--csv"]);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(",,,,,,");
    expect(lines[1]).toMatch(/^PO-1,Dell Technologies,100\.00,USD,IT-HW,(ok|info|warn|block),/);

    const text = await runHeadroom(["check", file, ...rules]);
    expect(text.stdout).toMatch(/^Checked 2 rows: .* 2 blank rows left out\./m);
    expect(text.stdout).toMatch(/^ {2}Line 2 \(PO-1\): /m);
    expect(text.stdout).not.toMatch(/Line [34]\b/);
  });

  it("exits 2 when no amount or supplier column can be found, naming the headers", async () => {
    const r = await runHeadroom(["check", csvFile("Name,Price\nDell,10\n"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no supplier \(or vendor id\) or amount column found; the headers are: Name, Price/,
    );
  });

  it("exits 2 for an unreadable file, a broken CSV, a missing --rules and an invalid rule book", async () => {
    expect((await runHeadroom(["check", "nope.csv", ...rules])).code).toBe(2);
    const broken = await runHeadroom(["check", csvFile('Supplier,Amount\n"Dell,10\n'), ...rules]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/line 2: a quoted field is never closed/);
    const noRules = await runHeadroom(["check", "examples/purchases.csv"]);
    expect(noRules.code).toBe(2);
    expect(noRules.stderr).toMatch(/--rules <file-or-dir> is required/);
    const badRules = await runHeadroom([
      "check",
      "examples/purchases.csv",
      "--rules",
      "examples/purchases.csv",
    ]);
    expect(badRules.code).toBe(2);
    expect(badRules.stderr).toMatch(/not valid JSON/);
  });
});
