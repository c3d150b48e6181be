import { browser } from "wxt/browser";
import type { DetectedPrice } from "../protocol/messages";

/**
 * What a supplier tab's content script last reported. Kept in storage.session (readable only by the
 * extension's own pages and background, cleared when the browser closes) so a restarted service
 * worker still knows its tabs.
 */
export type TabState = { url: string; supplierId: string; price: DetectedPrice | null; at: number };

const key = (tabId: number) => `tab:${tabId}`;

const pending = new Map<number, Promise<void>>();

/**
 * Runs `task` after every earlier task of the same tab. A navigation event (forget the supplier the
 * tab left) and the new page's report (remember its supplier) each read and then write the tab's
 * state; interleaved, the event could wipe the report it had not seen, and the panel would not show.
 */
export function inTabOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const before = pending.get(tabId) ?? Promise.resolve();
  const run = before.then(task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  pending.set(tabId, settled);
  void settled.then(() => {
    if (pending.get(tabId) === settled) pending.delete(tabId);
  });
  return run;
}

export async function readTabState(tabId: number): Promise<TabState | undefined> {
  return (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabState | undefined;
}

export async function writeTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: state });
}

export async function clearTabState(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

/** Every tab with a supplier page, by id. */
export async function allTabStates(): Promise<Map<number, TabState>> {
  const all = (await browser.storage.session.get(null)) as Record<string, TabState>;
  const out = new Map<number, TabState>();
  for (const [k, v] of Object.entries(all)) {
    const id = Number(k.slice(4));
    if (k.startsWith("tab:") && Number.isInteger(id)) out.set(id, v);
  }
  return out;
}
