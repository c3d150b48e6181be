import { readPref } from "../../../../extension/storage/prefs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StatusView } from "../../../../extension/protocol/replies";
import type { SettingsView, SupplierVerdictView } from "../../../../extension/protocol/views";
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

let server: ReturnType<typeof fakeServer>;
const clock = { now: Date.UTC(2026, 10, 21, 9, 0) };
const ADMIN_URL = "https://intranet.example.com/procurement/rules.json";

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  stubMissingApis();
  server = fakeServer();
  server.handler = () => jsonResponse(ruleBookText());
});

const settingsOf = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/get-settings" }, senders.options)) as SettingsView;

describe("settings", () => {
  it("uses the defaults, then what the user saves", async () => {
    const { bg } = startTestBackground(server, clock);
    expect(await settingsOf(bg)).toEqual({
      rulesUrl: null,
      refreshMinutes: 30,
      defaultCostCenter: null,
      managed: { rulesUrl: false, refreshMinutes: false, defaultCostCenter: false },
    });
    const saved = (await send(
      bg,
      { kind: "ui/set-settings", rulesUrl: RULES_URL, refreshMinutes: 120, defaultCostCenter: "FAC" },
      senders.options,
    )) as { ok: true; status: StatusView };
    expect(saved.status.settings).toMatchObject({
      rulesUrl: RULES_URL,
      refreshMinutes: 120,
      defaultCostCenter: "FAC",
    });
    expect((await fakeBrowser.alarms.get("headroom-refresh"))?.periodInMinutes).toBe(120);
    expect(saved.status.ruleBook.revision).toBe(14);
  });

  it("refuses a rules URL that is not https (http only for localhost)", async () => {
    const { bg } = startTestBackground(server, clock);
    const reply = await send(
      bg,
      { kind: "ui/set-settings", rulesUrl: "http://rules.example.com/r.json" },
      senders.options,
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        message: "The rules URL must use https:// (plain http is allowed only for localhost).",
        details: [],
      },
    });
    expect(server.requests).toHaveLength(0);
    const local = await send(
      bg,
      { kind: "ui/set-settings", rulesUrl: "http://127.0.0.1:8123/rules.json" },
      senders.options,
    );
    expect(local).toMatchObject({ ok: true });
  });

  it("keeps the user's settings where a content script cannot write them", async () => {
    const first = startTestBackground(server, clock);
    await send(first.bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
    await send(
      first.bg,
      { kind: "ui/set-cost-center", supplierId: "dell", costCenter: "IT-HW" },
      senders.popup,
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A supplier page that took over its renderer writes storage.local, which content scripts share.
    await fakeBrowser.storage.local.set({
      settings: { rulesUrl: "https://attacker.example/rules.json" },
      costCenterBySupplier: { dell: "MKT" },
    });
    const restarted = startTestBackground(server, clock, first.dbName);
    expect((await settingsOf(restarted.bg)).rulesUrl).toBe(RULES_URL);
  });

  it("moves what an earlier version kept in storage.local, once", async () => {
    await fakeBrowser.storage.local.set({
      settings: { rulesUrl: RULES_URL, refreshMinutes: 60 },
      costCenterBySupplier: { dell: "IT-HW" },
      overlayPosition: { right: 10, bottom: 20 },
    });
    const first = startTestBackground(server, clock);
    expect(await settingsOf(first.bg)).toMatchObject({ rulesUrl: RULES_URL, refreshMinutes: 60 });
    // Moved, not copied: only what content scripts may keep (the panel's position) stays behind.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ overlayPosition: { right: 10, bottom: 20 } });
    await fakeBrowser.storage.local.set({ settings: { rulesUrl: "https://attacker.example/rules.json" } });
    const restarted = startTestBackground(server, clock, first.dbName);
    expect((await settingsOf(restarted.bg)).rulesUrl).toBe(RULES_URL);
  });

  it("lets the administrator's managed settings override the user's, read-only", async () => {
    await fakeBrowser.storage.local.set({
      settings: { rulesUrl: RULES_URL, refreshMinutes: 15, defaultCostCenter: "FAC" },
    });
    await fakeBrowser.storage.managed.set({
      rulesUrl: ADMIN_URL,
      refreshMinutes: 240,
      defaultCostCenter: "IT-HW",
    });
    const { bg } = startTestBackground(server, clock);
    await bg.ready;
    expect(await settingsOf(bg)).toEqual({
      rulesUrl: ADMIN_URL,
      refreshMinutes: 240,
      defaultCostCenter: "IT-HW",
      managed: { rulesUrl: true, refreshMinutes: true, defaultCostCenter: true },
    });
    expect((await fakeBrowser.alarms.get("headroom-refresh"))?.periodInMinutes).toBe(240);

    const change = await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
    expect(change).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/administrator set the rules URL/) },
    });
    const sameValues = await send(
      bg,
      { kind: "ui/set-settings", rulesUrl: ADMIN_URL, refreshMinutes: 240, defaultCostCenter: "IT-HW" },
      senders.options,
    );
    expect(sameValues).toMatchObject({ ok: true });
    const importing = await send(
      bg,
      { kind: "ui/import-rules", fileName: "mine.json", text: ruleBookText() },
      senders.options,
    );
    expect(importing).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/administrator/) },
    });

    await send(bg, { kind: "ui/refresh" }, senders.popup);
    expect(server.requests.at(-1)!.url).toBe(ADMIN_URL);
    // The managed default cost center is what a supplier tab shows until the buyer picks another.
    await send(
      bg,
      { kind: "content/page", url: "https://www.dell.com/", price: null },
      senders.content("https://www.dell.com/"),
    );
    const view = (await send(
      bg,
      { kind: "overlay/view" },
      senders.overlay("https://www.dell.com/"),
    )) as SupplierVerdictView;
    expect(view.headroom?.costCenter).toBe("IT-HW");
  });

  it("ignores a managed value that fails its check and keeps the user's", async () => {
    await fakeBrowser.storage.local.set({ settings: { rulesUrl: RULES_URL } });
    await fakeBrowser.storage.managed.set({
      rulesUrl: "ftp://files.example.com/rules.json",
      refreshMinutes: 1,
    });
    const { bg } = startTestBackground(server, clock);
    expect(await settingsOf(bg)).toMatchObject({
      rulesUrl: RULES_URL,
      refreshMinutes: 30,
      managed: { rulesUrl: false, refreshMinutes: false, defaultCostCenter: false },
    });
  });

  it("answers at once from the policy last seen while the browser's policy store is slow, then follows it", async () => {
    // Chromium's first storage.managed read after a browser start can take seconds.
    await fakeBrowser.storage.local.set({ lastManagedPolicy: { rulesUrl: ADMIN_URL } });
    let answer!: (policy: Record<string, unknown>) => void;
    const slow = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
    vi.spyOn(fakeBrowser.storage.managed, "get").mockReturnValue(slow as never);
    const { bg } = startTestBackground(server, clock);
    expect(await settingsOf(bg)).toMatchObject({ rulesUrl: ADMIN_URL, managed: { rulesUrl: true } });
    // The browser's answer: the administrator has since removed the rules URL.
    answer({});
    await vi.waitFor(async () => expect((await settingsOf(bg)).managed.rulesUrl).toBe(false));
    expect(await readPref("lastManagedPolicy")).toEqual({});
  });

  it("waits for the policy on the very first start, when none was seen before", async () => {
    let answer!: (policy: Record<string, unknown>) => void;
    const slow = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
    vi.spyOn(fakeBrowser.storage.managed, "get").mockReturnValue(slow as never);
    const { bg } = startTestBackground(server, clock);
    let settled = false;
    const pending = settingsOf(bg).then((s) => ((settled = true), s));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    answer({ rulesUrl: ADMIN_URL });
    expect(await pending).toMatchObject({ rulesUrl: ADMIN_URL, managed: { rulesUrl: true } });
  });

  it("follows a policy change while the browser runs", async () => {
    const { bg } = startTestBackground(server, clock);
    await bg.ready;
    await fakeBrowser.storage.managed.set({ rulesUrl: ADMIN_URL });
    await bg.refresh();
    expect(server.requests.map((r) => r.url)).toContain(ADMIN_URL);
    const status = (await send(bg, { kind: "ui/status" }, senders.popup)) as StatusView;
    expect(status.ruleBook.source).toBe(ADMIN_URL);
  });
});
