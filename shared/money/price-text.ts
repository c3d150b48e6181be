import { err, ok, type Result } from "../result";
import { parseMoneyText } from "./amount";
import { isCurrencyCode } from "./currencies";
import { toDecimalString } from "./format";
import { quoteText } from "../text/quote";

/** A price read from a web page: a plain decimal string and the currency, when anything named one. */
export type PriceText = { amount: string; currency: string | null };

/** What the page around the text says: its currency (rule-book hint or structured data) and language. */
export type PriceTextHints = {
  /** ISO 4217 code used when the text names no currency; the text's own symbol or code wins. */
  currency?: string | null;
  /** BCP 47 language of the page (`<html lang>`); settles "1,234" against "1.234". Ignored when unknown. */
  locale?: string | null;
};

/** Longer texts are page sections, not prices: reading them would cost time and guess wrong. */
const MAX_TEXT = 200;

/**
 * Without any currency the digits are read with four decimals (CLF's exponent, the largest in common
 * use that is not three: three would turn "1.234" into a decimal), so nothing a page shows is rounded
 * away; trailing zeros beyond two are then dropped. The background decides the currency.
 */
const NO_CURRENCY_READER = "CLF";

/**
 * A run that may be one amount: an optional currency before, digits with separators, an optional
 * currency after. Separators are only taken between digits so "Total: $1,234.56." ends at the 6.
 */
const CANDIDATE =
  /[-(]?(?:(?:[A-Z]{3}|[A-Z]{0,3}\p{Sc}|CHF|Fr\.|zł|kr)\s?)?[-(]?\d(?:\d|[.,'’\s\u00a0\u202f](?=\d))*\)?(?:\s?(?:\p{Sc}|[A-Z]{3}(?![A-Za-z])|zł|kr|Fr\.))?/gu;

const NEGATIVE_TEXT = "is negative: a price or cart total cannot be";
const NEGATIVE = new RegExp(NEGATIVE_TEXT);

function trimZeros(amount: string): string {
  const dot = amount.indexOf(".");
  if (dot < 0) return `${amount}.00`;
  let end = amount.length;
  while (end > dot + 3 && amount.charCodeAt(end - 1) === 48) end--;
  return amount.slice(0, end);
}

/** True when the text's number has one "." or "," followed by exactly three digits: "1,234", "€1.234". */
function isAmbiguous(text: string): boolean {
  const number = /\d(?:\d|[.,'’\s\u00a0\u202f](?=\d))*/u.exec(text)?.[0] ?? "";
  const separators = number.match(/[.,]/g) ?? [];
  return separators.length === 1 && /[.,]\d{3}$/.test(number);
}

function readOne(
  text: string,
  currencyHint: string | undefined,
  locale: string | undefined,
): Result<PriceText> {
  const currency = currencyHint ?? NO_CURRENCY_READER;
  // The page's language only matters for "1,234" / "1.234"; asking Intl about it costs a renderer
  // ~100 ms the first time, so only an ambiguous number pays that.
  const useLocale = locale !== undefined && isAmbiguous(text);
  let parsed = parseMoneyText(text, useLocale ? { currency, locale } : { currency });
  // A language tag Intl does not accept says nothing about the number: read it without.
  if (!parsed.ok && useLocale && parsed.error.startsWith("unknown locale hint")) {
    parsed = parseMoneyText(text, { currency });
  }
  if (!parsed.ok) return parsed;
  if (parsed.value.minor < 0) return err(`${quoteText(text)} ${NEGATIVE_TEXT}`);
  const named = parsed.value.currency ?? currencyHint ?? null;
  if (named === null) {
    return ok({ amount: trimZeros(toDecimalString(parsed.value.minor, NO_CURRENCY_READER)), currency: null });
  }
  return ok({ amount: toDecimalString(parsed.value.minor, named), currency: named });
}

/**
 * Reads a price or cart total as a web shop shows it: "$1,234.56", "1.234,56 €", "CHF 1'234.50",
 * "£99", "USD 1,234", "1 234,56 €" (any space kind), "¥1,234", also inside a short label such as
 * "Total (3 items): $1,234.56".
 *
 * Numbers follow `parseMoneyText`: when "." and "," both appear the last one is the decimal point; a
 * single separator followed by exactly three digits ("1,234", "1.234") is grouping unless the page's
 * language says it is its decimal separator (German "1,234" is 1.234) or the currency has three
 * decimals (KWD "1.234" is 1.234). The text's own currency symbol or code wins over the hint; "$" is
 * USD unless the hint names another dollar.
 *
 * Fails with a message for: no amount, a negative amount, two different amounts ("Was $20 now $15"),
 * text that names two currencies, garbled separators ("1,23,4.5"), texts over 200 characters.
 */
export function parsePriceText(text: string, hints: PriceTextHints = {}): Result<PriceText> {
  const trimmed = text.replace(/\s+/gu, " ").trim();
  if (trimmed === "") return err("no price text: the element is empty");
  if (trimmed.length > MAX_TEXT) return err(`price text is ${trimmed.length} characters: not a price`);
  const hint = hints.currency ?? undefined;
  if (hint !== undefined && !isCurrencyCode(hint)) return err(`unknown currency hint ${quoteText(hint)}`);
  // parseMoneyText says when Intl cannot use the tag (Intl.NumberFormat.supportedLocalesOf would cost
  // tens of milliseconds on its first call).
  const locale = hints.locale === null || hints.locale === "" ? undefined : hints.locale;

  const whole = readOne(trimmed, hint, locale);
  if (whole.ok || NEGATIVE.test(whole.error)) return whole;

  // Not one bare amount: look for amounts inside the label. Ones that name a currency beat bare numbers
  // ("3 items"), and two different amounts are a question the page has not answered.
  const found: PriceText[] = [];
  const named: PriceText[] = [];
  let lastError = whole.error;
  for (const m of trimmed.matchAll(CANDIDATE)) {
    const candidate = m[0].trim();
    const read = readOne(candidate, hint, locale);
    if (!read.ok) {
      lastError = read.error;
      continue;
    }
    found.push(read.value);
    if (/[^\d\s.,'’()-]/u.test(candidate)) named.push(read.value);
  }
  const pool = named.length > 0 ? named : found;
  const first = pool[0];
  if (first === undefined)
    return err(found.length === 0 && lastError !== whole.error ? lastError : whole.error);
  if (pool.some((p) => p.amount !== first.amount || p.currency !== first.currency)) {
    return err(
      `${quoteText(trimmed)} shows ${pool.length} different amounts; cannot tell which is the price`,
    );
  }
  return ok(first);
}
