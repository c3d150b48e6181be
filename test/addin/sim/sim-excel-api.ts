import { jsonBytes } from "../../../shared/sheet/chunk-plan";
import type { CellValue } from "../../../shared/sheet/cell-values";
import type { SimChange, SimSheet, SimTable, SimWorkbook } from "./sim-workbook";
import { dateSerial, SimError, type Rect, type SimConditionalFormat, type SimPart } from "./sim-workbook";

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

/**
 * `calculations`: each `Application.calculate` asked for, by type. `dirtied`: the cells each
 * `RangeAreas.setDirty` marked, as "Sheet!row,col" lists.
 */
export type SimStats = { syncs: SyncRecord[]; runs: number; calculations: string[]; dirtied: string[][] };

/**
 * What happens around the add-in's batches: the analyst editing a cell (batches without
 * `delayForCellEdit` fail, the others wait), and changes made between batches by the analyst or a
 * co-author (sorting, inserting rows), scheduled by the test.
 */
export class SimSession {
  private editing = false;
  private waiters: (() => void)[] = [];
  private scheduled: { run: number; change: SimChange }[] = [];
  /** Batches refused because a cell was being edited. */
  refusedInCellEdit = 0;

  get cellEdit(): boolean {
    return this.editing;
  }
  /** The analyst enters (true) or leaves (false) a cell's edit mode. */
  setCellEdit(on: boolean): void {
    this.editing = on;
    if (!on) for (const wake of this.waiters.splice(0)) wake();
  }
  /** Resolves when no cell is being edited. */
  async idle(): Promise<void> {
    while (this.editing) await new Promise<void>((r) => this.waiters.push(r));
  }
  /** Makes `change` happen just before the `nth` Excel.run from now (1 = the next one). */
  beforeRun(nth: number, change: SimChange, runsSoFar: number): void {
    this.scheduled.push({ run: runsSoFar + nth, change });
  }
  /** The changes due before run number `run`. */
  due(run: number): SimChange[] {
    const now = this.scheduled.filter((s) => s.run === run).map((s) => s.change);
    this.scheduled = this.scheduled.filter((s) => s.run !== run);
    return now;
  }
}

type Op = { bytes: number; run: () => number };

class Ctx {
  readonly ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  constructor(
    readonly wb: SimWorkbook,
    readonly stats: SimStats,
    readonly session: SimSession,
    readonly delayForCellEdit: boolean,
  ) {
    this.application = new ApplicationProxy(this);
    this.workbook = new WorkbookProxy(this);
  }

  queue(bytes: number, run: () => number | void): void {
    this.ops.push({ bytes: bytes + OP_OVERHEAD, run: () => run() ?? 0 });
  }

