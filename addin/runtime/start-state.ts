/**
 * What happened when the workbook opened, shared by the task pane and the custom functions (kept on
 * the page's global object, like the rule-book store): loading the rule book the workbook carries
 * (its stored copy, then its remembered URL), so a function without a rule book can say why and the
 * pane can show it; and what the HEADROOM cells were last computed with, so a recalculation is asked
 * for only when their answers would change.
 */

import { ruleBookFingerprint } from "../../shared/rules/revision-rule";
import type { LoadedRuleBook } from "./rule-book-store";

/** One step of opening: reading the stored copy, or loading from the remembered URL. */
export type StartStep =
  | { status: "idle" }
  | { status: "running" }
  /** Failed with a failure that may pass; tries again at `nextAt` (ms since epoch). */
  | { status: "retrying"; error: string; attempt: number; nextAt: number }
  | { status: "done" }
  /** The workbook has no stored copy, or remembers no URL. */
  | { status: "none" }
  | { status: "failed"; error: string };

/** Where the rule book was last loaded from, kept in the workbook's settings. */
export type RememberedUrl = {
  url: string;
  withCookies: boolean;
  /** The revision and fingerprint it had then (see `ruleBookKeyOf`), when known. */
  revision?: number;
  fingerprint?: string;
};

export type StartState = {
  stored: StartStep;
  url: StartStep;
  /** The URL the workbook remembers (null: none, or not read yet). */
  remembered: RememberedUrl | null;
  /** Why the URL could not be remembered in the workbook (a workbook open for viewing), else null. */
  rememberError: string | null;
};

type Listener = (state: StartState) => void;
type Holder = {
  state: StartState;
  listeners: Set<Listener>;
  started: boolean;
  /** The start routine, registered by the task pane's bundle (see `registerStartUp`). */
  registered: (() => Promise<void>) | null;
  /** Key of the rule book the HEADROOM cells show, as far as known (see recalculate.ts). */
  cellsBasis: string | null;
  /** A function answered #N/A for want of a rule book since the last recalculation. */
  answeredWithout: boolean;
};

const initial = (): StartState => ({
  stored: { status: "idle" },
  url: { status: "idle" },
  remembered: null,
  rememberError: null,
});

const HOLDER_KEY = Symbol.for("headroom.startState");
const holder: Holder = ((globalThis as unknown as Record<symbol, Holder | undefined>)[HOLDER_KEY] ??= {
  state: initial(),
  listeners: new Set<Listener>(),
  started: false,
  registered: null,
  cellsBasis: null,
  answeredWithout: false,
});

export function getStartState(): StartState {
  return holder.state;
}

export function updateStartState(change: Partial<StartState>): void {
  holder.state = { ...holder.state, ...change };
  for (const listener of [...holder.listeners]) listener(holder.state);
}

export function subscribeStartState(listener: Listener): () => void {
  holder.listeners.add(listener);
  return () => holder.listeners.delete(listener);
}

/**
 * The start routine lives in the task pane's bundle (it needs the rule-book parser, which the
 * functions' bundle leaves out to stay small, and shares the pane's module state: the ETags a
 * refresh and a publish need). The page runs that bundle whether or not the pane is shown (one
 * shared runtime), so the functions' start-up asks for it by this registration.
 */
export function registerStartUp(start: () => Promise<void>): void {
  holder.registered ??= start;
}

/**
 * Runs the workbook's start routine (the registered one, else `fallback`) once per page, whichever
 * bundle asks first; nothing while there is neither.
 */
export function startOnce(fallback?: () => Promise<void>): Promise<void> {
  const start = holder.registered ?? fallback;
  if (holder.started || !start) return Promise.resolve();
  holder.started = true;
  return start();
}

/** What a rule book's answers depend on: its revision and a fingerprint of its files' text. */
export type RuleBookBasis = { revision: number; fingerprint: string };

const bases = new WeakMap<LoadedRuleBook, RuleBookBasis>();

/**
 * A rule book's basis (see `RuleBookBasis`): a reload of the same files (an unchanged refresh, the
 * stored copy of what the URL serves) has the same one, a changed file under the same revision not.
 */
export function ruleBookBasisOf(loaded: LoadedRuleBook): RuleBookBasis {
  let basis = bases.get(loaded);
  if (basis === undefined) {
    basis = {
      revision: loaded.book.meta.revision,
      fingerprint: ruleBookFingerprint(loaded.files.map((f) => f.text)),
    };
    bases.set(loaded, basis);
  }
  return basis;
}

/** A basis as one comparable key. */
export const basisKey = (b: RuleBookBasis): string => `${b.revision}:${b.fingerprint}`;

/** The key of a rule book's basis (see `ruleBookBasisOf`). */
export const ruleBookKeyOf = (loaded: LoadedRuleBook): string => basisKey(ruleBookBasisOf(loaded));

/** The key of the rule book the HEADROOM cells were last computed with, or null when unknown. */
export function getCellsBasis(): string | null {
  return holder.cellsBasis;
}

export function setCellsBasis(key: string | null): void {
  holder.cellsBasis = key;
}

/** Called by a function that answered without a rule book: its cell needs computing again. */
export function noteAnsweredWithoutRuleBook(): void {
  holder.answeredWithout = true;
}

/** Whether a function answered without a rule book since the last call; clears it. */
export function takeAnsweredWithoutRuleBook(): boolean {
  const was = holder.answeredWithout;
  holder.answeredWithout = false;
  return was;
}

// The ribbon as manifest.xml builds it: the Check purchases button in the Headroom group of the Home tab.
const OPEN_HEADROOM = "click Check purchases on the Home tab (Headroom group)";

/**
 * Why the functions have no rule book, for their #N/A: what opening the workbook is doing or what
 * went wrong, else how to load one.
 */
export function noRuleBookMessage(state: StartState = holder.state): string {
  const { stored, url, remembered } = state;
  const where = remembered ? `from ${remembered.url}` : "from its URL";
  if (stored.status === "running") {
    return "Headroom is reading the rule book stored in this workbook; this cell updates when it is loaded (Excel waits while a cell is being edited).";
  }
  if (stored.status === "retrying") {
    return `Headroom could not read the rule book stored in this workbook: ${stored.error}. It retries; to load it now, ${OPEN_HEADROOM}.`;
  }
  if (url.status === "running") {
    return `Headroom is loading the rule book ${where}; this cell updates when it is loaded.`;
  }
  if (url.status === "retrying") {
    return `Headroom could not load the rule book ${where}: ${url.error}. It retries; to load it now, ${OPEN_HEADROOM}.`;
  }
  if (stored.status === "failed") {
    return `Headroom could not read the rule book stored in this workbook: ${stored.error}. To load it, ${OPEN_HEADROOM}.`;
  }
  if (url.status === "failed") {
    return `Headroom could not load the rule book ${where}: ${url.error}. To load it, ${OPEN_HEADROOM}.`;
  }
  return `No rule book is loaded: ${OPEN_HEADROOM} and load the rule book.`;
}

/** For tests: as a fresh page. */
export function resetStartState(): void {
  holder.state = initial();
  holder.listeners.clear();
  holder.started = false;
  holder.registered = null;
  holder.cellsBasis = null;
  holder.answeredWithout = false;
}
