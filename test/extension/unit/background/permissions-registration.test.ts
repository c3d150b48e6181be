import { beforeEach, describe, expect, it, vi } from "vitest";
import { MatchPattern } from "wxt/utils/match-patterns";
import type { PermissionsView } from "../../../../extension/protocol/views";
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

let apis: ReturnType<typeof stubMissingApis>;
let server: ReturnType<typeof fakeServer>;
const clock = { now: Date.UTC(2026, 10, 21, 9, 0) };

const DELL = ["*://*.dell.com/*", "*://dell.com/*"];

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  apis = stubMissingApis();
  server = fakeServer();
  server.handler = () => jsonResponse(ruleBookText());
});

async function loaded() {
  const { bg } = startTestBackground(server, clock);
  await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
  return bg;
}

const permissions = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/permissions" }, senders.popup)) as PermissionsView;

describe("site permissions", () => {
  it("wants exactly the rule book's supplier sites and the rules server, and lists what is missing", async () => {
    const bg = await loaded();
    const view = await permissions(bg);
    expect(view.wanted[0]).toBe("https://rules.example.com/*");
    expect(view.wanted).toEqual(expect.arrayContaining([...DELL, "*://quickprint-supplies.example/*"]));
    expect(view.wanted).not.toContain("<all_urls>");
    expect(view.missing).toEqual(view.wanted);

    await apis.permissions.grant(["https://rules.example.com/*", ...DELL]);
    const after = await permissions(bg);
    expect(after.missing).not.toEqual(expect.arrayContaining(DELL));
    expect(after.missing.length).toBe(view.wanted.length - 3);
  });

  it("asks again when a new rule book adds a supplier domain", async () => {
    const bg = await loaded();
    await apis.permissions.grant((await permissions(bg)).wanted);
    expect((await permissions(bg)).missing).toEqual([]);

    server.handler = () =>
      jsonResponse(
        ruleBookText((b) => {
          (b["meta"] as { revision: number }).revision = 15;
          (b["suppliers"] as { domains: string[] }[])[0]!.domains.push("dell.example.de");
        }),
        '"r15"',
      );
    await send(bg, { kind: "ui/refresh" }, senders.popup);
    expect((await permissions(bg)).missing).toEqual(["*://*.dell.example.de/*", "*://dell.example.de/*"]);
  });
});

describe("content-script registration", () => {
  it("registers nothing before any site is granted, then exactly the granted supplier sites", async () => {
    const bg = await loaded();
    expect(apis.scripting.registered.size).toBe(0);

    await apis.permissions.grant(DELL);
    await bg.ready;
    const script = apis.scripting.registered.get("headroom-supplier");
    expect(script).toEqual({
      id: "headroom-supplier",
      js: ["content-scripts/supplier.js"],
      matches: DELL,
      runAt: "document_idle",
      allFrames: false,
    });

    await apis.permissions.grant([
      "*://quickprint-supplies.example/*",
      "*://*.quickprint-supplies.example/*",
    ]);
    expect(apis.scripting.registered.get("headroom-supplier")!.matches).toEqual([
      "*://*.dell.com/*",
      "*://*.quickprint-supplies.example/*",
      "*://dell.com/*",
      "*://quickprint-supplies.example/*",
    ]);
    expect(apis.scripting.calls.map((c) => c.op)).toEqual(["register", "update"]);

    await apis.permissions.revoke([
      ...DELL,
      "*://quickprint-supplies.example/*",
      "*://*.quickprint-supplies.example/*",
    ]);
    expect(apis.scripting.registered.size).toBe(0);
    expect(apis.scripting.calls.at(-1)!.op).toBe("unregister");
  });

  it("starts the script at once in tabs already open on a site just granted, and only there", async () => {
    const bg = await loaded();
    const open = [
      { id: 5, url: "https://www.dell.com/cart" },
      { id: 6, url: "https://www.lenovo.com/thinkpad" },
      { id: 7, url: "https://news.example.org/" },
    ];
    // The browser's own filtering by match pattern.
    vi.spyOn(fakeBrowser.tabs, "query").mockImplementation((async (q: { url?: string[] }) =>
      open.filter((t) => (q.url ?? []).some((p) => new MatchPattern(p).includes(t.url)))) as never);
    await apis.permissions.grant(DELL);
    expect(apis.scripting.executed).toEqual([{ tabId: 5, files: ["content-scripts/supplier.js"] }]);
    // Lenovo granted later: Dell's tab already runs the script and is left alone.
    await apis.permissions.grant(["*://*.lenovo.com/*", "*://lenovo.com/*"]);
    expect(apis.scripting.executed.map((e) => e.tabId)).toEqual([5, 6]);
    // Nothing new to cover (a refresh, a grant of the rules server): nothing started.
    await apis.permissions.grant(["https://rules.example.com/*"]);
    await bg.refresh();
    expect(apis.scripting.executed.map((e) => e.tabId)).toEqual([5, 6]);
  });

  it("follows the rule book: a supplier removed from it loses the script even if the site stays granted", async () => {
    const bg = await loaded();
    await apis.permissions.grant([...DELL, "*://hp.com/*", "*://*.hp.com/*"]);
    expect(apis.scripting.registered.get("headroom-supplier")!.matches).toHaveLength(4);

    server.handler = () =>
      jsonResponse(
        ruleBookText((b) => {
          (b["meta"] as { revision: number }).revision = 15;
          b["suppliers"] = (b["suppliers"] as { id: string }[]).filter((s) => s.id !== "hp");
        }),
        '"r15"',
      );
    await send(bg, { kind: "ui/refresh" }, senders.popup);
    expect(apis.scripting.registered.get("headroom-supplier")!.matches).toEqual(DELL);
  });

  it("registers granted sites under a domain's path prefix only", async () => {
    const bg = await loaded();
    await apis.permissions.grant(["*://amazon.com/*", "*://*.amazon.com/*"]);
    await bg.ready;
    const matches = apis.scripting.registered.get("headroom-supplier")!.matches!;
    expect(matches).toEqual(
      expect.arrayContaining(["*://*.amazon.com/business*", "*://amazon.com/business*"]),
    );
    expect(matches).not.toContain("*://amazon.com/*");
    // *.amazon.com also covers the AWS and Amazon Business suppliers' own hosts.
    expect(matches).toContain("*://aws.amazon.com/*");
  });
});
