import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { RevisionMark } from "../../shared/rules/revision-rule";

/** Where the rule book in use came from. */
export type RuleBookSource = { kind: "url"; url: string } | { kind: "file"; name: string };

/** The last good rule book: its text as fetched or imported, so it is validated again when loaded. */
export type StoredRuleBook = {
  source: RuleBookSource;
  /** File name used in messages ("rules.json"). */
  name: string;
  text: string;
  /** The server's ETag for `text`, sent back as If-None-Match; null for imported files. */
  etag: string | null;
  /** When this rule book was fetched or imported (ms since epoch). */
  loadedAt: number;
  /** Files the root file includes, each with its own ETag; absent for a one-file rule book. */
  includes?: IncludedFile[];
  /** Said when it was taken into use with the revision of the one before ("revision was not raised"). */
  revisionWarning?: string;
};

/** A file of a multi-file rule book, fetched from the same server as the root file. */
export type IncludedFile = { url: string; name: string; text: string; etag: string | null };

/** The outcome of the last refresh, kept apart from the rule book so a failure never touches it. */
export type SyncRecord = {
  /** The last time the server confirmed the rule book (200 with a good one, or 304). */
  checkedAt: number | null;
  /**
   * The last refresh's error, cleared by the next success. `refusedFrom`: the source
   * (`revisionSourceKey`) whose rule book was refused for an older revision than the highest applied.
   */
  error: { message: string; details: string[]; at: number; refusedFrom?: string } | null;
};

interface HeadroomDb extends DBSchema {
  rulebook: { key: "current"; value: StoredRuleBook };
  sync: { key: "status"; value: SyncRecord };
  /** The user's settings and choices (see extension/storage/prefs.ts), one value per name. */
  prefs: { key: string; value: unknown };
  /** The highest revision applied per rule-book source (`revisionSourceKey`), see shared/rules/revision-rule.ts. */
  revisions: { key: string; value: RevisionMark };
}

export const DB_NAME = "headroom";
const DB_VERSION = 3;

/**
 * The extension's IndexedDB, one object per key; a new version adds a rung to the ladder in
 * `upgrade`. Only extension pages and the service worker reach it: a content script's IndexedDB is
 * the page's own.
 */
export type RulesDb = {
  readRuleBook(): Promise<StoredRuleBook | undefined>;
  writeRuleBook(record: StoredRuleBook): Promise<void>;
  readSync(): Promise<SyncRecord>;
  writeSync(record: SyncRecord): Promise<void>;
  readPref(name: string): Promise<unknown>;
  writePref(name: string, value: unknown): Promise<void>;
  readRevisionMark(source: string): Promise<RevisionMark | undefined>;
  writeRevisionMark(source: string, mark: RevisionMark): Promise<void>;
  close(): Promise<void>;
};

/** The key a rule-book source's highest revision is kept under: its URL, or the imported file's name. */
export function revisionSourceKey(source: RuleBookSource): string {
  return source.kind === "url" ? `url:${source.url}` : `file:${source.name}`;
}

/** Opens (and creates or upgrades) the database; `name` lets tests use a fresh one each. */
export function openRulesDb(name = DB_NAME): RulesDb {
  let db: Promise<IDBPDatabase<HeadroomDb>> | undefined;
  const get = () =>
    (db ??= openDB<HeadroomDb>(name, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore("rulebook");
          database.createObjectStore("sync");
        }
        if (oldVersion < 2) database.createObjectStore("prefs");
        if (oldVersion < 3) database.createObjectStore("revisions");
      },
    }));
  return {
    async readRuleBook() {
      return (await get()).get("rulebook", "current");
    },
    async writeRuleBook(record) {
      await (await get()).put("rulebook", record, "current");
    },
    async readSync() {
      return (await (await get()).get("sync", "status")) ?? { checkedAt: null, error: null };
    },
    async writeSync(record) {
      await (await get()).put("sync", record, "status");
    },
    async readPref(name) {
      return (await get()).get("prefs", name);
    },
    async writePref(name, value) {
      await (await get()).put("prefs", value, name);
    },
    async readRevisionMark(source) {
      return (await get()).get("revisions", source);
    },
    async writeRevisionMark(source, mark) {
      await (await get()).put("revisions", mark, source);
    },
    async close() {
      if (db) (await db).close();
      db = undefined;
    },
  };
}
