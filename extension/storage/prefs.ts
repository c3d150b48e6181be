import { browser } from "wxt/browser";
import type { RulesDb } from "./rules-db";

/**
 * The user's settings and choices: the rules URL and refresh interval, the cost center picked per
 * supplier, the overlays dismissed, the administrator's policy last seen. They live in the
 * extension's IndexedDB, not in `storage.local`: content scripts can write `storage.local`, so a
 * supplier page that took over its renderer could otherwise point the rules URL at a server of its
 * choosing. A content script's IndexedDB is the page's, never this one.
 */
export type PrefName = "settings" | "lastManagedPolicy" | "costCenterBySupplier" | "dismissedUntil";

/** Names these values had in `storage.local` before they moved; copied once, then removed there. */
const LEGACY_KEYS: readonly PrefName[] = [
  "settings",
  "lastManagedPolicy",
  "costCenterBySupplier",
  "dismissedUntil",
];
const MOVED = "movedFromStorageLocal";

let db: RulesDb | undefined;
let moved: Promise<void> | undefined;

/** The database the preferences live in; the background binds its own when it starts. */
export function bindPrefs(database: RulesDb): void {
  db = database;
  moved = undefined;
}

export async function readPref(name: PrefName): Promise<unknown> {
  return (await ready()).readPref(name);
}

export async function writePref(name: PrefName, value: unknown): Promise<void> {
  await (await ready()).writePref(name, value);
}

async function ready(): Promise<RulesDb> {
  if (!db) throw new Error("Headroom: preferences used before the background opened its database");
  const database = db;
  moved ??= moveFromStorageLocal(database);
  await moved;
  return database;
}

/**
 * Copies what an earlier version kept in `storage.local`, once: the mark written at the end means
 * `storage.local` is never read for these names again, whatever is written there later.
 */
async function moveFromStorageLocal(database: RulesDb): Promise<void> {
  if ((await database.readPref(MOVED)) === true) return;
  const legacy = await browser.storage.local.get([...LEGACY_KEYS]);
  for (const name of LEGACY_KEYS) {
    if (legacy[name] !== undefined && (await database.readPref(name)) === undefined) {
      await database.writePref(name, legacy[name]);
    }
  }
  await database.writePref(MOVED, true);
  await browser.storage.local.remove([...LEGACY_KEYS]);
}
