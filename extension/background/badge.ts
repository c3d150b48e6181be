import { browser } from "wxt/browser";

/** Badge per verdict level: a word short enough for the toolbar, and a colour that is readable. */
const BADGES = {
  ok: { text: "OK", color: "#1a7f37" },
  warn: { text: "!", color: "#9a6700" },
  block: { text: "NO", color: "#cf222e" },
} as const;

/** Shows a tab's verdict on the toolbar button; null clears it (not a supplier's site). */
export async function setTabBadge(tabId: number, level: keyof typeof BADGES | null): Promise<void> {
  try {
    if (level === null) {
      await browser.action.setBadgeText({ tabId, text: "" });
      return;
    }
    const badge = BADGES[level];
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setTitle?.({ tabId, title: `Headroom: ${titles[level]}` });
  } catch {
    // The tab may have closed in the meantime; nothing to show then.
  }
}

const titles = {
  ok: "preferred supplier, nothing to check",
  warn: "check before buying",
  block: "do not buy here",
};
