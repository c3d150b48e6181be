import { err, ok, type Result } from "../result";
import { currencyExponent, isCurrencyCode } from "./currencies";
import {
  divRound,
  divRoundSafe,
  formatDecimal,
  lexDecimal,
  parseDecimal,
  pow10n,
  quoteInput,
  type Decimal,
  type RoundingMode,
} from "./decimal";

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_DIGITS = String(MAX);
const MAX_BIG = BigInt(MAX);
/** Exact powers of ten as doubles, far enough for any exponent plus a percent scale on the fast path. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Options for {@link parseAmount}. */
export type ParseAmountOptions = {
  /** How to round when `allowRounding` is true. Default "half-away-from-zero". */
  rounding?: RoundingMode;
  /** Round extra decimals instead of rejecting them. Default false: "10.005" USD is an error. */
  allowRounding?: boolean;
};

/** Options for {@link amountFromNumber}. */
export type AmountFromNumberOptions = {
  /** How to round to the currency's exponent. Default "half-away-from-zero". */
  rounding?: RoundingMode;
};

/** Hints for {@link parseMoneyText}: what the surrounding context (column, page, user) says. */
export type MoneyTextHints = {
  /** ISO 4217 code used when the text names no currency; also settles "$", "¥" and "kr". */
  currency?: string;
  /** BCP 47 locale of the text (e.g. "de-DE"); settles "1,234" / "1.234". */
  locale?: string;
};

/**
 * A parsed money text: minor units, the currency the text itself named (absent when it named none),
 * and, only when `minor` was rounded, how many decimals the text had (not counting trailing zeros):
 * more than the currency has ("¥1,000.50"), which a caller should say rather than round silently.
 */
export type ParsedMoney = { minor: number; currency?: string; decimals?: number };

// ---------------------------------------------------------------------------------------------------------
// Decimal digits → minor units, without BigInt: rounding a decimal string only needs its digits.

/**
 * Rounds ±intDigits.fracDigits to `exp` decimals and returns it in minor units,
 * or undefined when the result is not a safe integer.
 */
function digitsToMinor(
  negative: boolean,
  intDigits: string,
  fracDigits: string,
  exp: number,
  mode: RoundingMode,
): number | undefined {
  const kept = fracDigits.length >= exp ? fracDigits.slice(0, exp) : fracDigits.padEnd(exp, "0");
  let digits = intDigits + kept;
  let roundUp = false;
  if (fracDigits.length > exp) {
    const first = fracDigits.charCodeAt(exp) - 48;
    if (first > 5) roundUp = true;
    else if (first === 5) {
      if (/[1-9]/.test(fracDigits.slice(exp + 1))) roundUp = true;
      else if (mode === "half-away-from-zero") roundUp = true;
      else roundUp = digits.length > 0 && (digits.charCodeAt(digits.length - 1) - 48) % 2 === 1;
    }
  }
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48) start++;
  digits = digits.slice(start);
  if (digits.length > MAX_DIGITS.length) return undefined;
  // Same length: string order is numeric order, so this rejects anything above 2^53 − 1 before Number().
  if (digits.length === MAX_DIGITS.length && digits > MAX_DIGITS) return undefined;
  let magnitude = digits === "" ? 0 : Number(digits);
  if (roundUp) magnitude += 1;
  if (magnitude > MAX) return undefined;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

function exponentOrError(currency: string): Result<number> {
  const exp = currencyExponent(currency);
  if (exp === undefined) {
    return err(`unknown currency ${quoteInput(currency)}: expected an ISO 4217 code such as USD or EUR`);
  }
  return ok(exp);
}

function exponentOrThrow(currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new RangeError(`unknown currency ${quoteInput(currency)}`);
  return exp;
}

