import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ContentPageReply } from "../../../../extension/protocol/messages";
import type { StatusView } from "../../../../extension/protocol/replies";
import type { SettingsView, SupplierVerdictView } from "../../../../extension/protocol/views";
import { route } from "../../../../extension/background/router";
import {
  EXTENSION_ID,
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
const DELL_CART = "https://www.dell.com/cart";
const cartPrice = { amount: "1299.00", currency: "USD", source: "hint", kind: "cart" } as const;

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  apis = stubMissingApis();
  server = fakeServer();
  server.handler = () => jsonResponse(ruleBookText());
  clock.now = Date.UTC(2026, 10, 21, 9, 0);
});

async function loaded() {
  const { bg, dbName } = startTestBackground(server, clock);
  await send(
    bg,
    { kind: "ui/set-settings", rulesUrl: RULES_URL, defaultCostCenter: "IT-HW" },
    senders.options,
  );
  return { bg, dbName };
}

// The browser passes sendResponse as a third argument; fakeBrowser's types know only two.
const trigger = (...args: unknown[]) =>
  (fakeBrowser.runtime.onMessage.trigger as unknown as (...a: unknown[]) => Promise<unknown[]>)(...args);
const contentPage = (url: string, price: unknown = null) => ({ kind: "content/page", url, price });
const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });

describe("sender checks", () => {
  it("refuses settings changes and rule imports from a content script, the overlay or another extension", async () => {
    const { bg } = await loaded();
    const change = { kind: "ui/set-settings", rulesUrl: "https://evil.example/rules.json" };
    const importing = { kind: "ui/import-rules", fileName: "x.json", text: ruleBookText() };
    const strangers = [
      senders.content(DELL_CART),
      senders.overlay(DELL_CART),
      { ...senders.options, id: "other-extension" },
      // The options page framed inside a web page's tab is not the options page in its own tab.
      { ...senders.options, tab: { id: 9, url: DELL_CART }, frameId: 3 },
      { id: EXTENSION_ID, url: "https://evil.example/options.html" },
    ];
    for (const sender of strangers) {
      expect(route(bg, change, sender).accepted).toBe(false);
      expect(route(bg, importing, sender).accepted).toBe(false);
    }
    const settings = (await send(bg, { kind: "ui/get-settings" }, senders.options)) as SettingsView;
    expect(settings.rulesUrl).toBe(RULES_URL);
  });

  it("accepts the popup and options pages, also when opened in a tab of their own", async () => {
    const { bg } = await loaded();
    const inTab = { ...senders.options, tab: { id: 3, url: senders.options.url }, frameId: 0 };
    for (const sender of [senders.options, senders.popup, inTab]) {
      expect(route(bg, { kind: "ui/status" }, sender).accepted).toBe(true);
    }
  });

  it("drops malformed messages and messages of another context's kind", async () => {
    const { bg } = await loaded();
    const dropped = [
      [{ kind: "ui/status", extra: true }, senders.options],
      [{ kind: "ui/set-settings", refreshMinutes: 1 }, senders.options],
      ["ui/status", senders.options],
      [null, senders.options],
      [{ kind: "content/page", url: DELL_CART, price: null }, senders.options],
      [{ kind: "overlay/view" }, senders.content(DELL_CART)],
      [
        contentPage(DELL_CART, { amount: "1,299", currency: "USD", source: "hint", kind: "cart" }),
        senders.content(DELL_CART),
      ],
      [{ kind: "ui/status" }, senders.content(DELL_CART)],
      // A content script in a subframe is not the page.
      [contentPage(DELL_CART), { ...senders.content(DELL_CART), frameId: 2 }],
    ] as const;
    for (const [message, sender] of dropped) expect(route(bg, message, sender).accepted).toBe(false);
  });

  it("answers through runtime.onMessage with sendResponse, and never answers a dropped message", async () => {
    const { bg } = await loaded();
    await bg.ready;
    const respond = vi.fn();
    const kept = await trigger({ kind: "ui/status" }, senders.popup, respond);
    expect(kept).toContain(true);
    await vi.waitFor(() => expect(respond).toHaveBeenCalledOnce());
    expect((respond.mock.calls[0]![0] as StatusView).ruleBook.revision).toBe(14);

    const ignored = vi.fn();
    const result = await trigger(
      { kind: "ui/set-settings", rulesUrl: "https://evil.example/" },
      senders.content(DELL_CART),
      ignored,
    );
    expect(result).toEqual([false]);
    expect(ignored).not.toHaveBeenCalled();
  });
});

