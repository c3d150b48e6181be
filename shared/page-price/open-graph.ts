import type { Result } from "../result";
import { err, ok } from "../result";
import { readCurrencyCode, readStructuredPrice, type PriceCandidate } from "./candidates";

/** The Open Graph price tags of a page (`product:price:amount`, `…:currency`, or the `og:price:*` forms). */
export type OpenGraphPrice = { amount: string | null; currency: string | null };

/**
 * The product price an Open Graph page declares. Open Graph has no cart, so this is always a
 * product price; the amount follows schema.org's "." decimal rule when it is a plain number.
 */
export function priceFromOpenGraph(tags: OpenGraphPrice, locale: string | null): Result<PriceCandidate> {
  if (tags.amount === null) return err("no Open Graph price");
  const read = readStructuredPrice(tags.amount, readCurrencyCode(tags.currency), locale);
  if (!read.ok) return read;
  return ok({ ...read.value, source: "open-graph", kind: "price" });
}
