import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PART_NAMESPACES, wrapPart } from "../../../addin/excel/document-store";
import { getRuleBookState, resetRuleBookStore } from "../../../addin/runtime/rule-book-store";
import {
  getCellsBasis,
  getStartState,
  noRuleBookMessage,
  resetStartState,
  ruleBookKeyOf,
} from "../../../addin/runtime/start-state";
import { fetchedFiles } from "../../../addin/taskpane/rule-book-source";
import {
  loadWhenWorkbookOpens,
  openWorkbookRuleBook,
  parseRemembered,
} from "../../../addin/taskpane/stored-rule-book";
import { startUpLines } from "../../../addin/taskpane/start-up-status";
import { exampleRulesDir } from "../../helpers/rule-files";
import { createSimHost, type SimHost } from "../sim/sim-host";
import type { WorkbookSeed } from "../sim/sim-workbook";

const URL_ROOT = "https://rules.example/rules.json";
const files: Record<string, string> = {
  ...Object.fromEntries(
    readdirSync(exampleRulesDir)
      .filter((n) => n.endsWith(".json"))
      .map((n) => [n, readFileSync(join(exampleRulesDir, n), "utf8")]),
  ),
  "rules.json": JSON.stringify({
    schemaVersion: 1,
    include: ["finance.json", "procurement.json", "shared.json"],
  }),
};
const ORDER = ["rules.json", "finance.json", "procurement.json", "shared.json"];

/** A rules server over `served`; `down` makes every request fail as an unreachable server does. */
function server(served: Record<string, string>) {
  const state = { down: false, requests: 0 };
  const fetchImpl = (async (input: string | URL | Request) => {
    state.requests++;
    if (state.down) throw new TypeError("Failed to fetch");
    const name = String(input).replace("https://rules.example/", "");
    if (!(name in served)) return new Response("", { status: 404 });
    return new Response(served[name], { status: 200, headers: { ETag: `"${served[name]!.length}"` } });
  }) as typeof fetch;
  return { fetchImpl, state };
}

function storedPart(served: Record<string, string>) {
  const stored = ORDER.map((name) => ({ name: `https://rules.example/${name}`, text: served[name]! }));
  const text = JSON.stringify({ version: 1, origin: { kind: "workbook" }, files: stored });
  return { namespace: PART_NAMESPACES.ruleBook, xml: wrapPart(PART_NAMESPACES.ruleBook, text, 1) };
}

