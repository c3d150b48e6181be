import { MICRODATA_PRICE_PROPS } from "../../shared/page-price/microdata";

/**
 * Every selector the extension uses on a supplier's page, in one place. Each one is exercised by the
 * fixture pages in test/fixtures/extension/sites/ (named next to it) through the end-to-end tests.
 */

/** JSON-LD blocks (sites/www.dell.com/cart-json-ld.html, hostile.html; www.unknown-shop.test/index.html). */
export const JSON_LD = 'script[type="application/ld+json" i]';

/** Microdata price properties (sites/www.dell.com/cart-microdata.html, www.gadgetzone.example/index.html). */
export const MICRODATA_PRICE = MICRODATA_PRICE_PROPS.map((prop) => `[itemprop~="${prop}"]`).join(",");

/** The currency that belongs with a microdata price, inside the same item. */
export const MICRODATA_CURRENCY = '[itemprop~="priceCurrency"]';

/** The item a microdata property belongs to. */
export const MICRODATA_SCOPE = "[itemscope]";

/** Open Graph price tags (sites/www.lenovo.com/product.html, www.dell.com/cart-hint.html). */
export const OG_AMOUNT = 'meta[property="product:price:amount"],meta[property="og:price:amount"]';
export const OG_CURRENCY = 'meta[property="product:price:currency"],meta[property="og:price:currency"]';

/** Anything whose arrival or change can change the detected price (besides the rule book's hints). */
export const PRICE_BEARING = [JSON_LD, MICRODATA_PRICE, OG_AMOUNT].join(",");
