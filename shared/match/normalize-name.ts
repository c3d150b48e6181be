/**
 * Legal-form suffixes, as single tokens after punctuation is removed and lower-cased.
 * Dotted or spaced forms ("S. A.", "L.L.C.", "B V") arrive as runs of one-letter tokens and are
 * joined before they are looked up here, so only the joined spelling is listed.
 */
const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  // English-speaking countries.
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "lp",
  "llp",
  "lllp",
  "llc",
  "pllc",
  "ltd",
  "limited",
  "plc",
  "pty",
  "pte",
  "pvt",
  // Continental Europe.
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "kgaa",
  "ug",
  "ev",
  "sa",
  "sas",
  "sasu",
  "sarl",
  "sl",
  "slu",
  "spa",
  "srl",
  "sro",
  "se",
  "bv",
  "nv",
  "vof",
  "cv",
  "sab",
  "oy",
  "oyj",
  "ab",
  "as",
  "asa",
  "aps",
  "sp",
  "zoo",
  "ltda",
  // Asia.
  "kk",
  "kabushiki",
  "kaisha",
  "bhd",
  "sdn",
  "tbk",
]);

/** Words left dangling once a legal form after them is dropped. */
const DANGLING: ReadonlySet<string> = new Set(["and", "de", "und", "et"]);

/** Longest dotted suffix spelled one letter at a time ("l l l p", "s a s u"). */
const MAX_LETTER_RUN = 4;

/** Letters that NFKD does not decompose into a base letter plus a combining mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  ł: "l",
  œ: "oe",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
};
const SPECIAL_LETTER_RE = /[ßæøłœđðþıħ]/g;
/** Marks that NFKD would spell out as letters ("Dell™" → "delltm"). */
const TRADEMARKS_RE = /[™℠®©]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
const NON_ASCII_RE = /[\u0080-\uffff]/;
/** Apostrophes join: "O'Brien" is one word, "obrien". */
const APOSTROPHES_RE = /['’‘ʼ`´′]/g;
const ASCII_SEPARATORS_RE = /[^a-z0-9&]+/;
const SEPARATORS_RE = /[^\p{L}\p{N}&]+/u;

/**
 * Normalises a supplier name as written in an AP register or rule book, so that spelling
 * variants of one company compare equal: "DELL INC.", "Dell, Inc." and "Dell Incorporated" all
 * become "dell"; "W.W. Grainger, Inc." and "WW Grainger" become "ww grainger".
 *
 * Lower case; accents stripped (ß→ss, æ→ae, ø→o, ł→l); "&" → "and"; apostrophes dropped;
 * other punctuation separates words; runs of one-letter words are joined ("w w" → "ww");
 * a leading "the" and trailing legal forms ("Inc", "GmbH", "S.A.", "Pty Ltd") are dropped.
 * Never returns "" for a name with a letter or digit: the last word is always kept.
 */
export function normalizeName(name: string): string {
  const tokens = asciiTokens(name) ?? unicodeTokens(name);
  while (tokens.length > 1 && tokens[0] === "the") tokens.shift();
  stripLegalSuffixes(tokens);
  return joinLetterRuns(tokens).join(" ");
}

/** Words of any name: accents folded, "&" as its own word "and". Exported so tests can hold `asciiTokens` to it. */
export function unicodeTokens(name: string): string[] {
  let s = name.toLowerCase();
  const ascii = !NON_ASCII_RE.test(s);
  if (!ascii) {
    // NFKD rather than NFD also folds full-width and ligature forms ("ＤＥＬＬ", "ﬁ").
    s = s
      .replace(TRADEMARKS_RE, " ")
      .normalize("NFKD")
      .replace(COMBINING_MARKS_RE, "")
      .toLowerCase()
      .replace(SPECIAL_LETTER_RE, (c) => SPECIAL_LETTERS[c] ?? c);
  }
  s = s.replace(APOSTROPHES_RE, "");
  const raw = s.split(ascii ? ASCII_SEPARATORS_RE : SEPARATORS_RE);
  const tokens: string[] = [];
  for (const part of raw) {
    if (part === "") continue;
    if (part.indexOf("&") === -1) {
      tokens.push(part);
      continue;
    }
    // "&" splits words too: "AT&T" → "at and t".
    part.split("&").forEach((piece, i) => {
      if (i > 0) tokens.push("and");
      if (piece !== "") tokens.push(piece);
    });
  }
  return tokens;
}

/**
 * The words of a plain ASCII name in one pass, as `unicodeTokens` splits them (lower case,
 * apostrophes dropped, "&" a word "and" of its own, any other non-alphanumeric a separator);
 * undefined for a name with any other character. Most names are like this, and rule books have
 * tens of thousands of them.
 */
export function asciiTokens(name: string): string[] | undefined {
  const tokens: string[] = [];
  // A word is cut out of the name whole (one slice, one lower-casing), not built a letter at a time;
  // `word` only collects the pieces of a word that apostrophes split.
  let word = "";
  let start = -1;
  const n = name.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? name.charCodeAt(i) : 32;
    if (c > 127) return undefined;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      word += name.slice(start, i);
      start = -1;
    }
    if (c === 39 || c === 96) continue; // apostrophes join: "O'Brien" is "obrien"
    if (word !== "") tokens.push(word.toLowerCase());
    word = "";
    if (c === 38) tokens.push("and");
  }
  return tokens;
}

function stripLegalSuffixes(tokens: string[]): void {
  for (;;) {
    const n = suffixLength(tokens);
    if (n === 0 || n >= tokens.length) return;
    tokens.length -= n;
    // "Smith & Co" and "S.A. de C.V." leave a dangling connector.
    if (tokens.length > 1 && DANGLING.has(tokens[tokens.length - 1]!)) tokens.length -= 1;
  }
}

/** How many trailing tokens spell a legal form: one word ("llc") or a run of letters ("l", "l", "c"). */
function suffixLength(tokens: readonly string[]): number {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return 0;
  if (last.length > 1) return LEGAL_SUFFIXES.has(last) ? 1 : 0;
  // Trailing one-letter tokens: try the longest spelled form first ("s a s" before "a s").
  let run = 0;
  while (run < MAX_LETTER_RUN && run < tokens.length && tokens[tokens.length - 1 - run]!.length === 1) run++;
  for (let k = run; k >= 2; k--) {
    if (LEGAL_SUFFIXES.has(tokens.slice(tokens.length - k).join(""))) return k;
  }
  return 0;
}

/** Joins runs of one-letter words, so "W. W. Grainger" and "WW Grainger" agree. Digits stay apart. */
function joinLetterRuns(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let run = "";
  for (const t of tokens) {
    if (t.length === 1 && !isDigit(t)) {
      run += t;
      continue;
    }
    if (run !== "") out.push(run);
    run = "";
    out.push(t);
  }
  if (run !== "") out.push(run);
  return out;
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
