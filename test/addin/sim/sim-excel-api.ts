import { jsonBytes } from "../../../shared/sheet/chunk-plan";
import type { CellValue } from "../../../shared/sheet/cell-values";
import type { SimSheet, SimTable, SimWorkbook } from "./sim-workbook";
import { SimError, type Rect, type SimConditionalFormat, type SimPart } from "./sim-workbook";

/**
 * The part of the Excel JavaScript API the add-in uses, over a SimWorkbook: proxy objects whose
 * property writes, method calls and `load`s are queued and applied in order on `context.sync()`,
 * as the real API batches them. Each sync is counted and its request and response measured as JSON;
 * a payload over Excel on the web's 5 MB fails the sync, as it does there. Loaded properties read
 * before the sync that loads them throw, as they do in Excel.
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What one queued operation costs on the wire besides its data (ids, method names). */
const OP_OVERHEAD = 64;

export type SyncRecord = { requestBytes: number; responseBytes: number; ops: number };

export type SimStats = { syncs: SyncRecord[]; runs: number; calculations: string[] };

type Op = { bytes: number; run: () => number };

class Ctx {
  readonly ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  constructor(
    readonly wb: SimWorkbook,
    readonly stats: SimStats,
  ) {
    this.application = new ApplicationProxy(this);
    this.workbook = new WorkbookProxy(this);
  }

  queue(bytes: number, run: () => number | void): void {
    this.ops.push({ bytes: bytes + OP_OVERHEAD, run: () => run() ?? 0 });
  }

  async sync(): Promise<void> {
    const ops = this.ops.splice(0);
    const requestBytes = ops.reduce((s, o) => s + o.bytes, 0);
    if (requestBytes > PAYLOAD_LIMIT) {
      throw new SimError("RequestPayloadSizeLimitExceeded", `request of ${requestBytes} bytes is over 5 MB`);
    }
    let responseBytes = 0;
    const record: SyncRecord = { requestBytes, responseBytes, ops: ops.length };
    this.stats.syncs.push(record);
    for (const op of ops) responseBytes += op.run();
    record.responseBytes = responseBytes;
    if (responseBytes > PAYLOAD_LIMIT) {
      throw new SimError(
        "ResponsePayloadSizeLimitExceeded",
        `response of ${responseBytes} bytes is over 5 MB`,
      );
    }
    await Promise.resolve();
  }
}

