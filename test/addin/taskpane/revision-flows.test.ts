import { describe, expect, it } from "vitest";
import { putChangedFiles, type Preview } from "../../../addin/taskpane/publish-flow";
import {
  judgeLoaded,
  readMark,
  recordApplied,
  resetRevisionMark,
  type MarkStorage,
} from "../../../addin/taskpane/revision-marks";
import type { LoadedRuleBook } from "../../../addin/runtime/rule-book-store";

const URL_ = "https://rules.example/rules.json";

function memoryStorage(): MarkStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
  };
}

const loaded = (revision: number, text = `rev ${revision}`, url = URL_): LoadedRuleBook =>
  ({
    book: { meta: { revision } },
    origin: { kind: "url", url, etag: null },
    files: [{ name: url, text }],
    loadedAt: 0,
  }) as unknown as LoadedRuleBook;

describe("the task pane's highest revision per source", () => {
  it("refuses an older revision from the same URL, warns on changed text with the same revision, and resets", () => {
    const store = memoryStorage();
    const ten = loaded(10);
    expect(judgeLoaded(ten, null, store)).toEqual({ action: "apply", warning: null });
    recordApplied(ten, 1, store);
    expect(readMark(`url:${URL_}`, store)?.revision).toBe(10);

    const three = judgeLoaded(loaded(3), ten, store);
    expect(three).toMatchObject({
      action: "refuse",
      message: "The server now serves revision 3, older than revision 10 in use.",
    });
    expect(three?.action === "refuse" && three.details.at(-1)).toMatch(
      /^If going back to revision 3 is intended, reset/,
    );

    const edited = judgeLoaded(loaded(10, "rev 10, edited"), ten, store);
    expect(edited?.action === "apply" && edited.warning).toMatch(/^The revision was not raised: /);

    resetRevisionMark(`url:${URL_}`, 2, store);
    expect(judgeLoaded(loaded(3), ten, store)).toEqual({ action: "apply", warning: null });
  });

  it("keeps marks per source, and does not judge the copy stored in a workbook", () => {
    const store = memoryStorage();
    recordApplied(loaded(10), 1, store);
    expect(judgeLoaded(loaded(3, "x", "https://other.example/rules.json"), null, store)?.action).toBe(
      "apply",
    );
    const workbook = { ...loaded(1), origin: { kind: "workbook" } } as LoadedRuleBook;
    expect(judgeLoaded(workbook, null, store)).toBeNull();
  });

  it("starts over, saying so, when the kept marks are damaged", () => {
    const store = memoryStorage();
    store.setItem("headroom.revisionMarks.v1", "{not json");
    const warn = console.warn;
    const said: unknown[] = [];
    console.warn = (...a: unknown[]) => void said.push(a[0]);
    try {
      expect(readMark(`url:https://never.example/rules.json`, store)).toBeNull();
    } finally {
      console.warn = warn;
    }
    expect(String(said[0])).toMatch(/could not be read; starting over/);
  });
});

/** A server over in-memory files whose ETag is the text's length; PUT needs If-Match. */
function putServer(files: Record<string, string>) {
  const puts: { name: string; status: number }[] = [];
  const etag = (name: string) => `"${files[name]!.length}"`;
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const name = String(input).replace("https://rules.example/", "");
    const status = new Headers(init?.headers).get("If-Match") === etag(name) ? 200 : 412;
    puts.push({ name, status });
    if (status === 200) files[name] = String(init!.body);
    return new Response(null, { status, headers: status === 200 ? { ETag: etag(name) } : {} });
  }) as typeof fetch;
  return { fetchImpl, puts, files, etag };
}

describe("publishing raises the revision in the file that holds meta", () => {
  const finance = "https://rules.example/finance.json";
  const shared = "https://rules.example/shared.json";
  const preview = (etags: Record<string, string>) =>
    ({
      files: [
        { name: finance, text: '{"budgets": "new"}' },
        { name: shared, text: '{"meta": {"revision": 15}}' },
      ],
      changed: ["finance.json", "shared.json"].map((n) => `https://rules.example/${n}`),
      revision: { from: 14, to: 15, file: shared, alone: true },
      etags: new Map(Object.entries(etags)),
    }) as unknown as Preview;

  it("saves the budgets first, then the raised revision", async () => {
    const server = putServer({ "finance.json": "{}", "shared.json": "{ }" });
    const r = await putChangedFiles(
      preview({ [finance]: server.etag("finance.json"), [shared]: server.etag("shared.json") }),
      server.fetchImpl,
    );
    expect(r.ok).toBe(true);
    expect(server.puts).toEqual([
      { name: "finance.json", status: 200 },
      { name: "shared.json", status: 200 },
    ]);
    expect(server.files["shared.json"]).toBe('{"meta": {"revision": 15}}');
  });

  it("says plainly when the budgets were saved but the revision could not be raised", async () => {
    const server = putServer({ "finance.json": "{}", "shared.json": "{ }" });
    const r = await putChangedFiles(
      preview({ [finance]: server.etag("finance.json"), [shared]: '"someone else\'s"' }),
      server.fetchImpl,
    );
    expect(r).toMatchObject({ ok: false, conflict: true });
    expect(!r.ok && r.message).toMatch(
      /^The budgets were saved to https:\/\/rules\.example\/finance\.json, but the revision could not be raised in https:\/\/rules\.example\/shared\.json: .*changed by someone else.*revision was not raised.*publish again/s,
    );
    expect(server.files["finance.json"]).toBe('{"budgets": "new"}');
  });

  it("sends nothing when one of the files has no ETag to guard it", async () => {
    const server = putServer({ "finance.json": "{}", "shared.json": "{ }" });
    const r = await putChangedFiles(preview({ [finance]: server.etag("finance.json") }), server.fetchImpl);
    expect(r).toMatchObject({ ok: false, conflict: false });
    expect(server.puts).toEqual([]);
  });
});
