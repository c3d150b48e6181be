import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatAge } from "../../../shared/dates/age-text";
import { locate, rememberMapping, runCheck } from "../../../addin/taskpane/check-flow";
import { PART_NAMESPACES } from "../../../addin/excel/document-store";
import { loadFromWorkbook } from "../../../addin/excel/workbook";
import { putChangedFiles, type Preview } from "../../../addin/taskpane/publish-flow";
import {
  fetchedFiles,
  fromStoredText,
  loadFromUrl,
  storedText,
} from "../../../addin/taskpane/rule-book-source";
import { getWorkbookDateSystem, resetWorkbookDateSystem } from "../../../addin/runtime/workbook-date-system";
import { dateSystemText, pickDateSystem } from "../../../addin/taskpane/date-system-line";
import { learnDateSystem } from "../../../addin/functions/startup";
import { exampleRulesDir } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { createSimHost, type SimHost } from "../sim/sim-host";

const g = globalThis as Record<string, unknown>;
let host: SimHost;
afterEach(() => {
  delete g["Excel"];
  fetchedFiles.clear();
});

const examples = Object.fromEntries(
  readdirSync(exampleRulesDir)
    .filter((n) => n.endsWith(".json"))
    .map((n) => [n, readFileSync(join(exampleRulesDir, n), "utf8")]),
);
const root = JSON.stringify({
  schemaVersion: 1,
  include: ["finance.json", "procurement.json", "shared.json"],
});

/** A fetch over in-memory files with ETags (the text's length and a version), counting 304s. */
function fakeServer(files: Record<string, string>) {
  const calls: { url: string; status: number }[] = [];
  const etag = (name: string) => `"${files[name]!.length}"`;
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const name = url.replace("https://rules.example/", "");
    const headers = new Headers(init?.headers);
    if (!(name in files)) return new Response("", { status: 404, statusText: "Not Found" });
    if (init?.method === "PUT") {
      const status = headers.get("If-Match") === etag(name) ? 200 : 412;
      calls.push({ url, status });
      if (status === 200) files[name] = String(init.body);
      return new Response(null, { status, headers: status === 200 ? { ETag: etag(name) } : {} });
    }
    const status = headers.get("If-None-Match") === etag(name) ? 304 : 200;
    calls.push({ url, status });
    return new Response(status === 304 ? null : files[name], { status, headers: { ETag: etag(name) } });
  }) as typeof fetch;
  return { fetchImpl, calls, files };
}

