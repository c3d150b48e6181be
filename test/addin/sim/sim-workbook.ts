import type { CellValue } from "../../../shared/sheet/cell-values";

/**
 * The in-memory workbook behind the simulated Excel host: sheets of cells, tables, the selection,
 * custom XML parts, conditional formats. It records every cell write so tests can prove which cells
 * the add-in touched.
 */

export type Rect = { row: number; col: number; rows: number; cols: number };

export type SimConditionalFormat = {
  rect: Rect;
  operator: string;
  text: string;
  fill: string | undefined;
  font: string | undefined;
};

export class SimSheet {
  cells: CellValue[][] = [];
  /** Worksheet protection is on: Excel refuses every cell, format and table change on the sheet. */
  protected = false;
  /** Formulas written to cells, by "row,col": the add-in must never write one. */
  readonly formulas = new Map<string, string>();
  /** Formulas the workbook already had (the analyst's, such as =HEADROOM.REMAINING(…)), by "row,col". */
  readonly ownFormulas = new Map<string, string>();
  readonly conditionalFormats: SimConditionalFormat[] = [];
  constructor(public name: string) {}

  get(row: number, col: number): CellValue {
    return this.cells[row]?.[col] ?? "";
  }

  set(row: number, col: number, value: CellValue): void {
    const line = (this.cells[row] ??= []);
    line[col] = value;
  }

