import { currencyExponent } from "./currencies";

function exponentOrThrow(currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  return exp;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`amount must be a safe integer in minor units, got ${minor}`);
  }
}

function minorToText(minor: number, exp: number): string {
  // String() of a safe integer is its exact digits (no exponent form below 1e21).
  const digits = String(Math.abs(minor)).padStart(exp + 1, "0");
  const cut = digits.length - exp;
  const body = exp === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return minor < 0 ? `-${body}` : body;
}

/**
 * The rule-file form of an amount: "250000.00", "-12.50", "1234" (JPY), "1.2345" (CLF).
 * Inverse of parseAmount: parseAmount(toDecimalString(x, c), c) gives x back.
 * @throws RangeError for an unknown currency or an amount that is not a safe integer.
 */
export function toDecimalString(minor: number, currency: string): string {
  assertMinor(minor);
  return minorToText(minor, exponentOrThrow(currency));
}

const formatters = new Map<string, Intl.NumberFormat>();

function cachedFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let nf = formatters.get(key);
  if (nf === undefined) {
    nf = make();
    formatters.set(key, nf);
  }
  return nf;
}

// Intl formats decimal strings exactly (ES2023 Intl.NumberFormat v3), so no digit passes through a double.
function formatText(nf: Intl.NumberFormat, text: string): string {
  return nf.format(text as `${number}`);
}

/**
 * Localised amount without currency, with exactly the currency's decimals: "250,000.00" (en-US),
 * "250.000,00" (de-DE), "1,234" (JPY). Exact for every safe integer.
 * @throws RangeError for an unknown currency, an unsafe amount or an invalid locale.
 */
export function formatAmount(minor: number, currency: string, locale = "en-US"): string {
  assertMinor(minor);
  const exp = exponentOrThrow(currency);
  // Messages and diffs use en-US on hot paths (a million rows); group by hand, same output as Intl.
  if (locale === "en-US") return groupEnUs(minor, exp);
  const nf = cachedFormat(
    `a\u0000${locale}\u0000${exp}`,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: exp, maximumFractionDigits: exp }),
  );
  return formatText(nf, minorToText(minor, exp));
}

function groupEnUs(minor: number, exp: number): string {
  const digits = String(Math.abs(minor)).padStart(exp + 1, "0");
  const cut = digits.length - exp;
  let out = digits.slice(0, cut);
  for (let i = out.length - 3; i > 0; i -= 3) out = `${out.slice(0, i)},${out.slice(i)}`;
  if (exp > 0) out = `${out}.${digits.slice(cut)}`;
  return minor < 0 ? `-${out}` : out;
}

/**
 * Amount then ISO code, the form used in messages and diffs: "250,000.00 USD".
 * @throws RangeError like {@link formatAmount}.
 */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  return `${formatAmount(minor, currency, locale)} ${currency}`;
}

/**
 * Intl currency style with the local symbol: "$250,000.00" (en-US), "250.000,00 €" (de-DE, with a
 * no-break space). Decimals follow ISO 4217, not CLDR (IQD shows 3).
 * @throws RangeError like {@link formatAmount}.
 */
export function formatMoneySymbol(minor: number, currency: string, locale = "en-US"): string {
  assertMinor(minor);
  const exp = exponentOrThrow(currency);
  const nf = cachedFormat(
    `s\u0000${locale}\u0000${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: exp,
        maximumFractionDigits: exp,
      }),
  );
  return formatText(nf, minorToText(minor, exp));
}
