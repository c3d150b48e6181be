import { browser } from "wxt/browser";
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
