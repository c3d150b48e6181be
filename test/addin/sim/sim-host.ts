import { simExcel, type SimStats } from "./sim-excel-api";
import { SimWorkbook, type WorkbookSeed } from "./sim-workbook";

/**
 * A simulated Office host for Excel: the workbook, `Excel.run`, the parts of `Office` the add-in
 * touches (`onReady`, `context.requirements`, the theme) and `CustomFunctions.associate`, which
 * only records what the functions bundle registers.
 */
export type SimHost = {
  workbook: SimWorkbook;
  stats: SimStats;
  Excel: ReturnType<typeof simExcel>;
  Office: Record<string, unknown>;
  CustomFunctions: { associate: (id: string, fn: unknown) => void };
  associated: Map<string, unknown>;
  /** Replaces the workbook (a test seeds a register after the pane has started). */
  seed(seed: WorkbookSeed): void;
};

export type OfficeTheme = {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme?: boolean;
};

export function createSimHost(seed: WorkbookSeed = { sheets: [] }, theme?: OfficeTheme): SimHost {
  const stats: SimStats = { syncs: [], runs: 0, calculations: [] };
  const associated = new Map<string, unknown>();
  const host: SimHost = {
    workbook: new SimWorkbook(seed),
    stats,
    Excel: undefined as unknown as SimHost["Excel"],
    Office: {},
    CustomFunctions: { associate: (id, fn) => void associated.set(id, fn) },
    associated,
    seed(next) {
      host.workbook = new SimWorkbook(next);
      host.Excel = simExcel(host.workbook, stats);
      Object.assign(excelGlobal, host.Excel);
    },
  };
  const excelGlobal = simExcel(host.workbook, stats);
  host.Excel = excelGlobal;
  const info = { host: "Excel", platform: "OfficeOnline" };
  host.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: "en-US",
      officeTheme: theme,
      requirements: { isSetSupported: () => true },
      host: "Excel",
    },
    actions: { associate: (id: string, fn: unknown) => void associated.set(`action:${id}`, fn) },
  };
  return host;
}