function tooLarge(shown: string, currency: string, exp: number): string {
  const limit = formatDecimal({ units: MAX_BIG, scale: exp });
  return `${shown} is too large: ${currency} amounts are limited to ±${limit}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------------------
// Strict and spreadsheet input

/**
 * Parses a strict decimal amount as written in rule files ("250000.00", "-12.5", "0") into minor units.
 *
 * More decimals than the currency has is an error unless `allowRounding` is set — even trailing zeros:
 * "100.000" for USD is rejected because it is often a European "one hundred thousand".
 * Errors: not a strict decimal, unknown currency, too many decimals, beyond ±(2^53 − 1) minor units.
 */
export function parseAmount(text: string, currency: string, opts: ParseAmountOptions = {}): Result<number> {
  const exp = exponentOrError(currency);
  if (!exp.ok) return exp;
  const parts = lexDecimal(text);
  if (!parts.ok) return parts;
  const { negative, intDigits, fracDigits } = parts.value;
  if (fracDigits.length > exp.value && opts.allowRounding !== true) {
    return err(
      `${quoteInput(text)} has ${plural(fracDigits.length, "decimal")} but ${currency} has ${exp.value}`,
    );
  }
  const minor = digitsToMinor(
    negative,
    intDigits,
    fracDigits,
    exp.value,
    opts.rounding ?? "half-away-from-zero",
  );
  if (minor === undefined) return err(tooLarge(quoteInput(text), currency, exp.value));
  return ok(minor);
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * Converts a JS number as typed in a spreadsheet cell (1234.56) to minor units.
 *
 * Uses the shortest round-trip decimal form (String(value)), i.e. what the user typed: 10.005 is stored
 * as 10.00499999… in binary but rounds to 10.01 here. Always rounds to the currency's exponent
 * (half-away-from-zero unless `rounding` says otherwise). Errors: NaN, ±Infinity, unknown currency,
 * results beyond ±(2^53 − 1) minor units.
 */
export function amountFromNumber(
  value: number,
  currency: string,
  opts: AmountFromNumberOptions = {},
): Result<number> {
  const exp = exponentOrError(currency);
  if (!exp.ok) return exp;
  if (!Number.isFinite(value)) return err(`${String(value)} is not an amount`);
  const scale = POW10[exp.value] ?? 10 ** exp.value;
  // Fast path, no strings: if r / 10^exp gives back `value`, the decimal r·10^−exp rounds to `value`.
  // With |r| < 10^15 it has at most 15 significant digits, and distinct decimals of ≤ 15 digits never
  // share a double, so it IS the shortest decimal form of `value`: r is exact and needs no rounding.
  const r = Math.round(value * scale);
  if (Math.abs(r) < 1e15 && r / scale === value) return ok(r + 0);
  const text = String(value);
  const m = NUMBER_TEXT.exec(text);
  if (m === null) throw new Error(`amountFromNumber: unexpected number text ${text}`);
  const mantissa = (m[2] ?? "") + (m[3] ?? "");
  const point = (m[2] ?? "").length + Number(m[4] ?? "0");
  let intDigits: string;
  let fracDigits: string;
  if (point <= 0) {
    intDigits = "0";
    fracDigits = "0".repeat(-point) + mantissa;
  } else if (point >= mantissa.length) {
    intDigits = mantissa + "0".repeat(point - mantissa.length);
    fracDigits = "";
  } else {
    intDigits = mantissa.slice(0, point);
    fracDigits = mantissa.slice(point);
  }
  const minor = digitsToMinor(
    m[1] === "-",
    intDigits,
    fracDigits,
    exp.value,
    opts.rounding ?? "half-away-from-zero",
  );
  if (minor === undefined) return err(tooLarge(text, currency, exp.value));
  return ok(minor);
}

// ---------------------------------------------------------------------------------------------------------
// Lenient money text

/** Symbols that name exactly one currency. Upper-case ISO codes are recognised separately. */
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ["US$", "USD"],
  ["U$S", "USD"],
  ["C$", "CAD"],
  ["CA$", "CAD"],
  ["A$", "AUD"],
  ["AU$", "AUD"],
  ["NZ$", "NZD"],
  ["HK$", "HKD"],
  ["S$", "SGD"],
  ["SG$", "SGD"],
  ["MX$", "MXN"],
  ["NT$", "TWD"],
  ["R$", "BRL"],
  ["CN¥", "CNY"],
  ["JP¥", "JPY"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["₹", "INR"],
  ["₩", "KRW"],
  ["₽", "RUB"],
  ["₺", "TRY"],
  ["₪", "ILS"],
  ["₫", "VND"],
  ["₱", "PHP"],
  ["₴", "UAH"],
  ["₦", "NGN"],
  ["฿", "THB"],
  ["₸", "KZT"],
  ["₾", "GEL"],
  ["₡", "CRC"],
  ["₲", "PYG"],
  ["₵", "GHS"],
  ["₼", "AZN"],
  ["zł", "PLN"],
  ["Kč", "CZK"],
  ["Ft", "HUF"],
  ["lei", "RON"],
  ["Rp", "IDR"],
  ["RM", "MYR"],
  ["Fr.", "CHF"],
  ["SFr.", "CHF"],
]);

/** Currencies written with a bare "$" at home: "$" means one of these when the hint names it. */
const DOLLAR_SIGN = new Set([
  "USD",
  "CAD",
  "AUD",
  "NZD",
  "SGD",
  "HKD",
  "MXN",
  "ARS",
  "CLP",
  "COP",
  "CUP",
  "DOP",
  "UYU",
  "TWD",
  "BBD",
  "BMD",
  "BND",
  "BSD",
  "BZD",
  "FJD",
  "GYD",
  "JMD",
  "KYD",
  "LRD",
  "NAD",
  "SBD",
  "SRD",
  "TTD",
  "XCD",
  "WST",
]);
const YEN_SIGN = new Set(["JPY", "CNY"]);
const KRONA_SIGN = new Set(["SEK", "NOK", "DKK", "ISK"]);

type Resolved = { currency: string } | { error: string } | undefined;

/** What a currency token names, given the hint; undefined when the token is not a currency at all. */
function resolveToken(token: string, hint: string | undefined, quoted: string): Resolved {
  const exact = SYMBOLS.get(token);
  if (exact !== undefined) return { currency: exact };
  if (token === "$") return { currency: hint !== undefined && DOLLAR_SIGN.has(hint) ? hint : "USD" };
  if (token === "¥" || token === "￥") {
    return { currency: hint !== undefined && YEN_SIGN.has(hint) ? hint : "JPY" };
  }
  const lower = token.toLowerCase();
  if (lower === "kr" || lower === "kr.") {
    if (hint !== undefined && KRONA_SIGN.has(hint)) return { currency: hint };
    const which = `${quoteInput(token)} could be SEK, NOK, DKK or ISK`;
    return hint === undefined
      ? { error: `${quoted}: ${which}; give a currency hint` }
      : { error: `${quoted}: ${which}, not ${hint}` };
  }
  if (lower === "zł") return { currency: "PLN" };
  // Upper case only: lower-case words such as "all", "top" or "try" are ISO codes too.
  if (isCurrencyCode(token)) return { currency: token };
  // "USD." at the end of a sentence.
  if (token.endsWith(".") && token.length > 1) return resolveToken(token.slice(0, -1), hint, quoted);
  return undefined;
}

type LocaleSeparators = { decimal: string; group: string };
const localeCache = new Map<string, LocaleSeparators>();

function localeSeparators(locale: string): LocaleSeparators | undefined {
  const cached = localeCache.get(locale);
  if (cached !== undefined) return cached;
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  } catch {
    return undefined;
  }
  const seps = {
    decimal: normalizeSeparators(parts.find((p) => p.type === "decimal")?.value ?? "."),
    group: normalizeSeparators(parts.find((p) => p.type === "group")?.value ?? ","),
  };
  localeCache.set(locale, seps);
  return seps;
}

/** Unifies the many spaces, apostrophes and minus signs found in pasted amounts. */
function normalizeSeparators(text: string): string {
  return text
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ")
    .replace(/[’‘ʼ′`´]/g, "'")
    .replace(/[\u2212\u2012\u2013\ufe63\uff0d]/g, "-");
}

