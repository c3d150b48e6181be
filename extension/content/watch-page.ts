import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { PRICE_BEARING } from "./selectors";

/** Options for {@link watchPage}. */
export type WatchPageOptions = {
  /** Called (debounced) when the price may have changed or the address changed. */
  onChange: (reason: "navigation" | "mutation") => void;
  /** Selectors whose elements' text is the price (the rule book's hints); read at each check. */
  watchedSelectors: () => readonly string[];
  /** Our own host element: its mutations are not the page's. */
  isOwnNode: (node: Node) => boolean;
};

/** Quiet time after the last mutation before looking. */
const DEBOUNCE_MS = 250;
/** Longest a steady stream of mutations can put a look off. */
const MAX_WAIT_MS = 1500;
/** At most one mutation-driven detection per this many milliseconds. */
const MIN_INTERVAL_MS = 1000;
/** Mutation records kept per tick; past this the tick counts as "something big changed". */
const MAX_RECORDS = 400;
/** Added or removed nodes inspected per tick; past this, likewise. */
const MAX_NODES = 400;

/**
 * Calls `onChange` after history navigation (pushState, replaceState, popstate, the Navigation API via
 * WXT's location watcher) and after DOM changes that can change the price. The mutation observer only
 * stores records; a debounced tick looks at the added and removed nodes and the changed targets, at most
 * a fixed number of them, and asks whether any is or holds something price-bearing. The document is
 * never rescanned because of a mutation; only a relevant change (or a change too big to inspect) leads to
 * one detection, at most once a second.
 */
export function watchPage(ctx: ContentScriptContext, options: WatchPageOptions): void {
  let records: MutationRecord[] = [];
  let overflow = false;
  let lastRun = 0;
  // One timer at a time, re-armed from timestamps: a busy page costs no timer churn, and plain
  // setTimeout (not ctx.setTimeout, which adds an abort listener per call) keeps nothing growing.
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingSince = 0;
  let lastMutation = 0;
  let navTimer: ReturnType<typeof setTimeout> | null = null;
  ctx.onInvalidated(() => {
    if (timer !== null) clearTimeout(timer);
    if (navTimer !== null) clearTimeout(navTimer);
  });

  const arm = (delay: number): void => {
    timer = setTimeout(wake, Math.max(0, delay));
  };

  const wake = (): void => {
    timer = null;
    if (ctx.isInvalid) return;
    const now = performance.now();
    // Still changing: wait for a quiet moment, but never longer than MAX_WAIT_MS (a ticking clock).
    const quietIn = lastMutation + DEBOUNCE_MS - now;
    if (quietIn > 0 && now - pendingSince < MAX_WAIT_MS) return arm(Math.min(quietIn, MAX_WAIT_MS));
    if (now - lastRun < MIN_INTERVAL_MS) return arm(MIN_INTERVAL_MS - (now - lastRun));
    tick();
  };

  const relevantElement = (el: Element, selector: string): boolean => {
    try {
      return el.matches(selector) || el.closest(selector) !== null || el.querySelector(selector) !== null;
    } catch {
      return false;
    }
  };

  const tick = (): void => {
    const batch = records;
    const big = overflow;
    records = [];
    overflow = false;
    const selector = [PRICE_BEARING, ...options.watchedSelectors()].join(",");
    let inspected = 0;
    let relevant = big;
    const check = (node: Node): boolean => {
      inspected++;
      if (options.isOwnNode(node)) return false;
      const el = node instanceof Element ? node : node.parentElement;
      return el !== null && relevantElement(el, selector);
    };
    for (const record of batch) {
      if (relevant || inspected > MAX_NODES) break;
      if (options.isOwnNode(record.target)) continue;
      if (record.type === "characterData" || record.type === "attributes") {
        relevant = check(record.target);
        continue;
      }
      for (const node of record.addedNodes) if (!relevant && inspected <= MAX_NODES) relevant = check(node);
      for (const node of record.removedNodes) if (!relevant && inspected <= MAX_NODES) relevant = check(node);
      // Text replaced inside an element (el.textContent = …) shows as a childList change of that element.
      if (!relevant && record.target instanceof Element && record.addedNodes.length > 0) {
        relevant = check(record.target);
      }
    }
    if (inspected > MAX_NODES) relevant = true;
    if (!relevant) return;
    lastRun = performance.now();
    options.onChange("mutation");
  };

  const observer = new MutationObserver((list) => {
    if (overflow || records.length + list.length > MAX_RECORDS) {
      overflow = true;
      records = [];
    } else {
      records.push(...list);
    }
    lastMutation = performance.now();
    if (timer === null) {
      pendingSince = lastMutation;
      arm(DEBOUNCE_MS);
    }
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["content", "itemprop", "value"],
  });
  ctx.onInvalidated(() => observer.disconnect());

  const navigated = (): void => {
    if (navTimer !== null) clearTimeout(navTimer);
    // The Navigation API reports before the new address commits; look once it has.
    navTimer = setTimeout(() => {
      navTimer = null;
      if (ctx.isValid) options.onChange("navigation");
    }, 50);
  };
  ctx.addEventListener(window, "wxt:locationchange", navigated);
  ctx.addEventListener(window, "popstate", navigated);
}
