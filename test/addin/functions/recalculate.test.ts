import { OfficeMockObject } from "office-addin-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  fullRecalculation,
  recalculateHeadroomCells,
  recalculateOnRuleChanges,
  recalculateWorkbookFormulas,
  resetRecalculation,
} from "../../../addin/functions/recalculate";
import { watchLocalDay } from "../../../addin/functions/day-watch";
import { learnDateSystem } from "../../../addin/functions/startup";
import {
  resetRuleBookStore,
  setRuleBook,
  setRuleBookError,
  type LoadedRuleBook,
} from "../../../addin/runtime/rule-book-store";
import {
  noteAnsweredWithoutRuleBook,
  resetStartState,
  ruleBookKeyOf,
  setCellsBasis,
} from "../../../addin/runtime/start-state";
import {
  getWorkbookDateSystem,
  resetWorkbookDateSystem,
  setWorkbookDateSystem,
} from "../../../addin/runtime/workbook-date-system";
import { createSimHost, type SimHost } from "../sim/sim-host";
import { book } from "../../shared/engine/fixture";

const loaded = (revision: number, text = `{"revision": ${revision}}`): LoadedRuleBook => ({
  book: { ...book, meta: { ...book.meta, revision } },
  origin: { kind: "url", url: "https://rules.example.com/rules.json", etag: `"${revision}"` },
  files: [{ name: "https://rules.example.com/rules.json", text }],
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
    run: async function (this: { context: unknown }, ...args: unknown[]) {
      const callback = args[args.length - 1] as (context: unknown) => Promise<unknown>;
      return callback(this.context);
    },
  });
  (globalThis as Record<string, unknown>).Excel = mock;
  return calls;
}

/** The simulated host behind `Excel`; `ignoresCellEdit` plays a host before ExcelApi 1.11. */
function simExcel(seed: NonNullable<Parameters<typeof createSimHost>[0]>, ignoresCellEdit = false): SimHost {
  const host = createSimHost({ ...seed, ignoresDelayForCellEdit: ignoresCellEdit });
  (globalThis as Record<string, unknown>).Excel = host.Excel;
  return host;
}

/** A sheet with one HEADROOM formula, which a recalculation has to reach. */
const formulaSheet = {
  name: "Summary",
  rows: [["IT-HW", 0]],
  formulas: { "0,1": '=HEADROOM.REMAINING("IT-HW")' },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const noDay = { watchDay: null };

beforeEach(() => {
  resetRuleBookStore();
  resetStartState();
  resetWorkbookDateSystem();
  resetRecalculation();
});
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("when the functions are recalculated", () => {
  it("once per real change of the rule book: a new revision or new text, never a reload of the same", async () => {
    const recalculate = vi.fn(() => Promise.resolve());
    const stop = recalculateOnRuleChanges(recalculate, undefined, noDay);
    setRuleBook(loaded(1));
    expect(recalculate).toHaveBeenCalledTimes(1);
    // An unchanged refresh (304) sets the same files again, with a new load time.
    setRuleBook({ ...loaded(1), loadedAt: 99 });
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(1);
    setRuleBook(loaded(2));
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(2);
    // The same revision with other text is another rule book (the "revision was not raised" case).
    setRuleBook(loaded(2, '{"revision": 2, "changed": true}'));
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(3);
    stop();
    setRuleBook(loaded(3));
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(3);
  });

  it("not for the workbook's stored copy put back at opening, unless a cell answered #N/A meanwhile", async () => {
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate, undefined, noDay);
    const stored = loaded(14);
    setCellsBasis(ruleBookKeyOf(stored));
    setRuleBook(stored);
    await settle();
    expect(recalculate).not.toHaveBeenCalled();

    resetRuleBookStore();
    resetStartState();
    recalculateOnRuleChanges(recalculate, undefined, noDay);
    noteAnsweredWithoutRuleBook();
    setCellsBasis(ruleBookKeyOf(stored));
    setRuleBook(stored);
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(1);
  });

  it("not when a load fails and the old rule book stays", async () => {
    setRuleBook(loaded(1));
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate, undefined, noDay);
    setRuleBookError("HTTP 500 from the rules server");
    await settle();
    expect(recalculate).not.toHaveBeenCalled();
  });

  it("when the workbook's date system changes", async () => {
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate, undefined, noDay);
    setWorkbookDateSystem("1904");
    setWorkbookDateSystem("1904");
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(1);
  });

  it("once more, not once per change, for changes during a recalculation", async () => {
    let finish: () => void = () => {};
    const recalculate = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    recalculateOnRuleChanges(recalculate, undefined, noDay);
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
    recalculateOnRuleChanges(recalculate, onError, noDay);
    setRuleBook(loaded(1));
    await settle();
    expect(onError).toHaveBeenCalledWith(new Error("busy"));
    setRuleBook(loaded(2));
    await settle();
    expect(recalculate).toHaveBeenCalledTimes(2);
  });
});

