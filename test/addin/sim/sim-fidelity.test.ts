import { describe, expect, it } from "vitest";
import { createSimHost } from "./sim-host";
import { coerceTyped, dateSerial, type WorkbookSeed } from "./sim-workbook";

/**
 * The simulated host follows real Excel where the add-in depends on it (each rule cites its page in
 * sim-excel-api.ts / sim-workbook.ts). These tests pin those rules, so a simulator that drifts back
 * to being friendlier than Excel fails here first.
 */

const seed = (more: Partial<WorkbookSeed> = {}): WorkbookSeed => ({
  sheets: [
    {
      name: "AP",
      rows: [
        ["Ref", "Amount"],
        ["A", 3],
        ["B", 1],
        ["C", 2],
      ],
      table: "T",
    },
  ],
  ...more,
});

const run = <T>(host: ReturnType<typeof createSimHost>, batch: (c: Excel.RequestContext) => Promise<T>) =>
  host.Excel.run(batch);

describe("simulated Excel follows real Excel", () => {
  it("reading a property that was not loaded throws PropertyNotLoaded", async () => {
    const host = createSimHost(seed());
    await expect(
      run(host, async (c) => {
        const r = c.workbook.worksheets.getItem("AP").getRangeByIndexes(0, 0, 1, 1);
        return r.values;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  it("Workbook.use1904DateSystem is a preview API: production Excel refuses it, DATE() tells the system", async () => {
    for (const use1904 of [false, true]) {
      const host = createSimHost(seed({ use1904 }));
      await expect(
        run(host, async (c) => {
          c.workbook.load("use1904DateSystem");
          await c.sync();
        }),
      ).rejects.toMatchObject({ code: "ApiNotFound" });
      const serial = await run(host, async (c) => {
        const r = c.workbook.functions.date(1904, 1, 1);
        r.load("value");
        await c.sync();
        return r.value;
      });
      expect(serial).toBe(use1904 ? 0 : 1462);
    }
    const preview = createSimHost(seed({ use1904: true, previewApis: true }));
    const flag = await run(preview, async (c) => {
      const wb = c.workbook as Excel.Workbook & { use1904DateSystem: boolean };
      wb.load("use1904DateSystem");
      await c.sync();
      return wb.use1904DateSystem;
    });
    expect(flag).toBe(true);
  });

  it("DATE() serials match Excel's, 1900's phantom 29 February included", () => {
    expect(dateSerial(1900, 1, 1, false)).toBe(1);
    expect(dateSerial(1900, 2, 28, false)).toBe(59);
    expect(dateSerial(1900, 3, 1, false)).toBe(61);
    expect(dateSerial(2026, 11, 21, false)).toBe(46347);
    expect(dateSerial(2026, 11, 21, true)).toBe(46347 - 1462);
  });

  it("isSetSupported answers per the configured ExcelApi version", () => {
    const host = createSimHost(seed({ excelApi: "1.9" }));
    const req = (
      host.Office["context"] as { requirements: { isSetSupported(n: string, v?: string): boolean } }
    ).requirements;
    expect(req.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(req.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(req.isSetSupported("SharedRuntime", "1.1")).toBe(true);
  });

  it("getOnlyItemOrNullObject is a null object when two parts share a namespace; getByNamespace lists both", async () => {
    const ns = "urn:test:1";
    const xml = (t: string) => `<headroom xmlns="${ns}">${t}</headroom>`;
    const host = createSimHost(
      seed({
        parts: [
          { namespace: ns, xml: xml("a") },
          { namespace: ns, xml: xml("b") },
        ],
      }),
    );
    const got = await run(host, async (c) => {
      const scoped = c.workbook.customXmlParts.getByNamespace(ns);
      const only = scoped.getOnlyItemOrNullObject();
      scoped.load("items");
      await c.sync();
      const texts = scoped.items.map((p) => p.getXml());
      await c.sync();
      return { isNull: only.isNullObject, texts: texts.map((t) => t.value) };
    });
    expect(got).toEqual({ isNull: true, texts: [xml("a"), xml("b")] });
  });

  it("a protected sheet refuses writes with AccessDenied and says it is protected", async () => {
    const host = createSimHost({ sheets: [{ name: "AP", rows: [["x"]], protected: true }] });
    const isProtected = await run(host, async (c) => {
      const p = c.workbook.worksheets.getItem("AP").protection;
      p.load("protected");
      await c.sync();
      return p.protected;
    });
    expect(isProtected).toBe(true);
    await expect(
      run(host, async (c) => {
        c.workbook.worksheets.getItem("AP").getRangeByIndexes(0, 1, 1, 1).values = [["y"]];
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(host.workbook.sheet("AP").get(0, 1)).toBe("");
  });

  it("Viewing mode refuses every change, parts and settings included; read-only says so and still edits", async () => {
    const view = createSimHost(seed({ mode: "view" }));
    for (const change of [
      (c: Excel.RequestContext) => void c.workbook.customXmlParts.add('<a xmlns="urn:x"/>'),
      (c: Excel.RequestContext) => void c.workbook.settings.add("k", 1),
      (c: Excel.RequestContext) =>
        void (c.workbook.worksheets.getItem("AP").getRangeByIndexes(5, 0, 1, 1).values = [["z"]]),
    ]) {
      await expect(run(view, async (c) => change(c))).rejects.toMatchObject({ code: "AccessDenied" });
    }
    const readOnly = createSimHost(seed({ mode: "read-only" }));
    const flag = await run(readOnly, async (c) => {
      c.workbook.load("readOnly");
      c.workbook.worksheets.getItem("AP").getRangeByIndexes(5, 0, 1, 1).values = [["z"]];
      await c.sync();
      return c.workbook.readOnly;
    });
    expect(flag).toBe(true);
    expect(readOnly.workbook.sheet("AP").get(5, 0)).toBe("z");
  });

  it("in cell-edit mode a batch fails unless it asks to wait (delayForCellEdit), then it waits", async () => {
    const host = createSimHost(seed());
    host.session.setCellEdit(true);
    await expect(
      run(host, async (c) => {
        c.workbook.settings.add("k", 1);
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    let done = false;
    const waiting = host.Excel.run({ delayForCellEdit: true }, async (c) => {
      c.workbook.settings.add("k", 2);
      await c.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    host.session.setCellEdit(false);
    await waiting;
    expect(host.workbook.settings.get("k")).toBe(2);
  });

  it("rows change between batches as scheduled: a sort before the second batch", async () => {
    const host = createSimHost(seed());
    host.session.beforeRun(2, { op: "sort", sheet: "AP", column: 1 }, host.stats.runs);
    const read = () =>
      run(host, async (c) => {
        const r = c.workbook.worksheets.getItem("AP").getRangeByIndexes(1, 0, 3, 1);
        r.load("values");
        await c.sync();
        return r.values.map((x) => x[0]);
      });
    expect(await read()).toEqual(["A", "B", "C"]);
    expect(await read()).toEqual(["B", "C", "A"]);
    host.workbook.apply({ op: "insert", sheet: "AP", at: 2, rows: [["N", 9]] });
    expect(host.workbook.tables[0]!.rect.rows).toBe(5);
  });

  it("text written to cells is read as if typed: numbers, percentages, booleans, dates, formulas", () => {
    expect(coerceTyped("1,200.50", false)).toBe(1200.5);
    expect(coerceTyped("-3", false)).toBe(-3);
    expect(coerceTyped("5%", false)).toBe(0.05);
    expect(coerceTyped("TRUE", false)).toBe(true);
    expect(coerceTyped("2026-11-21", false)).toBe(46347);
    expect(coerceTyped("11/21/2026", true)).toBe(46347 - 1462);
    expect(typeof coerceTyped("=1+1", false)).toBe("symbol");
    expect(typeof coerceTyped("-x", false)).toBe("symbol");
    expect(coerceTyped("block: over budget", false)).toBe("block: over budget");
    expect(coerceTyped("2026-02-30", false)).toBe("2026-02-30");
  });

  it("a range operation over the cell limit fails with OperationCellsExceedLimit", async () => {
    const host = createSimHost(seed({ cellLimit: 4 }));
    await expect(
      run(host, async (c) => {
        const r = c.workbook.worksheets.getItem("AP").getRangeByIndexes(0, 0, 3, 2);
        r.load("values");
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "OperationCellsExceedLimit" });
  });

  it("settings persist in the workbook across batches", async () => {
    const host = createSimHost(seed());
    await run(host, async (c) => {
      c.workbook.settings.add("headroom.rules", { url: "https://x/rules.json" });
      await c.sync();
    });
    const value = await run(host, async (c) => {
      const s = c.workbook.settings.getItemOrNullObject("headroom.rules");
      s.load("value");
      await c.sync();
      return s.isNullObject ? null : s.value;
    });
    expect(value).toEqual({ url: "https://x/rules.json" });
  });
});

describe("simulated Excel: recalculation and start-up", () => {
  it("finds formula cells (getSpecialCellsOrNullObject) and records what setDirty marks", async () => {
    const host = createSimHost({
      sheets: [
        { name: "AP", rows: [["a", 1]] },
        { name: "Summary", rows: [["x", 2]], formulas: { "0,1": '=HEADROOM.REMAINING("IT-HW")' } },
      ],
    });
    const found = await run(host, async (c) => {
      const sheets = c.workbook.worksheets;
      sheets.load("items/name");
      await c.sync();
      const areas = sheets.items.map((s) =>
        s.getUsedRangeOrNullObject(true).getSpecialCellsOrNullObject("Formulas" as Excel.SpecialCellType),
      );
      await c.sync();
      const dirty = areas.filter((a) => !a.isNullObject);
      dirty.forEach((a) => a.setDirty());
      c.workbook.application.calculate("Recalculate" as Excel.CalculationType);
      await c.sync();
      return { names: sheets.items.map((s) => s.name), dirty: dirty.length };
    });
    expect(found).toEqual({ names: ["AP", "Summary"], dirty: 1 });
    expect(host.stats.dirtied).toEqual([["Summary!0,1"]]);
    expect(host.stats.calculations).toEqual(["Recalculate"]);
  });

  it("an Excel that ignores delayForCellEdit fails the batch while a cell is edited", async () => {
    const host = createSimHost(seed({ ignoresDelayForCellEdit: true }));
    host.session.setCellEdit(true);
    await expect(
      host.Excel.run({ delayForCellEdit: true }, async (c) => {
        c.workbook.settings.add("k", 1);
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });

  it("records the add-in's startup behaviour and offers CustomFunctions.Error", async () => {
    const host = createSimHost(seed());
    const office = host.Office as {
      addin: { setStartupBehavior(b: string): Promise<void> };
      StartupBehavior: { load: string };
    };
    await office.addin.setStartupBehavior(office.StartupBehavior.load);
    expect(host.startupBehavior).toBe("Load");
    const e = new host.CustomFunctions.Error(host.CustomFunctions.ErrorCode.notAvailable, "why");
    expect([e.code, e.message]).toEqual(["#N/A", "why"]);
  });
});
