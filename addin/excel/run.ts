/**
 * Every batch the add-in sends to Excel goes through `runExcel`. It asks Excel to hold the batch
 * while the analyst is editing a cell instead of failing it (`delayForCellEdit`, ExcelApi 1.11):
 * without it, a batch that arrives mid-edit fails with InvalidOperationInCellEditMode, which at
 * start-up left the functions without their rule book.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
 * Hosts older than ExcelApi 1.11 ignore the option and fail as before; callers that run in the
 * background retry (see functions/startup.ts).
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}
