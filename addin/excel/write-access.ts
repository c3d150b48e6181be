import { hasExcelApi } from "./api-support";
import type { DataRegion } from "./find-data";

/**
 * Why Excel refuses to write the region's sheet: it is protected, or the workbook is read-only (on
 * the web, open in Viewing mode). Asked after a write failed, so the pane can say what to do; null
 * when neither, and the failure is something else.
 * - `WorksheetProtection.protected` (ExcelApi 1.2):
 *   https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-protected-member
 * - `Workbook.readOnly` (ExcelApi 1.8), true also for a file opened read-only on the desktop, where
 *   cells can still be changed (the file just cannot be saved over), so it is no reason to skip
 *   writing, only a way to explain a refusal:
 *   https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbook#excel-excel-workbook-readonly-member
 */
export type WriteBlocker = "protected" | "read-only";

export async function writeBlocker(
  context: Excel.RequestContext,
  region: DataRegion,
): Promise<WriteBlocker | null> {
  const protection = hasExcelApi("1.2") ? context.workbook.worksheets.getItem(region.sheet).protection : null;
  protection?.load("protected");
  const canTellReadOnly = hasExcelApi("1.8");
  if (canTellReadOnly) context.workbook.load("readOnly");
  await context.sync();
  if (protection?.protected) return "protected";
  if (canTellReadOnly && context.workbook.readOnly) return "read-only";
  return null;
}
