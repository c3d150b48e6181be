import { browser } from "wxt/browser";
import type { ContentMessage, ContentPageReply, DetectedPrice, ToContentMessage } from "../protocol/messages";
import { isToContentMessage, readContentPageReply } from "../protocol/content-guards";
import type { ContentScriptContext } from "wxt/utils/content-script-context";

/**
 * Tells the background what this page shows (`content/page`) and returns its reply, or null when the
 * background is unreachable (extension updated or reloaded) or answered something unexpected.
 */
export async function reportPage(url: string, price: DetectedPrice | null): Promise<ContentPageReply | null> {
  const message: ContentMessage = { kind: "content/page", url, price };
  try {
    const reply: unknown = await browser.runtime.sendMessage(message);
    return readContentPageReply(reply);
  } catch {
    return null;
  }
}

/** Listens for the background's `to-content/*` messages; anything else, or from anyone else, is ignored. */
export function onBackgroundMessage(
  ctx: ContentScriptContext,
  handle: (message: ToContentMessage) => void,
): void {
  const listener = (message: unknown, sender: { id?: string }): undefined => {
    if (sender.id !== browser.runtime.id || !isToContentMessage(message)) return undefined;
    handle(message);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
