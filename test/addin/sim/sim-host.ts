import { SimSession, simExcel, type SimStats } from "./sim-excel-api";
import { SimWorkbook, type WorkbookSeed } from "./sim-workbook";

/**
 * A simulated Office host for Excel: the workbook, `Excel.run`, the parts of `Office` the add-in
 * touches (`onReady`, `context.requirements`, the theme) and `CustomFunctions.associate`, which
 * only records what the functions bundle registers.
 */
export type SimHost = {
  workbook: SimWorkbook;
  stats: SimStats;
  /** Cell-edit mode and changes scheduled between the add-in's batches. */
  session: SimSession;
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
  const session = new SimSession();
  const host: SimHost = {
    workbook: new SimWorkbook(seed),
    stats,
    session,
    Excel: undefined as unknown as SimHost["Excel"],
    Office: {},
    CustomFunctions: { associate: (id, fn) => void associated.set(id, fn) },
    associated,
    seed(next) {
      host.workbook = new SimWorkbook(next);
    },
  };
  host.Excel = simExcel(() => host.workbook, stats, session);
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
      // Per the workbook's ExcelApi version; the other sets the manifest asks for are all there.
      // https://learn.microsoft.com/en-us/javascript/api/office/office.requirementsetsupport
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name !== "ExcelApi" || host.workbook.supportsExcelApi(version ?? "1.1"),
      },
      host: "Excel",
    },
    actions: { associate: (id: string, fn: unknown) => void associated.set(`action:${id}`, fn) },
  };
  return host;
}
