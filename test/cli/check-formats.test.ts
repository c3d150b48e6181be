import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";

const rules = ["--rules", "examples/rules", "--as-of", "2026-11-21"];

type Jsonl = { row: number; line: number; ref: string | null; status: string; findings: { code: string }[] };

function dir(): string {
  return mkdtempSync(join(tmpdir(), "headroom-formats-"));
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
}

/** The row results of a --jsonl run (the last line is the summary). */
function rowsOf(stdout: string): Jsonl[] {
  return stdout
    .trimEnd()
    .split("\n")
    .slice(0, -1)
    .map((l) => JSON.parse(l) as Jsonl);
}

function summaryOf(stdout: string): { rows: number; read: Record<string, unknown> } {
  return (
    JSON.parse(stdout.trimEnd().split("\n").at(-1)!) as {
      summary: { rows: number; read: Record<string, unknown> };
    }
  ).summary;
}

// The same register in every format: a supplier Headroom knows, one it blocks, and a name with
// letters outside ASCII (which a wrong encoding would garble).
const HEADER = ["PO Number", "Vendor", "Amount", "Currency", "Cost Center", "Invoice Date"];
const ROWS = [
  ["PO-1", "Dell Technologies", "1200.00", "USD", "IT-HW", "2026-11-02"],
  ["PO-2", "QuickPrint Supplies Co.", "99.50", "USD", "FAC", "2026-11-03"],
  ["PO-3", "Reisebüro Müller GmbH", "45.00", "EUR", "EU-OPS", "2026-11-04"],
];

function expectTheRegister(stdout: string) {
  const rows = rowsOf(stdout);
  expect(rows.map((r) => [r.row, r.line, r.ref])).toEqual([
    [1, 2, "PO-1"],
    [2, 3, "PO-2"],
    [3, 4, "PO-3"],
  ]);
  expect(rows[1]!.findings.map((f) => f.code)).toContain("supplier.blocked");
  expect(stdout).toContain('Supplier \\"Reisebüro Müller GmbH\\" is not in the rule book.');
}

