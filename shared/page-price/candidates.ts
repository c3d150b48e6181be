import { err, ok, type Result } from "../result";
import { isCurrencyCode } from "../money/currencies";
import { parsePriceText } from "../money/price-text";

/** Where a price was found on a page, in the order the extension looks. */
export type PriceSource = "hint" | "json-ld" | "microdata" | "open-graph";

/** A cart total or a single product price. */
export type PriceKind = "cart" | "price";

/** One price a page offers; the same shape as the extension protocol's `DetectedPrice`. */
export type PriceCandidate = {
  amount: string;
  currency: string | null;
  source: PriceSource;
  kind: PriceKind;
};

const SOURCE_ORDER: readonly PriceSource[] = ["hint", "json-ld", "microdata", "open-graph"];
/** What the extension's message protocol accepts: at most 15 integer and 6 decimal digits. */
const PLAIN_AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;
/** schema.org writes prices with a "." decimal point and no grouping: "1234.56". */
const SCHEMA_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Picks what the page is about to charge: any cart total beats any product price (a cart page often
 * lists product prices too); within a kind, the first source in the detection order wins (the rule
 * book's page hints, then JSON-LD, microdata, Open Graph), then the first found in that source.
 */
export function choosePagePrice(candidates: readonly PriceCandidate[]): PriceCandidate | null {
  for (const kind of ["cart", "price"] as const) {
    for (const source of SOURCE_ORDER) {
      const hit = candidates.find((c) => c.kind === kind && c.source === source);
      if (hit !== undefined) return hit;
    }
  }
  return null;
}

/** A currency code as structured data writes it ("USD", " eur "), or null when it is not one. */
export function readCurrencyCode(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const code = value.trim().toUpperCase();
  return isCurrencyCode(code) ? code : null;
}

function checkedAmount(
  amount: string,
  currency: string | null,
): Result<{ amount: string; currency: string | null }> {
  if (!PLAIN_AMOUNT.test(amount)) return err(`${amount} is too large or too precise for a price`);
  return ok({ amount, currency });
}

/**
 * Reads a price value from structured data (JSON-LD, microdata, Open Graph) where a number or a text
 * may appear. Numbers and plain texts use schema.org's rule, a "." decimal point ("1.234" is one point
 * two three four); anything else ("1,234.56", "$1,234.56", "1.234,56") is read as page text.
 * Negative, non-finite and exponent-form numbers fail.
 */
export function readStructuredPrice(
  value: unknown,
  currency: string | null,
  locale: string | null,
): Result<{ amount: string; currency: string | null }> {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return err(`${String(value)} is not a price`);
    const text = String(value);
    if (!SCHEMA_DECIMAL.test(text)) return err(`${text} is not a price`);
    return checkedAmount(text, currency);
  }
  if (typeof value !== "string") return err("the price is neither a number nor a text");
  const text = value.trim();
  if (SCHEMA_DECIMAL.test(text)) return checkedAmount(text, currency);
  const read = parsePriceText(text, { currency, locale });
  if (!read.ok) return read;
  return checkedAmount(read.value.amount, read.value.currency);
}

/**
 * A price from an element the rule book's page hints point at: its visible text, read with the
 * supplier's currency from the rule book and the page's language.
 */
export function priceFromHintText(
  text: string,
  kind: PriceKind,
  currency: string | null,
  locale: string | null,
): Result<PriceCandidate> {
  const read = parsePriceText(text, { currency, locale });
  if (!read.ok) return read;
  const checked = checkedAmount(read.value.amount, read.value.currency);
  if (!checked.ok) return checked;
  return ok({ ...checked.value, source: "hint", kind });
}