let host: SimHost;
const g = globalThis as Record<string, unknown>;
function install(seed: WorkbookSeed, ignoresCellEdit = false) {
  host = createSimHost(seed);
  g["Excel"] = ignoresCellEdit
    ? {
        run: (options: unknown, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
          host.Excel.run(typeof options === "function" ? (options as typeof batch) : batch),
      }
    : host.Excel;
}

beforeEach(() => {
  resetRuleBookStore();
  resetStartState();
  fetchedFiles.clear();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  delete g["Excel"];
  vi.restoreAllMocks();
});

const noWait = async () => {};

describe("opening a workbook that carries its rule book", () => {
  it("puts the stored copy into use, then refreshes from the remembered URL", async () => {
    const changed = {
      ...files,
      "finance.json": files["finance.json"]!.replace('"1200000.00"', '"1250000.00"'),
    };
    const { fetchImpl, state } = server(changed);
    install({
      sheets: [],
      parts: [storedPart(files)],
      settings: { "headroom.ruleBookUrl": { url: URL_ROOT } },
    });
    const remembered: unknown[] = [];
    await openWorkbookRuleBook({
      fetchImpl,
      sleep: noWait,
      saveRemembered: async (v) => void remembered.push(v),
    });
    expect(getStartState()).toMatchObject({ stored: { status: "done" }, url: { status: "done" } });
    const current = getRuleBookState().current!;
    expect(current.origin).toMatchObject({ kind: "url", url: URL_ROOT });
    expect(current.files.find((f) => f.name.endsWith("finance.json"))!.text).toContain('"1250000.00"');
    expect(state.requests).toBe(4);
    // The cells were computed with the stored copy; the refresh's rule book differs from it.
    expect(getCellsBasis()).not.toBe(ruleBookKeyOf(current));
    // The workbook now remembers what its URL served.
    expect(remembered).toEqual([
      { url: URL_ROOT, withCookies: false, revision: 14, fingerprint: expect.any(String) },
    ]);
  });

  it("keeps the stored copy when the remembered URL fails, retries it, and says why", async () => {
    const { fetchImpl, state } = server(files);
    state.down = true;
    install({
      sheets: [],
      parts: [storedPart(files)],
      settings: { "headroom.ruleBookUrl": { url: URL_ROOT } },
    });
    const waits: number[] = [];
    const snapshots: string[] = [];
    await openWorkbookRuleBook({
      fetchImpl,
      sleep: async (ms) => {
        waits.push(ms);
        snapshots.push(noRuleBookMessage({ ...getStartState(), stored: { status: "none" } }));
      },
      saveRemembered: async () => {},
    });
    expect(waits).toEqual([10_000, 60_000, 300_000]);
    expect(snapshots[0]).toMatch(
      /^Headroom could not load the rule book from https:\/\/rules\.example\/rules\.json: .*It retries/,
    );
    expect(getStartState().url).toMatchObject({ status: "failed" });
    expect(getRuleBookState().current?.origin.kind).toBe("workbook");
    expect(getRuleBookState().lastError?.message).toBe(`The rule book at ${URL_ROOT} could not be read.`);
  });

  it("retries reading the stored copy on an Excel that ignores delayForCellEdit, and explains the wait", async () => {
    install({ sheets: [], parts: [storedPart(files)] }, true);
    host.session.setCellEdit(true);
    const messages: string[] = [];
    await openWorkbookRuleBook({
      sleep: async () => {
        messages.push(noRuleBookMessage());
        messages.push(startUpLines(getStartState(), Date.now())[0]!.text);
        host.session.setCellEdit(false);
      },
    });
    expect(messages[0]).toMatch(
      /^Headroom could not read the rule book stored in this workbook: .*\(InvalidOperationInCellEditMode\)\. It retries; to load it now, /,
    );
    expect(messages[1]).toMatch(
      /^Could not read the rule book stored in this workbook: .*Trying again in 1 s \(attempt 2\)\.$/,
    );
    expect(getStartState().stored).toEqual({ status: "done" });
    expect(getRuleBookState().current?.book.meta.revision).toBe(14);
  });

  it("says when the stored copy cannot be read at all", async () => {
    install({
      sheets: [],
      parts: [{ namespace: PART_NAMESPACES.ruleBook, xml: wrapPart(PART_NAMESPACES.ruleBook, "{", 1) }],
    });
    await openWorkbookRuleBook({ sleep: noWait });
    expect(getStartState().stored).toMatchObject({ status: "failed" });
    expect(noRuleBookMessage()).toMatch(
      /^Headroom could not read the rule book stored in this workbook: The rule book stored in this workbook is damaged/,
    );
  });
});

describe("the remembered URL as the settings hold it", () => {
  it("reads what the pane wrote, and a bare address; ignores anything else", () => {
    expect(parseRemembered({ url: URL_ROOT, withCookies: true, revision: 14, fingerprint: "ab" })).toEqual({
      url: URL_ROOT,
      withCookies: true,
      revision: 14,
      fingerprint: "ab",
    });
    expect(parseRemembered(URL_ROOT)).toEqual({ url: URL_ROOT, withCookies: false });
    expect(parseRemembered({ url: 3 })).toBeNull();
    expect(parseRemembered(null)).toBeNull();
  });
});

describe("loading the add-in when the workbook opens", () => {
  it("asks Office once to load the add-in with the document (Office.addin, SharedRuntime 1.1)", async () => {
    let behavior = "None";
    const set = vi.fn(async (b: string) => void (behavior = b));
    g["Office"] = {
      StartupBehavior: { none: "None", load: "Load" },
      addin: { getStartupBehavior: async () => behavior, setStartupBehavior: set },
    };
    try {
      await loadWhenWorkbookOpens();
      await loadWhenWorkbookOpens();
      expect(set.mock.calls).toEqual([["Load"]]);
    } finally {
      delete g["Office"];
    }
  });
});
