import { describe, expect, it } from "vitest";
import { mapColumns, missingColumns, normalizeHeader, rowToPurchase } from "../../../shared/engine/columns";

describe("column mapping by header", () => {
  it("recognises the common names of each column", () => {
    const headers = [
      "P.O. #",
      "Vendor",
      "Vendor ID",
      "Net amount",
      "Total",
      "CCY",
      "Cost Centre",
      "Spend category",
      "Payment Terms",
      "Invoice date",
    ];
    expect(mapColumns(headers)).toEqual({
      ref: 0,
      supplier: 1,
      vendorId: 2,
      amount: 3,
      currency: 5,
      costCenter: 6,
      category: 7,
      terms: 8,
      invoiceDate: 9,
    });
  });

  it("never takes the vendor id column for the supplier's name", () => {
    expect(mapColumns(["Vendor ID", "Amount"])).toEqual({ vendorId: 0, amount: 1 });
  });

  it("normalises punctuation and case", () => {
    expect(normalizeHeader("  Cost_Center ")).toBe("cost center");
    expect(normalizeHeader("Vendor-No.")).toBe("vendor no");
  });

  it("builds a purchase from cells, leaving out empty ones", () => {
    expect(rowToPurchase(["Dell", "", "10"], { supplier: 0, vendorId: 1, amount: 2 })).toEqual({
      supplier: "Dell",
      amount: "10",
    });
  });
});

describe("missingColumns", () => {
  it("asks for a supplier or vendor id and an amount, nothing else", () => {
    expect(missingColumns(mapColumns(["Vendor ID", "Total"]))).toEqual([]);
    expect(missingColumns(mapColumns(["Name", "Price"]))).toEqual(["supplier (or vendor id)", "amount"]);
    expect(missingColumns(mapColumns(["Payee"]))).toEqual(["amount"]);
  });
});
