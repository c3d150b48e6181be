import { describe, expect, it } from "vitest";
import { checkBatch } from "../../../shared/engine/check";
import {
  detailsText,
  findResultColumns,
  headersWithResults,
  resultCells,
  RESULT_HEADERS,
} from "../../../shared/sheet/result-columns";
import { MAX_CELL_TEXT, safeCellText } from "../../../shared/sheet/safe-cell-text";
import { asOf, base, book } from "../engine/fixture";

describe("safeCellText", () => {
  it("prefixes every formula start with Excel's text apostrophe", () => {
    for (const t of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋1", "－1", "＠x"]) {
      expect(safeCellText(t)).toBe("'" + t);
    }
  });

  it("keeps a leading apostrophe of the text itself, and leaves ordinary text alone", () => {
    expect(safeCellText("'quoted")).toBe("''quoted");
    expect(safeCellText("block")).toBe("block");
    expect(safeCellText(" =1")).toBe(" =1");
    expect(safeCellText("")).toBe("");
  });

  it("cuts text to what a cell holds, counting the prefix", () => {
    const long = "=" + "x".repeat(40_000);
    const t = safeCellText(long);
    expect(t.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(t.startsWith("'=")).toBe(true);
    expect(t.endsWith("…")).toBe(true);
  });
});

describe("result columns", () => {
  it("writes status and details as `headroom check --csv` does", () => {
    const result = checkBatch(
      book,
      [base, { ...base, supplier: '=HYPERLINK("http://evil")', amount: "-5" }],
      { asOf },
    );
    const cells = resultCells(result);
    expect(cells).toHaveLength(2);
    expect(cells[0]![0]).toBe(result.statusOf(0));
    expect(cells[0]![1]).toBe(detailsText(result.findingsOf(0)));
    for (const [status, details] of cells) {
      expect(["ok", "info", "warn", "block"]).toContain(status);
      expect(details).toMatch(/^([a-z]+\.[a-z-]+: .+)?$/);
    }
    // Rows the batch did not check (blank ones) get empty cells; the others their own results.
    expect(resultCells(result, [3, 1], 4)).toEqual([["", ""], cells[1], ["", ""], cells[0]]);
  });

  it("joins findings as code: message with |", () => {
    expect(
      detailsText([
        { code: "supplier.unknown", severity: "warn", message: "A" },
        { code: "approval.required", severity: "warn", message: "B" },
      ]),
    ).toBe("supplier.unknown: A | approval.required: B");
    expect(detailsText([])).toBe("");
  });

  it("finds its columns again by header, side by side, in any case", () => {
    expect(findResultColumns(["Vendor", "Amount", ...RESULT_HEADERS])).toEqual({ status: 2, details: 3 });
    expect(findResultColumns(["Vendor", " headroom STATUS ", "headroom details"])).toEqual({
      status: 1,
      details: 2,
    });
    expect(findResultColumns(["Vendor", "Headroom status", "Notes", "Headroom details"])).toBeNull();
    expect(findResultColumns(["Vendor"])).toBeNull();
    // A stray "Headroom status" does not hide the real pair further right.
    expect(findResultColumns(["Headroom status", "Notes", ...RESULT_HEADERS])).toEqual({
      status: 2,
      details: 3,
    });
  });

  it("knows the headers after a write", () => {
    expect(headersWithResults(["A"])).toEqual(["A", ...RESULT_HEADERS]);
    expect(headersWithResults(["A", ...RESULT_HEADERS])).toEqual(["A", ...RESULT_HEADERS]);
  });
});
