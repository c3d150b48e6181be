import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { book } from "../../shared/engine/fixture";
import { resetRuleBookStore, setRuleBook } from "../../../addin/runtime/rule-book-store";
import { resetWorkbookDateSystem } from "../../../addin/runtime/workbook-date-system";
import { cell, installFakeCustomFunctions } from "./fake-custom-functions";

// Excel hands `any` parameters data types as objects when functions.json has
// allowCustomDataForDataTypeAny (custom-functions-metadata writes it), and a range as rows of values.
// Every HEADROOM.* argument answers such a value with #VALUE! naming the argument, never a crash.
// Shapes as learn.microsoft.com documents them: Excel.LinkedEntityCellValue, Excel.EntityCellValue,
// Excel.FormattedNumberCellValue, Excel.WebImageCellValue, Excel.ErrorCellValue, Excel.ArrayCellValue.

installFakeCustomFunctions();
const f = await import("../../../addin/functions/functions");

const TODAY_1900 = 46347; // 2026-11-21

/** A product from a data provider (the documented LinkedEntityCellValue example). */
const CHAI = {
  type: "LinkedEntity",
  text: "Chai",
  basicType: "Error",
  basicValue: "#VALUE!",
  id: { entityId: "P1", domainId: "products", serviceId: 268436224, culture: "en-US" },
  properties: {
    "Product Name": { type: "String", basicValue: "Chai" },
    "Unit Price": { type: "FormattedNumber", basicValue: 18, numberFormat: "$* #,##0.00" },
    Discontinued: { type: "Boolean", basicValue: false },
  },
  layouts: { compact: { icon: "ShoppingBag" }, card: { title: { property: "Product Name" } } },
};

/** A stock, as Excel's Stocks data type puts one in a cell: a linked entity from a provider. */
const STOCK = {
  type: "LinkedEntity",
  text: "Microsoft Corp",
  basicType: "Error",
  basicValue: "#VALUE!",
  id: { entityId: "XNAS:MSFT", domainId: "stocks", serviceId: 536870912, culture: "en-US" },
  provider: { description: "Stock data provider" },
  properties: {
    Name: { type: "String", basicValue: "Microsoft Corporation" },
    Price: { type: "FormattedNumber", basicValue: 412.5, numberFormat: "#,##0.00" },
  },
};

/** An entity an add-in made (EntityCellValue), with a field name that needs brackets. */
const TOFU = {
  type: "Entity",
  text: "Tofu",
  basicType: "Error",
  basicValue: "#VALUE!",
  properties: {
    "Product ID": { type: "String", basicValue: "14" },
    "Units in Stock": { type: "Double", basicValue: 35 },
  },
};

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 10, 21, 9, 30));
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  resetRuleBookStore();
  resetWorkbookDateSystem();
  setRuleBook({ book, origin: { kind: "file", fileName: "rules.json" }, files: [], loadedAt: 0 });
});

/** Every function with a call that answers, and the name each argument goes by in messages. */
const CALLS: { id: keyof typeof f.FUNCTIONS_BY_ID; args: unknown[]; names: string[] }[] = [
  {
    id: "REMAINING",
    args: ["IT", TODAY_1900, 1900],
    names: ["The cost center", "The date", "The date system"],
  },
  {
    id: "BUDGET",
    args: ["IT", "used", TODAY_1900, 1900],
    names: ["The cost center", "The figure", "The date", "The date system"],
  },
  { id: "SUPPLIERSTATUS", args: ["DELL INC.", "laptops"], names: ["The supplier", "The category"] },
  { id: "TERMS", args: ["10042"], names: ["The supplier"] },
  {
    id: "DUEDATE",
    args: ["Net 30", TODAY_1900, 1900],
    names: ["The payment terms", "The invoice date", "The date system"],
  },
  {
    id: "DISCOUNTDEADLINE",
    args: ["2/10 Net 30", TODAY_1900, 1900],
    names: ["The payment terms", "The invoice date", "The date system"],
  },
  {
    id: "DISCOUNTCOST",
    args: ["2/10 Net 30", "simple", TODAY_1900, 1900],
    names: ["The payment terms", "The basis", "The invoice date", "The date system"],
  },
  {
    id: "TERMSOK",
    args: ["Net 60", "Utilities", TODAY_1900, 1900],
    names: ["The payment terms", "The category", "The invoice date", "The date system"],
  },
  {
    id: "CHECK",
    args: ["Dell", 100, "IT", "hardware", "Net 30", TODAY_1900, "USD", 1900],
    names: [
      "The supplier",
      "The amount",
      "The cost center",
      "The category",
      "The payment terms",
      "The invoice date",
      "The currency",
      "The date system",
    ],
  },
];

