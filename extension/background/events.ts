import { browser } from "wxt/browser";
import { REFRESH_ALARM, type HeadroomBackground } from "./headroom-background";
import { forgetPolicy, onPolicyRead, readSettings } from "./settings";
import { clearTabState, inTabOrder, readTabState } from "./tab-state";
import { supplierForUrl } from "../../shared/verdict/supplier-verdict";
import { setTabBadge } from "./badge";

/**
 * Browser events the background follows. Each handler catches its own errors: one failing
 * behaviour never stops the others.
 */
export function listenForEvents(bg: HeadroomBackground): void {
  // Returns the promise so tests can wait for the handler; browsers ignore these listeners' results.
  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => Promise<unknown>) =>
    (...args: A): Promise<void> =>
      fn(...args).then(
        () => undefined,
        (e: unknown) => console.error(`Headroom: ${name} failed`, e),
      );

  // The user granted or withdrew site access: the content script follows at once.
  const permissionsChanged = guard("permission change", async () => {
    await bg.ready;
    await bg.syncRegistration();
    await bg.broadcastPages();
  });
  browser.permissions.onAdded.addListener(permissionsChanged);
  browser.permissions.onRemoved.addListener(permissionsChanged);

  browser.alarms.onAlarm.addListener(
    guard("scheduled refresh", async (alarm: { name: string }) => {
      if (alarm.name === REFRESH_ALARM) await bg.refresh();
    }),
  );

  browser.tabs.onRemoved.addListener(
    guard("tab close", (tabId: number) => inTabOrder(tabId, () => clearTabState(tabId))),
  );
  // A tab leaving its supplier forgets it. A page of the same supplier (a single-page app's route
  // change, cart to checkout) keeps the state until its content script reports again, so a late
  // event cannot wipe a fresh report. Without access to the new address it is not a granted supplier.
  browser.tabs.onUpdated.addListener(
    guard(
      "tab update",
      async (tabId: number, change: { status?: string; url?: string }, tab?: { url?: string }) => {
        if (change.status !== "loading" && change.url === undefined) return;
        await bg.ready;
        await inTabOrder(tabId, async () => {
          const state = await readTabState(tabId);
          if (!state) return;
          const url = change.url ?? tab?.url;
          const book = bg.book;
          if (url !== undefined && book && supplierForUrl(book, url)?.id === state.supplierId) return;
          await clearTabState(tabId);
          await setTabBadge(tabId, null);
        });
      },
    ),
  );

  // An administrator's policy changed while the browser runs, or differs from the one last seen.
  const applyPolicy = guard("policy change", async () => {
    await bg.ready;
    const settings = await readSettings();
    await bg.scheduleRefresh(settings.refreshMinutes);
    await bg.applyRevisionResetPolicy();
    await bg.refresh();
    await bg.recheckTabs();
  });
  browser.storage.onChanged.addListener(async (_changes: unknown, area: string) => {
    if (area !== "managed") return;
    forgetPolicy();
    await applyPolicy();
  });
  onPolicyRead(() => void applyPolicy());
}
