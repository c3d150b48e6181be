import { headerTexts, type CellValue } from "../../shared/sheet/cell-values";
import { hasExcelApi } from "./api-support";
import { countSync, type IoStats } from "./io-stats";

/**
 * Where the purchases are: a table, or a block of cells, as plain numbers. `rowIndex` is the header
 * row (0-based sheet row); data rows follow it. For a table, `dataRows` excludes a totals row.
 */
export type DataRegion = {
  sheet: string;
  /** The table's name, or null for the used range of a sheet. */
  table: string | null;
  rowIndex: number;
  columnIndex: number;
  columnCount: number;
  dataRows: number;
  headers: string[];
  /** The A1 address, for messages ("Sheet1!A1:I1001"). */
  address: string;
  /**
   * The sheet is protected (Review > Protect Sheet), so Excel refuses to write its cells: the check
   * shows its results in the pane only. Undefined when this Excel cannot say (before ExcelApi 1.2).
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-protected-member
   */
  sheetProtected?: boolean;
};

/** Why no data was found: said so that the analyst knows what to do. */
export class NoDataError extends Error {}

/**
 * Finds the purchases: the table the selection is in, else the first table of the workbook, else
 * the used range of the active sheet (first row taken as headers). Three round trips; whether the
 * sheet is protected rides along in them.
 */
export async function findData(context: Excel.RequestContext, stats: IoStats): Promise<DataRegion> {
  const workbook = context.workbook;
  // The selection may be a chart or a shape, which has no tables: then it simply points nowhere.
  let selected: Excel.Table | undefined;
  try {
    const underSelection = workbook.getSelectedRange().getTables(false);
    underSelection.load("items/name");
    await context.sync();
    selected = underSelection.items[0];
  } catch {
    selected = undefined;
  }
  countSync(stats, 0);
  const tables = workbook.tables;
  tables.load("items/name");
  const active = workbook.worksheets.getActiveWorksheet();
  const used = active.getUsedRangeOrNullObject(true);
  used.load("address,rowIndex,columnIndex,rowCount,columnCount");
  active.load("name");
  const canTellProtection = hasExcelApi("1.2");
  const activeProtection = canTellProtection ? active.protection : null;
  activeProtection?.load("protected");
  await context.sync();
  countSync(stats, 0);

  const table = selected ?? tables.items[0];
  if (table) {
    const header = table.getHeaderRowRange();
    header.load("values,rowIndex,columnIndex,columnCount,address");
    const body = table.getDataBodyRange();
    body.load("rowCount");
    table.worksheet.load("name");
    const protection = canTellProtection ? table.worksheet.protection : null;
    protection?.load("protected");
    await context.sync();
    countSync(stats, 0);
    return {
      sheet: table.worksheet.name,
      table: table.name,
      rowIndex: header.rowIndex,
      columnIndex: header.columnIndex,
      columnCount: header.columnCount,
      dataRows: body.rowCount,
      headers: headerTexts((header.values[0] ?? []) as CellValue[]),
      address: `${table.name} (${header.address.replace(/!.*/, "")})`,
      sheetProtected: protection?.protected,
    };
  }
  if (used.isNullObject || used.rowCount < 2) {
    throw new NoDataError(
      `Sheet "${active.name}" has no table and no rows under a header row: select a cell in your register (a table or a block with headers in its first row) and try again.`,
    );
  }
  const header = active.getRangeByIndexes(used.rowIndex, used.columnIndex, 1, used.columnCount);
  header.load("values");
  await context.sync();
  countSync(stats, 0);
  return {
    sheet: active.name,
    table: null,
    rowIndex: used.rowIndex,
    columnIndex: used.columnIndex,
    columnCount: used.columnCount,
    dataRows: used.rowCount - 1,
    headers: headerTexts((header.values[0] ?? []) as CellValue[]),
    address: used.address,
    sheetProtected: activeProtection?.protected,
  };
}
