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
  CustomFunctions: {
    associate: (id: string, fn: unknown) => void;
    Error: typeof SimCustomFunctionError;
    ErrorCode: typeof CUSTOM_FUNCTION_ERROR_CODES;
  };
  /** What `Office.addin.setStartupBehavior` last set ("None" or "Load"). */
  startupBehavior: string;
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

/**
 * `CustomFunctions.Error` (CustomFunctionsRuntime 1.2): what a function throws to show an error
 * value with a message. https://learn.microsoft.com/en-us/javascript/api/custom-functions-runtime/customfunctions.error
 */
export class SimCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? "");
  }
}

/** `CustomFunctions.ErrorCode` (CustomFunctionsRuntime 1.2/1.3), as Excel defines it. */
export const CUSTOM_FUNCTION_ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export function createSimHost(seed: WorkbookSeed = { sheets: [] }, theme?: OfficeTheme): SimHost {
  const stats: SimStats = { syncs: [], runs: 0, calculations: [], dirtied: [] };
  const associated = new Map<string, unknown>();
  const session = new SimSession();
  const host: SimHost = {
    workbook: new SimWorkbook(seed),
    stats,
    session,
    Excel: undefined as unknown as SimHost["Excel"],
    Office: {},
    CustomFunctions: {
      associate: (id, fn) => void associated.set(id, fn),
      Error: SimCustomFunctionError,
      ErrorCode: CUSTOM_FUNCTION_ERROR_CODES,
    },
    associated,
    startupBehavior: "None",
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
    // SharedRuntime 1.1: whether the add-in loads when the document opens.
    // https://learn.microsoft.com/en-us/javascript/api/office/office.addin#office-office-addin-setstartupbehavior-member(1)
    StartupBehavior: { none: "None", load: "Load" },
    addin: {
      getStartupBehavior: () => Promise.resolve(host.startupBehavior),
      setStartupBehavior: (behavior: string) => {
        host.startupBehavior = behavior;
        return Promise.resolve();
      },
    },
  };
  return host;
}
