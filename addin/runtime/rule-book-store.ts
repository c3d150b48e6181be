import type { RuleIssue } from "../../shared/rules/issues";
import type { RuleBook } from "../../shared/rules/rule-book";

/**
 * The rule book the add-in is using, shared in memory by the task pane and the custom functions
 * (one shared runtime, `lifetime="long"`). The task pane loads and replaces it; the functions only
 * read it. A failed load never clears the last good rule book: it sets `lastError` beside it.
 */

export type RuleBookOrigin =
  | {
      kind: "url";
      url: string;
      etag: string | null;
      /**
       * Whether the analyst's sign-in cookies go with every request to the server (the pane's
       * "Send my sign-in cookies to this server", off unless ticked; absent in a copy kept before
       * the setting existed, which means off). Kept with the URL so a refresh and a publish send
       * what the load sent.
       */
      withCookies?: boolean;
    }
  | { kind: "file"; fileName: string }
  | { kind: "workbook" };

export type LoadedRuleBook = {
  book: RuleBook;
  origin: RuleBookOrigin;
  /** The JSON text files it was built from, so it can be stored in the workbook or re-published. */
  files: readonly { name: string; text: string }[];
  /** When it was loaded (ms since epoch). */
  loadedAt: number;
  /** "The revision was not raised: …" when it replaced a different text with the same revision. */
  revisionWarning?: string;
};

export type RuleBookStoreState = {
  current: LoadedRuleBook | null;
  /** `details`: lines beside the issues, such as why an older revision was refused and what to do. */
  lastError: {
    message: string;
    issues: readonly RuleIssue[];
    at: number;
    details?: readonly string[];
  } | null;
};

type Listener = (state: RuleBookStoreState) => void;

/**
 * The task pane (taskpane.js) and the custom functions (functions.js) are separate bundles loaded
 * into one page, so each has its own copy of this module. The state lives on the page's global
 * object under a registered symbol, so both copies read and write the same rule book.
 */
type Holder = { state: RuleBookStoreState; listeners: Set<Listener> };
const HOLDER_KEY = Symbol.for("headroom.ruleBookStore");
const holder: Holder = ((globalThis as unknown as Record<symbol, Holder | undefined>)[HOLDER_KEY] ??= {
  state: { current: null, lastError: null },
  listeners: new Set<Listener>(),
});

export function getRuleBookState(): RuleBookStoreState {
  return holder.state;
}

/** Swap in a good rule book; clears the last error. */
export function setRuleBook(loaded: LoadedRuleBook): void {
  holder.state = { current: loaded, lastError: null };
  notify();
}

/**
 * Record a failed load; the current rule book stays in use. `details`: lines beside the issues, such
 * as what the server's administrator must configure.
 */
export function setRuleBookError(
  message: string,
  issues: readonly RuleIssue[] = [],
  at = Date.now(),
  details: readonly string[] = [],
): void {
  const lastError = details.length > 0 ? { message, issues, at, details } : { message, issues, at };
  holder.state = { current: holder.state.current, lastError };
  notify();
}

/** Record a rule book that was read but not taken (an older revision); the current one stays in use. */
export function setRuleBookRefusal(message: string, details: readonly string[], at = Date.now()): void {
  holder.state = { current: holder.state.current, lastError: { message, issues: [], at, details } };
  notify();
}

/** Listen for changes; returns the function that stops listening. */
export function subscribeRuleBook(listener: Listener): () => void {
  holder.listeners.add(listener);
  return () => holder.listeners.delete(listener);
}

/** For tests: forget everything. */
export function resetRuleBookStore(): void {
  holder.state = { current: null, lastError: null };
  holder.listeners.clear();
}

function notify(): void {
  const state = holder.state;
  for (const listener of [...holder.listeners]) listener(state);
}