describe("headroom check reads registers as they are exported", () => {
  it("reads Excel's Text (Tab delimited) files, found from the header", async () => {
    const text = [HEADER, ...ROWS].map((r) => r.join("\t")).join("\r\n") + "\r\n";
    const r = await runHeadroom(["check", file("register.txt", text), ...rules, "--jsonl"]);
    expect(r.stderr).toBe("");
    expectTheRegister(r.stdout);
    expect(summaryOf(r.stdout).read).toMatchObject({ format: "csv", delimiter: "\t", lineEnding: "\r\n" });
  });

  it("reads Unicode Text (UTF-16 LE with BOM) and UTF-16 BE, without a NUL in sight", async () => {
    const text = [HEADER, ...ROWS].map((r) => r.join("\t")).join("\r\n") + "\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(text, "utf16le").swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "utf-16be"],
    ] as const) {
      const r = await runHeadroom(["check", file("unicode.txt", bytes), ...rules, "--jsonl"]);
      expect(r.stderr).toBe("");
      expectTheRegister(r.stdout);
      expect(summaryOf(r.stdout).read).toMatchObject({ encoding, bom: true, delimiter: "\t" });
      const report = await runHeadroom(["check", file("unicode.txt", bytes), ...rules]);
      expect(report.stdout).toContain(
        `Read as CSV, tab-separated, UTF-16 ${encoding === "utf-16le" ? "LE" : "BE"} with BOM`,
      );
    }
  });

  it("refuses UTF-16 without a byte-order mark with a clean message, and text that is not UTF-8", async () => {
    const text = [HEADER, ...ROWS].map((r) => r.join("\t")).join("\r\n");
    const r = await runHeadroom(["check", file("nobom.txt", Buffer.from(text, "utf16le")), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /: the file looks like UTF-16 text without a byte-order mark.*"Unicode Text"\n$/,
    );
    expect(r.stderr).not.toContain("\u0000");
    const latin1 = Buffer.from([HEADER, ...ROWS].map((r) => r.join(",")).join("\n"), "latin1");
    const bad = await runHeadroom(["check", file("latin1.csv", latin1), ...rules]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/: the file is not UTF-8 text .*save it from Excel as "CSV UTF-8"/);
  });

  it("reads an .xlsx workbook: the first sheet, or the one --sheet names, with typed numbers and dates", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Register");
    sheet.addRow(HEADER);
    sheet.addRow(["PO-1", "Dell Technologies", 1200, "USD", "IT-HW", new Date(Date.UTC(2026, 10, 2))]);
    sheet.addRow([
      "PO-2",
      "QuickPrint Supplies Co.",
      { formula: "99+0.5", result: 99.5 },
      "USD",
      "FAC",
      46329,
    ]);
    sheet.addRow([]);
    sheet.addRow([
      10042,
      { richText: [{ text: "Reisebüro " }, { text: "Müller GmbH" }] },
      45,
      "EUR",
      "EU-OPS",
      "04.11.2026",
    ]);
    workbook.addWorksheet("Notes").addRow(["Exported from the ERP"]);
    const path = join(dir(), "register.xlsx");
    await workbook.xlsx.writeFile(path);

    const r = await runHeadroom(["check", path, ...rules, "--jsonl"]);
    expect(r.stderr).toBe("");
    const rows = rowsOf(r.stdout);
    // Sheet rows as Excel numbers them; the empty row 4 is a gap.
    expect(rows.map((x) => [x.row, x.line, x.ref])).toEqual([
      [1, 2, "PO-1"],
      [2, 3, "PO-2"],
      [4, 5, "10042"],
    ]);
    expect(rows[1]!.findings.map((f) => f.code)).toContain("supplier.blocked");
    expect(JSON.stringify(rows)).not.toContain("row.invalid-date");
    expect(summaryOf(r.stdout).read).toEqual({
      format: "xlsx",
      sheet: "Register",
      dateSystem: "1900",
      dateOrder: null,
      dateOrderFrom: null,
    });

    const notes = await runHeadroom(["check", path, ...rules, "--sheet", "Notes"]);
    expect(notes.code).toBe(2);
    expect(notes.stderr).toMatch(
      /no supplier \(or vendor id\) or amount column found; the headers are: Exported from the ERP \(sheet "Notes"; --sheet NAME reads another of "Register", "Notes"\)/,
    );
    const missing = await runHeadroom(["check", path, ...rules, "--sheet", "Q4"]);
    expect(missing.stderr).toMatch(
      /the workbook has no sheet called "Q4"; its sheets are "Register", "Notes"/,
    );

    const csv = await runHeadroom(["check", path, ...rules, "--csv"]);
    expect(csv.stdout.split("\r\n").slice(0, 2)).toEqual([
      "\uFEFFPO Number,Vendor,Amount,Currency,Cost Center,Invoice Date,Headroom status,Headroom details",
      expect.stringMatching(/^PO-1,Dell Technologies,1200,USD,IT-HW,2026-11-02,(ok|info|warn|block),/),
    ]);
  });

  it("refuses an old .xls workbook with what to do", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const r = await runHeadroom(["check", file("old.xls", ole), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Excel 97-2003 workbook \(\.xls\).*save it as \.xlsx/);
  });

  it("reads a register from standard input with -", async () => {
    const text = [HEADER, ...ROWS].map((r) => r.join(";")).join("\n");
    const r = await runHeadroom(["check", "-", ...rules, "--jsonl"], { input: text });
    expect(r.stderr).toBe("");
    expectTheRegister(r.stdout);
    const report = await runHeadroom(["check", "-", ...rules], { input: text });
    expect(report.stdout).toMatch(/^Checking standard input against /);
  });

  it("takes the delimiter it is given over the one the header suggests", async () => {
    // Two commas and two tabs in the header: commas win, and no column is found.
    const text = "Vendor\tAmount\tCost center, department, team\nDell Technologies\t10.00\tIT-HW\n";
    const found = await runHeadroom(["check", file("r.txt", text), ...rules]);
    expect(found.code).toBe(2);
    const told = await runHeadroom(["check", file("r.txt", text), ...rules, "--delimiter", "tab", "--jsonl"]);
    expect(told.stderr).toBe("");
    expect(rowsOf(told.stdout)).toHaveLength(1);
  });
});
