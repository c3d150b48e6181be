/**
 * Every batch the add-in sends to Excel goes through `runExcel`. It asks Excel to hold the batch
 * while the analyst is editing a cell instead of failing it (`delayForCellEdit`; Microsoft's reference names no requirement set for it):
 * without it, a batch that arrives mid-edit fails with InvalidOperationInCellEditMode, which at
 * start-up left the functions without their rule book.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
 * A host that does not know the option ignores it and fails as before; callers that run in the
 * background retry (see functions/startup.ts).
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}
