import { browser } from "wxt/browser";
import type { UiMessage } from "../protocol/messages";
import type { UiReplies } from "../protocol/replies";

/** Asks the background; the reply's type follows the message's kind. */
export async function ask<M extends UiMessage>(message: M): Promise<UiReplies[M["kind"]]> {
  return (await browser.runtime.sendMessage(message)) as UiReplies[M["kind"]];
}

/** Calls `onChange` whenever the background says its state changed; returns the unsubscribe. */
export function onBackgroundChange(onChange: () => void): () => void {
  const listener = (message: unknown, sender: { id?: string }): undefined => {
    if (
      sender.id === browser.runtime.id &&
      (message as { kind?: unknown } | null)?.kind === "to-pages/changed"
    ) {
      onChange();
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
