import type { ExcelDateSystem } from "../../shared/dates/excel-serial";
import { describeFailure, isPassingExcelError } from "./retry";
import { runExcel } from "./run";
import { readSetting, SETTING_KEYS, writeSetting } from "./settings";

/**
 * Where the workbook's date system came from: Excel said so ("excel"); the analyst chose it and the
 * workbook keeps the choice ("workbook"); the analyst chose it but the workbook could not keep it
 * ("chosen", with `notSaved`); or nothing could say and 1900 is assumed ("assumed"). `assumed` is
 * true exactly for the last.
 */
export type DateSystemSource = "excel" | "workbook" | "chosen" | "assumed";
export type DateSystemInfo = {
  system: ExcelDateSystem;
  assumed: boolean;
  source: DateSystemSource;
  /** Why Excel could not say (all but "excel"). */
  why?: string;
  /** Why the analyst's choice could not be saved in the workbook ("chosen"). */
  notSaved?: string;
};

/**
 * Asks the workbook itself: Excel's DATE worksheet function, run through `Workbook.functions`
 * (ExcelApi 1.2, in every production Excel the manifest admits), counts in the workbook's date
 * system, so DATE(1904, 1, 1) is 0 in a 1904 workbook and 1462 in a 1900 one (the two systems are
 * 1,462 days apart).
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.functions#excel-excel-functions-date-member(1)
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-worksheet-functions
 * https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b
 * (the 1904 system's first day, 1 January 1904, is serial 0).
 * `Workbook.use1904DateSystem` would say it directly but is in ExcelApi BETA only (preview builds),
 * so it is not asked. Returns null when DATE answers anything else.
 */
export async function probeDateSystem(context: Excel.RequestContext): Promise<ExcelDateSystem | null> {
  const result = context.workbook.functions.date(1904, 1, 1);
  result.load("value");
  await context.sync();
  if (result.value === 0) return "1904";
  if (result.value === 1462) return "1900";
  return null;
}

/** The analyst's choice kept in the workbook's settings, or null when there is none. */
export async function readSavedDateSystem(context: Excel.RequestContext): Promise<ExcelDateSystem | null> {
  const value = await readSetting(context, SETTING_KEYS.dateSystem);
  return value === "1900" || value === "1904" ? value : null;
}

/**
 * The workbook's date system: from Excel (the DATE probe, in its own batch so its failure cannot
 * spoil another), else the analyst's choice kept in the workbook, else 1900 assumed, which is every
 * workbook made on Windows, the web, and Mac since Excel 2016; the pane says which. A failure that
 * passes (a cell being edited on a host that ignores `delayForCellEdit`) is thrown, so a caller
 * retries rather than assumes.
 */
export async function detectDateSystem(): Promise<DateSystemInfo> {
  let why: string;
  try {
    const system = await runExcel(probeDateSystem);
    if (system !== null) return { system, assumed: false, source: "excel" };
    why = "Excel's DATE(1904, 1, 1) gave neither 0 nor 1462";
  } catch (e) {
    if (isPassingExcelError(e)) throw e;
    why = `Excel could not work out DATE(1904, 1, 1): ${describeFailure(e)}`;
  }
  try {
    const saved = await runExcel(readSavedDateSystem);
    if (saved !== null) return { system: saved, assumed: false, source: "workbook", why };
  } catch (e) {
    if (isPassingExcelError(e)) throw e;
    // No settings in this Excel (before ExcelApi 1.4): nothing was saved, so nothing to use.
  }
  return { system: "1900", assumed: true, source: "assumed", why };
}

/** Keeps the analyst's answer in the workbook (saved with the file), for the pane and the functions. */
export async function saveDateSystemChoice(system: ExcelDateSystem): Promise<void> {
  await runExcel((context) => writeSetting(context, SETTING_KEYS.dateSystem, system));
}
