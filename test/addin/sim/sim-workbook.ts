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
  readonly cells: CellValue[][] = [];
  /** Formulas written to cells, by "row,col": the add-in must never write one. */
  readonly formulas = new Map<string, string>();
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
};

export type WorkbookSeed = {
  sheets: SeedSheet[];
  /** `Workbook.use1904DateSystem`; undefined makes the property unsupported (loading it fails). */
  use1904?: boolean;
  parts?: { namespace: string; xml: string }[];
};

export class SimWorkbook {
  readonly sheets: SimSheet[] = [];
  readonly tables: SimTable[] = [];
  parts: SimPart[] = [];
  use1904: boolean | undefined;
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
    }
    if (this.sheets.length === 0) this.sheets.push(new SimSheet("Sheet1"));
    this.active = this.sheets[0]!;
    this.selection = { sheet: this.active, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
    this.use1904 = seed.use1904;
    for (const p of seed.parts ?? []) this.addPart(p.namespace, p.xml);
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

  /** Writes a value as Excel does when a value is set through the API: "'" keeps text as text, "=" makes a formula. */
  write(sheet: SimSheet, row: number, col: number, value: CellValue): void {
    this.written.add(`${sheet.name}!${row},${col}`);
    const key = `${row},${col}`;
    sheet.formulas.delete(key);
    if (typeof value === "string" && value.startsWith("'")) sheet.set(row, col, value.slice(1));
    else if (typeof value === "string" && /^[=+\-@]/.test(value) && value.length > 1) {
      sheet.formulas.set(key, value);
      sheet.set(row, col, `#FORMULA(${value})`);
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

/** An error as Excel reports it: a code and a message. */
export class SimError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}
