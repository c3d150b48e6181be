import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTextReader, MAX_RECORD_CHARS, ownCopy, type CsvRecord } from "../../../shared/csv/csv-reader";
import { detectDialect, parseDelimiter } from "../../../shared/csv/dialect";
import { formatCsvRecord } from "../../../shared/csv/parse-csv";

/** Feeds `pieces` one by one, as a file arrives, and returns every record (or the error). */
function read(pieces: string[], raw = false): CsvRecord[] | string {
  const reader = new CsvTextReader({ raw });
  const out: CsvRecord[] = [];
  for (const p of pieces) {
    const r = reader.push(p, (x) => out.push(x));
    if (!r.ok) return r.error;
  }
  const end = reader.end((x) => out.push(x));
  return end.ok ? out : end.error;
}

/** `text` cut at the given offsets. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const cell = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", ";", "\t", '"', "\n", "\r", "=", "1") });

describe("CsvTextReader", () => {
  it("gives the same records, lines and text however the file is cut into pieces", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"," | ";" | "\t">(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (delimiter, ending, records, finalEnding, at) => {
          const header = ["h1", "h2", "h3"].join(delimiter);
          const lines = records.map((r) => formatCsvRecord(r, delimiter));
          const text = [header, ...lines].join(ending) + (finalEnding ? ending : "");
          const whole = read([text], true);
          const pieces = read(cut(text, at), true);
          expect(pieces).toEqual(whole);
          if (typeof whole === "string") throw new Error(whole);
          // Cells as written, raw text as written: the records give the file back byte for byte.
          expect(whole.slice(1).map((r) => r.cells)).toEqual(records.map((r) => (r.length === 0 ? [""] : r)));
          expect(whole.map((r) => r.raw + (r.ended ? ending : "")).join("")).toBe(text);
          // Each record starts on the line after the line breaks before it.
          let line = 1;
          for (const r of whole) {
            expect(r.line).toBe(line);
            line += 1 + (r.raw.match(/\r\n|\n|\r/g)?.length ?? 0);
          }
          // Without raw text wanted, the same cells and lines.
          const plain = read(cut(text, at));
          expect(typeof plain !== "string" && plain.map((r) => [r.line, r.cells])).toEqual(
            whole.map((r) => [r.line, r.cells]),
          );
        },
      ),
    );
  });

  it("numbers lines across cells that hold line breaks", () => {
    const records = read(['a,b\r\n1,"two\r\nlines"\r\n3,x\r\n']);
    expect(typeof records !== "string" && records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("says on which line a quote is never closed, with or without the raw text", () => {
    expect(read(["a,b\n1,2\n", '3,"open\n4,5\n'])).toBe('line 3: a quoted field is never closed (missing ")');
    expect(read(["a,b\n1,2\n", '3,"open\n4,5\n'], true)).toBe(
      'line 3: a quoted field is never closed (missing ")',
    );
  });

  it("stops at a record longer than it holds, so memory stays bounded", () => {
    const reader = new CsvTextReader();
    reader.push('a,b\n1,"', () => {});
    const chunk = "x".repeat(1 << 20);
    let result = reader.push(chunk, () => {});
    for (let i = 0; result.ok && i * chunk.length <= MAX_RECORD_CHARS; i++)
      result = reader.push(chunk, () => {});
    expect(result).toEqual({
      ok: false,
      error:
        'line 2: a quoted field is never closed (missing "), or a record is over 4,000,000 characters long',
    });
  });

  it("copies a cell so that it holds nothing of the text it came from", () => {
    const long = "Reisebüro Müller GmbH";
    expect(ownCopy(long)).toBe(long);
    expect(ownCopy("Dell")).toBe("Dell");
  });
});

describe("the dialect of a register", () => {
  it("finds comma, semicolon or tab from the header, and the header's line ending", () => {
    expect(detectDialect("a,b;c,d\r\n", false)).toEqual({ delimiter: ",", lineEnding: "\r\n" });
    expect(detectDialect("Vendor;Amount;Net\n", false)).toEqual({ delimiter: ";", lineEnding: "\n" });
    expect(detectDialect("Vendor\tAmount, net\tTerms\r", true)).toEqual({
      delimiter: "\t",
      lineEnding: "\r",
    });
    expect(detectDialect('"a;b",c\n', false)).toEqual({ delimiter: ",", lineEnding: "\n" });
  });

  it("passes over blank lines before the header and waits for a whole header line", () => {
    expect(detectDialect("\n\r\nx;y\n", false)).toEqual({ delimiter: ";", lineEnding: "\n" });
    expect(detectDialect("x;y", false)).toBeUndefined();
    expect(detectDialect("x;y\r", false)).toBeUndefined(); // "\r" may be the start of "\r\n"
    expect(detectDialect("x;y", true)).toEqual({ delimiter: ";", lineEnding: "\n" });
  });

  it("takes --delimiter as , ; or tab", () => {
    expect(parseDelimiter("tab")).toEqual({ ok: true, value: "\t" });
    expect(parseDelimiter(";")).toEqual({ ok: true, value: ";" });
    expect(parseDelimiter("|")).toEqual({
      ok: false,
      error: '"|" is not a delimiter Headroom reads: use , ; or tab',
    });
  });
});
