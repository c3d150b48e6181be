import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { dateToExcelSerial } from "../../../shared/dates/excel-serial";
import { fromYmd } from "../../../shared/dates/plain-date";
import type { RuleBook } from "../../../shared/rules/rule-book";
import { book } from "../../shared/engine/fixture";
import { resetRuleBookStore, setRuleBook } from "../../../addin/runtime/rule-book-store";
import { resetWorkbookDateSystem, setWorkbookDateSystem } from "../../../addin/runtime/workbook-date-system";
import { cell, installFakeCustomFunctions, registered } from "./fake-custom-functions";

// The functions module registers itself when CustomFunctions exists, so the fake comes first.
installFakeCustomFunctions();
const f = await import("../../../addin/functions/functions");

function load(ruleBook: RuleBook = book): void {
  setRuleBook({ book: ruleBook, origin: { kind: "file", fileName: "rules.json" }, files: [], loadedAt: 0 });
}

const serial1900 = (y: number, m: number, d: number) => dateToExcelSerial(fromYmd(y, m, d), "1900");
const TODAY_1900 = 46347; // 2026-11-21
const TODAY_1904 = 44885;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 10, 21, 9, 30));
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  resetRuleBookStore();
  resetWorkbookDateSystem();
  load();
});

describe("registration", () => {
  it("registers every function under its HEADROOM id", () => {
    expect([...registered.keys()].sort()).toEqual(Object.keys(f.FUNCTIONS_BY_ID).sort());
    for (const [id, fn] of Object.entries(f.FUNCTIONS_BY_ID)) expect(registered.get(id)).toBe(fn);
  });
});

describe("without a rule book", () => {
  it("answers #N/A saying how to load one, from every function", () => {
    resetRuleBookStore();
    const expected = {
      error: "#N/A",
      message:
        "No rule book is loaded: click Check purchases on the Home tab (Headroom group) and load the rule book.",
    };
    expect(cell(() => f.remaining("IT"))).toEqual(expected);
    expect(cell(() => f.budget("IT"))).toEqual(expected);
    expect(cell(() => f.supplierStatus("Dell"))).toEqual(expected);
    expect(cell(() => f.terms("Dell"))).toEqual(expected);
    expect(cell(() => f.termsOk("Net 30"))).toEqual(expected);
    expect(cell(() => f.check("Dell", 100, "IT"))).toEqual(expected);
  });

  it("still works out dates from terms alone", () => {
    resetRuleBookStore();
    expect(f.dueDate("Net 30", TODAY_1900)).toBe(TODAY_1900 + 30);
  });
});

describe("HEADROOM.REMAINING and HEADROOM.BUDGET", () => {
  it("give the headroom for today or a given day, in the budget's currency", () => {
    expect(f.remaining("IT")).toBe(3000);
    expect(f.remaining("it", TODAY_1900)).toBe(3000);
    expect(f.remaining("HR", "2026-06-30")).toBe(100);
    expect(f.remaining("EU", serial1900(2026, 10, 1))).toBe(3000);
  });

  it("answer #N/A with a reason for an unknown cost center or a day without a budget", () => {
    expect(cell(() => f.remaining("MKTG"))).toEqual({
      error: "#N/A",
      message: 'Cost center "MKTG" has no budget in the rule book. Did you mean MKT?',
    });
    expect(cell(() => f.remaining("EU", serial1900(2026, 5, 1)))).toEqual({
      error: "#N/A",
      message: "Cost center EU has no budget for 2026-05-01 (budgets: 2026-Q4).",
    });
  });

  it("answer #VALUE! for bad arguments", () => {
    expect(cell(() => f.remaining(""))).toEqual({ error: "#VALUE!", message: "The cost center is empty" });
    expect(cell(() => f.remaining("IT", true))).toEqual({
      error: "#VALUE!",
      message: "The date is TRUE, not a date",
    });
    expect(cell(() => f.remaining("IT", TODAY_1900, 2000))).toEqual({
      error: "#VALUE!",
      message: 'date system "2000" is neither 1900 nor 1904',
    });
  });

  it("give all figures in a row, or one", () => {
    expect(f.budget("IT")).toEqual([[10000, 6000, 1000, 3000, 0.7]]);
    expect(f.budget("IT", "Used")).toEqual([[0.7]]);
    expect(f.budget("MKT", "remaining", TODAY_1900)).toEqual([[1000]]);
    expect(cell(() => f.budget("IT", "average"))).toEqual({
      error: "#VALUE!",
      message: 'The figure "average" is not one of amount, spent, committed, remaining, used.',
    });
  });

  it("answer #DIV/0! for the used share of a zero budget that has spending", () => {
    const zero = { ...book.budgets[0]!, amount: 0, spent: 0, committed: 0 };
    const withBudget = (b: typeof zero) => {
      const budgetsByCostCenter = new Map(book.index.budgetsByCostCenter);
      budgetsByCostCenter.set("IT", [b]);
      load({
        ...book,
        budgets: [b, ...book.budgets.slice(1)],
        index: { ...book.index, budgetsByCostCenter },
      });
    };
    withBudget(zero);
    expect(f.budget("IT")).toEqual([[0, 0, 0, 0, 0]]);
    withBudget({ ...zero, spent: 5000 });
    expect(cell(() => f.budget("IT", "used"))).toEqual({ error: "#DIV/0!", message: undefined });
    expect(cell(() => f.budget("IT"))).toEqual({ error: "#DIV/0!", message: undefined });
    expect(f.remaining("IT")).toBe(-50);
  });
});