describe("when the local day changes (fake clock)", () => {
  /** The day watch on a fake clock, with a page to send visibility and focus events from. */
  function watching(start: Date) {
    vi.useFakeTimers({ now: start });
    const page = new EventTarget();
    const recalculate = vi.fn(() => Promise.resolve());
    recalculateOnRuleChanges(recalculate, undefined, {
      watchDay: (onNewDay) =>
        // The real watcher on the fake clock (see day-watch.ts).
        watchLocalDayOn(onNewDay, page),
    });
    return { page, recalculate };
  }

  it("recalculates once after midnight, and not while the day stays the same", async () => {
    const { page, recalculate } = watching(new Date(2026, 10, 30, 23, 0, 0));
    setRuleBook(loaded(1));
    expect(recalculate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    page.dispatchEvent(new Event("visibilitychange"));
    page.dispatchEvent(new Event("focus"));
    expect(recalculate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(31 * 60_000); // 00:01 on 1 December
    expect(recalculate).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(23 * 3_600_000); // 23:01, still 1 December
    page.dispatchEvent(new Event("visibilitychange"));
    expect(recalculate).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_600_000); // 2 December
    expect(recalculate).toHaveBeenCalledTimes(3);
  });

  it("catches a midnight missed while the computer slept, when the page is shown again", async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 30, 18, 0, 0) });
    const page = new EventTarget();
    const recalculate = vi.fn(() => Promise.resolve());
    // Timers that never fire, as in a suspended page.
    recalculateOnRuleChanges(recalculate, undefined, {
      watchDay: (onNewDay) => watchLocalDayOn(onNewDay, page, () => null),
    });
    setRuleBook(loaded(1));
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(new Date(2026, 11, 1, 8, 30, 0));
    expect(recalculate).toHaveBeenCalledTimes(1);
    page.dispatchEvent(new Event("visibilitychange"));
    expect(recalculate).toHaveBeenCalledTimes(2);
    page.dispatchEvent(new Event("focus"));
    expect(recalculate).toHaveBeenCalledTimes(2);
  });

  it("asks nothing at midnight when no rule book is loaded (every answer is #N/A anyway)", async () => {
    const { recalculate } = watching(new Date(2026, 10, 30, 23, 59, 0));
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(recalculate).not.toHaveBeenCalled();
  });
});

