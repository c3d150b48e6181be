import { readCurrencyCode, readStructuredPrice, type PriceCandidate } from "./candidates";

/** A page's JSON-LD is data from the supplier: walk a bounded amount of it. */
const MAX_DEPTH = 12;
const MAX_NODES = 2000;

const CART_KEYS = new Set(["totalPaymentDue", "totalPrice"]);

function typesOf(node: Record<string, unknown>): string[] {
  const raw = node["@type"];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === "string").map((t) => t.replace(/^.*[/#]/, ""));
}

/**
 * Product prices and cart totals from a page's JSON-LD blocks (each already `JSON.parse`d), in
 * document order:
 * - `Offer.price` (number or text) with `priceCurrency`, or its `priceSpecification`;
 * - `AggregateOffer`: `price` if given, else `lowPrice` (what the buyer pays at least);
 * - a cart total: `totalPaymentDue` or `totalPrice` (as a `PriceSpecification` with price and
 *   priceCurrency, a `MonetaryAmount` with value and currency, or a bare number or text), typically on
 *   an `Order` or `Invoice`.
 * `@graph` arrays and nesting are followed up to a bounded depth and node count. Values that cannot be
 * read are skipped. Numbers and plain texts use schema.org's "." decimal point.
 */
export function pricesFromJsonLd(blocks: readonly unknown[], locale: string | null): PriceCandidate[] {
  const out: PriceCandidate[] = [];
  let nodes = 0;

  const add = (value: unknown, currency: unknown, cart: boolean): void => {
    const read = readStructuredPrice(value, readCurrencyCode(currency), locale);
    if (read.ok) out.push({ ...read.value, source: "json-ld", kind: cart ? "cart" : "price" });
  };

  const walk = (value: unknown, cart: boolean, depth: number): void => {
    if (depth > MAX_DEPTH || nodes >= MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, cart, depth + 1);
      return;
    }
    if (value === null || typeof value !== "object") {
      // A bare total: "totalPaymentDue": "1234.56" (no currency known here).
      if (cart && (typeof value === "number" || typeof value === "string")) add(value, null, true);
      return;
    }
    nodes++;
    const node = value as Record<string, unknown>;
    const types = typesOf(node);
    if ("price" in node) add(node["price"], node["priceCurrency"], cart);
    else if ("lowPrice" in node) add(node["lowPrice"], node["priceCurrency"], cart);
    else if (types.includes("MonetaryAmount") && "value" in node) add(node["value"], node["currency"], cart);
    for (const [key, child] of Object.entries(node)) {
      if (key === "@context" || key === "price" || key === "lowPrice" || key === "highPrice") continue;
      if (key === "value" || typeof child !== "object" || child === null) {
        if (CART_KEYS.has(key)) walk(child, true, depth + 1);
        continue;
      }
      walk(child, CART_KEYS.has(key), depth + 1);
    }
  };

  for (const block of blocks) walk(block, false, 0);
  return out;
}
