import { browser } from "wxt/browser";
import type { RulesDb } from "./rules-db";

/**
 * The user's settings and choices: the rules URL and refresh interval, the cost center picked per
 * supplier, the overlays dismissed, the administrator's policy last seen. They live in the
 * extension's IndexedDB, not in `storage.local`: content scripts can write `storage.local`, so a
 * supplier page that took over its renderer could otherwise point the rules URL at a server of its
 * choosing. A content script's IndexedDB is the page's, never this one.
 */
export type PrefName =
  | "settings"
  | "lastManagedPolicy"
  | "costCenterBySupplier"
  | "dismissedUntil"
  /** The policy's `resetRevisionMark` last acted on. */
  | "revisionResetDone";

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
  written.clear();
}

/**
 * What was written in this service worker's life: it answers when the database fails (a full disk,
 * a broken profile), so the extension keeps working with what the user just set, and says why.
 */
const written = new Map<PrefName, unknown>();
let readFailureSaid = false;

export async function readPref(name: PrefName): Promise<unknown> {
  try {
    return await (await ready()).readPref(name);
  } catch (e) {
    if (!readFailureSaid)
      console.error("Headroom: could not read the settings from the extension's database", e);
    readFailureSaid = true;
    return written.get(name);
  }
}

export async function writePref(name: PrefName, value: unknown): Promise<void> {
  written.set(name, value);
  try {
    await (await ready()).writePref(name, value);
  } catch (e) {
    console.error(`Headroom: could not save "${name}"; it holds until the browser restarts`, e);
  }
}

async function ready(): Promise<RulesDb> {
  if (!db) throw new Error("Headroom: preferences used before the background opened its database");
  const database = db;
  // A failed move is tried again on the next use, not remembered as done.
  moved ??= moveFromStorageLocal(database).catch((e: unknown) => {
    moved = undefined;
    throw e;
  });
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
