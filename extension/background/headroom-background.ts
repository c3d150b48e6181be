import { bindPrefs, readPref, writePref } from "../storage/prefs";
import { browser } from "wxt/browser";
import { supplierForUrl } from "../../shared/verdict/supplier-verdict";
import type { SupplierVerdictView } from "../protocol/views";
import type { StatusView, UiReplies } from "../protocol/replies";
import { revisionSourceKey, type RulesDb } from "../storage/rules-db";
import { setTabBadge } from "./badge";
import { registeredMatches, scriptMatches, startInOpenTabs, syncContentScript } from "./content-scripts";
import { grantedOrigins, permissionsView } from "./permissions";
import { RuleBookHolder } from "./rule-book";
import { refreshFromUrl, type SyncDeps, type SyncOutcome } from "./rules-sync";
import { readRevisionResetPolicy, readSettings } from "./settings";
import { allTabStates, clearTabState, readTabState, type TabState } from "./tab-state";
import { verdictView } from "./verdict-view";
import { isDismissed } from "./choices";

export const REFRESH_ALARM = "headroom-refresh";

export type BackgroundDeps = SyncDeps & { db: RulesDb };

/**
 * The background's shared state and the behaviours that several messages and events need: the rule
 * book, refreshing it, keeping the content-script registration and the badges in step with it, and
 * telling pages and tabs when it changed. Message handling lives in `router.ts`.
 */
export class HeadroomBackground {
  readonly holder: RuleBookHolder;
  /** Resolves once the last good rule book is restored and alarms and registration are in place. */
  readonly ready: Promise<void>;
  private refreshing: { url: string | null; done: Promise<SyncOutcome> } | null = null;

  constructor(readonly deps: BackgroundDeps) {
    bindPrefs(deps.db);
    this.holder = new RuleBookHolder(deps.db);
    this.ready = this.start();
  }

  get book() {
    return this.holder.current?.book ?? null;
  }

  private async start(): Promise<void> {
    await this.holder.load();
    // Not awaited: a refresh waits for `ready`, which this start resolves.
    if (await this.applyRevisionResetPolicy()) void this.refresh();
    const settings = await readSettings();
    await this.scheduleRefresh(settings.refreshMinutes);
    await this.syncRegistration();
  }

  /**
   * Refreshes now unless the rule book was checked within the refresh interval (a service worker
   * wakes often; the server need not hear from it each time) or its source is not the current URL.
   */
  async refreshIfDue(): Promise<SyncOutcome | "not due"> {
    await this.ready;
    const settings = await readSettings();
    if (settings.rulesUrl === null) return "not due";
    const stored = this.holder.current?.stored;
    const sameSource = stored?.source.kind === "url" && stored.source.url === settings.rulesUrl;
    const checkedAt = this.holder.sync.checkedAt;
    const recent = checkedAt !== null && this.deps.now() - checkedAt < settings.refreshMinutes * 60_000;
    if (sameSource && recent && this.holder.sync.error === null) return "not due";
    return this.refresh();
  }

  /**
   * Fetches the rule book now. One fetch at a time: a second caller for the same URL waits for the
   * first; a caller after the URL changed waits for the running fetch (whose result is then dropped)
   * and fetches the new URL.
   */
  async refresh(): Promise<SyncOutcome> {
    await this.ready;
    const { rulesUrl } = await readSettings();
    const running = this.refreshing;
    if (running && running.url === rulesUrl) return running.done;
    if (running) await running.done.catch(() => undefined);
    // Another caller may have started the fetch of the new URL meanwhile.
    if (this.refreshing && this.refreshing !== running && this.refreshing.url === rulesUrl) {
      return this.refreshing.done;
    }
    const slot: { url: string | null; done: Promise<SyncOutcome> } = {
      url: rulesUrl,
      done: Promise.resolve("unchanged"),
    };
    slot.done = (async (): Promise<SyncOutcome> => {
      try {
        if (rulesUrl === null) return "unchanged";
        const outcome = await refreshFromUrl(this.holder, rulesUrl, {
          ...this.deps,
          stillWanted: async (url) => (await readSettings()).rulesUrl === url,
        });
        if (outcome === "changed") await this.ruleBookChanged();
        else await this.broadcastPages();
        return outcome;
      } finally {
        if (this.refreshing === slot) this.refreshing = null;
      }
    })();
    this.refreshing = slot;
    return slot.done;
  }

  /** A new rule book is in use: registration, tab states, badges, pages and content scripts follow. */
  async ruleBookChanged(): Promise<void> {
    await this.syncRegistration();
    const book = this.book;
    for (const [tabId, state] of await allTabStates()) {
      if (!book || supplierForUrl(book, state.url)?.id !== state.supplierId) {
        await clearTabState(tabId);
        await setTabBadge(tabId, null);
      } else {
        await this.updateBadge(tabId, state);
      }
      await this.sendToTab(tabId, { kind: "to-content/redetect" });
    }
    await this.broadcastPages();
  }