describe("Excel date serials", () => {
  it("read 59 as 1900-02-28 and 61 as 1900-03-01, and refuse 60, the phantom 1900-02-29", () => {
    expect(f.dueDate("Net 1", 59)).toBe(61); // 1900-02-28 + 1 day = 1900-03-01, skipping the phantom day
    expect(f.dueDate("Net 30", 61)).toBe(91); // 1900-03-31
    const phantom = cell(() => f.dueDate("Net 30", 60));
    expect(phantom).toMatchObject({ error: "#VALUE!" });
    expect((phantom as { message: string }).message).toMatch(
      /^The invoice date: .*1900-02-29, which never existed/,
    );
  });

  it("read and write 1904-system serials, from the argument or the workbook's setting", () => {
    expect(f.dueDate("Net 30", TODAY_1904, 1904)).toBe(TODAY_1904 + 30);
    expect(f.remaining("EU", TODAY_1904 - 30, "1904")).toBe(3000);
    setWorkbookDateSystem("1904");
    expect(f.dueDate("Net 30", TODAY_1904)).toBe(TODAY_1904 + 30);
    expect(f.discountDeadline("2/10 Net 30", 0)).toBe(10); // 1904-01-01 + 10 days
    // The argument wins over the workbook's setting.
    expect(f.dueDate("Net 30", TODAY_1900, 1900)).toBe(TODAY_1900 + 30);
  });

  it("take a date written as text and drop a time of day", () => {
    expect(f.dueDate("2/10 Net 30", "2026-01-15")).toBe(serial1900(2026, 2, 14));
    expect(f.dueDate("Net 45 EOM", serial1900(2026, 1, 15) + 0.75)).toBe(serial1900(2026, 3, 17));
  });

  it("answer #NUM! for a due date past 9999-12-31", () => {
    expect(cell(() => f.dueDate("Net 30", 2_958_465))).toEqual({ error: "#NUM!", message: undefined });
    expect(cell(() => f.dueDate("Net 30", 2_957_003, 1904))).toEqual({ error: "#NUM!", message: undefined });
    expect(f.dueDate("Net 30", 2_956_973, 1904)).toBe(2_957_003);
  });
});

describe("payment-terms functions", () => {
  it("HEADROOM.DUEDATE explains terms it cannot read", () => {
    expect(cell(() => f.dueDate("Net 3O", TODAY_1900))).toMatchObject({
      error: "#VALUE!",
      message: expect.stringMatching(/^Terms "Net 3O" not understood: .*\(at "3O"\)$/) as unknown,
    });
    expect(cell(() => f.dueDate("Net 30", "next week"))).toMatchObject({ error: "#VALUE!" });
  });

  it("HEADROOM.DISCOUNTDEADLINE dates the first discount, #N/A without one", () => {
    expect(f.discountDeadline("2/10 Net 30", TODAY_1900)).toBe(TODAY_1900 + 10);
    expect(f.discountDeadline("1/20, 2/10 Net 45", TODAY_1900)).toBe(TODAY_1900 + 10);
    expect(cell(() => f.discountDeadline("Net 30", TODAY_1900))).toEqual({
      error: "#N/A",
      message: "Terms Net 30 have no early-payment discount.",
    });
  });

  it("HEADROOM.DISCOUNTCOST gives the simple and effective annual rates", () => {
    expect(f.discountCost("2/10 Net 30")).toBeCloseTo(0.372449, 6);
    expect(f.discountCost("2/10 Net 30", "effective")).toBeCloseTo(0.445853, 6);
    // Day-of-next-month terms: without a date the fewest days (15 - 5); invoiced 2026-01-10 the
    // discount ends 01-15 and payment is due 02-15, 31 days later.
    const terms = "1/5, 15th of the following month";
    expect(f.discountCost(terms)).toBeCloseTo((0.01 / 0.99) * (365 / 10), 9);
    expect(f.discountCost(terms, null, "2026-01-10")).toBeCloseTo((0.01 / 0.99) * (365 / 31), 9);
    expect(cell(() => f.discountCost("2/10 Net 30", "monthly"))).toEqual({
      error: "#VALUE!",
      message: 'Rate basis "monthly" is neither "simple" nor "effective"',
    });
  });

  it("HEADROOM.TERMSOK checks the policy, with category exceptions", () => {
    expect(f.termsOk("Net 30")).toBe(false);
    expect(f.termsOk("Net 60")).toBe(true);
    expect(f.termsOk("Net 30", "Utilities")).toBe(true);
    expect(f.termsOk("Net 30 EOM", null, serial1900(2026, 2, 3))).toBe(true);
    expect(cell(() => f.termsOk("Net 30", "furniture"))).toMatchObject({
      error: "#N/A",
      message: expect.stringContaining('Category "furniture" is not in the rule book') as unknown,
    });
  });
});