const call = (id: keyof typeof f.FUNCTIONS_BY_ID, args: unknown[]) =>
  cell(() => (f.FUNCTIONS_BY_ID[id] as (...a: unknown[]) => unknown)(...args));

describe("data types and ranges in HEADROOM.* arguments", () => {
  it("every argument of every function answers a linked data type with #VALUE! naming the argument", () => {
    for (const { id, args, names } of CALLS) {
      expect((call(id, args) as { error?: string }).error, id).toBeUndefined();
      names.forEach((name, i) => {
        const withEntity = args.map((a, j) => (j === i ? CHAI : a));
        expect(call(id, withEntity), `${id} argument ${i + 1}`).toEqual({
          error: "#VALUE!",
          message: expect.stringMatching(
            new RegExp(
              `^${name} is a linked data type \\("Chai"\\), not .*: give one of its fields instead, e\\.g\\. A2\\.\\[Product Name\\] where A2 is that cell$`,
            ),
          ) as unknown,
        });
      });
    }
  });

  it("says what a stock, an entity, a picture, an error, an array or an unknown object is", () => {
    expect(call("REMAINING", [STOCK])).toEqual({
      error: "#VALUE!",
      message:
        'The cost center is a linked data type ("Microsoft Corp"), not text: give one of its fields instead, e.g. A2.Name where A2 is that cell',
    });
    expect(call("SUPPLIERSTATUS", [TOFU])).toEqual({
      error: "#VALUE!",
      message:
        'The supplier is a data type ("Tofu"), not text: give one of its fields instead, e.g. A2.[Product ID] where A2 is that cell',
    });
    const picture = {
      type: "WebImage",
      address: "https://example.com/logo.png",
      basicType: "Error",
      basicValue: "#VALUE!",
    };
    expect(call("TERMS", [picture])).toEqual({
      error: "#VALUE!",
      message: "The supplier is a picture, not text: type the value itself",
    });
    const div0 = { type: "Error", basicType: "Error", basicValue: "#DIV/0!", errorType: "Div0" };
    expect(call("CHECK", ["Dell", div0, "IT"])).toEqual({
      error: "#VALUE!",
      message: "The amount is an error (#DIV/0!), not an amount: correct the cell it comes from",
    });
    const array = {
      type: "Array",
      elements: [[{ type: "Double", basicValue: 1 }], [{ type: "Double", basicValue: 2 }]],
    };
    expect(call("DUEDATE", ["Net 30", array])).toEqual({
      error: "#VALUE!",
      message: "The invoice date is an array of 2 × 1 values, not a date: give one value",
    });
    expect(call("REMAINING", ["IT", TODAY_1900, { type: "Python", text: "obj" }])).toEqual({
      error: "#VALUE!",
      message: 'The date system is a value of type "Python" ("obj"), not 1900 or 1904: type the value itself',
    });
    expect(call("TERMS", [{}])).toEqual({
      error: "#VALUE!",
      message: "The supplier is a value Headroom cannot read, not text: type the value itself",
    });
  });

  it("answers a range where one value is expected, and reads a one-cell range as its cell", () => {
    expect(call("REMAINING", [[["IT"], ["HR"]]])).toEqual({
      error: "#VALUE!",
      message: "The cost center is a range of 2 × 1 cells, not text: give one cell",
    });
    expect(call("BUDGET", ["IT", [["used", "spent"]]])).toEqual({
      error: "#VALUE!",
      message: "The figure is a range of 1 × 2 cells, not text: give one cell",
    });
    expect(call("REMAINING", [[["IT"]]])).toBe(call("REMAINING", ["IT"]));
  });

  it("reads plain data types by their basic value, as a formula reading the cell would", () => {
    // A currency-formatted amount, a date-formatted serial, a string value: the same answers as plain.
    const amount = { type: "FormattedNumber", basicValue: 100, numberFormat: "$#,##0.00" };
    const day = { type: "Double", basicValue: TODAY_1900, numberFormat: "yyyy-mm-dd" };
    const code = { type: "String", basicValue: "IT" };
    expect(call("CHECK", ["Dell", amount, code, "hardware", null, day])).toEqual(
      call("CHECK", ["Dell", 100, "IT", "hardware", null, TODAY_1900]),
    );
    expect(call("REMAINING", [code, day])).toBe(3000);
    // An empty cell value is an omitted argument; null is too.
    expect(call("REMAINING", ["IT", { type: "Empty", basicValue: "" }])).toBe(3000);
    expect(call("REMAINING", [null])).toEqual({ error: "#VALUE!", message: "The cost center is empty" });
    expect(call("REMAINING", [{ type: "Boolean", basicValue: true }])).toEqual({
      error: "#VALUE!",
      message: "The cost center is TRUE, not text",
    });
  });
});
