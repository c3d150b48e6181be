import { readCurrencyCode, readStructuredPrice, type PriceCandidate } from "./candidates";

/**
 * One price-like microdata property as the page shows it: the property name, its value (the
 * `content` attribute, else the element's text), the `itemtype` of the item it belongs to, and that
 * item's `priceCurrency` value, if any.
 */
export type MicrodataPrice = {
  prop: string;
  value: string;
  itemType: string | null;
  currency: string | null;
};

/** The properties that carry a price; the extension's page side looks for exactly these. */
export const MICRODATA_PRICE_PROPS = ["price", "lowPrice", "totalPaymentDue", "totalPrice"] as const;

const CART_TYPES = /(?:^|[/#])(?:Order|Invoice|Cart)$/;

/**
 * Product prices and cart totals from microdata, in page order. A cart total is a `totalPaymentDue`
 * or `totalPrice`, or any price of an `Order`/`Invoice` item; `lowPrice` stands for an
 * `AggregateOffer`'s price. Values that cannot be read are skipped.
 */
export function pricesFromMicrodata(
  items: readonly MicrodataPrice[],
  locale: string | null,
): PriceCandidate[] {
  const out: PriceCandidate[] = [];
  for (const item of items) {
    if (!(MICRODATA_PRICE_PROPS as readonly string[]).includes(item.prop)) continue;
    const read = readStructuredPrice(item.value, readCurrencyCode(item.currency), locale);
    if (!read.ok) continue;
    const cart =
      item.prop === "totalPaymentDue" ||
      item.prop === "totalPrice" ||
      (item.itemType !== null && CART_TYPES.test(item.itemType.trim()));
    out.push({ ...read.value, source: "microdata", kind: cart ? "cart" : "price" });
  }
  return out;
}