describe("what is recalculated", () => {
  /** A workbook of sheets, each with the formula areas getSpecialCells finds (null: an empty sheet). */
  function fakeWorkbook(sheets: (string[] | null)[]) {
    const dirty: string[] = [];
    const calculations: string[] = [];
    const nullable = <T extends object>(value: T | null) =>
      value === null
        ? ({ isNullObject: true } as T & { isNullObject: boolean })
        : { ...value, isNullObject: false };
    const context = {
      sync: () => Promise.resolve(),
      workbook: {
        application: { calculate: (type: string) => void calculations.push(type) },
        worksheets: {
          items: sheets.map((areas) => ({
            getUsedRangeOrNullObject: () =>
              nullable(
                areas === null
                  ? null
                  : {
                      getSpecialCellsOrNullObject: (type: string) => {
                        expect(type).toBe("Formulas");
                        return nullable(areas.length === 0 ? null : { setDirty: () => dirty.push(...areas) });
                      },
                    },
              ),
          })),
          load: () => undefined,
        },
      },
    };
    return { context: context as unknown as Excel.RequestContext, dirty, calculations };
  }

  it("marks this workbook's formula cells dirty and recalculates only dirty cells, once", async () => {
    const wb = fakeWorkbook([["Sheet1!B2:B40"], null, [], ["Summary!A1", "Summary!C3:D4"]]);
    expect(await recalculateWorkbookFormulas(wb.context)).toBe(true);
    expect(wb.dirty).toEqual(["Sheet1!B2:B40", "Summary!A1", "Summary!C3:D4"]);
    expect(wb.calculations).toEqual(["Recalculate"]);
  });

  it("asks nothing of a workbook without formulas", async () => {
    const wb = fakeWorkbook([[], null]);
    expect(await recalculateWorkbookFormulas(wb.context)).toBe(false);
    expect(wb.calculations).toEqual([]);
  });

  it("takes the narrow way on the simulated host: only this workbook's formula cells, then Recalculate", async () => {
    const host = simExcel({ sheets: [{ name: "AP", rows: [["a", 1]] }, formulaSheet] });
    await recalculateHeadroomCells();
    expect(host.stats.dirtied).toEqual([["Summary!0,1"]]);
    expect(host.stats.calculations).toEqual(["Recalculate"]);
  });

  it("falls back to a full recalculation, for the session, on a host that cannot", async () => {
    // Before ExcelApi 1.9 there is neither getSpecialCells nor setDirty.
    const host = simExcel({ sheets: [formulaSheet], excelApi: "1.8" });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await recalculateHeadroomCells();
    expect(host.stats.calculations).toEqual(["Full"]);
    const runs = host.stats.runs;
    await recalculateHeadroomCells();
    expect(host.stats.calculations).toEqual(["Full", "Full"]);
    expect(host.stats.runs).toBe(runs + 1);
  });

  it("waits and tries again while a cell is being edited, on a host that ignores delayForCellEdit", async () => {
    const host = simExcel({ sheets: [formulaSheet] }, true);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    host.session.setCellEdit(true);
    const waits: number[] = [];
    await recalculateHeadroomCells(async (ms) => {
      waits.push(ms);
      host.session.setCellEdit(false);
    });
    expect(host.session.refusedInCellEdit).toBe(1);
    expect(waits).toEqual([1_000]);
    expect(host.stats.calculations).toEqual(["Recalculate"]);
  });

  it("fullRecalculation calls Excel's calculate with Full inside Excel.run", async () => {
    const calls = mockExcel();
    await fullRecalculation();
    expect(calls).toEqual(["Full"]);
  });
});

describe("the workbook's date system", () => {
  it("is learnt from DATE(1904, 1, 1) into the shared store", async () => {
    simExcel({ sheets: [], use1904: true });
    await learnDateSystem();
    expect(getWorkbookDateSystem()).toBe("1904");
  });

  it("stays 1900 when Excel cannot say and nothing was chosen", async () => {
    simExcel({ sheets: [], use1904: true, excelApi: "1.1" });
    await learnDateSystem();
    expect(getWorkbookDateSystem()).toBe("1900");
  });

  it("is learnt once a cell edit ends, on a host that ignores delayForCellEdit", async () => {
    const host = simExcel({ sheets: [], use1904: true }, true);
    host.session.setCellEdit(true);
    await learnDateSystem(async () => host.session.setCellEdit(false));
    expect(host.session.refusedInCellEdit).toBe(1);
    expect(getWorkbookDateSystem()).toBe("1904");
  });
});

/** The real day watch, on the page given and, when given, timers that never fire. */
function watchLocalDayOn(
  onNewDay: () => void,
  page: EventTarget,
  setTimer?: (run: () => void, ms: number) => unknown,
): () => void {
  return watchLocalDay(onNewDay, { events: page, ...(setTimer ? { setTimer } : {}) });
}
