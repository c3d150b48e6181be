/** Who sent a message, as far as the background trusts it. */
export type SenderKind = "ui" | "overlay" | "content";

/** The parts of `runtime.MessageSender` the checks read. */
export type Sender = { id?: string; url?: string; frameId?: number; tab?: { id?: number; url?: string } };

const EXTENSION_PROTOCOLS = new Set(["chrome-extension:", "moz-extension:", "safari-web-extension:"]);

// `URL.origin` is "null" for non-web schemes in some engines (Node, older browsers): compare the parts.
const sameOrigin = (a: URL, b: URL | null): boolean =>
  b !== null && a.protocol === b.protocol && a.host === b.host;

function parse(url: string | undefined): URL | null {
  if (url === undefined) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Classifies a message's sender, or null for anyone the background does not talk to.
 * - `ui`: the extension's own popup or options page, as a top-level page (the popup, or either page
 *   opened in a tab of its own); never framed inside another page.
 * - `overlay`: the extension's overlay page framed inside a tab (never the top frame).
 * - `content`: a content script in a web page's top frame.
 * `extensionId` is `runtime.id`; `pageUrl(path)` is `runtime.getURL(path)`.
 */
export function classifySender(
  sender: Sender,
  extensionId: string,
  pageUrl: (path: string) => string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const url = parse(sender.url);
  if (!url) return null;
  const fromExtension = EXTENSION_PROTOCOLS.has(url.protocol);
  const topFrame = sender.frameId === undefined || sender.frameId === 0;
  if (fromExtension) {
    const own = parse(pageUrl("/"));
    const samePage = (path: string) => sameOrigin(url, own) && url.pathname === path;
    if (samePage("/popup.html") || samePage("/options.html")) {
      if (!sender.tab) return "ui";
      // Opened in a tab of its own: its top frame only, and the tab must show the page itself.
      const tabUrl = parse(sender.tab.url);
      return topFrame && (tabUrl === null || sameOrigin(tabUrl, own)) ? "ui" : null;
    }
    // With use_dynamic_url, Chrome may serve the framed overlay from a per-session origin; the
    // sender id above already proves it is this extension's page.
    if (url.pathname === "/overlay.html" && sender.tab?.id !== undefined && !topFrame) return "overlay";
    return null;
  }
  if ((url.protocol === "https:" || url.protocol === "http:") && sender.tab?.id !== undefined && topFrame)
    return "content";
  return null;
}