/** True when `text` is digits in valid thousands groups (1,234,567 or Indian 12,34,567) with one separator kind. */
function isGrouped(text: string): boolean {
  const sep = /\D/.exec(text)?.[0];
  if (sep === undefined) return true;
  const groups = text.split(sep);
  if (groups.some((g) => !/^\d+$/.test(g))) return false;
  const first = groups[0] ?? "";
  const last = groups[groups.length - 1] ?? "";
  if (first.length > 3 || first.startsWith("0") || last.length !== 3) return false;
  const middle = groups.slice(1, -1);
  if (middle.every((g) => g.length === 3)) return true;
  return first.length <= 2 && middle.every((g) => g.length === 2);
}

/**
 * Splits a number core like "1.234,56" into integer and fraction digits, or undefined when it is not
 * a well-formed number. See {@link parseMoneyText} for the separator rules.
 */
function splitNumber(
  core: string,
  exp: number,
  locale: LocaleSeparators | undefined,
): { intDigits: string; fracDigits: string } | undefined {
  const lastDot = core.lastIndexOf(".");
  const lastComma = core.lastIndexOf(",");
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const at = Math.max(lastDot, lastComma);
    const sep = core.charAt(at);
    if (core.indexOf(sep) === at) {
      const ambiguous = /^\d{3}$/.test(core.slice(at + 1)) && isGrouped(core);
      if (!ambiguous) decimalAt = at;
      else if (locale !== undefined && locale.decimal === sep) decimalAt = at;
      else if (locale !== undefined && locale.group === sep) decimalAt = -1;
      else if (exp === 3) decimalAt = at;
    }
  }
  const intText = decimalAt < 0 ? core : core.slice(0, decimalAt);
  const fracDigits = decimalAt < 0 ? "" : core.slice(decimalAt + 1);
  if (!/^\d*$/.test(fracDigits)) return undefined;
  if (/^\d+$/.test(intText)) return { intDigits: intText, fracDigits };
  if (!isGrouped(intText)) return undefined;
  return { intDigits: intText.replace(/\D/g, ""), fracDigits };
}

