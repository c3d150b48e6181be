import { beforeEach, describe, expect, it, vi } from "vitest";
import { HeadroomBackground } from "../../../../extension/background/headroom-background";
import { writePref } from "../../../../extension/storage/prefs";
import type { StatusView } from "../../../../extension/protocol/replies";
import {
  fakeBrowser,
  fakeServer,
  jsonResponse,
  ruleBookText,
  RULES_URL,
  send,
  senders,
  startTestBackground,
  stubMissingApis,
} from "./harness";
import { exampleFiles } from "../../../helpers/rule-files";

let server: ReturnType<typeof fakeServer>;
const clock = { now: Date.UTC(2026, 10, 21, 9, 0) };

async function setUrl(bg: Parameters<typeof send>[0]) {
  return (await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options)) as {
    ok: true;
    status: StatusView;
  };
}
const refresh = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/refresh" }, senders.options)) as StatusView;

beforeEach(() => {
  fakeBrowser.reset();
  stubMissingApis();
  server = fakeServer();
  clock.now = Date.UTC(2026, 10, 21, 9, 0);
});

describe("rule-book sync", () => {
  it("takes a new rule book from the server into use and remembers its ETag", async () => {
    server.handler = () => jsonResponse(ruleBookText());
    const { bg } = startTestBackground(server, clock);
    const saved = await setUrl(bg);
    expect(saved.ok).toBe(true);
    expect(saved.status.ruleBook).toMatchObject({
      source: RULES_URL,
      organisation: "Northwind Analytics Inc.",
      revision: 14,
      loadedAt: clock.now,
      checkedAt: clock.now,
      stale: false,
      error: null,
    });
    expect(server.requests[0]!.headers["if-none-match"]).toBeUndefined();
  });

  it("sends If-None-Match and, on 304, keeps the rule book and moves only the check time", async () => {
    server.handler = () => jsonResponse(ruleBookText(), '"v1"');
    const { bg } = startTestBackground(server, clock);
    await setUrl(bg);
    const loadedAt = clock.now;
    clock.now += 45 * 60_000;
    server.handler = () => new Response(null, { status: 304 });
    const status = await refresh(bg);
    expect(server.requests[1]!.headers["if-none-match"]).toBe('"v1"');
    expect(status.ruleBook).toMatchObject({ revision: 14, loadedAt, checkedAt: clock.now, error: null });
  });

  const failures: [string, () => Response | Promise<Response>, RegExp][] = [
    [
      "a 404",
      () => new Response("Not found", { status: 404, statusText: "Not Found" }),
      /answered 404 Not Found/,
    ],
    [
      "a 500",
      () => new Response("boom", { status: 500, statusText: "Internal Server Error" }),
      /answered 500/,
    ],
    ["a timeout", () => new Promise<Response>(() => undefined), /did not answer within/],
    [
      "a truncated JSON body",
      () => jsonResponse(ruleBookText().slice(0, 900)),
      /ends before the JSON is complete: the download may have been cut short/,
    ],
    [
      "a download that breaks off",
      () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(ruleBookText().slice(0, 500)));
            controller.error(new TypeError("network error"));
          },
        });
        return new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
      },
      /broke off before the end/,
    ],
    [
      "an HTML sign-in page",
      () =>
        new Response("<!doctype html><title>Sign in</title><form>…</form>", {
          status: 200,
          headers: { "Content-Type": "text/html; charset=utf-8" },
        }),
      /returned a web page, not a JSON rule book/,
    ],
    [
      "an invalid rule book",
      () =>
        jsonResponse(
          ruleBookText((b) => {
            (b["suppliers"] as { status: string }[])[0]!.status = "favourite";
          }),
          '"bad"',
        ),
      /is not a valid rule book \(1 problem\)/,
    ],
    ["a network failure", () => Promise.reject(new TypeError("Failed to fetch")), /could not be reached/],
  ];

  it.each(failures)(
    "keeps the last good rule book after %s and says why",
    async (_name, handler, message) => {
      server.handler = () => jsonResponse(ruleBookText());
      const { bg } = startTestBackground(server, clock);
      await setUrl(bg);
      const good = clock.now;
      clock.now += 60_000;
      server.handler = handler;
      const status = await refresh(bg);
      expect(status.ruleBook).toMatchObject({ revision: 14, loadedAt: good, checkedAt: good });
      expect(status.ruleBook.error?.message).toMatch(message);
      expect(status.ruleBook.error?.at).toBe(clock.now);
      expect(status.ruleBook.error?.details.length).toBeGreaterThan(0);
      // The next good answer clears the error.
      server.handler = () => jsonResponse(ruleBookText(), '"r14b"');
      expect((await refresh(bg)).ruleBook.error).toBeNull();
    },
  );

  it("lists the invalid rule book's problems with their JSON paths", async () => {
    server.handler = () =>
      jsonResponse(
        ruleBookText((b) => {
          (b["suppliers"] as { status: string }[])[0]!.status = "favourite";
        }),
      );
    const { bg } = startTestBackground(server, clock);
    const saved = await setUrl(bg);
    expect(saved.status.ruleBook.revision).toBeNull();
    expect(saved.status.ruleBook.error?.details[0]).toMatch(/^rules\.json: suppliers\[0\]\.status: /);
  });

  it("restores the last good rule book, its ETag and the last error after a restart", async () => {
    server.handler = () => jsonResponse(ruleBookText(), '"v7"');
    const first = startTestBackground(server, clock);
    await setUrl(first.bg);
    server.handler = () => new Response("down", { status: 503 });
    await refresh(first.bg);

    const again = startTestBackground(server, clock, first.dbName);
    const status = (await send(again.bg, { kind: "ui/status" }, senders.popup)) as StatusView;
    expect(status.ruleBook).toMatchObject({ revision: 14, source: RULES_URL });
    expect(status.ruleBook.error?.message).toMatch(/answered 503/);
    server.handler = () => new Response(null, { status: 304 });
    const after = await refresh(again.bg);
    expect(server.requests.at(-1)!.headers["if-none-match"]).toBe('"v7"');
    expect(after.ruleBook.error).toBeNull();
  });

  it("counts the rule book as stale after twice the refresh interval without a successful check", async () => {
    server.handler = () => jsonResponse(ruleBookText());
    const { bg } = startTestBackground(server, clock);
    await setUrl(bg);
    server.handler = () => new Response("down", { status: 503 });
    clock.now += 61 * 60_000;
    const status = await refresh(bg);
    expect(status.ruleBook.stale).toBe(true);
  });

  it("imports a rule-book file, and refuses a bad one while keeping the current", async () => {
    const { bg } = startTestBackground(server, clock);
    const ok = (await send(
      bg,
      { kind: "ui/import-rules", fileName: "northwind.json", text: ruleBookText() },
      senders.options,
    )) as { ok: true; status: StatusView };
    expect(ok.status.ruleBook).toMatchObject({
      source: "northwind.json (imported)",
      revision: 14,
      stale: false,
    });
    const bad = (await send(
      bg,
      { kind: "ui/import-rules", fileName: "broken.json", text: "{ not json" },
      senders.options,
    )) as { ok: false; error: { message: string; details: string[] } };
    expect(bad.ok).toBe(false);
    expect(bad.error.details[0]).toMatch(/^broken\.json: \(file\): is not valid JSON at line 1/);
    const status = (await send(bg, { kind: "ui/status" }, senders.options)) as StatusView;
    expect(status.ruleBook.source).toBe("northwind.json (imported)");
    expect(status.ruleBook.error?.message).toMatch(/broken\.json/);
  });

  it("refreshes on the alarm, every 30 minutes by default", async () => {
    server.handler = () => jsonResponse(ruleBookText());
    const { bg } = startTestBackground(server, clock);
    await setUrl(bg);
    const alarm = await fakeBrowser.alarms.get("headroom-refresh");
    expect(alarm?.periodInMinutes).toBe(30);
    const before = server.requests.length;
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await bg.refresh();
    expect(server.requests.length).toBeGreaterThan(before);
  });
});

