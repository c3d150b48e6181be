import type { ExcelDateSystem } from "../../shared/dates/excel-serial";

/**
 * The open workbook's date system, as the custom functions read and write date serials: "1900"
 * until the runtime has read the workbook (`learnDateSystem` in functions/startup.ts; the task pane
 * may set it too). A function's own optional `dateSystem` argument wins over it. Kept on the page's
 * global object like the rule-book store, so the task pane and functions bundles share it.
 */

type Listener = (system: ExcelDateSystem) => void;
type Holder = { system: ExcelDateSystem; listeners: Set<Listener> };
const HOLDER_KEY = Symbol.for("headroom.workbookDateSystem");
const holder: Holder = ((globalThis as unknown as Record<symbol, Holder | undefined>)[HOLDER_KEY] ??= {
  system: "1900",
  listeners: new Set<Listener>(),
});

export function getWorkbookDateSystem(): ExcelDateSystem {
  return holder.system;
}

/** Sets the workbook's date system; listeners hear only real changes. */
export function setWorkbookDateSystem(system: ExcelDateSystem): void {
  if (holder.system === system) return;
  holder.system = system;
  for (const listener of [...holder.listeners]) listener(system);
}

/** Listen for changes; returns the function that stops listening. */
export function subscribeWorkbookDateSystem(listener: Listener): () => void {
  holder.listeners.add(listener);
  return () => holder.listeners.delete(listener);
}

/** For tests: back to 1900, no listeners. */
export function resetWorkbookDateSystem(): void {
  holder.system = "1900";
  holder.listeners.clear();
}