describe("content script messages", () => {
  it("tells a supplier page to show the overlay, with page hints and never a figure", async () => {
    const { bg } = await loaded();
    const reply = (await send(
      bg,
      contentPage(DELL_CART, cartPrice),
      senders.content(DELL_CART),
    )) as ContentPageReply;
    expect(reply.show).toBe(true);
    expect(Object.keys(reply).every((k) => k === "show" || k === "hints")).toBe(true);
    expect(Object.keys(reply.hints ?? {}).every((k) => ["price", "cartTotal", "currency"].includes(k))).toBe(
      true,
    );
    // Nothing of the budget (439,350.00 left on IT-HW) or the supplier's status reaches the page.
    const text = JSON.stringify(reply);
    for (const secret of ["439", "1200000", "IT-HW", "preferred", "headroom"])
      expect(text).not.toContain(secret);
    expect(await badge(7)).toBe("OK");
  });

  it("keeps the new supplier when the tab's navigation event and the new page's report overlap", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART), senders.content(DELL_CART));
    const LENOVO = "https://www.lenovo.com/thinkpad";
    // A slow storage read: the navigation handler reads Dell's state, then the report lands.
    const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, "get").mockImplementation((async (keys: never) => {
      const value = await get(keys);
      await new Promise((r) => setTimeout(r, 20));
      return value;
    }) as never);
    await Promise.all([
      fakeBrowser.tabs.onUpdated.trigger(7, { status: "loading", url: LENOVO }, { url: LENOVO } as never),
      send(bg, contentPage(LENOVO), senders.content(LENOVO)),
    ]);
    const view = (await send(bg, { kind: "overlay/view" }, senders.overlay(LENOVO))) as SupplierVerdictView;
    expect(view?.supplier.id).toBe("lenovo");
  });

  it("refuses a report whose URL is on another host than the page that sent it", async () => {
    const { bg } = await loaded();
    // The same report from the page itself is accepted (see above); a mismatched one changes nothing.
    const reply = await send(
      bg,
      contentPage("https://www.dell.com.attacker.example/cart", cartPrice),
      senders.content(DELL_CART),
    );
    expect(reply).toEqual({ show: false });
    expect(await send(bg, { kind: "overlay/view" }, senders.overlay(DELL_CART))).toBeNull();
    expect(await badge(7)).toBe("");
  });

  it("shows nothing on a site that is not a supplier, and badges blocked and restricted suppliers", async () => {
    const { bg } = await loaded();
    expect(
      await send(
        bg,
        contentPage("https://news.example.org/"),
        senders.content("https://news.example.org/", 5),
      ),
    ).toEqual({
      show: false,
    });
    expect(await badge(5)).toBe("");
    const quickprint = "https://quickprint-supplies.example/shop";
    expect(await send(bg, contentPage(quickprint), senders.content(quickprint, 6))).toEqual({ show: true });
    expect(await badge(6)).toBe("NO");
    const pixelforge = "https://pixelforge.example/";
    await send(bg, contentPage(pixelforge), senders.content(pixelforge, 8));
    expect(await badge(8)).toBe("!");
  });
});