describe("a rules URL changed during a download", () => {
  it("fetches the new URL and drops the old URL's late answer", async () => {
    const NEW_URL = "https://rules2.example.com/headroom/rules.json";
    const revision = (n: number) => (b: Record<string, unknown>) => {
      (b["meta"] as { revision: number }).revision = n;
    };
    server.handler = async (req) => {
      if (req.url !== RULES_URL) return jsonResponse(ruleBookText(revision(21)));
      await new Promise((r) => setTimeout(r, 30));
      return jsonResponse(ruleBookText(revision(20)));
    };
    const { bg } = startTestBackground(server, clock);
    await bg.ready;
    await writePref("settings", { rulesUrl: RULES_URL });
    const slow = bg.refresh();
    await new Promise((r) => setTimeout(r, 5));
    await send(bg, { kind: "ui/set-settings", rulesUrl: NEW_URL }, senders.options);
    expect(await slow).toBe("superseded");
    const status = (await send(bg, { kind: "ui/status" }, senders.popup)) as StatusView;
    expect(status.ruleBook).toMatchObject({ source: NEW_URL, revision: 21, error: null });
  });
});

describe("a rule book kept in team files", () => {
  const ROOT = "https://rules.example.com/headroom/rules.json";
  const files = () => {
    const out: Record<string, string> = {
      "rules.json": JSON.stringify({
        schemaVersion: 1,
        include: ["finance.json", "procurement.json", "shared.json"],
      }),
    };
    for (const [name, obj] of Object.entries(exampleFiles())) out[name] = JSON.stringify(obj, null, 2);
    return out;
  };
  let served: Record<string, string>;
  let status: Record<string, number>;

  beforeEach(() => {
    served = files();
    status = {};
    server.handler = (req) => {
      const name = new URL(req.url).pathname.split("/").pop()!;
      if (status[name]) return new Response("nope", { status: status[name] });
      const text = served[name];
      if (text === undefined) return new Response("missing", { status: 404 });
      const etag = `"${name}-${text.length}"`;
      if (req.headers.get("If-None-Match") === etag) return new Response(null, { status: 304 });
      return new Response(text, { status: 200, headers: { "Content-Type": "application/json", ETag: etag } });
    };
  });

  const setRoot = async (bg: Parameters<typeof send>[0]) =>
    (await send(bg, { kind: "ui/set-settings", rulesUrl: ROOT }, senders.options)) as { status: StatusView };

  it("fetches the included files, then checks each with its own ETag", async () => {
    const { bg } = startTestBackground(server, clock);
    expect((await setRoot(bg)).status.ruleBook).toMatchObject({ revision: 14, error: null });
    expect(server.requests.map((r) => r.url.split("/").pop())).toEqual([
      "rules.json",
      "finance.json",
      "procurement.json",
      "shared.json",
    ]);
    const loadedAt = clock.now;
    clock.now += 60_000;
    const unchanged = await refresh(bg);
    expect(unchanged.ruleBook).toMatchObject({ loadedAt, checkedAt: clock.now });
    expect(server.requests.slice(4).every((r) => r.headers["if-none-match"] !== undefined)).toBe(true);

    // Finance edits its file only: the root answers 304, finance.json 200, and the change is taken.
    const finance = JSON.parse(served["finance.json"]!) as { budgets: { amount: string }[] };
    finance.budgets[0]!.amount = "1300000.00";
    served["finance.json"] = JSON.stringify(finance);
    clock.now += 60_000;
    expect((await refresh(bg)).ruleBook.loadedAt).toBe(clock.now);
    expect(bg.book?.budgets[0]?.amount).toBe(130_000_000);
  });

  it("keeps the last good rule book when one included file fails, naming that file", async () => {
    const { bg, dbName } = startTestBackground(server, clock);
    await setRoot(bg);
    status["procurement.json"] = 404;
    const failed = await refresh(bg);
    expect(failed.ruleBook.revision).toBe(14);
    expect(failed.ruleBook.error?.details).toContain(
      "URL: https://rules.example.com/headroom/procurement.json",
    );

    delete status["procurement.json"];
    served["procurement.json"] = served["procurement.json"]!.slice(0, 300);
    const cut = await refresh(bg);
    expect(cut.ruleBook.error?.message).toBe(
      "procurement.json ends before the JSON is complete: the download may have been cut short.",
    );

    // After a restart the multi-file rule book is restored from IndexedDB as a whole.
    const again = startTestBackground(server, clock, dbName).bg;
    const restored = (await send(again, { kind: "ui/status" }, senders.popup)) as StatusView;
    expect(restored.ruleBook).toMatchObject({ revision: 14, source: ROOT });
    expect(again.book?.suppliers.length).toBeGreaterThan(30);
  });

  it("does not follow an include to another server", async () => {
    served["rules.json"] = JSON.stringify({ schemaVersion: 1, include: ["https://evil.example/rules.json"] });
    const { bg } = startTestBackground(server, clock);
    const saved = await setRoot(bg);
    expect(saved.status.ruleBook.error?.message).toMatch(/includes a file on another server/);
    expect(server.requests.map((r) => r.url)).not.toContain("https://evil.example/rules.json");
  });
});

