import { describe, expect, it } from "vitest";
import { classifySender } from "../../../../extension/background/senders";

const ID = "abcdefghijklmnop";
const chromeUrl = (path: string) => `chrome-extension://${ID}${path}`;
const firefoxId = "headroom@northwind.example";
const firefoxUrl = (path: string) => `moz-extension://0f6c2b1e-1111-4c4c-9a9a-123456789abc${path}`;

describe("who sent a message", () => {
  it("knows the popup and options page, top-level or in a tab of their own", () => {
    expect(classifySender({ id: ID, url: chromeUrl("/popup.html") }, ID, chromeUrl)).toBe("ui");
    expect(classifySender({ id: ID, url: chromeUrl("/options.html#x") }, ID, chromeUrl)).toBe("ui");
    const inTab = {
      id: ID,
      url: chromeUrl("/options.html"),
      tab: { id: 4, url: chromeUrl("/options.html") },
      frameId: 0,
    };
    expect(classifySender(inTab, ID, chromeUrl)).toBe("ui");
    expect(
      classifySender({ id: firefoxId, url: firefoxUrl("/popup.html") }, firefoxId, (p) => firefoxUrl(p)),
    ).toBe("ui");
  });

  it("never takes a framed or foreign page for the popup or options page", () => {
    const framed = {
      id: ID,
      url: chromeUrl("/options.html"),
      tab: { id: 4, url: "https://shop.example/" },
      frameId: 0,
    };
    expect(classifySender(framed, ID, chromeUrl)).toBeNull();
    const sub = { id: ID, url: chromeUrl("/popup.html"), tab: { id: 4 }, frameId: 2 };
    expect(classifySender(sub, ID, chromeUrl)).toBeNull();
    expect(classifySender({ id: "other", url: chromeUrl("/options.html") }, ID, chromeUrl)).toBeNull();
    expect(
      classifySender({ id: ID, url: `chrome-extension://other/options.html` }, ID, chromeUrl),
    ).toBeNull();
    expect(classifySender({ id: ID, url: chromeUrl("/background.js") }, ID, chromeUrl)).toBeNull();
    expect(classifySender({ id: ID }, ID, chromeUrl)).toBeNull();
  });

  it("knows the overlay only as a frame inside a tab, also under Chrome's per-session URL", () => {
    const overlay = {
      id: ID,
      url: "chrome-extension://dynamic-session-id/overlay.html",
      tab: { id: 9 },
      frameId: 7,
    };
    expect(classifySender(overlay, ID, chromeUrl)).toBe("overlay");
    expect(classifySender({ ...overlay, frameId: 0 }, ID, chromeUrl)).toBeNull();
    expect(classifySender({ id: ID, url: chromeUrl("/overlay.html") }, ID, chromeUrl)).toBeNull();
  });

  it("knows a content script only in a web page's top frame", () => {
    const page = { id: ID, url: "https://www.dell.com/cart", tab: { id: 3 }, frameId: 0 };
    expect(classifySender(page, ID, chromeUrl)).toBe("content");
    expect(classifySender({ ...page, frameId: 5 }, ID, chromeUrl)).toBeNull();
    expect(classifySender({ ...page, tab: undefined }, ID, chromeUrl)).toBeNull();
    expect(classifySender({ ...page, url: "file:///tmp/cart.html" }, ID, chromeUrl)).toBeNull();
  });
});
