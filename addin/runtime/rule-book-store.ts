import type { RuleIssue } from "../../shared/rules/issues";
import type { RuleBook } from "../../shared/rules/rule-book";

/**
 * The rule book the add-in is using, shared in memory by the task pane and the custom functions
 * (one shared runtime, `lifetime="long"`). The task pane loads and replaces it; the functions only
 * read it. A failed load never clears the last good rule book: it sets `lastError` beside it.
 */

export type RuleBookOrigin =
  | { kind: "url"; url: string; etag: string | null }
  | { kind: "file"; fileName: string }
  | { kind: "workbook" };

export type LoadedRuleBook = {
  book: RuleBook;
  origin: RuleBookOrigin;
  /** The JSON text files it was built from, so it can be stored in the workbook or re-published. */
  files: readonly { name: string; text: string }[];
  /** When it was loaded (ms since epoch). */
  loadedAt: number;
};

export type RuleBookStoreState = {
  current: LoadedRuleBook | null;
  lastError: { message: string; issues: readonly RuleIssue[]; at: number } | null;
};

type Listener = (state: RuleBookStoreState) => void;

let state: RuleBookStoreState = { current: null, lastError: null };
const listeners = new Set<Listener>();

export function getRuleBookState(): RuleBookStoreState {
  return state;
}

/** Swap in a good rule book; clears the last error. */
export function setRuleBook(loaded: LoadedRuleBook): void {
  state = { current: loaded, lastError: null };
  notify();
}

/** Record a failed load; the current rule book stays in use. */
export function setRuleBookError(message: string, issues: readonly RuleIssue[] = [], at = Date.now()): void {
  state = { current: state.current, lastError: { message, issues, at } };
  notify();
}

/** Listen for changes; returns the function that stops listening. */
export function subscribeRuleBook(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget everything. */
export function resetRuleBookStore(): void {
  state = { current: null, lastError: null };
  listeners.clear();
}

function notify(): void {
  for (const listener of [...listeners]) listener(state);
}