  /** Bounding box of non-empty cells, or null for an empty sheet. */
  usedRect(): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    this.cells.forEach((line, r) => {
      if (!line) return;
      line.forEach((v, c) => {
        if (v === "" || v === undefined) return;
        if (top === -1) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (top === -1) return null;
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

export class SimTable {
  constructor(
    public name: string,
    public sheet: SimSheet,
    /** Header row and first column (0-based); rows includes the header row. */
    public rect: Rect,
  ) {}
}

export type SimPart = { id: string; namespace: string; xml: string };

export type SeedSheet = {
  name: string;
  /** Rows from A1 on; the first is usually the header row. */
  rows: CellValue[][];
  /** Make the rows a table with this name (header = first row). */
  table?: string;
  /** The sheet is protected (Review > Protect Sheet): writes to it fail with AccessDenied. */
  protected?: boolean;
  /** Formulas in the sheet, by 0-based "row,col" (their cells show the value in `rows`). */
  formulas?: Record<string, string>;
};

/**
 * How the workbook is open. "edit": as usual. "read-only": opened read-only on the desktop
 * (`Workbook.readOnly` is true; cells can still be changed, the file just cannot be saved over).
 * "view": Excel on the web's Viewing mode, where every change through the API fails.
 */
export type OpenMode = "edit" | "read-only" | "view";

/** A change made by someone else between the add-in's batches (the analyst, a co-author). */
export type SimChange =
  | { op: "sort"; sheet: string; column: number; descending?: boolean }
  | { op: "insert"; sheet: string; at: number; rows: CellValue[][] }
  | { op: "delete"; sheet: string; at: number; count: number }
  | { op: "set"; sheet: string; row: number; col: number; value: CellValue };

export type WorkbookSeed = {
  sheets: SeedSheet[];
  /** The workbook's date system is 1904 (default: 1900). What DATE() and typed dates give follows it. */
  use1904?: boolean;
  /**
   * Offer preview ("BETA") APIs, such as `Workbook.use1904DateSystem`. Production Excel does not:
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbook#excel-excel-workbook-use1904datesystem-member
   */
  previewApis?: boolean;
  /** The highest ExcelApi requirement set this Excel supports, as "1.N" (default "1.17"). */
  excelApi?: string;
  mode?: OpenMode;
  /** Cells one range operation may touch before Excel refuses it (OperationCellsExceedLimit). */
  cellLimit?: number;
  /**
   * An Excel that does not know `delayForCellEdit` (the option is ignored and batches fail while a
   * cell is edited), as hosts from before the option was added behave.
   */
  ignoresDelayForCellEdit?: boolean;
  parts?: { namespace: string; xml: string }[];
  /** `Workbook.settings` (ExcelApi 1.4), by key. */
  settings?: Record<string, unknown>;
};

/**
 * Excel's error for a range operation over too many cells: "OperationCellsExceedLimit", documented
 * with a limit of 33,554,000 cells at
 * https://learn.microsoft.com/en-us/office/dev/add-ins/reference/javascript-api-for-office-error-codes
 */
export const EXCEL_CELL_LIMIT = 33_554_000;

export class SimWorkbook {
  readonly sheets: SimSheet[] = [];
  readonly tables: SimTable[] = [];
  parts: SimPart[] = [];
  use1904: boolean;
  previewApis: boolean;
  excelApi: string;
  mode: OpenMode;
  cellLimit: number;
  ignoresDelayForCellEdit: boolean;
  readonly settings = new Map<string, unknown>();
  active: SimSheet;
  /** The selected cells, or "shape" when a chart or picture is selected. */
  selection: { sheet: SimSheet; rect: Rect } | "shape";
  /** Every cell written through the API, as "sheet!row,col". */
  readonly written = new Set<string>();
  private nextPart = 1;

  constructor(seed: WorkbookSeed) {
    for (const s of seed.sheets) {
      const sheet = new SimSheet(s.name);
      s.rows.forEach((line, r) => line.forEach((v, c) => sheet.set(r, c, v)));
      this.sheets.push(sheet);
      if (s.table) {
        this.tables.push(
          new SimTable(s.table, sheet, { row: 0, col: 0, rows: s.rows.length, cols: s.rows[0]?.length ?? 0 }),
        );
      }
      sheet.protected = s.protected ?? false;
      for (const [key, formula] of Object.entries(s.formulas ?? {})) sheet.ownFormulas.set(key, formula);
    }
    if (this.sheets.length === 0) this.sheets.push(new SimSheet("Sheet1"));
    this.active = this.sheets[0]!;
    this.selection = { sheet: this.active, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
    this.use1904 = seed.use1904 ?? false;
    this.previewApis = seed.previewApis ?? false;
    this.excelApi = seed.excelApi ?? "1.17";
    this.mode = seed.mode ?? "edit";
    this.cellLimit = seed.cellLimit ?? EXCEL_CELL_LIMIT;
    this.ignoresDelayForCellEdit = seed.ignoresDelayForCellEdit ?? false;
    for (const p of seed.parts ?? []) this.addPart(p.namespace, p.xml);
    for (const [k, v] of Object.entries(seed.settings ?? {})) this.settings.set(k, v);
  }

  /** Whether this Excel has requirement set ExcelApi `version` ("1.N"). */
  supportsExcelApi(version: string): boolean {
    const minor = (v: string) => Number(/^1\.(\d+)$/.exec(v)?.[1] ?? NaN);
    return minor(version) <= minor(this.excelApi);
  }

  /**
   * Refuses a change to the workbook as Excel does in Viewing mode on the web. Excel reports it as
   * AccessDenied; which code the web host gives is not documented, so the add-in must not depend on it.
   */
  assertEditable(): void {
    if (this.mode === "view") {
      throw new SimError("AccessDenied", "The workbook is open for viewing only: changes are not allowed.");
    }
  }

  /** Refuses a change to a sheet that is protected (and any change in Viewing mode). */
  assertSheetEditable(sheet: SimSheet): void {
    this.assertEditable();
    if (sheet.protected) {
      throw new SimError(
        "AccessDenied",
        `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`,
      );
    }
  }

  /** Applies a change made outside the add-in: sorting, inserting or deleting rows, typing a value. */
  apply(change: SimChange): void {
    const sheet = this.sheet(change.sheet);
    switch (change.op) {
      case "set":
        sheet.set(change.row, change.col, change.value);
        return;
      case "sort": {
        // The rows under the header of the sheet's table (or of its used range), as Data > Sort does.
        const table = this.tables.find((t) => t.sheet === sheet);
        const rect = table?.rect ?? sheet.usedRect();
        if (!rect || rect.rows < 3) return;
        const body = sheet.cells.slice(rect.row + 1, rect.row + rect.rows).map((r) => [...(r ?? [])]);
        const key = (r: CellValue[]) => r[change.column] ?? "";
        body.sort((a, b) => {
          const x = key(a);
          const y = key(b);
          const c =
            typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return change.descending ? -c : c;
        });
        body.forEach((r, i) => (sheet.cells[rect.row + 1 + i] = r));
        return;
      }
      case "insert": {
        sheet.cells.splice(change.at, 0, ...change.rows.map((r) => [...r]));
        for (const t of this.tables) {
          if (t.sheet !== sheet) continue;
          if (change.at <= t.rect.row) t.rect.row += change.rows.length;
          else if (change.at <= t.rect.row + t.rect.rows) t.rect.rows += change.rows.length;
        }
        return;
      }
      case "delete": {
        sheet.cells.splice(change.at, change.count);
        for (const t of this.tables) {
          if (t.sheet !== sheet) continue;
          if (change.at + change.count <= t.rect.row) t.rect.row -= change.count;
          else if (change.at > t.rect.row) {
            const inside = Math.min(change.count, t.rect.row + t.rect.rows - change.at);
            if (inside > 0) t.rect.rows -= inside;
          }
        }
        return;
      }
    }
  }

  sheet(name: string): SimSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new SimError("ItemNotFound", `no sheet named ${name}`);
    return s;
  }

  table(name: string): SimTable {
    const t = this.tables.find((x) => x.name === name);
    if (!t) throw new SimError("ItemNotFound", `no table named ${name}`);
    return t;
  }

  addPart(namespace: string, xml: string): SimPart {
    const part = { id: `{part-${this.nextPart++}}`, namespace, xml };
    this.parts.push(part);
    return part;
  }

  /**
   * Writes a value as Excel does when `Range.values` is set: text is read as if typed into the cell
   * (see `coerceTyped`): "'" keeps text as text, "=" (and a "+", "-" or "@" that is not a number)
   * makes a formula, a number, percentage, TRUE/FALSE or date becomes that value.
   * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values
   */
  write(sheet: SimSheet, row: number, col: number, value: CellValue): void {
    this.written.add(`${sheet.name}!${row},${col}`);
    const key = `${row},${col}`;
    sheet.formulas.delete(key);
    sheet.ownFormulas.delete(key);
    if (typeof value === "string" && value.startsWith("'")) sheet.set(row, col, value.slice(1));
    else if (typeof value === "string") {
      const typed = coerceTyped(value, this.use1904);
      if (typed === FORMULA) {
        sheet.formulas.set(key, value);
        sheet.set(row, col, `#FORMULA(${value})`);
      } else sheet.set(row, col, typed);
    } else sheet.set(row, col, value);
  }

  /** The fill a cell shows: the first conditional format on it whose rule matches its text. */
  effectiveFill(sheet: SimSheet, row: number, col: number): string | undefined {
    const text = String(sheet.get(row, col)).toLowerCase();
    for (const cf of sheet.conditionalFormats) {
      const r = cf.rect;
      if (row < r.row || row >= r.row + r.rows || col < r.col || col >= r.col + r.cols) continue;
      const t = cf.text.toLowerCase();
      const hit =
        cf.operator === "BeginsWith"
          ? text.startsWith(t)
          : cf.operator === "EndsWith"
            ? text.endsWith(t)
            : cf.operator === "Contains"
              ? text.includes(t)
              : !text.includes(t);
      if (hit) return cf.fill;
    }
    return undefined;
  }
}

const FORMULA = Symbol("formula");

/**
 * What Excel (en-US) makes of text written into a cell: a formula, a number ("1,200.50", "-3",
 * "1e3", "$12", "5%"), a boolean, a date serial ("2026-11-21", "11/21/2026"), else the text itself.
 * Only the forms the add-in could plausibly write are covered; anything else stays text.
 */
export function coerceTyped(text: string, use1904: boolean): CellValue | typeof FORMULA {
  if (text === "") return "";
  const t = text.trim();
  const number = /^([-+])?\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)(%)?$/.exec(t);
  if (number) {
    const n = Number(number[2]!.replace(/,/g, "")) * (number[1] === "-" ? -1 : 1);
    return number[3] ? n / 100 : n;
  }
  if (/^[=+\-@]/.test(text) && text.length > 1) return FORMULA;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const ymd = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  if (ymd) {
    const [y, m, d] = ymd.map(Number) as [number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return dateSerial(y, m, d, use1904);
    }
  }
  return text;
}

/** Excel's DATE(y, m, d) as a serial of the 1900 or 1904 system (1900's phantom 29 Feb kept). */
export function dateSerial(y: number, m: number, d: number, use1904: boolean): number {
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  if (use1904) return days - 1462;
  return days < 61 ? days - 1 : days;
}

/** An error as Excel reports it: a code and a message. */
export class SimError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}