/** Properties loaded by a sync; reading one that was not throws as Excel does. */
class Loadable {
  protected readonly loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: Ctx) {}
  protected got<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new SimError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Load it and call context.sync() first.`,
      );
    }
    return this.loaded.get(name) as T;
  }
  protected queueLoad(props: string | string[] | undefined, read: (name: string) => unknown): this {
    const names = (Array.isArray(props) ? props : (props ?? "").split(","))
      .map((p) => p.trim())
      .filter(Boolean);
    this.ctx.queue(0, () => {
      let bytes = 0;
      for (const n of names) {
        const v = read(n);
        // "items/name" loads the items; the proxies in the answer weigh what their loaded names do.
        const key = n.split("/")[0]!;
        this.loaded.set(key, v);
        bytes += (key === "items" ? (v as unknown[]).length * 64 : jsonBytes(v)) + n.length + 4;
      }
      return bytes;
    });
    return this;
  }
}

class WorkbookProxy extends Loadable {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  readonly application: ApplicationProxy;
  constructor(ctx: Ctx) {
    super(ctx);
    this.application = ctx.application ?? new ApplicationProxy(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => ctx.wb.tables);
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx);
  }
  get use1904DateSystem(): boolean {
    return this.got("use1904DateSystem");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (n === "use1904DateSystem") {
        if (this.ctx.wb.use1904 === undefined)
          throw new SimError("InvalidArgument", "use1904DateSystem is not supported by this host");
        return this.ctx.wb.use1904;
      }
      throw new SimError("InvalidArgument", `Workbook.${n} is not simulated`);
    });
  }
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.ctx.wb.selection;
      if (s === "shape")
        throw new SimError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet: s.sheet, rect: s.rect };
    });
  }
}

class ApplicationProxy {
  /** Calculations asked for, by type ("Recalculate", "Full"). */
  constructor(private readonly ctx: Ctx) {}
  calculate(type: string): void {
    this.ctx.queue(0, () => {
      this.ctx.stats.calculations.push(type);
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue(0, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.queue(0, () => undefined);
  }
}

class WorksheetCollectionProxy {
  constructor(private readonly ctx: Ctx) {}
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.active);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(name));
  }
}

class WorksheetProxy extends Loadable {
  constructor(
    ctx: Ctx,
    private readonly resolve: () => SimSheet,
  ) {
    super(ctx);
  }
  get name(): string {
    return this.got("name");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (n === "name") return this.resolve().name;
      throw new SimError("InvalidArgument", `Worksheet.${n} is not simulated`);
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    if (rows < 1 || cols < 1)
      throw new SimError("InvalidArgument", "a range has at least one row and column");
    return new RangeProxy(this.ctx, () => ({ sheet: this.resolve(), rect: { row, col, rows, cols } }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    const range = new RangeProxy(this.ctx, () => {
      const sheet = this.resolve();
      const rect = sheet.usedRect();
      if (!rect) throw new SimError("ItemNotFound", "empty sheet");
      return { sheet, rect };
    });
    range.nullable();
    return range;
  }
  activate(): void {
    this.ctx.queue(0, () => {
      this.ctx.wb.active = this.resolve();
    });
  }
}

type Where = { sheet: SimSheet; rect: Rect };

class RangeProxy extends Loadable {
  private isNull: boolean | undefined;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(
    ctx: Ctx,
    private readonly resolve: () => Where,
  ) {
    super(ctx);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, resolve);
  }
  /** Makes this an *OrNullObject range: whether it exists is known after the next sync. */
  nullable(): void {
    this.ctx.queue(0, () => {
      try {
        this.resolve();
        this.isNull = false;
      } catch {
        this.isNull = true;
      }
      return 8;
    });
  }
  get isNullObject(): boolean {
    if (this.isNull === undefined) throw new SimError("PropertyNotLoaded", "isNullObject needs a sync");
    return this.isNull;
  }
  get values(): CellValue[][] {
    return this.got("values");
  }
  set values(values: CellValue[][]) {
    const copy = values.map((r) => [...r]);
    this.ctx.queue(jsonBytes(copy), () => {
      const { sheet, rect } = this.resolve();
      if (copy.length !== rect.rows || copy.some((r) => r.length !== rect.cols)) {
        throw new SimError(
          "InvalidArgument",
          `values are ${copy.length} rows for a range of ${rect.rows}x${rect.cols}`,
        );
      }
      copy.forEach((line, i) =>
        line.forEach((v, j) => this.ctx.wb.write(sheet, rect.row + i, rect.col + j, v)),
      );
    });
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (this.isNull) return null;
      const { sheet, rect } = this.resolve();
      switch (n) {
        case "values":
          return Array.from({ length: rect.rows }, (_, i) =>
            Array.from({ length: rect.cols }, (_, j) => sheet.get(rect.row + i, rect.col + j)),
          );
        case "address":
          return `${sheet.name}!${a1(rect.row, rect.col)}:${a1(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
        case "rowIndex":
          return rect.row;
        case "columnIndex":
          return rect.col;
        case "rowCount":
          return rect.rows;
        case "columnCount":
          return rect.cols;
        default:
          throw new SimError("InvalidArgument", `Range.${n} is not simulated`);
      }
    });
  }
  getTables(_fullyContained?: boolean): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, () => {
      const { sheet, rect } = this.resolve();
      return this.ctx.wb.tables.filter((t) => t.sheet === sheet && overlaps(t.rect, rect));
    });
  }
  select(): void {
    this.ctx.queue(0, () => {
      const w = this.resolve();
      this.ctx.wb.selection = { sheet: w.sheet, rect: w.rect };
    });
  }
}

class ConditionalFormatCollectionProxy {
  constructor(
    private readonly ctx: Ctx,
    private readonly resolve: () => Where,
  ) {}
  clearAll(): void {
    this.ctx.queue(0, () => {
      const { sheet, rect } = this.resolve();
      const keep = sheet.conditionalFormats.filter((cf) => !overlaps(cf.rect, rect));
      sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...keep);
    });
  }
  add(type: string) {
    if (type !== "ContainsText")
      throw new SimError("InvalidArgument", `conditional format ${type} is not simulated`);
    const textComparison = {
      format: {
        fill: { color: undefined as string | undefined },
        font: { color: undefined as string | undefined },
      },
      rule: { operator: "Contains", text: "" },
    };
    this.ctx.queue(120, () => {
      const { sheet, rect } = this.resolve();
      const cf: SimConditionalFormat = {
        rect: { ...rect },
        operator: textComparison.rule.operator,
        text: textComparison.rule.text,
        fill: textComparison.format.fill.color,
        font: textComparison.format.font.color,
      };
      sheet.conditionalFormats.push(cf);
    });
    return { textComparison };
  }
}

