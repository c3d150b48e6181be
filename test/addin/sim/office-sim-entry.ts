import { createSimHost, type OfficeTheme } from "./sim-host";
import type { OpenMode, SimChange, WorkbookSeed } from "./sim-workbook";

/**
 * Browser entry of the simulated host, served in place of office.js: installs `Office`, `Excel` and
 * `CustomFunctions` on the page and `__sim`, through which a test seeds the workbook and reads back
 * every cell, format and request figure. A seed set before load (`__SIM_SEED__`) is used at start,
 * and `__SIM_THEME__` as `Office.context.officeTheme`.
 */
const w = window as unknown as Record<string, unknown>;
const host = createSimHost(
  (w["__SIM_SEED__"] as WorkbookSeed | undefined) ?? { sheets: [] },
  w["__SIM_THEME__"] as OfficeTheme | undefined,
);
w["Office"] = host.Office;
w["Excel"] = host.Excel;
w["CustomFunctions"] = host.CustomFunctions;
w["__sim"] = {
  host,
  seed: (seed: WorkbookSeed) => host.seed(seed),
  /** Every cell of a sheet (rows × the widest row), "" for empty. */
  cells: (sheet: string) => {
    const s = host.workbook.sheet(sheet);
    const width = Math.max(0, ...s.cells.map((r) => r?.length ?? 0));
    return s.cells.map((r) => Array.from({ length: width }, (_, c) => r?.[c] ?? ""));
  },
  fill: (sheet: string, row: number, col: number) =>
    host.workbook.effectiveFill(host.workbook.sheet(sheet), row, col),
  formulas: (sheet: string) => [...host.workbook.sheet(sheet).formulas.entries()],
  written: () => [...host.workbook.written],
  tables: () => host.workbook.tables.map((t) => ({ name: t.name, ...t.rect })),
  selection: () => {
    const s = host.workbook.selection;
    return s === "shape" ? s : { sheet: s.sheet.name, ...s.rect };
  },
  parts: () => host.workbook.parts.map((p) => ({ ...p })),
  settings: () => Object.fromEntries(host.workbook.settings),
  /** The analyst enters or leaves a cell's edit mode. */
  setCellEdit: (on: boolean) => host.session.setCellEdit(on),
  refusedInCellEdit: () => host.session.refusedInCellEdit,
  /** Someone sorts, inserts or types just before the nth Excel.run from now (1 = the next). */
  changeBeforeRun: (nth: number, change: SimChange) => host.session.beforeRun(nth, change, host.stats.runs),
  /** A change right now (the analyst, a co-author). */
  change: (change: SimChange) => host.workbook.apply(change),
  protect: (sheet: string, on = true) => void (host.workbook.sheet(sheet).protected = on),
  setMode: (mode: OpenMode) => void (host.workbook.mode = mode),
  stats: () => ({
    runs: host.stats.runs,
    calculations: [...host.stats.calculations],
    syncs: host.stats.syncs.length,
    largestRequestBytes: Math.max(0, ...host.stats.syncs.map((s) => s.requestBytes)),
    largestResponseBytes: Math.max(0, ...host.stats.syncs.map((s) => s.responseBytes)),
    dirtied: host.stats.dirtied.map((cells) => [...cells]),
    startupBehavior: host.startupBehavior,
  }),
  resetStats: () => {
    host.stats.syncs.length = 0;
    host.stats.runs = 0;
    host.stats.calculations.length = 0;
    host.stats.dirtied.length = 0;
  },
  associated: () => [...host.associated.keys()],
};
