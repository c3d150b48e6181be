import { browser } from "wxt/browser";
import { searchSuppliers } from "../../shared/verdict/supplier-search";
import { supplierForUrl } from "../../shared/verdict/supplier-verdict";
import {
  contentMessageSchema,
  overlayMessageSchema,
  parseMessage,
  uiMessageSchema,
  type ContentMessage,
  type ContentPageHints,
  type ContentPageReply,
  type OverlayMessage,
  type UiMessage,
} from "../protocol/messages";
import type { OverlayReplies, UiReplies } from "../protocol/replies";
import { setTabBadge } from "./badge";
import { dismiss, isDismissed, rememberCostCenter } from "./choices";
import type { HeadroomBackground } from "./headroom-background";
import { permissionsView } from "./permissions";
import { importRuleBook } from "./rules-sync";
import { classifySender, type Sender, type SenderKind } from "./senders";
import { clearUserRulesUrl, readSettings, writeSettings } from "./settings";
import { clearTabState, inTabOrder, readTabState, writeTabState } from "./tab-state";

// WXT types getURL against the generated list of public files; any path of this extension will do here.
const extensionUrl = (path: string): string =>
  (browser.runtime as unknown as { getURL(path: string): string }).getURL(path);

/** A message the background will answer, or why it was dropped (logged, never answered). */
export type Routed = { accepted: true; reply: () => Promise<unknown> } | { accepted: false; reason: string };

/**
 * Decides, synchronously, whether a message is answered: the sender must be a known kind of context
 * and the message must parse with that context's schema. Popup and options (`ui/*`) may change
 * settings and rules; the overlay may only ask about its own tab; a content script may only report
 * its page. A message of another context's kind fails its sender's schema and is dropped.
 */
export function route(bg: HeadroomBackground, message: unknown, sender: Sender): Routed {
  const kind: SenderKind | null = classifySender(sender, browser.runtime.id, extensionUrl);
  if (kind === null) return { accepted: false, reason: `unknown sender ${sender.url ?? "(no url)"}` };
  if (kind === "ui") {
    const parsed = parseMessage(uiMessageSchema, message);
    if (!parsed.ok) return { accepted: false, reason: `ui message: ${parsed.error}` };
    return { accepted: true, reply: () => handleUi(bg, parsed.value) };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { accepted: false, reason: "no tab" };
  if (kind === "overlay") {
    const parsed = parseMessage(overlayMessageSchema, message);
    if (!parsed.ok) return { accepted: false, reason: `overlay message: ${parsed.error}` };
    return { accepted: true, reply: () => handleOverlay(bg, parsed.value, tabId, sender) };
  }
  const parsed = parseMessage(contentMessageSchema, message);
  if (!parsed.ok) return { accepted: false, reason: `content message: ${parsed.error}` };
  return { accepted: true, reply: () => handleContent(bg, parsed.value, tabId, sender.url!) };
}

/** Adds the runtime.onMessage listener: answers accepted messages, drops the rest with a logged reason. */
export function listenForMessages(bg: HeadroomBackground): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
      const routed = route(bg, message, sender);
      if (!routed.accepted) {
        console.warn(`Headroom: dropped a message: ${routed.reason}`);
        return false;
      }
      routed.reply().then(sendResponse, (e: unknown) => {
        console.error("Headroom: a message handler failed", e);
        sendResponse(undefined);
      });
      // Keeps the channel open for the asynchronous answer (works in Chrome and Firefox alike).
      return true;
    },
  );
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/**
 * `content/page`: the supplier is decided from the sender's own URL (never from what the page
 * says), and the message's URL must be on the same host. The reply says only whether to show the
 * overlay, plus the supplier's page hints for finding prices; never a figure.
 */
async function handleContent(
  bg: HeadroomBackground,
  message: ContentMessage,
  tabId: number,
  senderUrl: string,
): Promise<ContentPageReply> {
  await bg.ready;
  const hidden: ContentPageReply = { show: false };
  if (hostOf(message.url) !== hostOf(senderUrl)) {
    console.warn(`Headroom: refused content/page for ${message.url} from a page on ${hostOf(senderUrl)}`);
    return hidden;
  }
  const book = bg.book;
  const supplier = book ? supplierForUrl(book, senderUrl) : undefined;
  if (!supplier) {
    await inTabOrder(tabId, () => clearTabState(tabId));
    await setTabBadge(tabId, null);
    return hidden;
  }
  const state = { url: senderUrl, supplierId: supplier.id, price: message.price, at: bg.deps.now() };
  await inTabOrder(tabId, () => writeTabState(tabId, state));
  await bg.updateBadge(tabId, state);
  // An overlay already showing in this tab (single-page navigation, a cart total that changed) asks again.
  await bg.broadcastPages();
  const hints = pageHints(supplier.pageHints);
  const show = !(await isDismissed(supplier.id, bg.deps.now()));
  return hints ? { show, hints } : { show };
}

