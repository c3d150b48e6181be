import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PermissionsView } from "../../../../extension/protocol/views";
import type { StatusView } from "../../../../extension/protocol/replies";
import {
  fakeBrowser,
  fakeServer,
  keptRuleBook,
  jsonResponse,
  ruleBookText,
  RULES_URL,
  send,
  senders,
  startTestBackground,
  stubMissingApis,
} from "./harness";

/**
 * The background against a rule book that names a public suffix (`github.io`) as a supplier's domain:
 * refused whole, so nothing is asked for or registered under it and the last good rule book stays.
 */
let apis: ReturnType<typeof stubMissingApis>;
let server: ReturnType<typeof fakeServer>;
const clock = { now: Date.UTC(2026, 10, 21, 9, 0) };

/** The example rule book with "github.io" added to Lenovo's domains, at `revision`. */
const withGithubIo = (revision: number) =>
  ruleBookText((b) => {
    (b["meta"] as { revision: number }).revision = revision;
    const suppliers = b["suppliers"] as { id: string; domains: string[] }[];
    suppliers.find((s) => s.id === "lenovo")!.domains.push("github.io");
  });

const status = async (bg: Parameters<typeof send>[0]) =>
  ((await send(bg, { kind: "ui/status" }, senders.popup)) as StatusView).ruleBook;
const permissions = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/permissions" }, senders.popup)) as PermissionsView;

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  apis = stubMissingApis();
  server = fakeServer();
});

describe("a supplier domain that is a public suffix", () => {
  it("is refused with its path and why; the last good rule book, its grants and its script stay", async () => {
    server.handler = () => jsonResponse(ruleBookText());
    const { bg } = startTestBackground(server, clock);
    await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
    const wanted = (await permissions(bg)).wanted;
    await apis.permissions.grant(wanted);
    const registered = apis.scripting.registered.get("headroom-supplier")!.matches;
    expect(registered).toContain("*://*.lenovo.com/*");

    server.handler = () => jsonResponse(withGithubIo(15), '"r15"');
    await send(bg, { kind: "ui/refresh" }, senders.popup);
    const view = await status(bg);
    expect(view.revision).toBe(14);
    expect(view.error?.details.join("\n")).toMatch(
      /suppliers\[\d+\]\.domains\[1\]: "github\.io" is a public suffix .*like acme\.github\.io/,
    );
    const after = await permissions(bg);
    expect(after.wanted).toEqual(wanted);
    expect(after.missing).toEqual([]);
    expect(apis.scripting.registered.get("headroom-supplier")!.matches).toEqual(registered);
  });

  it("in a rule book saved before the rule, is not used after the update: nothing asked for or registered", async () => {
    const dbName = "headroom-saved-github-io";
    await keptRuleBook(dbName, withGithubIo(14), '"r14"', clock.now);
    server.handler = () => new Response("down", { status: 503 });
    apis = stubMissingApis([
      "*://*.github.io/*",
      "*://github.io/*",
      "*://*.lenovo.com/*",
      "*://lenovo.com/*",
    ]);
    const { bg } = startTestBackground(server, clock, dbName);
    await bg.ready;

    const view = await status(bg);
    expect(view.revision).toBeNull();
    expect(view.error?.message).toMatch(/The saved rule book no longer validates/);
    expect(view.error?.details.join("\n")).toMatch(/"github\.io" is a public suffix/);
    expect((await permissions(bg)).wanted.filter((p) => p.includes("github.io"))).toEqual([]);
    // Even with github.io granted in the browser, the script is registered nowhere.
    expect(apis.scripting.registered.size).toBe(0);
  });
});
