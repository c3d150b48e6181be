import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import type { ContentPageHints, DetectedPrice } from "../protocol/messages";
import { onBackgroundMessage, reportPage } from "../content/background-link";
import { detectPrice, hintSelectors, readStructuredPrices } from "../content/detect-price";
import { createOverlayHost } from "../content/overlay-host";
import { shieldFromPageStops } from "../content/page-stop-shield";
import { watchPage } from "../content/watch-page";

/**
 * The content script on supplier pages. The background registers it at run time, only for the hosts
 * of the rule book's suppliers the buyer granted, so no manifest match exists. It detects the page's
 * price, reports it with the address, and shows or hides the overlay frame as the background says; it
 * never sees a budget figure.
 */
export default defineContentScript({
  registration: "runtime",
  // Runtime registration: WXT turns these into host permissions, so there are none.
  matches: [],
  allFrames: false,
  runAt: "document_idle",
  noScriptStartedPostMessage: true,
  main(ctx) {
    startSupplierPage(ctx);
  },
});

/**
 * The overlay page's address. WXT types `getURL` against its generated path list, which this
 * project's tsconfig does not include; the path is the overlay entrypoint's output.
 */
function overlayPageUrl(): string {
  const runtime = browser.runtime as unknown as { getURL(path: string): string };
  return runtime.getURL("/overlay.html");
}

function samePrice(a: DetectedPrice | null, b: DetectedPrice | null): boolean {
  if (a === null || b === null) return a === b;
  return a.amount === b.amount && a.currency === b.currency && a.kind === b.kind && a.source === b.source;
}

function sameHints(a: ContentPageHints | null, b: ContentPageHints | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The copy of this script already running in the page, if any. The content script's world is the
 * extension's own (the page cannot see this global). The background starts the script in tabs that
 * were open before access was granted; a copy left running from an earlier grant is asked to look
 * again instead, so a tab never gets two panels.
 */
type RunningCopy = { lookAgain(): boolean };
const RUNNING = "__headroomSupplierPage";

function startSupplierPage(ctx: ContentScriptContext): void {
  if (window.top !== window) return;
  const scope = globalThis as unknown as Record<string, RunningCopy | undefined>;
  if (scope[RUNNING]?.lookAgain()) return;
  shieldFromPageStops(ctx);
  const overlay = createOverlayHost(ctx, overlayPageUrl());
  let hints: ContentPageHints | null = null;
  let sent: { url: string; price: DetectedPrice | null } | null = null;
  let running = false;
  // A request that came in during a report: null for none, else whether it must send even if unchanged.
  let again: boolean | null = null;

  const apply = (show: boolean): void => {
    if (show) overlay.show();
    else overlay.hide();
  };

  // One report at a time; a request during one runs once after it, with the page as it is then.
  const report = async (force: boolean): Promise<void> => {
    if (running) {
      again = (again ?? false) || force;
      return;
    }
    running = true;
    try {
      // The page's structured data is read once per look; the hints may arrive with the first reply.
      const structured = readStructuredPrices(document);
      for (let round = 0; round < 2; round++) {
        const url = location.href;
        const price = detectPrice(document, hints, structured);
        if (!force && sent !== null && sent.url === url && samePrice(sent.price, price)) return;
        sent = { url, price };
        const reply = await reportPage(url, price);
        if (ctx.isInvalid || reply === null) return;
        apply(reply.show);
        const nextHints = reply.hints ?? null;
        if (sameHints(hints, nextHints)) return;
        // The first reply brings the supplier's page hints: look again with them.
        hints = nextHints;
        force = false;
      }
    } finally {
      running = false;
      const queued = again;
      again = null;
      if (queued !== null && ctx.isValid) void report(queued);
    }
  };

  onBackgroundMessage(ctx, (message) => {
    if (message.kind === "to-content/overlay") apply(message.show);
    else void report(true);
  });
  watchPage(ctx, {
    // Unchanged address and price send nothing, so a page firing fake navigation events costs little.
    onChange: () => void report(false),
    watchedSelectors: () => hintSelectors(hints),
    isOwnNode: (node) => overlay.owns(node),
  });
  scope[RUNNING] = {
    // False once this copy is orphaned (the extension was updated or reloaded): start a new one then.
    lookAgain: () => {
      if (!ctx.isValid) return false;
      void report(true);
      return true;
    },
  };
  void report(true);
}
