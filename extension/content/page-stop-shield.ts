import { browser } from "wxt/browser";
import { ContentScriptContext } from "wxt/utils/content-script-context";

/**
 * WXT stops an older copy of a content script when a newer one announces itself with a DOM event on
 * `document`. The event's name is the extension id plus the script's name, and the id is visible to
 * the page (the overlay frame's address), so a supplier's page could send that event and switch the
 * script, and with it the panel, off. This listener sees the event first (capture on window) and stops
 * it, unless this copy really is the old one: then the extension was reloaded, `runtime.id` is gone,
 * and the copy ends itself.
 */
export function shieldFromPageStops(ctx: ContentScriptContext): void {
  const name =
    (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: string })
      .SCRIPT_STARTED_MESSAGE_TYPE ?? `${browser.runtime.id}:supplier:wxt:content-script-started`;
  ctx.addEventListener(
    window,
    name,
    (event: Event) => {
      if (browser.runtime?.id === undefined) {
        ctx.notifyInvalidated();
        return;
      }
      event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