function pageHints(
  hints: { price?: string; cartTotal?: string; currency?: string } | undefined,
): ContentPageHints | undefined {
  if (!hints) return undefined;
  const out: ContentPageHints = {};
  if (hints.price) out.price = hints.price;
  if (hints.cartTotal) out.cartTotal = hints.cartTotal;
  if (hints.currency) out.currency = hints.currency;
  return Object.keys(out).length > 0 ? out : undefined;
}

async function handleOverlay(
  bg: HeadroomBackground,
  message: OverlayMessage,
  tabId: number,
  sender: Sender,
): Promise<OverlayReplies[OverlayMessage["kind"]]> {
  await bg.ready;
  const state = await readTabState(tabId);
  const book = bg.book;
  // The tab must still be on the supplier its content script reported (when the browser tells).
  const tabUrl = sender.tab?.url;
  const stillThere =
    state && book && (tabUrl === undefined || supplierForUrl(book, tabUrl)?.id === state.supplierId);
  switch (message.kind) {
    case "overlay/view":
      return stillThere ? bg.tabVerdict(tabId) : null;
    case "overlay/dismiss": {
      if (!stillThere) return { ok: false };
      await dismiss(state.supplierId, bg.deps.now());
      await bg.hideDismissed(state.supplierId);
      return { ok: true };
    }
    case "overlay/set-cost-center": {
      if (!stillThere || !hasCostCenter(bg, message.costCenter)) return null;
      await rememberCostCenter(state.supplierId, message.costCenter);
      await bg.supplierChoiceChanged(state.supplierId);
      return bg.tabVerdict(tabId);
    }
  }
}

function hasCostCenter(bg: HeadroomBackground, costCenter: string): boolean {
  return bg.book?.budgets.some((b) => b.costCenter === costCenter) ?? false;
}

async function handleUi(bg: HeadroomBackground, message: UiMessage): Promise<UiReplies[UiMessage["kind"]]> {
  await bg.ready;
  switch (message.kind) {
    case "ui/status":
      return bg.status();
    case "ui/refresh":
      await bg.refresh();
      return bg.status();
    case "ui/get-settings":
      return readSettings();
    case "ui/set-settings": {
      const before = await readSettings();
      const saved = await writeSettings(message);
      if (!saved.ok) return { ok: false, error: { message: saved.error, details: [] } };
      const after = saved.value;
      if (after.refreshMinutes !== before.refreshMinutes) await bg.scheduleRefresh(after.refreshMinutes);
      if (after.rulesUrl !== before.rulesUrl) await bg.refresh();
      // The default cost center may change what every supplier tab shows.
      await bg.recheckTabs();
      return { ok: true, status: await bg.status() };
    }
    case "ui/import-rules": {
      const settings = await readSettings();
      if (settings.managed.rulesUrl) {
        return {
          ok: false,
          error: {
            message: "Your administrator set the rules URL, so a file cannot replace it.",
            details: [],
          },
        };
      }
      // The rules URL is forgotten before the file is taken into use, so a refresh of that URL still
      // running finds it gone and drops its result instead of replacing the import.
      const imported = await importRuleBook(
        bg.holder,
        message.fileName,
        message.text,
        bg.deps.now(),
        clearUserRulesUrl,
      );
      if (!imported.ok) {
        await bg.broadcastPages();
        return imported;
      }
      await bg.ruleBookChanged();
      return { ok: true, status: await bg.status() };
    }
    case "ui/tab-verdict":
      return bg.tabVerdict(message.tabId);
    case "ui/set-cost-center": {
      const supplier = bg.book?.index.suppliersById.get(message.supplierId);
      if (!supplier)
        return {
          ok: false,
          error: { message: `No supplier ${message.supplierId} in the rule book.`, details: [] },
        };
      if (!hasCostCenter(bg, message.costCenter)) {
        return {
          ok: false,
          error: { message: `No cost center ${message.costCenter} in the rule book.`, details: [] },
        };
      }
      await rememberCostCenter(supplier.id, message.costCenter);
      await bg.supplierChoiceChanged(supplier.id);
      return { ok: true };
    }
    case "ui/search-suppliers":
      return bg.book ? searchSuppliers(bg.book, message.query) : [];
    case "ui/permissions":
      return permissionsView(bg.book, (await readSettings()).rulesUrl);
    case "ui/reset-revision":
      return bg.resetRevision(message.source);
  }
}