const WS = /\s+/y;
const SIGN = /[-+]/y;
const PAREN_OPEN = /\(/y;
const PAREN_CLOSE = /\)/y;
const CURRENCY_TOKEN = /[\p{L}\p{Sc}][\p{L}\p{Sc}.]*/uy;
// Separators are only taken between digits, so "1,234.56- USD" leaves "- USD" for the suffix.
const NUMBER_CORE = /\d(?:\d|[.,' ](?=\d))*/y;

function take(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m === null ? undefined : m[0];
}

/**
 * Parses an amount as it appears in registers and on web shops into minor units.
 *
 * Accepted: "$1,234.56", "1,234.56 USD", "USD 1,234.56", "1.234,56 €", "€1.234,56", "CHF 1'234.50",
 * "1 234,56 zł", "£99", "¥1,234", "(1,234.56)", "-1,234.56", "1234.56-", "US$", "C$", "A$", "kr".
 * Non-breaking, narrow no-break and thin spaces and apostrophes are thousands separators.
 *
 * Separator rules:
 * - When both "." and "," appear, the LAST one is the decimal point and the other groups thousands.
 * - A separator that appears several times groups thousands ("1.234.567").
 * - A single "." or "," is the decimal point unless it is followed by exactly three digits and could be
 *   a thousands separator ("1,234", "12.500"). That ambiguous case is settled by, in order:
 *   1. the locale hint: its decimal separator → decimal, its group separator → grouping
 *      ("1,234" is 1.234 in de-DE and 1234 in en-US; "1.234" is 1234 in de-DE and 1.234 in en-US);
 *   2. a currency with three decimals (KWD, BHD, OMR, JOD, TND, LYD, IQD) → decimal;
 *   3. otherwise → grouping: "1,234" and "1.234" both mean 1234.
 * - Groups must be well formed (1,234,567 or Indian 12,34,567); "1,23" style garbage is an error.
 *
 * Currency: the text's symbol or upper-case ISO code wins over the hint. "$" is USD unless the hint is
 * a "$" currency (CAD, AUD, MXN, …); "¥" is JPY unless the hint is CNY; "kr" needs a SEK/NOK/DKK/ISK
 * hint. Without a currency in the text, the hint's currency is used and `currency` is absent from the
 * result. The value is rounded half-away-from-zero to the currency's exponent, and `decimals` says
 * when that changed it.
 */
export function parseMoneyText(text: string, hints: MoneyTextHints = {}): Result<ParsedMoney> {
  const quoted = quoteInput(text);
  const notAmount = err(`${quoted} is not an amount`);
  if (hints.currency !== undefined && !isCurrencyCode(hints.currency)) {
    return err(`unknown currency hint ${quoteInput(hints.currency)}: expected an ISO 4217 code`);
  }
  let locale: LocaleSeparators | undefined;
  if (hints.locale !== undefined) {
    locale = localeSeparators(hints.locale);
    if (locale === undefined) return err(`unknown locale hint ${quoteInput(hints.locale)}`);
  }

  const s = normalizeSeparators(text).trim();
  let pos = 0;
  let minusSigns = 0;
  let plusSigns = 0;
  let opens = 0;
  let closes = 0;
  const tokens: string[] = [];
  let core: string | undefined;

  // Prefix: signs, "(" and one currency token in any order, then the number, then the suffix.
  for (;;) {
    pos += take(WS, s, pos)?.length ?? 0;
    const sign = take(SIGN, s, pos);
    if (sign !== undefined) {
      if (sign === "-") minusSigns++;
      else plusSigns++;
      pos += 1;
      continue;
    }
    if (take(PAREN_OPEN, s, pos) !== undefined) {
      opens++;
      pos += 1;
      continue;
    }
    const token = take(CURRENCY_TOKEN, s, pos);
    if (token !== undefined && tokens.length === 0) {
      tokens.push(token);
      pos += token.length;
      continue;
    }
    core = take(NUMBER_CORE, s, pos);
    break;
  }
  if (core === undefined) return notAmount;
  pos += core.length;
  const prefixTokens = tokens.length;
  for (;;) {
    pos += take(WS, s, pos)?.length ?? 0;
    if (pos >= s.length) break;
    if (take(SIGN, s, pos) === "-") {
      minusSigns++;
      pos += 1;
      continue;
    }
    if (take(PAREN_CLOSE, s, pos) !== undefined) {
      closes++;
      pos += 1;
      continue;
    }
    const token = take(CURRENCY_TOKEN, s, pos);
    if (token !== undefined && tokens.length === prefixTokens) {
      tokens.push(token);
      pos += token.length;
      continue;
    }
    return notAmount;
  }
  if (opens !== closes || opens > 1 || plusSigns > 1 || minusSigns + opens > 1) return notAmount;
  if (plusSigns > 0 && minusSigns + opens > 0) return notAmount;

  // Currency: what the text names (both sides must agree), else the hint.
  let named: string | undefined;
  for (const token of tokens) {
    const resolved = resolveToken(token, hints.currency, quoted);
    if (resolved === undefined)
      return err(`${quoted} is not an amount: unknown currency ${quoteInput(token)}`);
    if ("error" in resolved) return err(resolved.error);
    if (named !== undefined && named !== resolved.currency) {
      return err(`${quoted} names two currencies: ${named} and ${resolved.currency}`);
    }
    named = resolved.currency;
  }
  const currency = named ?? hints.currency;
  if (currency === undefined)
    return err(`${quoted} has no currency: add a symbol or code, or give a currency hint`);
  const exp = exponentOrThrow(currency);

  const split = splitNumber(core, exp, locale);
  if (split === undefined)
    return err(`${quoted} is not an amount: misplaced thousands or decimal separators`);
  const minor = digitsToMinor(
    minusSigns + opens > 0,
    split.intDigits,
    split.fracDigits,
    exp,
    "half-away-from-zero",
  );
  if (minor === undefined) return err(tooLarge(quoted, currency, exp));
  const value: ParsedMoney = named === undefined ? { minor } : { minor, currency: named };
  const decimals = split.fracDigits.replace(/0+$/, "").length;
  if (decimals > exp) value.decimals = decimals;
  return ok(value);
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic on minor units. Amounts are bounded by ±(2^53 − 1) minor units (90 trillion USD), so leaving
// that range is treated as a programmer error: these functions throw RangeError instead of returning Result.

function assertMinor(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer amount in minor units, got ${value}`);
  }
}

function checked(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} overflows the safe integer range`);
  return value;
}

/** a + b in minor units. @throws RangeError when an input or the result is not a safe integer. */
export function add(a: number, b: number): number {
  assertMinor(a, "add: a");
  assertMinor(b, "add: b");
  return checked(a + b, "add");
}

/** a − b in minor units. @throws RangeError when an input or the result is not a safe integer. */
export function subtract(a: number, b: number): number {
  assertMinor(a, "subtract: a");
  assertMinor(b, "subtract: b");
  return checked(a - b + 0, "subtract");
}

/** Orders two amounts in the same currency: −1 when a < b, 0 when equal, 1 when a > b. */
export function compare(a: number, b: number): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** −a (never −0). @throws RangeError when a is not a safe integer. */
export function negate(a: number): number {
  assertMinor(a, "negate");
  return 0 - a;
}

/** |a|. @throws RangeError when a is not a safe integer. */
export function abs(a: number): number {
  assertMinor(a, "abs");
  return Math.abs(a);
}

/**
 * Exact total of amounts in minor units. Intermediate sums may leave the safe range (they continue in
 * BigInt); only the final total must be safe.
 * @throws RangeError when a value or the total is not a safe integer.
 */
export function sum(values: readonly number[]): number {
  let total = 0;
  let big: bigint | undefined;
  for (const v of values) {
    assertMinor(v, "sum: value");
    if (big !== undefined) {
      big += BigInt(v);
      continue;
    }
    const next = total + v;
    if (Number.isSafeInteger(next)) total = next;
    else big = BigInt(total) + BigInt(v);
  }
  if (big === undefined) return total + 0;
  if (big > MAX_BIG || big < -MAX_BIG) throw new RangeError("sum overflows the safe integer range");
  return Number(big);
}

function percentDecimal(percent: string | Decimal): Decimal {
  if (typeof percent !== "string") return percent;
  const d = parseDecimal(percent);
  if (!d.ok) throw new RangeError(`percentOf: ${d.error}`);
  return d.value;
}

/**
 * percent % of an amount, exact, rounded once (2% of 1234.57 USD = 24.69 USD).
 * `percent` is a strict decimal string ("2", "7.5", "-1.25") or a Decimal; validate user-written
 * percentages with parseDecimal first.
 * @throws RangeError for an invalid percent string, an unsafe amount or an unsafe result.
 */
export function percentOf(
  minor: number,
  percent: string | Decimal,
  mode: RoundingMode = "half-away-from-zero",
): number {
  assertMinor(minor, "percentOf: amount");
  const p = percentDecimal(percent);
  // Fast path: |minor × units| and 100 × 10^scale are safe integers, so the number division is exact.
  if (p.scale <= 13 && p.units <= MAX_BIG && p.units >= -MAX_BIG) {
    const product = minor * Number(p.units);
    const denominator = POW10[p.scale + 2];
    if (Math.abs(product) <= MAX && denominator !== undefined)
      return divRoundSafe(product, denominator, mode);
  }
  const result = divRound(BigInt(minor) * p.units, 100n * pow10n(p.scale), mode);
  if (result > MAX_BIG || result < -MAX_BIG)
    throw new RangeError("percentOf overflows the safe integer range");
  return Number(result);
}

/**
 * Splits an amount by non-negative integer ratios so the parts add up exactly to it
 * (largest-remainder method; leftover units go to the largest remainders, ties to earlier parts).
 * A negative amount is split like its absolute value and mirrored. A ratio of 0 always gets 0.
 * Example: allocate(100, [1, 1, 1]) → [34, 33, 33].
 * @throws RangeError when the amount is unsafe, a ratio is not a non-negative safe integer, or there
 * is no ratio above zero.
 */
export function allocate(minor: number, ratios: readonly number[]): number[] {
  assertMinor(minor, "allocate: amount");
  let total = 0;
  for (const r of ratios) {
    if (!Number.isSafeInteger(r) || r < 0) {
      throw new RangeError(`allocate: ratios must be non-negative integers, got ${r}`);
    }
    total += r;
  }
  if (total === 0) throw new RangeError("allocate: at least one ratio must be above zero");
  const magnitude = Math.abs(minor);
  const parts: number[] = [];
  let order: number[];
  if (Number.isSafeInteger(total) && magnitude * total <= MAX) {
    // Fast path: every magnitude × ratio ≤ magnitude × total is a safe integer, so % and / are exact.
    const remainders: number[] = [];
    for (const r of ratios) {
      const product = magnitude * r;
      const rem = product % total;
      parts.push((product - rem) / total);
      remainders.push(rem);
    }
    order = ratios.map((_, i) => i).sort((a, b) => (remainders[b] ?? 0) - (remainders[a] ?? 0) || a - b);
  } else {
    const bigMagnitude = BigInt(magnitude);
    const bigTotal = ratios.reduce((acc, r) => acc + BigInt(r), 0n);
    const remainders: bigint[] = [];
    for (const r of ratios) {
      const product = bigMagnitude * BigInt(r);
      parts.push(Number(product / bigTotal)); // ≤ magnitude, so exact
      remainders.push(product % bigTotal);
    }
    order = ratios
      .map((_, i) => i)
      .sort((a, b) => {
        const ra = remainders[a] ?? 0n;
        const rb = remainders[b] ?? 0n;
        return ra === rb ? a - b : ra > rb ? -1 : 1;
      });
  }
  let leftover = magnitude;
  for (const part of parts) leftover -= part;
  // leftover < number of parts with a non-zero remainder, so zero ratios never receive a unit.
  for (let i = 0; i < leftover; i++) {
    const index = order[i];
    if (index !== undefined) parts[index] = (parts[index] ?? 0) + 1;
  }
  return minor < 0 ? parts.map((p) => 0 - p) : parts;
}
