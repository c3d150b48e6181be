import type { ExcelDateSystem } from "../../shared/dates/excel-serial";

/** The workbook's date system, and whether Excel said so or it is assumed. */
export type DateSystemInfo = { system: ExcelDateSystem; assumed: boolean };

/**
 * Reads `Workbook.use1904DateSystem` (a newer ExcelApi property, not in every host nor in the
 * typings this project builds with). Hosts without it fail the load: then the 1900 system is
 * assumed, which is every workbook made on Windows, the web, and Mac since Excel 2016, and the
 * pane says it assumed it. Run in its own `Excel.run` batch so the failure cannot spoil another.
 */
export async function readDateSystem(context: Excel.RequestContext): Promise<DateSystemInfo> {
  const workbook = context.workbook as Excel.Workbook & { use1904DateSystem?: boolean };
  try {
    workbook.load("use1904DateSystem");
    await context.sync();
    const flag = workbook.use1904DateSystem;
    if (typeof flag !== "boolean") return { system: "1900", assumed: true };
    return { system: flag ? "1904" : "1900", assumed: false };
  } catch {
    return { system: "1900", assumed: true };
  }
}
