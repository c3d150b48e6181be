import type { Supplier } from "../rules/rule-book";

/** Ends a sentence with a full stop unless it already has one ("… Inc." stays as it is). */
export function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "A, B and C" (at most five names, then "and N more"). */
export function names(suppliers: readonly Supplier[]): string {
  const shown = suppliers.slice(0, 5).map((s) => s.name);
  if (suppliers.length > 5) shown.push(`${suppliers.length - 5} more`);
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}
