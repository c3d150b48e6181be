import { describe, expect, it } from "vitest";
import { mapColumns } from "../../../shared/engine/columns";
import { checkBatch } from "../../../shared/engine/check";
import {
  cellsToPurchase,
  cellsToPurchases,
  headerTexts,
  surveyDateColumn,
} from "../../../shared/sheet/cell-values";
import { book, asOf } from "../engine/fixture";

const headers = [
  "PO Number",
  "Invoice Date",
  "Vendor",
  "Vendor ID",
  "Cost Center",
  "Amount",
  "Currency",
  "Terms",
];
const mapping = mapColumns(headers);

describe("sheet cells to purchases", () => {
  it("keeps amounts as numbers, turns date serials into ISO dates and ids into plain digits", () => {
    const p = cellsToPurchase(
      ["PO-1", 46327, "Dell", 10042, "IT", 1234.56, "USD", "Net 30"],
      mapping,
      "1900",
    );
    expect(p).toEqual({
      ref: "PO-1",
      invoiceDate: "2026-11-01",
      supplier: "Dell",
      vendorId: "10042",
      costCenter: "IT",
      amount: 1234.56,
      currency: "USD",
      terms: "Net 30",
    });
  });

  it("reads serials in the 1904 system 1,462 days earlier, and Excel's fictitious 1900-02-29 as a bad date", () => {
    expect(cellsToPurchase(["", 46327 - 1462], mapping, "1904").invoiceDate).toBe("2026-11-01");
    expect(cellsToPurchase(["", 60], mapping, "1900").invoiceDate).toBe("serial 60");
    expect(cellsToPurchase(["", 59], mapping, "1900").invoiceDate).toBe("1900-02-28");
    expect(cellsToPurchase(["", 61], mapping, "1900").invoiceDate).toBe("1900-03-01");
  });

  it("leaves empty cells out and writes booleans as Excel shows them", () => {
    expect(cellsToPurchase(["", "", true, "", "", ""], mapping, "1900")).toEqual({ supplier: "TRUE" });
  });

  it("gives the engine what it needs to report a bad row, and checks like text cells", () => {
    const rows = [
      ["PO-1", 46327, "Dell Technologies Inc.", "", "IT", 100, "USD", "2/10 Net 45"],
      ["PO-2", 60, "Dell Technologies Inc.", "", "IT", "abc", "USD", "2/10 Net 45"],
    ];
    const result = checkBatch(book, cellsToPurchases(rows, mapping, "1900"), { asOf });
    const asText = checkBatch(
      book,
      [
        {
          ref: "PO-1",
          invoiceDate: "2026-11-01",
          supplier: "Dell Technologies Inc.",
          costCenter: "IT",
          amount: "100.00",
          currency: "USD",
          terms: "2/10 Net 45",
        },
      ],
      { asOf },
    );
    expect(result.statusOf(0)).toBe(asText.statusOf(0));
    expect(result.findingsOf(0).map((f) => f.code)).toEqual(asText.findingsOf(0).map((f) => f.code));
    const codes = result.findingsOf(1).map((f) => f.code);
    expect(codes).toContain("row.invalid-date");
    expect(codes).toContain("row.invalid-amount");
  });

  it("turns header cells into text", () => {
    expect(headerTexts(["Amount", 2026, false])).toEqual(["Amount", "2026", "false"]);
  });
});

describe("dates stored as text in a sheet", () => {
  it("reads them with the column's day/month order, decided from the column itself", () => {
    const rows = [
      ["PO-1", "03/04/2026", "Dell"],
      ["PO-2", "21/11/2026", "Dell"],
      ["PO-3", "21-Nov-2026", "Dell"],
      ["PO-4", 46347, "Dell"],
    ];
    expect(surveyDateColumn(rows, 1, 2)).toEqual({
      kind: "decided",
      order: "dmy",
      by: { text: "21/11/2026", line: 3 },
    });
    expect(cellsToPurchases(rows, mapping, "1900").map((p) => p.invoiceDate)).toEqual([
      "2026-04-03",
      "2026-11-21",
      "2026-11-21",
      "2026-11-21",
    ]);
  });

  it("passes dates that read either way on as written when the column does not decide, so the row is reported", () => {
    const rows = [["PO-1", "03/04/2026", "Dell"]];
    expect(surveyDateColumn(rows, 1).kind).toBe("ambiguous");
    expect(cellsToPurchases(rows, mapping, "1900")[0]!.invoiceDate).toBe("03/04/2026");
    expect(cellsToPurchases(rows, mapping, "1900", "mdy")[0]!.invoiceDate).toBe("2026-03-04");
  });
});