describe("rule book from a URL", () => {
  it("follows includes, then refreshes with If-None-Match and reports an unchanged rule book", async () => {
    const server = fakeServer({ "rules.json": root, ...examples });
    const first = await loadFromUrl("https://rules.example/rules.json", server.fetchImpl);
    expect(first.ok && first.value.book.meta.revision).toBe(14);
    expect(first.ok && first.unchanged).toBe(false);
    expect(first.ok && first.value.files.map((f) => f.name)).toEqual([
      "https://rules.example/rules.json",
      "https://rules.example/finance.json",
      "https://rules.example/procurement.json",
      "https://rules.example/shared.json",
    ]);
    const again = await loadFromUrl("https://rules.example/rules.json", server.fetchImpl);
    expect(again.ok && again.unchanged).toBe(true);
    expect(server.calls.slice(4).map((c) => c.status)).toEqual([304, 304, 304, 304]);
  });

  it("refuses a broken rule book with its issues, and an unreachable one with what to check", async () => {
    const server = fakeServer({ "rules.json": root, ...examples, "finance.json": "{" });
    const r = await loadFromUrl("https://rules.example/rules.json", server.fetchImpl);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]!.file).toBe("https://rules.example/finance.json");
    const down = await loadFromUrl("https://rules.example/rules.json", (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch);
    expect(!down.ok && down.error.issues[0]!.message).toMatch(
      /^The rules server could not be reached\. Error: Failed to fetch\. Check the address and your connection\.$/,
    );
    expect((await loadFromUrl("not a url")).ok).toBe(false);
  });

  it("says a sign-in page, an error status, a slow server and a cut-off download for what they are", async () => {
    const rulesUrl = "https://rules.example/rules.json";
    const signIn = (async () =>
      new Response("<!doctype html><title>Sign in</title><form>…</form>", {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
      })) as typeof fetch;
    const page = await loadFromUrl(rulesUrl, signIn);
    expect(!page.ok && page.error.message).toBe(`The rule book at ${rulesUrl} could not be read.`);
    expect(!page.ok && page.error.issues[0]!.message).toMatch(
      /returned a web page, not a JSON rule book\. This is often a sign-in page/,
    );

    const forbidden = (async () =>
      new Response("no", { status: 403, statusText: "Forbidden" })) as typeof fetch;
    const denied = await loadFromUrl(rulesUrl, forbidden);
    expect(!denied.ok && denied.error.issues[0]!.message).toMatch(
      /answered 403 Forbidden\. The server wants you signed in: tick "Send my sign-in cookies to this server"/,
    );

    // A server that never answers: the load gives up after the time limit (50 ms here, 15 s in use).
    const silent = ((_: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      )) as typeof fetch;
    const slow = await loadFromUrl(rulesUrl, silent, 50);
    expect(!slow.ok && slow.error.issues[0]!.message).toMatch(
      /^The rules server did not answer within 50 ms\. The rule book in use stays; try again later\.$/,
    );

    const cut = (async () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"schemaVersion": 1, "meta": {'));
            c.error(new TypeError("network error"));
          },
        }),
        { status: 200, headers: { "Content-Type": "application/json" } },
      )) as typeof fetch;
    const broken = await loadFromUrl(rulesUrl, cut);
    expect(!broken.ok && broken.error.issues[0]!.message).toMatch(
      /^The download of the rule book broke off before the end\./,
    );
  });

  it("follows includes only on the rule book's own server", async () => {
    const server = fakeServer({
      "rules.json": JSON.stringify({
        schemaVersion: 1,
        include: ["finance.json", "https://elsewhere.example/x.json"],
      }),
      ...examples,
    });
    const r = await loadFromUrl("https://rules.example/rules.json", server.fetchImpl);
    expect(!r.ok && r.error.issues[0]).toMatchObject({
      file: "https://rules.example/rules.json",
      message:
        "rules.json includes a file on another server, which Headroom does not follow. " +
        "Included: https://elsewhere.example/x.json. Keep every file of the rule book next to https://rules.example/rules.json.",
    });
    expect(server.calls.map((c) => c.url)).not.toContain("https://elsewhere.example/x.json");
  });

  it("round-trips through the workbook's stored copy", async () => {
    const server = fakeServer({ "rules.json": root, ...examples });
    const r = await loadFromUrl("https://rules.example/rules.json", server.fetchImpl);
    if (!r.ok) throw new Error("load failed");
    const back = fromStoredText(storedText(r.value));
    expect(back.ok && back.value.book.meta.revision).toBe(14);
    expect(back.ok && back.value.origin).toEqual({ kind: "workbook" });
    expect(fromStoredText("{").ok).toBe(false);
  });
});

describe("saving published budgets with If-Match", () => {
  it("saves with the ETag the preview was built from, and a concurrent edit gets a 412 and a clear message", async () => {
    const server = fakeServer({ "finance.json": examples["finance.json"]! });
    const url = "https://rules.example/finance.json";
    const preview = (etag: string | null) =>
      ({
        files: [{ name: url, text: "{}" }],
        changed: [url],
        etags: new Map([[url, etag]]),
      }) as unknown as Preview;
    const stale = await putChangedFiles(preview('"old"'), server.fetchImpl);
    expect(stale).toMatchObject({ ok: false, conflict: true });
    if (!stale.ok) expect(stale.message).toMatch(/changed by someone else.*reload the rule book/);
    expect(server.files["finance.json"]).toBe(examples["finance.json"]);
    const fresh = await putChangedFiles(preview(`"${examples["finance.json"]!.length}"`), server.fetchImpl);
    expect(fresh).toEqual({ ok: true, etags: { [url]: '"2"' } });
    expect(server.files["finance.json"]).toBe("{}");
    const none = await putChangedFiles(preview(null), server.fetchImpl);
    expect(none).toMatchObject({ ok: false, conflict: false });
    const weak = await putChangedFiles(preview('W/"2"'), server.fetchImpl);
    expect(weak).toMatchObject({ ok: false, conflict: false, message: expect.stringContaining("weak ETag") });
    expect(server.files["finance.json"]).toBe("{}");
  });

  it("does not save several changed files one by one: a conflict half-way would leave a half-changed rule book", async () => {
    const server = fakeServer({ "a.json": "{}", "b.json": "{}" });
    const urls = ["https://rules.example/a.json", "https://rules.example/b.json"];
    const preview = {
      files: urls.map((name) => ({ name, text: '{"x":1}' })),
      changed: urls,
      etags: new Map(urls.map((u) => [u, '"1"'])),
    } as unknown as Preview;
    const r = await putChangedFiles(preview, server.fetchImpl);
    expect(r).toMatchObject({
      ok: false,
      conflict: false,
      message: expect.stringContaining("Download them"),
    });
    expect(server.files).toEqual({ "a.json": "{}", "b.json": "{}" });
  });
});

