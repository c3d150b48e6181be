import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvRecord, parseCsv } from "../../../shared/csv/parse-csv";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, line breaks in quotes, CRLF and a BOM", () => {
    const r = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n"multi\nline",,end\r\n');
    expect(r).toEqual({
      ok: true,
      value: {
        delimiter: ",",
        header: ["a", "b", "c"],
        rows: [
          { line: 2, cells: ["1", 'x, "y"', "3"] },
          { line: 3, cells: ["multi\nline", "", "end"] },
        ],
      },
    });
  });

  it("picks the semicolon when the header uses it, and skips blank lines", () => {
    const r = parseCsv("Vendor;Amount\n\nDell;1.234,56\n\n");
    expect(r.ok && r.value).toMatchObject({
      delimiter: ";",
      rows: [{ line: 3, cells: ["Dell", "1.234,56"] }],
    });
  });

  it("says which line has a quote that is never closed", () => {
    expect(parseCsv('a,b\n1,2\n3,"open\n')).toEqual({
      ok: false,
      error: 'line 3: a quoted field is never closed (missing ")',
    });
  });

  it("rejects an empty file", () => {
    expect(parseCsv("").ok).toBe(false);
  });

  it("reads back what formatCsvRecord writes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"," | ";">(",", ";"),
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom("a", " ", ",", ";", '"', "\n", "\r", "é") }), {
            minLength: 2,
            maxLength: 4,
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (delimiter, records) => {
          const head = ["h1", "h2"];
          const text = [head, ...records].map((r) => formatCsvRecord(r, delimiter)).join("\n");
          const parsed = parseCsv(text);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const kept = records.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
          expect(parsed.value.rows.map((r) => r.cells)).toEqual(kept);
        },
      ),
    );
  });
});