  /** (Re)creates the refresh alarm with the interval in force. */
  async scheduleRefresh(minutes: number): Promise<void> {
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes === minutes) return;
    await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
  }

  /**
   * Registers the content script for exactly the granted supplier sites of the rule book, and starts
   * it in tabs already open on sites it newly covers.
   */
  async syncRegistration(): Promise<string> {
    try {
      const before = await registeredMatches();
      const matches = scriptMatches(this.book, await grantedOrigins());
      const outcome = await syncContentScript(matches);
      await startInOpenTabs(
        matches.filter((m) => !before.includes(m)),
        before,
      );
      return outcome;
    } catch (e) {
      // A failed registration must not stop the rest of the background (rules, popup, options).
      console.error("Headroom: could not update the content-script registration", e);
      return "failed";
    }
  }

  /**
   * Forgets the highest revision applied from `source` (an administrator's reset from the options
   * page) and, when it is the rules URL in force, checks it at once: whatever revision the server
   * serves is then taken. Only the source the status offers can be reset.
   */
  async resetRevision(source: string): Promise<UiReplies["ui/reset-revision"]> {
    await this.ready;
    if (source !== this.holder.revisionSource()) {
      return {
        ok: false,
        error: {
          message: "That rule-book source has no highest revision to reset here; reload the page.",
          details: [`Source: ${source}`],
        },
      };
    }
    await this.holder.resetRevision(source, this.deps.now());
    const { rulesUrl } = await readSettings();
    if (rulesUrl !== null && source === revisionSourceKey({ kind: "url", url: rulesUrl }))
      await this.refresh();
    else await this.broadcastPages();
    return { ok: true, status: await this.status() };
  }

  /**
   * The administrator's reset through policy: a `resetRevisionMark` value not acted on before
   * forgets the highest revision of the rules URL in force, once. True when it did (the caller
   * refreshes, so the server's rule book is taken whatever its revision).
   */
  async applyRevisionResetPolicy(): Promise<boolean> {
    const token = await readRevisionResetPolicy();
    if (token === null || (await readPref("revisionResetDone")) === token) return false;
    const { rulesUrl } = await readSettings();
    if (rulesUrl === null) return false;
    await this.holder.resetRevision(revisionSourceKey({ kind: "url", url: rulesUrl }), this.deps.now());
    await writePref("revisionResetDone", token);
    return true;
  }

  async status(): Promise<StatusView> {
    const settings = await readSettings();
    return {
      ruleBook: this.holder.statusView(settings.refreshMinutes, this.deps.now()),
      settings,
      permissions: await permissionsView(this.book, settings.rulesUrl),
    };
  }

  /** The verdict for a tab whose content script reported a supplier page, or null. */
  async tabVerdict(tabId: number): Promise<SupplierVerdictView | null> {
    await this.ready;
    const book = this.book;
    const state = await readTabState(tabId);
    if (!book || !state) return null;
    const settings = await readSettings();
    const ruleBook = this.holder.statusView(settings.refreshMinutes, this.deps.now());
    return verdictView(book, state, settings.defaultCostCenter, ruleBook, this.deps.now());
  }

  async updateBadge(tabId: number, state: TabState | undefined): Promise<SupplierVerdictView | null> {
    const view = state ? await this.tabVerdict(tabId) : null;
    await setTabBadge(tabId, view ? view.level : null);
    return view;
  }

  /** Re-badges every supplier tab and tells the pages (after a settings change). */
  async recheckTabs(): Promise<void> {
    for (const [tabId, state] of await allTabStates()) await this.updateBadge(tabId, state);
    await this.broadcastPages();
  }

  /** Re-badges every tab showing `supplierId` (after a cost-center change) and tells the pages. */
  async supplierChoiceChanged(supplierId: string): Promise<void> {
    for (const [tabId, state] of await allTabStates()) {
      if (state.supplierId === supplierId) await this.updateBadge(tabId, state);
    }
    await this.broadcastPages();
  }

  /** Hides the overlay in every tab showing a supplier the buyer dismissed. */
  async hideDismissed(supplierId: string): Promise<void> {
    const now = this.deps.now();
    if (!(await isDismissed(supplierId, now))) return;
    for (const [tabId, state] of await allTabStates()) {
      if (state.supplierId === supplierId)
        await this.sendToTab(tabId, { kind: "to-content/overlay", show: false });
    }
  }

  /** Tells the extension's own pages (popup, options, overlays) to ask again; content scripts never get it. */
  async broadcastPages(): Promise<void> {
    try {
      await browser.runtime.sendMessage({ kind: "to-pages/changed" });
    } catch {
      // No page open: nobody to tell.
    }
  }

  async sendToTab(
    tabId: number,
    message: { kind: "to-content/redetect" } | { kind: "to-content/overlay"; show: boolean },
  ) {
    try {
      await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    } catch {
      // The tab closed or navigated away; its next page reports itself.
    }
  }
}
