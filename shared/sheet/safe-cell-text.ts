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

/**
 * An amount as registers write it, with a sign: `-25.00`, `+1,234.56`, `-1.234,56`, `-1 234`, with
 * a currency sign or code (`-€25.00`, `-25.00 EUR`). Nothing in it can make a formula do anything.
 */
const SIGNED_NUMBER = /^[+-] ?[$€£¥]? ?\d[\d.,' \u00a0\u202f]*(?: ?(?:[A-Z]{3}|[$€£¥]))?$/;

/**
 * Whether a CSV cell would be taken for a formula by a spreadsheet opening the file: it starts with
 * `=`, `+`, `-`, `@`, tab or carriage return (or their full-width forms), and is not a signed number
 * such as `-25.00`, which stays a number (nor a lone `-`, as exports write for "none"). See OWASP's "CSV Injection" page
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function looksLikeFormula(cell: string): boolean {
  if (cell.length === 0 || !FORMULA_STARTS.has(cell.charAt(0))) return false;
  return cell !== "-" && !SIGNED_NUMBER.test(cell);
}

/**
 * A CSV cell that a spreadsheet shows as the text it is: a cell that looks like a formula gets a
 * single quote in front, as OWASP advises, so Excel and LibreOffice show `'=HYPERLINK(…)` rather
 * than run it. Other cells are returned as they are.
 */
export function csvSafeCell(cell: string): string {
  return looksLikeFormula(cell) ? "'" + cell : cell;
}
