import { HeadroomBackground, type BackgroundDeps } from "./headroom-background";
import { listenForEvents } from "./events";
import { listenForMessages } from "./router";
import { openRulesDb } from "../storage/rules-db";

/** How long the rules server may take to send the whole rule book. */
export const FETCH_TIMEOUT_MS = 15_000;

/**
 * Starts the background: listeners are added synchronously (an MV3 service worker that wakes for an
 * event must have them before its first await), then the last good rule book is restored and, when
 * due, refreshed.
 */
export function startBackground(overrides: Partial<BackgroundDeps> = {}): HeadroomBackground {
  const bg = new HeadroomBackground({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    timeoutMs: FETCH_TIMEOUT_MS,
    db: openRulesDb(),
    ...overrides,
  });
  listenForMessages(bg);
  listenForEvents(bg);
  bg.refreshIfDue().catch((e: unknown) => console.error("Headroom: the first refresh failed", e));
  return bg;
}
