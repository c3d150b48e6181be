import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli";
import { parseCsv } from "../../shared/csv/parse-csv";
import { repoRoot, runHeadroom, runNode } from "../helpers/cli";

const rules = ["--rules", "examples/rules", "--as-of", "2026-11-21"];

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "headroom-output-")), name);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI and returns its stdout as bytes (a string would hide a BOM or UTF-16). */
function runBytes(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/headroom.mjs`, ...args], { cwd: repoRoot });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/** The output with the two added columns taken off each line (they are the last two cells). */
function withoutAddedColumns(text: string, delimiter: string, ending: string): string {
  return text
    .split(ending)
    .map((line) => {
      if (line === "") return line;
      // The added cells never hold a line break; strip the last two cells, quoted or not.
      const added = new RegExp(
        `${delimiter}(?:"(?:[^"]|"")*"|[^"${delimiter}]*)${delimiter}(?:"(?:[^"]|"")*"|[^"${delimiter}]*)$`,
      );
      return line.replace(added, "");
    })
    .join(ending);
}

describe("--csv gives the register back as it came", () => {
  // Semicolons, CRLF, a BOM, cells quoted where they need not be, a line break inside a cell,
  // a row of empty cells, an empty line and a last line without a line ending.
  const input =
    "\uFEFFPO Number;Vendor;Amount;Currency;Cost Center;Note\r\n" +
    'PO-1;"Dell Technologies";"1.200,00";USD;IT-HW;"two\r\nlines"\r\n' +
    ";;;;;\r\n" +
    "\r\n" +
    "PO-4;Reisebüro Müller GmbH;-25,00;EUR;EU-OPS;credit note\r\n" +
    'PO-5;Lenovo;500,00;USD;IT-HW;"say ""hi"""';

  it("keeps BOM, delimiter, line endings and quoting byte for byte, apart from the two added columns", async () => {
    const r = await runBytes(["check", file("register.csv", input), ...rules, "--csv"]);
    expect(r.stderr).toBe("");
    const text = r.stdout.toString("utf8");
    expect(r.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(withoutAddedColumns(text, ";", "\r\n")).toBe(input);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFPO Number;Vendor;Amount;Currency;Cost Center;Note;Headroom status;Headroom details",
    );
    expect(lines[1]).toBe('PO-1;"Dell Technologies";"1.200,00";USD;IT-HW;"two');
    expect(lines[3]).toBe(";;;;;;;"); // a gap: two empty cells added
    expect(lines[4]).toBe(""); // an empty line stays empty
    expect(lines[5]).toMatch(/^PO-4;Reisebüro Müller GmbH;-25,00;EUR;EU-OPS;credit note;warn;/);
    expect(lines.at(-1)).toMatch(/^PO-5;Lenovo;500,00;USD;IT-HW;"say ""hi""";\w+;/);
    expect(text.endsWith("\r\n")).toBe(false);
  });

  it("writes a UTF-16 register back in UTF-16 with its BOM", async () => {
    const tab = "PO\tVendor\tAmount\r\nPO-1\tReisebüro Müller GmbH\t45.00\r\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tab, "utf16le")]);
    const r = await runBytes(["check", file("unicode.txt", bytes), ...rules, "--csv"]);
    expect(r.stdout.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const text = r.stdout.subarray(2).toString("utf16le");
    expect(withoutAddedColumns(text, "\t", "\r\n")).toBe(tab);
    expect(text).toContain('Supplier ""Reisebüro Müller GmbH"" is not in the rule book.');
  });

  it("neutralises cells a spreadsheet would run as formulas, and leaves amounts such as -25.00 as numbers", async () => {
    const hostile =
      "PO Number,Vendor,Amount,Cost Center,Note\n" +
      'PO-1,"=HYPERLINK(""http://evil.example"",""Pay"")",-25.00,IT-HW,+1+1\n' +
      'PO-2,@SUM(A1:A9),100.00,IT-HW,"\tcmd"\n' +
      "PO-3,Dell Technologies,-25.00,IT-HW,-\n";
    const r = await runHeadroom(["check", file("hostile.csv", hostile), ...rules, "--csv"]);
    const parsed = parseCsv(r.stdout);
    if (!parsed.ok) throw new Error(parsed.error);
    const [one, two, three] = parsed.value.rows.map((x) => x.cells);
    expect(one!.slice(0, 5)).toEqual([
      "PO-1",
      '\'=HYPERLINK("http://evil.example","Pay")',
      "-25.00",
      "IT-HW",
      "'+1+1",
    ]);
    expect(two!.slice(0, 5)).toEqual(["PO-2", "'@SUM(A1:A9)", "100.00", "IT-HW", "'\tcmd"]);
    // A row with nothing to neutralise is copied as it was.
    expect(r.stdout.split("\n")[3]).toMatch(/^PO-3,Dell Technologies,-25\.00,IT-HW,-,/);
    expect(three!.at(-2)).toMatch(/^(ok|info|warn|block)$/);
    // The added details echo the name, neutralised too (they start with the finding's code anyway).
    for (const row of [one!, two!]) expect(row.at(-1)).toMatch(/^supplier\.unknown: /);

    const kept = await runHeadroom([
      "check",
      file("hostile.csv", hostile),
      ...rules,
      "--csv",
      "--keep-formulas",
    ]);
    expect(kept.stdout.split("\n")[1]).toMatch(
      /^PO-1,"=HYPERLINK\(""http:\/\/evil\.example"",""Pay""\)",-25\.00,IT-HW,\+1\+1,/,
    );
  });
});

describe("--json and --jsonl", () => {
  const register =
    "PO Number,Vendor,Amount,Cost Center,Note\n" +
    'PO-1,Dell Technologies,100.00,IT-HW,"a note\nover two lines"\n' +
    ",,,,\n" +
    "PO-3,QuickPrint Supplies Co.,10.00,FAC,\n" +
    ",Lenovo,20.00,IT-HW,\n";

  it("carries the file line where each row starts and its reference, in one JSON document", async () => {
    const r = await runHeadroom(["check", file("r.csv", register), ...rules, "--json"]);
    const body = JSON.parse(r.stdout) as {
      rows: { row: number; line: number; ref: string | null }[];
      summary: { rows: number };
    };
    expect(body.rows.map(({ row, line, ref }) => ({ row, line, ref }))).toEqual([
      { row: 1, line: 2, ref: "PO-1" },
      { row: 3, line: 5, ref: "PO-3" },
      { row: 4, line: 6, ref: null },
    ]);
    expect(body.summary).toMatchObject({ rows: 3, blankRows: 1 });
  });

  it("writes one result per line with --jsonl, then the summary", async () => {
    const r = await runHeadroom(["check", file("r.csv", register), ...rules, "--jsonl"]);
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => l.line)).toEqual([2, 5, 6]);
    expect(Object.keys(lines[3]!)).toEqual(["summary"]);
    expect(r.code).toBe(1); // QuickPrint is blocked
  });
});

describe("the text report", () => {
  it("lists the first flagged rows of each kind, --limit more or fewer, --all every one in file order", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `PO-${i},QuickPrint Supplies Co.,10.00,FAC`);
    const path = file("r.csv", ["PO Number,Vendor,Amount,Cost Center", ...rows].join("\n"));
    const byDefault = await runHeadroom(["check", path, ...rules]);
    expect(byDefault.stdout).toContain(
      "Blocked rows: the first 20 of 30 (--limit N lists more, --all every flagged row)",
    );
    expect(byDefault.stdout.match(/^ {2}Line \d+ \(PO-\d+\): block$/gm)).toHaveLength(20);
    const two = await runHeadroom(["check", path, ...rules, "--limit", "2"]);
    expect(two.stdout.match(/^ {2}Line \d+/gm)).toEqual(["  Line 2", "  Line 3"]);
    const all = await runHeadroom(["check", path, ...rules, "--all"]);
    expect(all.stdout).toContain("Flagged rows, in file order");
    expect(all.stdout.match(/^ {2}Line \d+/gm)).toHaveLength(30);
  });

  it("refuses options that do not go together", async () => {
    const path = file("r.csv", "Vendor,Amount\nDell,1\n");
    for (const [args, message] of [
      [["--json", "--csv"], "choose one of --json and --csv"],
      [["--jsonl", "--limit", "3"], "--limit is for the text report, not --jsonl"],
      [["--keep-formulas"], "--keep-formulas goes with --csv"],
      [["--limit", "x"], "--limit: x is not a whole number"],
      [["--date-format", "ydm"], '--date-format: "ydm" is not a date format'],
      [["--delimiter", "|"], '--delimiter: "|" is not a delimiter Headroom reads'],
      [["--sheet", "Q4"], "--sheet is for .xlsx workbooks"],
    ] as const) {
      const r = await runHeadroom(["check", path, ...rules, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

describe("streaming output", () => {
  it("waits for a slow reader instead of holding the output in memory (backpressure)", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `PO-${i},Dell Technologies,10.00,IT-HW,${"x".repeat(100)}`,
    );
    const path = file("big.csv", ["PO Number,Vendor,Amount,Cost Center,Note", ...rows].join("\n"));
    let written = 0;
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        setTimeout(done, 1);
      },
    });
    const watch = setInterval(() => (mostBuffered = Math.max(mostBuffered, slow.writableLength)), 0);
    const result = await runCli(["check", path, ...rules, "--csv"], { cwd: repoRoot, stdout: slow });
    clearInterval(watch);
    expect(result.code).toBe(0);
    // Never more than a piece or two of output waiting: the check waited for the reader.
    expect(mostBuffered).toBeLessThan(300_000);
    expect(written).toBeGreaterThan(2_500_000);
  });

  it("stops quietly when the reader of a pipe goes away (| head)", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `PO-${i},Dell Technologies,10.00,IT-HW`);
    const path = file("big.csv", ["PO Number,Vendor,Amount,Cost Center", ...rows].join("\n"));
    const r = await runNode([
      "-e",
      `const { spawn } = require("node:child_process");
       const child = spawn(process.execPath, [${JSON.stringify(`${repoRoot}bin/headroom.mjs`)}, "check", ${JSON.stringify(path)}, "--rules", "examples/rules", "--as-of", "2026-11-21", "--jsonl"], { stdio: ["ignore", "pipe", "pipe"] });
       let err = "";
       child.stderr.on("data", (d) => (err += d));
       child.stdout.once("data", () => child.stdout.destroy());
       child.on("close", (code) => console.log(JSON.stringify({ code, err })));`,
    ]);
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, err: "" });
  });
});
