import type { RuleBook } from "../../shared/rules/rule-book";
import { readRuleBookFiles, type SyncError } from "../../shared/sync/rules-response";
import { isStale } from "../../shared/verdict/rule-book-age";
import type { RuleBookStatusView } from "../protocol/views";
import type { RulesDb, StoredRuleBook, SyncRecord } from "../storage/rules-db";

/** The rule book in use, validated, with the record it was read from. */
export type LoadedRuleBook = { book: RuleBook; stored: StoredRuleBook };

/**
 * Holds the one rule book the extension uses, and the outcome of the last refresh. A new rule book is
 * written to IndexedDB before it replaces the one in memory, so a crash in between loses nothing.
 */
export class RuleBookHolder {
  current: LoadedRuleBook | null = null;
  sync: SyncRecord = { checkedAt: null, error: null };

  constructor(readonly db: RulesDb) {}

  /** Restores the last good rule book (validated again) and the last refresh's outcome. */
  async load(): Promise<void> {
    let stored: StoredRuleBook | undefined;
    let sync: SyncRecord;
    try {
      [stored, sync] = await Promise.all([this.db.readRuleBook(), this.db.readSync()]);
    } catch (e) {
      // Without IndexedDB (a broken profile) the extension still works from the next download.
      console.error("Headroom: could not read the saved rule book", e);
      return;
    }
    this.sync = sync;
    if (!stored) return;
    const read = readRuleBookFiles([{ name: stored.name, text: stored.text }, ...(stored.includes ?? [])]);
    if (read.ok) this.current = { book: read.book, stored };
    else {
      // Only possible after an update that tightened validation: say so, keep nothing half-valid.
      await this.recordError(
        {
          message: `The saved rule book no longer validates: ${read.error.message}`,
          details: read.error.details,
        },
        Date.now(),
      );
    }
  }

  /** Takes a validated rule book into use. */
  async adopt(stored: StoredRuleBook, book: RuleBook, now: number): Promise<void> {
    await persist(() => this.db.writeRuleBook(stored));
    this.current = { book, stored };
    await this.recordSuccess(now);
  }

  /** The server confirmed the rule book (a 304 or a good one): clears the last error. */
  async recordSuccess(now: number): Promise<void> {
    this.sync = { checkedAt: now, error: null };
    await persist(() => this.db.writeSync(this.sync));
  }

  /** A refresh or import failed: the rule book in use stays, the error is shown. */
  async recordError(error: SyncError, now: number): Promise<void> {
    this.sync = { checkedAt: this.sync.checkedAt, error: { ...error, at: now } };
    await persist(() => this.db.writeSync(this.sync));
  }

  /** What the popup and options page show about the rule book. */
  statusView(refreshMinutes: number, now: number): RuleBookStatusView {
    const c = this.current;
    const source = c
      ? c.stored.source.kind === "url"
        ? c.stored.source.url
        : `${c.stored.source.name} (imported)`
      : null;
    return {
      source,
      organisation: c?.book.meta.organisation ?? null,
      revision: c?.book.meta.revision ?? null,
      loadedAt: c?.stored.loadedAt ?? null,
      checkedAt: this.sync.checkedAt,
      // An imported file is never checked against a server, so it cannot go stale.
      stale: c?.stored.source.kind === "file" ? false : isStale(this.sync.checkedAt, now, refreshMinutes),
      error: this.sync.error,
    };
  }
}

/**
 * Writes to IndexedDB; a failed write is logged and the rule book is still used from memory (it
 * is fetched again after a restart).
 */
async function persist(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    console.error("Headroom: could not save the rule book", e);
  }
}
