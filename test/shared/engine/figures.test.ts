import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { checkBatch, checkPurchase } from "../../../shared/engine/check";
import { batchChecker } from "../../../shared/engine/stream";
import type { CheckOptions, PurchaseInput } from "../../../shared/engine/types";
import { asOf, base, book as undatedBook, codes, fixtureBookWithFigures } from "./fixture";

const bookWithFigures = fixtureBookWithFigures;
const day = (iso: string) => (parseIsoDate(iso) as { ok: true; value: number }).value;
const it2000 = (invoiceDate: string, more: Partial<PurchaseInput> = {}): PurchaseInput => ({
  ...base,
  amount: "2000.00",
  invoiceDate,
  ...more,
});

describe("purchases already in the budget's figures", () => {
  const book = bookWithFigures("2026-10-31");

  it("are read from the rule book as a day", () => {
    expect(book.budgets.find((b) => b.costCenter === "IT")!.figuresAsOf).toBe(day("2026-10-31"));
    expect(undatedBook.budgets[0]!.figuresAsOf).toBeUndefined();
  });

  it("use no headroom when dated on or before figuresAsOf, and are still checked otherwise", () => {
    // 3,000 of headroom: two counted rows of 2,000 would exceed it twice over if counted again.
    const rows = [
      it2000("2026-10-02"),
      it2000("2026-10-31", { supplier: "Cheapo Parts Ltd", terms: "Net 10" }),
      it2000("2026-11-01"),
      it2000("2026-11-02"),
    ];
    const r = checkBatch(book, rows, { asOf });
    expect(codes(r.findingsOf(0))).not.toContain("budget.exceeded");
    // The counted row is still checked for supplier and terms.
    expect(codes(r.findingsOf(1))).toEqual(["supplier.blocked", "terms.below-policy", "approval.required"]);
    expect(codes(r.findingsOf(2))).not.toContain("budget.exceeded"); // 2,000 of 3,000
    const exceeded = r.findingsOf(3).find((f) => f.code === "budget.exceeded")!;
    expect(exceeded.figures).toMatchObject({
      earlierRows: 200000,
      purchase: 200000,
      remainingAfter: -100000,
    });
    expect(exceeded.message).toContain("committed 1,000.00 as of 2026-10-31, earlier rows 2,000.00");
    expect(r.summary).toMatchObject({ newRows: 2, countedRows: 2, undatedRows: 0, undatedRowsAre: "new" });
    expect(r.summary.budgets).toEqual([
      expect.objectContaining({
        costCenter: "IT",
        consumed: 400000,
        remaining: 1000000 - 600000 - 100000 - 400000,
        rows: 4,
        countedRows: 2,
        figuresAsOf: "2026-10-31",
      }),
    ]);
    expect(r.summary.assumptions).toEqual([]);
  });

  it("decide by date even when the rows are said to be new or counted", () => {
    const rows = [it2000("2026-10-02"), it2000("2026-11-02")];
    for (const choice of ["new", "counted"] as const) {
      expect(checkBatch(book, rows, { asOf, rows: choice }).summary).toMatchObject({
        newRows: 1,
        countedRows: 1,
        undatedRows: 0,
      });
    }
  });

  it("never include a row without an invoice date: it is new (a cart bought today is never in spent)", () => {
    const r = checkBatch(bookWithFigures("2026-11-21"), [{ ...it2000(""), invoiceDate: undefined }], {
      asOf,
    });
    expect(r.summary).toMatchObject({ newRows: 1, countedRows: 0 });
    expect(
      checkPurchase(
        bookWithFigures("2026-11-21"),
        { ...base, amount: "9000.00", invoiceDate: undefined },
        { asOf },
      ).findings.map((f) => f.code),
    ).toContain("budget.exceeded");
  });

  it("are not counted again in a single check either", () => {
    const counted = checkPurchase(book, it2000("2026-10-02", { amount: "9000.00" }), { asOf });
    expect(codes(counted.findings)).not.toContain("budget.exceeded");
    const fresh = checkPurchase(book, it2000("2026-11-02", { amount: "9000.00" }), { asOf });
    expect(codes(fresh.findings)).toContain("budget.exceeded");
  });
});

describe("budgets whose figures carry no date", () => {
  const rows = [it2000("2026-10-02"), it2000("2026-11-02"), { ...base, costCenter: "NOPE" }];

  it("take rows as new unless told they are counted, and the summary says which", () => {
    const asNew = checkBatch(undatedBook, rows, { asOf });
    expect(asNew.summary).toMatchObject({
      newRows: 2,
      countedRows: 0,
      undatedRows: 2,
      undatedRowsAre: "new",
    });
    expect(asNew.summary.budgets[0]).toMatchObject({ consumed: 400000, countedRows: 0 });
    expect(asNew.summary.assumptions).toEqual([
      "2 rows are against budgets whose spent and committed carry no date (no figuresAsOf): they were taken as new purchases, not yet in those figures (the default).",
    ]);
    expect(codes(asNew.findingsOf(1))).toContain("budget.exceeded");

    const counted = checkBatch(undatedBook, rows, { asOf, rows: "counted" });
    expect(counted.summary).toMatchObject({
      newRows: 0,
      countedRows: 2,
      undatedRows: 2,
      undatedRowsAre: "counted",
    });
    expect(counted.summary.budgets[0]).toMatchObject({ consumed: 0, rows: 2, countedRows: 2 });
    expect(counted.summary.assumptions[0]).toMatch(
      /as asked, they were taken as already in those figures and used no headroom\.$/,
    );
    expect(codes(counted.findingsOf(1))).not.toContain("budget.exceeded");
    // The row without a budget is neither.
    expect(codes(counted.findingsOf(2))).toContain("budget.unknown-cost-center");
  });

  it("stream the same way", () => {
    const options: CheckOptions = { asOf, rows: "counted" };
    const stream = batchChecker(undatedBook, options);
    for (const row of rows) stream.check(row);
    expect(stream.summary()).toEqual(checkBatch(undatedBook, rows, options).summary);
  });
});