describe("without a working IndexedDB", () => {
  it("still uses a good rule book from memory and says nothing is lost", async () => {
    const broken = {
      readRuleBook: () => Promise.reject(new Error("QuotaExceededError")),
      writeRuleBook: () => Promise.reject(new Error("QuotaExceededError")),
      readSync: () => Promise.reject(new Error("QuotaExceededError")),
      writeSync: () => Promise.reject(new Error("QuotaExceededError")),
      readPref: () => Promise.reject(new Error("QuotaExceededError")),
      writePref: () => Promise.reject(new Error("QuotaExceededError")),
      readRevisionMark: () => Promise.reject(new Error("QuotaExceededError")),
      writeRevisionMark: () => Promise.reject(new Error("QuotaExceededError")),
      close: () => Promise.resolve(),
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    server.handler = () => jsonResponse(ruleBookText());
    const bg = new HeadroomBackground({
      fetch: server.fetch,
      now: () => clock.now,
      timeoutMs: 50,
      db: broken,
    });
    const saved = (await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options)) as {
      status: StatusView;
    };
    expect(saved.status.ruleBook).toMatchObject({ revision: 14, error: null });
    expect(errors).toHaveBeenCalledWith("Headroom: could not save the rule book", expect.any(Error));
    // The settings could not be saved either; the URL holds for this session and the pages show it.
    expect(saved.status.settings.rulesUrl).toBe(RULES_URL);
    expect(errors).toHaveBeenCalledWith(
      'Headroom: could not save "settings"; it holds until the browser restarts',
      expect.any(Error),
    );
    errors.mockRestore();
  });
});