class TableCollectionProxy extends Loadable {
  constructor(
    ctx: Ctx,
    private readonly resolve: () => SimTable[],
  ) {
    super(ctx);
  }
  get items(): TableProxy[] {
    return this.got("items");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (!n.startsWith("items"))
        throw new SimError("InvalidArgument", `TableCollection.${n} is not simulated`);
      return this.resolve().map((t) => {
        const proxy = new TableProxy(this.ctx, () => t);
        proxy.preload("name", t.name);
        return proxy;
      });
    });
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, () => this.ctx.wb.table(name));
  }
}

class TableProxy extends Loadable {
  readonly worksheet: WorksheetProxy;
  readonly columns: { add: (index?: number, values?: unknown, name?: string) => void };
  constructor(
    ctx: Ctx,
    private readonly resolve: () => SimTable,
  ) {
    super(ctx);
    this.worksheet = new WorksheetProxy(ctx, () => resolve().sheet);
    this.columns = {
      add: (index, values, name) => {
        if (index !== undefined && index !== null)
          throw new SimError("InvalidArgument", "only appending is simulated");
        if (values !== undefined && values !== null)
          throw new SimError("InvalidArgument", "column values are not simulated");
        this.ctx.queue(jsonBytes(name ?? ""), () => {
          const t = this.resolve();
          const col = t.rect.col + t.rect.cols;
          for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
            if (t.sheet.get(r, col) !== "")
              throw new SimError("InsertDeleteConflict", "the column next to the table is not empty");
          }
          t.rect.cols++;
          this.ctx.wb.write(t.sheet, t.rect.row, col, name ?? `Column${t.rect.cols}`);
        });
      },
    };
  }
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
  get name(): string {
    return this.got("name");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (n === "name") return this.resolve().name;
      throw new SimError("InvalidArgument", `Table.${n} is not simulated`);
    });
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: { ...t.rect, rows: 1 } };
    });
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 } };
    });
  }
}

class CustomXmlPartCollectionProxy {
  constructor(private readonly ctx: Ctx) {}
  getByNamespace(namespace: string) {
    return {
      getOnlyItemOrNullObject: () => {
        const part = new CustomXmlPartProxy(this.ctx);
        this.ctx.queue(0, () => {
          const found = this.ctx.wb.parts.filter((p) => p.namespace === namespace);
          if (found.length > 1) throw new SimError("InvalidOperation", "more than one part in the namespace");
          part.bind(found[0]);
          return 16;
        });
        return part;
      },
    };
  }
  add(xml: string): void {
    const namespace = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
    this.ctx.queue(jsonBytes(xml), () => {
      this.ctx.wb.addPart(namespace, xml);
    });
  }
}

class CustomXmlPartProxy {
  private part: SimPart | undefined | null = null;
  constructor(private readonly ctx: Ctx) {}
  bind(part: SimPart | undefined): void {
    this.part = part;
  }
  get isNullObject(): boolean {
    if (this.part === null) throw new SimError("PropertyNotLoaded", "isNullObject needs a sync");
    return this.part === undefined;
  }
  getXml(): { value: string } {
    const result = { value: undefined as unknown as string };
    this.ctx.queue(0, () => {
      if (!this.part) throw new SimError("ItemNotFound", "no such part");
      result.value = this.part.xml;
      return jsonBytes(this.part.xml);
    });
    return result;
  }
  delete(): void {
    this.ctx.queue(0, () => {
      const p = this.part;
      this.ctx.wb.parts = this.ctx.wb.parts.filter((x) => x !== p);
    });
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

function a1(row: number, col: number): string {
  let name = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

/** `Excel.run` over a workbook: a fresh request context per batch, pending operations synced at the end. */
export function simExcel(wb: SimWorkbook, stats: SimStats) {
  return {
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      stats.runs++;
      const ctx = new Ctx(wb, stats);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.ops.length > 0) await ctx.sync();
      return result;
    },
  };
}