describe("overlay and popup", () => {
  it("gives the overlay its tab's verdict and remembers the cost center per supplier", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART, cartPrice), senders.content(DELL_CART));
    const view = (await send(
      bg,
      { kind: "overlay/view" },
      senders.overlay(DELL_CART),
    )) as SupplierVerdictView;
    expect(view.supplier.name).toBe("Dell Technologies Inc.");
    expect(view.headroom?.costCenter).toBe("IT-HW");
    expect(view.afterPurchase?.text).toBe("438,051.00 USD");
    expect(view.ruleBook.revision).toBe(14);

    const changed = (await send(
      bg,
      { kind: "overlay/set-cost-center", costCenter: "RND-LAB" },
      senders.overlay(DELL_CART),
    )) as SupplierVerdictView;
    expect(changed.headroom?.costCenter).toBe("RND-LAB");
    expect(apis.broadcasts).toContainEqual({ kind: "to-pages/changed" });
    // The popup sees the same choice for that tab; an unknown cost center is refused.
    const popupView = (await send(
      bg,
      { kind: "ui/tab-verdict", tabId: 7 },
      senders.popup,
    )) as SupplierVerdictView;
    expect(popupView.headroom?.costCenter).toBe("RND-LAB");
    expect(
      await send(bg, { kind: "overlay/set-cost-center", costCenter: "NOPE" }, senders.overlay(DELL_CART)),
    ).toBeNull();
    const refused = await send(
      bg,
      { kind: "ui/set-cost-center", supplierId: "dell", costCenter: "NOPE" },
      senders.popup,
    );
    expect(refused).toMatchObject({ ok: false });
  });

  it("answers nothing to an overlay in a tab that has moved to another site", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART), senders.content(DELL_CART));
    expect(await send(bg, { kind: "overlay/view" }, senders.overlay("https://hp.com/"))).toBeNull();
  });

  it("hides a dismissed supplier's overlay for 24 hours, in every tab of that supplier", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART), senders.content(DELL_CART, 7));
    await send(
      bg,
      contentPage("https://www.dell.com/laptops"),
      senders.content("https://www.dell.com/laptops", 11),
    );
    expect(await send(bg, { kind: "overlay/dismiss" }, senders.overlay(DELL_CART, 7))).toEqual({ ok: true });
    expect(apis.tabMessages).toEqual(
      expect.arrayContaining([
        { tabId: 7, message: { kind: "to-content/overlay", show: false } },
        { tabId: 11, message: { kind: "to-content/overlay", show: false } },
      ]),
    );
    expect(await send(bg, contentPage(DELL_CART), senders.content(DELL_CART, 7))).toMatchObject({
      show: false,
    });
    clock.now += 24 * 60 * 60 * 1000 + 1;
    expect(await send(bg, contentPage(DELL_CART), senders.content(DELL_CART, 7))).toMatchObject({
      show: true,
    });
  });

  it("searches suppliers for the popup", async () => {
    const { bg } = await loaded();
    const hits = (await send(bg, { kind: "ui/search-suppliers", query: "staples" }, senders.popup)) as {
      id: string;
    }[];
    expect(hits.map((h) => h.id)).toEqual(["staples"]);
  });

  it("keeps a tab's supplier across a service-worker restart", async () => {
    const { bg, dbName } = await loaded();
    await send(bg, contentPage(DELL_CART, cartPrice), senders.content(DELL_CART));
    const restarted = startTestBackground(server, clock, dbName).bg;
    const view = (await send(
      restarted,
      { kind: "overlay/view" },
      senders.overlay(DELL_CART),
    )) as SupplierVerdictView;
    expect(view.afterPurchase?.text).toBe("438,051.00 USD");
  });

  it("asks every supplier tab to detect again when the rule book changes", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART), senders.content(DELL_CART, 7));
    server.handler = () =>
      jsonResponse(
        ruleBookText((b) => {
          (b["meta"] as { revision: number }).revision = 15;
        }),
        '"r15"',
      );
    await send(bg, { kind: "ui/refresh" }, senders.popup);
    expect(apis.tabMessages).toContainEqual({ tabId: 7, message: { kind: "to-content/redetect" } });
  });
});

describe("tab navigation", () => {
  it("keeps a tab's supplier while it moves within the supplier's site, and forgets it when it leaves", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART, cartPrice), senders.content(DELL_CART));
    const sameSite = "https://www.dell.com/checkout";
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: "loading", url: sameSite }, {
      url: sameSite,
    } as never);
    expect(await send(bg, { kind: "overlay/view" }, senders.overlay(sameSite))).not.toBeNull();
    expect(await badge(7)).toBe("OK");

    const elsewhere = "https://news.example.org/";
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: "loading", url: elsewhere }, {
      url: elsewhere,
    } as never);
    await vi.waitFor(async () => expect(await badge(7)).toBe(""));
    // Back on the supplier, the overlay has nothing until the new page reports itself.
    expect(await send(bg, { kind: "overlay/view" }, senders.overlay(DELL_CART))).toBeNull();
  });

  it("forgets a closed tab", async () => {
    const { bg } = await loaded();
    await send(bg, contentPage(DELL_CART), senders.content(DELL_CART));
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () =>
      expect(await send(bg, { kind: "ui/tab-verdict", tabId: 7 }, senders.popup)).toBeNull(),
    );
  });
});