  async sync(): Promise<void> {
    // https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
    if (this.session.cellEdit) {
      if (!this.delayForCellEdit || this.wb.ignoresDelayForCellEdit) {
        this.ops.length = 0;
        this.session.refusedInCellEdit++;
        throw new SimError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
        );
      }
      await this.session.idle();
    }
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
    this.settings = new SettingCollectionProxy(ctx);
    this.functions = new FunctionsProxy(ctx);
  }
  readonly settings: SettingCollectionProxy;
  readonly functions: FunctionsProxy;
  get use1904DateSystem(): boolean {
    return this.got("use1904DateSystem");
  }
  get readOnly(): boolean {
    return this.got("readOnly");
  }
  load(props: string | string[]): this {
    return this.queueLoad(props, (n) => {
      if (n === "use1904DateSystem") {
        // In ExcelApi BETA only: production Excel does not have it.
        if (!this.ctx.wb.previewApis)
          throw new SimError(
            "ApiNotFound",
            "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
          );
        return this.ctx.wb.use1904;
      }
      if (n === "readOnly") {
        requireApi(this.ctx, "1.8", "Workbook.readOnly");
        return this.ctx.wb.mode !== "edit";
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

class WorksheetCollectionProxy extends Loadable {
  get items(): WorksheetProxy[] {
    return this.got("items");
  }
  load(props?: string | string[]): this {
    return this.queueLoad(props ?? "items", (n) => {
      if (!n.startsWith("items"))
        throw new SimError("InvalidArgument", `WorksheetCollection.${n} is not simulated`);
      return this.ctx.wb.sheets.map((sheet) => {
        const proxy = new WorksheetProxy(this.ctx, () => sheet);
        proxy.preload("name", sheet.name);
        return proxy;
      });
    });
  }
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
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
  /** `Worksheet.protection` (ExcelApi 1.2): whether the sheet is protected. */
  get protection(): WorksheetProtectionProxy {
    return new WorksheetProtectionProxy(this.ctx, this.resolve);
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
      this.ctx.wb.assertSheetEditable(sheet);
      checkCellLimit(this.ctx, rect);
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
          checkCellLimit(this.ctx, rect);
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
  /**
   * The cells of the range that hold formulas (only "Formulas" is simulated), as `RangeAreas`; a
   * null object when there are none. ExcelApi 1.9.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getspecialcellsornullobject-member(1)
   */
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    if (cellType !== "Formulas")
      throw new SimError("InvalidArgument", `special cells ${cellType} are not simulated`);
    return new RangeAreasProxy(this.ctx, () => {
      requireApi(this.ctx, "1.9", "Range.getSpecialCellsOrNullObject");
      const { sheet, rect } = this.resolve();
      const cells: string[] = [];
      for (const key of [...sheet.ownFormulas.keys(), ...sheet.formulas.keys()]) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols)
          cells.push(`${sheet.name}!${key}`);
      }
      return cells;
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
      this.ctx.wb.assertSheetEditable(sheet);
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
      this.ctx.wb.assertSheetEditable(sheet);
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
          this.ctx.wb.assertSheetEditable(t.sheet);
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

/**
 * `Workbook.customXmlParts` (ExcelApi 1.5). `getByNamespace` gives a scoped collection whose
 * `getOnlyItemOrNullObject` is a null object unless exactly one part has the namespace, as after two
 * co-authors each added one:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartscopedcollection#excel-excel-customxmlpartscopedcollection-getonlyitemornullobject-member
 */
class CustomXmlPartCollectionProxy {
  constructor(private readonly ctx: Ctx) {}
  getByNamespace(namespace: string): CustomXmlPartScopedCollectionProxy {
    return new CustomXmlPartScopedCollectionProxy(this.ctx, namespace);
  }
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    const part = new CustomXmlPartProxy(this.ctx);
    this.ctx.queue(0, () => {
      part.bind(this.ctx.wb.parts.find((p) => p.id === id));
      return 16;
    });
    return part;
  }
  add(xml: string): CustomXmlPartProxy {
    const namespace = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
    const part = new CustomXmlPartProxy(this.ctx);
    this.ctx.queue(jsonBytes(xml), () => {
      this.ctx.wb.assertEditable();
      part.bind(this.ctx.wb.addPart(namespace, xml));
      return 16;
    });
    return part;
  }
}

class CustomXmlPartScopedCollectionProxy extends Loadable {
  constructor(
    ctx: Ctx,
    private readonly namespace: string,
  ) {
    super(ctx);
  }
  private found(): SimPart[] {
    return this.ctx.wb.parts.filter((p) => p.namespace === this.namespace);
  }
  get items(): CustomXmlPartProxy[] {
    return this.got("items");
  }
  load(props?: string | string[]): this {
    return this.queueLoad(props ?? "items", (n) => {
      if (!n.startsWith("items"))
        throw new SimError("InvalidArgument", `CustomXmlPartScopedCollection.${n} is not simulated`);
      return this.found().map((p) => {
        const proxy = new CustomXmlPartProxy(this.ctx);
        proxy.bind(p);
        return proxy;
      });
    });
  }
  getCount(): { value: number } {
    const result = { value: undefined as unknown as number };
    this.ctx.queue(0, () => {
      result.value = this.found().length;
      return 8;
    });
    return result;
  }
  getOnlyItemOrNullObject(): CustomXmlPartProxy {
    const part = new CustomXmlPartProxy(this.ctx);
    this.ctx.queue(0, () => {
      const found = this.found();
      part.bind(found.length === 1 ? found[0] : undefined);
      return 16;
    });
    return part;
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
  get id(): string {
    if (!this.part) throw new SimError("PropertyNotLoaded", "The property 'id' is not available.");
    return this.part.id;
  }
  get namespaceUri(): string {
    if (!this.part) throw new SimError("PropertyNotLoaded", "The property 'namespaceUri' is not available.");
    return this.part.namespace;
  }
  load(_props?: string | string[]): this {
    return this;
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
  setXml(xml: string): void {
    this.ctx.queue(jsonBytes(xml), () => {
      this.ctx.wb.assertEditable();
      if (!this.part) throw new SimError("ItemNotFound", "no such part");
      this.part.xml = xml;
    });
  }
  delete(): void {
    this.ctx.queue(0, () => {
      this.ctx.wb.assertEditable();
      const p = this.part;
      this.ctx.wb.parts = this.ctx.wb.parts.filter((x) => x !== p);
    });
  }
}

/**
 * `Workbook.settings` (ExcelApi 1.4): key-value pairs saved in the file, changed in the batch like
 * any other request. https://learn.microsoft.com/en-us/javascript/api/excel/excel.settingcollection
 */
class SettingCollectionProxy {
  constructor(private readonly ctx: Ctx) {}
  add(key: string, value: unknown): SettingProxy {
    const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
    this.ctx.queue(jsonBytes(copy) + key.length, () => {
      requireApi(this.ctx, "1.4", "Workbook.settings");
      this.ctx.wb.assertEditable();
      this.ctx.wb.settings.set(key, copy);
    });
    return new SettingProxy(this.ctx, key);
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key);
  }
  getItemOrNullObject(key: string): SettingProxy {
    const setting = new SettingProxy(this.ctx, key);
    setting.nullable();
    return setting;
  }
}

class SettingProxy extends Loadable {
  private isNull: boolean | undefined;
  constructor(
    ctx: Ctx,
    readonly key: string,
  ) {
    super(ctx);
  }
  nullable(): void {
    this.ctx.queue(0, () => {
      requireApi(this.ctx, "1.4", "Workbook.settings");
      this.isNull = !this.ctx.wb.settings.has(this.key);
      return 8;
    });
  }
  get isNullObject(): boolean {
    if (this.isNull === undefined) throw new SimError("PropertyNotLoaded", "isNullObject needs a sync");
    return this.isNull;
  }
  get value(): unknown {
    return this.got("value");
  }
  set value(value: unknown) {
    const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
    this.ctx.queue(jsonBytes(copy), () => {
      this.ctx.wb.assertEditable();
      this.ctx.wb.settings.set(this.key, copy);
    });
  }
  load(props?: string | string[]): this {
    return this.queueLoad(props ?? "value", (n) => {
      if (this.isNull) return null;
      if (!this.ctx.wb.settings.has(this.key)) throw new SimError("ItemNotFound", `no setting ${this.key}`);
      if (n === "value") return this.ctx.wb.settings.get(this.key);
      if (n === "key") return this.key;
      throw new SimError("InvalidArgument", `Setting.${n} is not simulated`);
    });
  }
  delete(): void {
    this.ctx.queue(0, () => {
      this.ctx.wb.assertEditable();
      this.ctx.wb.settings.delete(this.key);
    });
  }
}

/**
 * `Workbook.functions` (ExcelApi 1.2): Excel's worksheet functions, computed in the workbook. Only
 * DATE is simulated; it follows the workbook's date system, which is what makes it a way to learn
 * that system in production Excel: DATE(1904,1,1) is 0 in a 1904 workbook and 1462 in a 1900 one.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.functions#excel-excel-functions-date-member(1)
 */
class FunctionsProxy {
  constructor(private readonly ctx: Ctx) {}
  date(year: number, month: number, day: number): FunctionResultProxy {
    return new FunctionResultProxy(this.ctx, () => {
      requireApi(this.ctx, "1.2", "Functions.date");
      return dateSerial(year, month, day, this.ctx.wb.use1904);
    });
  }
}

class FunctionResultProxy extends Loadable {
  constructor(
    ctx: Ctx,
    private readonly compute: () => number,
  ) {
    super(ctx);
  }
  get value(): number {
    return this.got("value");
  }
  get error(): string | null {
    return this.got("error");
  }
  load(props?: string | string[]): this {
    return this.queueLoad(props ?? "value,error", (n) => {
      if (n === "value") return this.compute();
      if (n === "error") return null;
      throw new SimError("InvalidArgument", `FunctionResult.${n} is not simulated`);
    });
  }
}

/** Cells from `getSpecialCellsOrNullObject`: `setDirty` marks them for the next recalculation. */
class RangeAreasProxy {
  private cells: string[] | null | undefined;
  constructor(
    private readonly ctx: Ctx,
    find: () => string[],
  ) {
    this.ctx.queue(0, () => {
      const found = find();
      this.cells = found.length > 0 ? found : null;
      return 8;
    });
  }
  get isNullObject(): boolean {
    if (this.cells === undefined) throw new SimError("PropertyNotLoaded", "isNullObject needs a sync");
    return this.cells === null;
  }
  /** ExcelApi 1.9: https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeareas#excel-excel-rangeareas-setdirty-member(1) */
  setDirty(): void {
    this.ctx.queue(0, () => {
      if (!this.cells) throw new SimError("ItemNotFound", "no cells");
      this.ctx.stats.dirtied.push([...this.cells]);
    });
  }
}

/** `Worksheet.protection.protected` (ExcelApi 1.2). */
class WorksheetProtectionProxy extends Loadable {
  constructor(
    ctx: Ctx,
    private readonly resolve: () => SimSheet,
  ) {
    super(ctx);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  load(props?: string | string[]): this {
    return this.queueLoad(props ?? "protected", (n) => {
      requireApi(this.ctx, "1.2", "WorksheetProtection");
      if (n === "protected") return this.resolve().protected;
      throw new SimError("InvalidArgument", `WorksheetProtection.${n} is not simulated`);
    });
  }
}

/** Fails as Excel does when an API is newer than the host's requirement sets. */
function requireApi(ctx: Ctx, version: string, what: string): void {
  if (!ctx.wb.supportsExcelApi(version))
    throw new SimError(
      "ApiNotFound",
      `${what} needs ExcelApi ${version}; this Excel has ${ctx.wb.excelApi}.`,
    );
}

/** A range operation over more cells than Excel allows in one operation fails. */
function checkCellLimit(ctx: Ctx, rect: Rect): void {
  if (rect.rows * rect.cols > ctx.wb.cellLimit)
    throw new SimError(
      "OperationCellsExceedLimit",
      `The operation affects ${rect.rows * rect.cols} cells, more than the limit of ${ctx.wb.cellLimit}.`,
    );
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

/**
 * `Excel.run` over a workbook: a fresh request context per batch, pending operations synced at the
 * end. Takes `Excel.run(batch)` and `Excel.run(options, batch)`; changes scheduled in `session` are
 * applied just before the batch they were scheduled for.
 */
export function simExcel(getWorkbook: () => SimWorkbook, stats: SimStats, session: SimSession) {
  return {
    async run<T>(
      first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
      second?: (context: Excel.RequestContext) => Promise<T>,
    ): Promise<T> {
      const batch = typeof first === "function" ? first : second!;
      const options = typeof first === "function" ? {} : first;
      stats.runs++;
      const wb = getWorkbook();
      for (const change of session.due(stats.runs)) wb.apply(change);
      const ctx = new Ctx(wb, stats, session, options.delayForCellEdit === true);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.ops.length > 0) await ctx.sync();
      return result;
    },
  };
}
