import { OfficeMockObject } from "office-addin-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fullRecalculation, recalculateOnRuleChanges } from "../../../addin/functions/recalculate";
import { learnDateSystem } from "../../../addin/functions/startup";
import {
  resetRuleBookStore,
  setRuleBook,
  setRuleBookError,
  type LoadedRuleBook,
} from "../../../addin/runtime/rule-book-store";
import {
  getWorkbookDateSystem,
  resetWorkbookDateSystem,
  setWorkbookDateSystem,
} from "../../../addin/runtime/workbook-date-system";
import { book } from "../../shared/engine/fixture";

const loaded = (revision: number): LoadedRuleBook => ({
  book: { ...book, meta: { ...book.meta, revision } },
  origin: { kind: "url", url: "https://rules.example.com/rules.json", etag: `"${revision}"` },
  files: [],
  loadedAt: revision,
});

/** An Excel whose Excel.run records each calculate() call, as office-addin-mock builds it. */
function mockExcel(workbook: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        ...workbook,
        application: {
          calculate(type: string) {
            calls.push(type);
          },
        },
      },
    },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  });
  (globalThis as Record<string, unknown>).Excel = mock;
  return calls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetRuleBookStore();
  resetWorkbookDateSystem();
});
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

describe("recalculation after a rule-book refresh", () => {
  it("asks Excel for a full recalculation when a new rule book is set", async () => {
    const calls = mockExcel();
    const stop = recalculateOnRuleChanges();
    setRuleBook(loaded(1));
    await settle();
    expect(calls).toEqual(["Full"]);
    setRuleBook(loaded(2));
    await settle();
    expect(calls).toEqual(["Full", "Full"]);
    stop();
    setRuleBook(loaded(3));
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("does nothing when a load fails and the old rule book stays", async () => {
    setRuleBook(loaded(1));
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate);
    setRuleBookError("HTTP 500 from the rules server");
    await settle();
    expect(recalculate).not.toHaveBeenCalled();
  });

  it("recalculates when the workbook's date system changes", async () => {
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate);
    setWorkbookDateSystem("1904");
    setWorkbookDateSystem("1904");
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(1);
  });

  it("runs once more, not once per change, for changes during a recalculation", async () => {
    let finish: () => void = () => {};
    const recalculate = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    recalculateOnRuleChanges(recalculate);
    setRuleBook(loaded(1));
    setRuleBook(loaded(2));
    setRuleBook(loaded(3));
    expect(recalculate).toHaveBeenCalledTimes(1);
    finish();
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(2);
    finish();
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(2);
  });

  it("reports a failed recalculation and keeps watching", async () => {
    const recalculate = vi.fn().mockRejectedValueOnce(new Error("busy")).mockResolvedValue(undefined);
    const onError = vi.fn();
    recalculateOnRuleChanges(recalculate, onError);
    setRuleBook(loaded(1));
    await settle();
    expect(onError).toHaveBeenCalledWith(new Error("busy"));
    setRuleBook(loaded(2));
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(2);
  });

  it("fullRecalculation calls Excel's calculate with Full inside Excel.run", async () => {
    const calls = mockExcel();
    await fullRecalculation();
    expect(calls).toEqual(["Full"]);
  });
});

describe("the workbook's date system", () => {
  it("is read from the workbook into the shared store", async () => {
    mockExcel({ use1904DateSystem: true });
    await learnDateSystem();
    expect(getWorkbookDateSystem()).toBe("1904");
  });

  it("stays 1900 when Excel cannot say", async () => {
    mockExcel();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await learnDateSystem();
    expect(getWorkbookDateSystem()).toBe("1900");
    warn.mockRestore();
  });
});