describe("column mapping", () => {
  it("maps by header synonyms, remembers the analyst's correction in the workbook, never maps result columns", async () => {
    const { header, rows } = registerRows(50);
    host = createSimHost({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: false,
    });
    g["Excel"] = host.Excel;
    const first = await locate();
    expect(first.mapping).toMatchObject({
      ref: 0,
      invoiceDate: 1,
      supplier: 2,
      vendorId: 3,
      costCenter: 4,
      category: 5,
      amount: 6,
      currency: 7,
      terms: 8,
    });
    const corrected = { ...first.mapping };
    delete corrected.category;
    corrected.ref = 9;
    await rememberMapping(first.region, corrected);
    const books = readdirSync(exampleRulesDir).map((n) => ({ name: n, text: examples[n]! }));
    const { parseRuleBookTexts } = await import("../../../shared/rules/load");
    const book = parseRuleBookTexts(books);
    if (!book.ok) throw new Error("book");
    await runCheck(book.value, { ...first, mapping: corrected }, () => undefined);
    const again = await locate();
    expect(again.mapping.category).toBeUndefined();
    expect(again.mapping.ref).toBe(9);
    expect(again.region.headers.slice(-2)).toEqual(["Headroom status", "Headroom details"]);
    expect(Object.values(again.mapping)).not.toContain(header.length);
    expect(Object.values(again.mapping)).not.toContain(header.length + 1);
  });
});

describe("remembered mapping", () => {
  it("keeps only the analyst's corrections, so columns the synonyms find later are still found", async () => {
    const { header, rows } = registerRows(20);
    host = createSimHost({
      sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }],
      use1904: false,
    });
    g["Excel"] = host.Excel;
    const first = await locate();
    const stored = async () =>
      JSON.parse((await loadFromWorkbook(PART_NAMESPACES.mapping)) ?? "{}") as Record<string, unknown>;
    // A check with the mapping as found stores nothing: nothing was corrected, so nothing is written.
    expect(await rememberMapping(first.region, first.mapping)).toEqual({ status: "unchanged" });
    expect(host.workbook.parts).toEqual([]);
    // A cleared field and a moved one are what is remembered.
    const corrected = { ...first.mapping, ref: 9 };
    delete corrected.currency;
    expect(await rememberMapping(first.region, corrected)).toEqual({ status: "saved" });
    expect(Object.values(await stored())).toEqual([{ ref: header[9], currency: null }]);
    // The same choices again: the workbook already has them, nothing is written.
    const parts = host.workbook.parts.map((p) => ({ ...p }));
    expect(await rememberMapping(first.region, corrected)).toEqual({ status: "unchanged" });
    expect(host.workbook.parts).toEqual(parts);
  });
});

describe("rule book age", () => {
  it("reads as people say it", () => {
    const t = Date.UTC(2026, 10, 21, 12);
    expect(formatAge(t, t + 30_000)).toBe("just now");
    expect(formatAge(t, t + 60_000)).toBe("1 minute ago");
    expect(formatAge(t, t + 5 * 60_000)).toBe("5 minutes ago");
    expect(formatAge(t, t + 3 * 3_600_000)).toBe("3 hours ago");
    expect(formatAge(t, t + 3 * 86_400_000)).toBe("3 days ago");
  });
});

