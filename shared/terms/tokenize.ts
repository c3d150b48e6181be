/** Kind of a payment-terms token. */
export type TokenKind = "number" | "ordinal" | "word" | "percent" | "slash";

/** One token of payment-terms text, with its character range in the input. */
export type Token = {
  kind: TokenKind;
  /** Words: lower case with dots removed ("E.O.M." → "eom"); numbers: the digits as written. */
  text: string;
  /** Value of number and ordinal tokens ("15th" → 15); NaN for the other kinds. */
  value: number;
  start: number;
  end: number;
};

const PERCENT = 0x25;
const SLASH = 0x2f;
const DOT = 0x2e;

/** Punctuation that only separates tokens, so "Net-30", "2/10, net 30" and "EOM+30" read as intended. */
function isSeparator(c: number): boolean {
  if (c <= 0x20) return true; // space, tab, line breaks, control characters
  switch (c) {
    case 0x22: // "
    case 0x26: // &
    case 0x27: // '
    case 0x28: // (
    case 0x29: // )
    case 0x2b: // +
    case 0x2c: // ,
    case 0x2d: // -
    case 0x3a: // :
    case 0x3b: // ;
    case 0x5b: // [
    case 0x5d: // ]
    case 0x5f: // _
    case 0xa0: // no-break space
    case 0x2007: // figure space
    case 0x2009: // thin space
    case 0x200b: // zero-width space
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201c: // “
    case 0x201d: // ”
    case 0x202f: // narrow no-break space
    case 0x3000: // ideographic space
    case 0xfeff: // byte-order mark
      return true;
  }
  return false;
}

const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const ORDINAL = /^(\d+)(?:st|nd|rd|th)$/;
const WORD = /^[a-z]+(?:\.[a-z]+)*$/;
const WORD_THEN_NUMBER = /^([a-z]+)(\d+(?:\.\d+)?)$/;
const NUMBER_THEN_WORD = /^(\d+(?:\.\d+)?)([a-z]+)$/;
/** Words that may be glued to a preceding number: "30days", "30d", "10EOM". */
const GLUED_SUFFIXES: ReadonlySet<string> = new Set(["d", "day", "days", "eom"]);

function push(
  tokens: Token[],
  kind: TokenKind,
  text: string,
  value: number,
  start: number,
  end: number,
): void {
  tokens.push({ kind, text, value, start, end });
}

/** Classifies one run of non-separator characters, input[start, end). */
function classify(input: string, start: number, end: number, tokens: Token[]): void {
  const lower = input.slice(start, end).toLowerCase();
  if (NUMBER.test(lower)) return push(tokens, "number", lower, Number(lower), start, end);
  const ordinal = ORDINAL.exec(lower);
  if (ordinal) return push(tokens, "ordinal", lower, Number(ordinal[1]), start, end);
  if (WORD.test(lower)) {
    return push(tokens, "word", lower.includes(".") ? lower.replaceAll(".", "") : lower, NaN, start, end);
  }
  // The split patterns are ASCII-only, so offsets in `lower` equal offsets in the input.
  const wordNumber = WORD_THEN_NUMBER.exec(lower);
  if (wordNumber) {
    const word = wordNumber[1] ?? "";
    const split = start + word.length;
    push(tokens, "word", word, NaN, start, split);
    return push(tokens, "number", lower.slice(word.length), Number(lower.slice(word.length)), split, end);
  }
  const numberWord = NUMBER_THEN_WORD.exec(lower);
  if (numberWord && GLUED_SUFFIXES.has(numberWord[2] ?? "")) {
    const digits = numberWord[1] ?? "";
    const split = start + digits.length;
    push(tokens, "number", digits, Number(digits), start, split);
    return push(tokens, "word", lower.slice(digits.length), NaN, split, end);
  }
  // Anything else ("3O", "30€", "días") is a word no rule knows; the parser reports it in context.
  push(tokens, "word", lower, NaN, start, end);
}

/**
 * Splits payment-terms text into tokens with character offsets. Separator punctuation is dropped;
 * `%` and `/` are tokens of their own; dots inside a run are kept for decimals ("1.5") and
 * removed from abbreviations ("C.O.D."); trailing dots are dropped ("Net 30.").
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const length = input.length;
  let i = 0;
  while (i < length) {
    const c = input.charCodeAt(i);
    if (isSeparator(c)) {
      i++;
    } else if (c === PERCENT || c === SLASH) {
      push(tokens, c === PERCENT ? "percent" : "slash", c === PERCENT ? "%" : "/", NaN, i, i + 1);
      i++;
    } else {
      let j = i + 1;
      while (j < length) {
        const d = input.charCodeAt(j);
        if (isSeparator(d) || d === PERCENT || d === SLASH) break;
        j++;
      }
      let end = j;
      while (end > i && input.charCodeAt(end - 1) === DOT) end--;
      if (end > i) classify(input, i, end, tokens);
      i = j;
    }
  }
  return tokens;
}
