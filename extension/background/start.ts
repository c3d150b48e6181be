import { HeadroomBackground, type BackgroundDeps } from "./headroom-background";
import { listenForEvents } from "./events";
import { listenForMessages } from "./router";
import { openRulesDb } from "../storage/rules-db";
import { RULE_FILES_TIMEOUT_MS } from "../../shared/sync/fetch-rule-files";

/**
 * Starts the background: listeners are added synchronously (an MV3 service worker that wakes for an
 * event must have them before its first await), then the last good rule book is restored and, when
 * due, refreshed.
 */
export function startBackground(overrides: Partial<BackgroundDeps> = {}): HeadroomBackground {
  const bg = new HeadroomBackground({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    timeoutMs: RULE_FILES_TIMEOUT_MS,
    db: openRulesDb(),
    ...overrides,
  });
  listenForMessages(bg);
  listenForEvents(bg);
  bg.refreshIfDue().catch((e: unknown) => console.error("Headroom: the first refresh failed", e));
  return bg;
}