describe("supplier functions", () => {
  it("HEADROOM.SUPPLIERSTATUS finds suppliers by vendor id (also typed as a number) or name", () => {
    expect(f.supplierStatus(10042)).toBe("preferred");
    expect(f.supplierStatus("DELL INC.", "laptops")).toBe("preferred");
    expect(f.supplierStatus("Dell", "software")).toBe("not-listed");
    expect(f.supplierStatus("Cheapo Parts Ltd")).toBe("blocked");
    expect(f.supplierStatus("Lenovo Inc.", null)).toBe("approved");
  });

  it("HEADROOM.SUPPLIERSTATUS suggests, never guesses, for an unknown supplier", () => {
    expect(cell(() => f.supplierStatus("Del Technologies"))).toEqual({
      error: "#N/A",
      message:
        'No supplier "Del Technologies" in the rule book (by name, alias or vendor id). Did you mean Dell Technologies Inc.?',
    });
    expect(cell(() => f.supplierStatus(false))).toEqual({
      error: "#VALUE!",
      message: "The supplier is FALSE, not text",
    });
  });

  it("HEADROOM.TERMS gives the negotiated terms, #N/A when there are none", () => {
    expect(f.terms("10042")).toBe("2/10 Net 45");
    expect(f.terms("SoftCo GmbH")).toBe("0.5/10 Net 60");
    expect(cell(() => f.terms("Acme"))).toEqual({
      error: "#N/A",
      message: "Acme has no negotiated payment terms in the rule book.",
    });
  });
});

describe("HEADROOM.CHECK", () => {
  it("gives the status and the deciding finding side by side", () => {
    expect(f.check("Cheapo Parts Ltd", 100, "IT")).toEqual([
      [
        "block",
        "Cheapo Parts Ltd is blocked: Failed the security review. Preferred for Hardware: Dell Technologies Inc.",
      ],
    ]);
    const [[status, message]] = f.check("Dell", "5,000.00", "IT", "hardware") as [[string, string]];
    expect(status).toBe("block");
    expect(message).toContain("will be exceeded by 2,000.00 USD");
    expect(f.check("Dell", 100, "IT", "hardware", null, serial1900(2026, 11, 2))).toEqual([
      [
        "info",
        "Take the 2% discount: pay by 2026-11-12; forgoing it costs 21.3% a year, above the 12% hurdle.",
      ],
    ]);
    expect(f.check("City Power", 50, "HR", "utilities", "Net 20", "2026-05-01")).toEqual([["ok", ""]]);
  });

  it("converts a purchase in another currency with the rule book's rates", () => {
    // EU's budget is 3,000.00 EUR; USD converts at 1.1000 USD per EUR.
    const [[status, message]] = f.check("Dell", 3400, "EU", "hardware") as [[string, string]];
    expect(status).toBe("block");
    expect(message).toContain("will be exceeded by 90.91 EUR");
    const [[under, why]] = f.check("Dell", 3200, "EU", "hardware") as [[string, string]];
    expect(under).toBe("warn");
    expect(why).toMatch(/^Needs approval by CFO/);
    expect(f.check("Dell", 500, "EU", "hardware", null, null, "eur")[0]![0]).toBe("info");
  });

  it("answers #VALUE! for an amount it cannot read", () => {
    expect(cell(() => f.check("Dell", "abc", "IT"))).toEqual({
      error: "#VALUE!",
      message: 'The amount "abc" is not an amount',
    });
    expect(cell(() => f.check("Dell", 100, "IT", null, null, null, "Euros"))).toEqual({
      error: "#VALUE!",
      message: 'The currency "Euros" is not an ISO 4217 code such as USD or EUR',
    });
    expect(cell(() => f.check("Dell", 100, ""))).toEqual({
      error: "#VALUE!",
      message: "The cost center is empty",
    });
  });
});

describe("robustness", () => {
  it("turns an unexpected failure into #VALUE! with a message, never an exception", () => {
    load({ ...book, budgets: undefined } as unknown as RuleBook);
    const shown = cell(() => f.remaining("IT"));
    expect(shown).toMatchObject({ error: "#VALUE!" });
    expect((shown as { message: string }).message).toMatch(/^Headroom could not work this out: /);
  });
});
