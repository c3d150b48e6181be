import { browser } from "wxt/browser";
import { MatchPattern } from "wxt/utils/match-patterns";
import { contentScriptPatterns, grantedPatterns } from "../../shared/permissions/host-patterns";
import type { RuleBook } from "../../shared/rules/rule-book";

/** The one run-time content script: supplier and price detection, on granted supplier sites only. */
export const SUPPLIER_SCRIPT_ID = "headroom-supplier";
export const SUPPLIER_SCRIPT_FILE = "content-scripts/supplier.js";

/** Where the content script should run: the rule book's supplier sites that the user has granted. */
export function scriptMatches(book: RuleBook | null, granted: readonly string[]): string[] {
  return book ? grantedPatterns(contentScriptPatterns(book), granted) : [];
}

/**
 * Makes the registered content script match `matches` exactly: registers, updates or unregisters.
 * Nothing runs anywhere the rule book does not name or the user has not granted.
 */
export async function syncContentScript(
  matches: readonly string[],
): Promise<"registered" | "updated" | "unregistered" | "unchanged"> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SUPPLIER_SCRIPT_ID] });
  const current = existing[0];
  if (matches.length === 0) {
    if (!current) return "unchanged";
    await browser.scripting.unregisterContentScripts({ ids: [SUPPLIER_SCRIPT_ID] });
    return "unregistered";
  }
  const script = {
    id: SUPPLIER_SCRIPT_ID,
    js: [SUPPLIER_SCRIPT_FILE],
    matches: [...matches],
    runAt: "document_idle" as const,
    allFrames: false,
  };
  if (!current) {
    await browser.scripting.registerContentScripts([script]);
    return "registered";
  }
  const same =
    (current.matches ?? []).length === matches.length &&
    [...(current.matches ?? [])].sort().join() === [...matches].sort().join();
  if (same) return "unchanged";
  await browser.scripting.updateContentScripts([script]);
  return "updated";
}

/** The patterns the content script is registered for now (none when it is not registered). */
export async function registeredMatches(): Promise<string[]> {
  const [current] = await browser.scripting.getRegisteredContentScripts({ ids: [SUPPLIER_SCRIPT_ID] });
  return current?.matches ?? [];
}

/**
 * A registered content script runs on pages loaded from now on. Tabs already open on a site the
 * script now covers (the buyer granted access from the popup while on the supplier's page) get it
 * started at once instead of after a reload. Tabs that `before` already covered have it running.
 * Returns how many tabs it started in.
 */
export async function startInOpenTabs(added: readonly string[], before: readonly string[]): Promise<number> {
  if (added.length === 0) return 0;
  let tabs: { id?: number; url?: string }[];
  try {
    tabs = await browser.tabs.query({ url: [...added] });
  } catch {
    return 0; // a browser that cannot query by these patterns: the next page load runs the script
  }
  const covered = before.map((p) => new MatchPattern(p));
  let started = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || tab.url === undefined) continue;
    const url = tab.url;
    if (covered.some((pattern) => pattern.includes(url))) continue;
    try {
      await browser.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        files: [SUPPLIER_SCRIPT_FILE],
      });
      started++;
    } catch {
      // The tab closed or navigated meanwhile, or shows a page the browser keeps extensions out of.
    }
  }
  return started;
}
