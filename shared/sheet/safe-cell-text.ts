/**
 * Characters that make a spreadsheet read typed text as a formula (or, for tab and carriage return,
 * that CSV-to-sheet imports have been tricked with): `=`, `+`, `-`, `@`, tab, CR, and the full-width
 * forms an East Asian keyboard produces, which Excel also accepts as formula starts.
 */
const FORMULA_STARTS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Text that a sheet stores as the same text, never as a formula: text starting with a formula
 * character gets Excel's text prefix, an apostrophe, which Excel keeps out of the value (the cell
 * shows and returns the text as given). Text that already starts with an apostrophe gets one more,
 * so it keeps its own. Longer text than a cell holds is cut, with an ellipsis.
 */
export function safeCellText(text: string): string {
  let t = text.length > MAX_CELL_TEXT - 1 ? text.slice(0, MAX_CELL_TEXT - 2) + "…" : text;
  const first = t.charAt(0);
  if (FORMULA_STARTS.has(first) || first === "'") t = "'" + t;
  return t;
}
