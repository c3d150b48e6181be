import {
  decideRevision,
  markAfterApply,
  resetMark,
  ruleBookFingerprint,
  type RevisionDecision,
  type RevisionMark,
} from "../../shared/rules/revision-rule";
import type { RuleBook } from "../../shared/rules/rule-book";
import { readRuleBookFiles, type SyncError } from "../../shared/sync/rules-response";
import { isStale } from "../../shared/verdict/rule-book-age";
import type { RuleBookStatusView } from "../protocol/views";
import {
  revisionSourceKey,
  type RuleBookSource,
  type RulesDb,
  type StoredRuleBook,
  type SyncRecord,
} from "../storage/rules-db";

/** The rule book in use, validated, with the record it was read from. */
export type LoadedRuleBook = { book: RuleBook; stored: StoredRuleBook };

/**
 * Holds the one rule book the extension uses, and the outcome of the last refresh. A new rule book is
 * written to IndexedDB before it replaces the one in memory, so a crash in between loses nothing.
 */
export class RuleBookHolder {
  current: LoadedRuleBook | null = null;
  sync: SyncRecord = { checkedAt: null, error: null };
  /** The highest revision applied per source (`revisionSourceKey`), as read from or written to IndexedDB. */
  private readonly marks = new Map<string, RevisionMark>();

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
    if (read.ok) {
      this.current = { book: read.book, stored };
      // A rule book kept by a version without marks: it is the highest applied from its source.
      const key = revisionSourceKey(stored.source);
      if ((await this.markOf(key)) === null) {
        await this.writeMark(key, markAfterApply(null, incomingOf(stored, read.book), stored.loadedAt));
      }
    } else {
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

  /**
   * Whether a validated rule book may replace the one in use, by the revision rule: its source's
   * highest revision applied so far against its own (see shared/rules/revision-rule.ts).
   */
  async judgeRevision(stored: StoredRuleBook, book: RuleBook): Promise<RevisionDecision> {
    const key = revisionSourceKey(stored.source);
    const inUse = this.current !== null && revisionSourceKey(this.current.stored.source) === key;
    return decideRevision(await this.markOf(key), incomingOf(stored, book), {
      source: sourceLabel(stored.source),
      from: stored.source.kind === "url" ? "server" : "file",
      inUse,
      resetHint:
        stored.source.kind === "url"
          ? "reset the highest revision on the options page (Rule book in use → Reset highest revision): the server's rule book is then taken at once."
          : "reset the highest revision on the options page (Rule book in use → Reset highest revision), then import the file again.",
    });
  }

  /**
   * Takes a validated rule book into use (after `judgeRevision` let it), raising its source's
   * highest revision. The mark is written first: a crash in between can only make it stricter.
   */
  async adopt(stored: StoredRuleBook, book: RuleBook, now: number): Promise<void> {
    const key = revisionSourceKey(stored.source);
    await this.writeMark(key, markAfterApply(await this.markOf(key), incomingOf(stored, book), now));
    await persist(() => this.db.writeRuleBook(stored));
    this.current = { book, stored };
    await this.recordSuccess(now);
  }

  /**
   * Forgets the highest revision of a source (an administrator's reset): the next rule book from it
   * is taken whatever its revision. Clears a refusal from that source.
   */
  async resetRevision(key: string, now: number): Promise<void> {
    await this.writeMark(key, resetMark(now));
    if (this.sync.error?.refusedFrom === key) {
      this.sync = { checkedAt: this.sync.checkedAt, error: null };
      await persist(() => this.db.writeSync(this.sync));
    }
  }

  /**
   * The source whose highest revision the options page offers to reset: the one that just refused
   * a rule book, else the one in use.
   */
  revisionSource(): string | null {
    if (this.sync.error?.refusedFrom !== undefined) return this.sync.error.refusedFrom;
    return this.current ? revisionSourceKey(this.current.stored.source) : null;
  }

  private async markOf(key: string): Promise<RevisionMark | null> {
    const known = this.marks.get(key);
    if (known) return known;
    try {
      const mark = await this.db.readRevisionMark(key);
      if (mark) this.marks.set(key, mark);
      return mark ?? null;
    } catch (e) {
      console.error("Headroom: could not read the highest revision applied; only this session's count", e);
      return null;
    }
  }

  private async writeMark(key: string, mark: RevisionMark): Promise<void> {
    this.marks.set(key, mark);
    try {
      await this.db.writeRevisionMark(key, mark);
    } catch (e) {
      console.error("Headroom: could not save the highest revision applied; it holds until a restart", e);
    }
  }

  /** The server confirmed the rule book (a 304 or a good one): clears the last error. */
  async recordSuccess(now: number): Promise<void> {
    this.sync = { checkedAt: now, error: null };
    await persist(() => this.db.writeSync(this.sync));
  }

  /**
   * A refresh or import failed: the rule book in use stays, the error is shown. `refusedFrom` names
   * the source (`revisionSourceKey`) whose older revision was refused.
   */
  async recordError(error: SyncError, now: number, refusedFrom?: string): Promise<void> {
    this.sync = {
      checkedAt: this.sync.checkedAt,
      error: { ...error, at: now, ...(refusedFrom !== undefined ? { refusedFrom } : {}) },
    };
    await persist(() => this.db.writeSync(this.sync));
  }

  /** What the popup and options page show about the rule book. */
  statusView(refreshMinutes: number, now: number): RuleBookStatusView {
    const c = this.current;
    const source = c ? sourceLabel(c.stored.source) : null;
    const markKey = this.revisionSource();
    const mark = markKey !== null ? (this.marks.get(markKey) ?? null) : null;
    const error = this.sync.error;
    return {
      source,
      organisation: c?.book.meta.organisation ?? null,
      revision: c?.book.meta.revision ?? null,
      loadedAt: c?.stored.loadedAt ?? null,
      checkedAt: this.sync.checkedAt,
      // An imported file is never checked against a server, so it cannot go stale.
      stale: c?.stored.source.kind === "file" ? false : isStale(this.sync.checkedAt, now, refreshMinutes),
      error: error && { message: error.message, details: error.details, at: error.at },
      revisionWarning: c?.stored.revisionWarning ?? null,
      highestRevision:
        markKey !== null && mark !== null
          ? {
              source: markKey,
              label: labelOfKey(markKey),
              revision: mark.revision,
              refused: error?.refusedFrom === markKey,
            }
          : null,
    };
  }
}

/** The source as the user knows it: the URL, or the imported file's name. */
function sourceLabel(source: RuleBookSource): string {
  return source.kind === "url" ? source.url : `${source.name} (imported)`;
}

function labelOfKey(key: string): string {
  return key.startsWith("url:") ? key.slice(4) : `${key.slice(5)} (imported)`;
}

/** The revision and the fingerprint of a stored rule book's files, in order. */
function incomingOf(stored: StoredRuleBook, book: RuleBook) {
  return {
    revision: book.meta.revision,
    fingerprint: ruleBookFingerprint([stored.text, ...(stored.includes ?? []).map((f) => f.text)]),
  };
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