describe("date system", () => {
  const { header, rows } = registerRows(3);
  const sheets = [{ name: "AP", rows: [header, ...rows], table: "T" }];
  /** An Excel whose DATE() cannot be asked (ExcelApi BETA-only hosts aside, a failure we cannot seed). */
  function withoutDateProbe(h: SimHost): unknown {
    return {
      run: (options: unknown, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
        h.Excel.run(options as Excel.RunOptions, (context) => {
          (context.workbook as unknown as { functions: unknown }).functions = {
            date: () => {
              throw Object.assign(new Error("The API you are trying to use could not be found."), {
                code: "ApiNotFound",
              });
            },
          };
          return batch(context);
        }),
    };
  }
  afterEach(() => resetWorkbookDateSystem());

  it("tells the custom functions the workbook's date system when Excel reports it", async () => {
    resetWorkbookDateSystem();
    host = createSimHost({ sheets, use1904: true });
    g["Excel"] = host.Excel;
    expect((await locate()).dateSystem).toEqual({ system: "1904", assumed: false, source: "excel" });
    expect(getWorkbookDateSystem()).toBe("1904");
  });

  it("keeps the analyst's answer in the workbook when Excel cannot say, and uses it next time", async () => {
    host = createSimHost({ sheets, use1904: true });
    g["Excel"] = withoutDateProbe(host);
    const first = (await locate()).dateSystem;
    expect(first).toMatchObject({ system: "1900", assumed: true, source: "assumed" });
    expect(first.why).toMatch(/DATE\(1904, 1, 1\).*ApiNotFound/);
    const picked = await pickDateSystem("1904", first);
    expect(picked).toMatchObject({ system: "1904", assumed: false, source: "workbook" });
    expect(getWorkbookDateSystem()).toBe("1904");
    expect(Object.fromEntries(host.workbook.settings)).toEqual({ "headroom.dateSystem": "1904" });
    expect(dateSystemText(picked)).toMatch(/^your choice, saved in this workbook/);
    // Another session: the pane and the functions take the saved answer without asking.
    resetWorkbookDateSystem();
    expect((await locate()).dateSystem).toMatchObject({ system: "1904", assumed: false, source: "workbook" });
    expect(getWorkbookDateSystem()).toBe("1904");
    resetWorkbookDateSystem();
    await learnDateSystem();
    expect(getWorkbookDateSystem()).toBe("1904");
  });

  it("says so when the answer cannot be kept in the workbook (open for viewing)", async () => {
    host = createSimHost({ sheets, use1904: true, mode: "view" });
    g["Excel"] = withoutDateProbe(host);
    const picked = await pickDateSystem("1904", (await locate()).dateSystem);
    expect(picked).toMatchObject({
      system: "1904",
      source: "chosen",
      notSaved: expect.stringContaining("AccessDenied"),
    });
    expect(dateSystemText(picked)).toMatch(/^your choice, for this session only: it could not be saved/);
    expect(getWorkbookDateSystem()).toBe("1904");
    expect(host.workbook.settings.size).toBe(0);
  });
});

describe("blank rows", () => {
  it("leaves a row with nothing in it without a status, also when it was a purchase at the last check", async () => {
    const { header, rows } = registerRows(4);
    const blank = header.map(() => "");
    // A plain range (no table) with a gap in the middle, as registers have.
    host = createSimHost({
      sheets: [{ name: "AP", rows: [header, rows[0]!, blank, rows[1]!, rows[2]!, rows[3]!] }],
      use1904: false,
    });
    g["Excel"] = host.Excel;
    const books = readdirSync(exampleRulesDir).map((n) => ({ name: n, text: examples[n]! }));
    const { parseRuleBookTexts } = await import("../../../shared/rules/load");
    const book = parseRuleBookTexts(books);
    if (!book.ok) throw new Error("book");
    const statusColumn = header.length;
    const statuses = () =>
      host.workbook
        .sheet("AP")
        .cells.slice(1)
        .map((r) => r?.[statusColumn] ?? "");

    const first = await runCheck(book.value, await locate(), () => undefined);
    expect(first.result.summary.rows).toBe(4);
    expect(first.blankRows).toBe(1);
    expect(first.rowOf).toEqual([0, 2, 3, 4]);
    expect(statuses().map((s) => s !== "")).toEqual([true, false, true, true, true]);

    // The analyst clears row 4's purchase; its old status must not stay behind.
    const cleared = host.workbook.sheet("AP").cells[4]!;
    for (let c = 0; c < header.length; c++) cleared[c] = "";
    const again = await runCheck(book.value, await locate(), () => undefined);
    expect(again.result.summary.rows).toBe(3);
    expect(again.rowOf).toEqual([0, 2, 4]);
    expect(statuses().map((s) => s !== "")).toEqual([true, false, true, false, true]);
    expect(host.workbook.sheet("AP").cells[4]![statusColumn + 1] ?? "").toBe("");
    // Flagged rows name sheet rows: the batch's third row is sheet row 6 (header in row 1).
    expect(again.rowOf[2]! + 2).toBe(6);
  });
});
