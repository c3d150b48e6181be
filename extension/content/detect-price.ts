import type { DetectedPrice } from "../protocol/messages";
import type { ContentPageHints } from "../protocol/messages";
import { choosePagePrice, priceFromHintText, type PriceCandidate } from "../../shared/page-price/candidates";
import { pricesFromJsonLd } from "../../shared/page-price/json-ld";
import { pricesFromMicrodata, type MicrodataPrice } from "../../shared/page-price/microdata";
import { priceFromOpenGraph } from "../../shared/page-price/open-graph";
import {
  JSON_LD,
  MICRODATA_CURRENCY,
  MICRODATA_PRICE,
  MICRODATA_SCOPE,
  OG_AMOUNT,
  OG_CURRENCY,
} from "./selectors";

/**
 * Reads the page's price or cart total. The DOM work is bounded (a fixed number of blocks and
 * properties, text lengths capped) and uses `textContent`, never `innerText`, so detection never forces
 * a layout. Deciding what the texts mean happens in shared/page-price.
 */

const MAX_JSON_LD_BLOCKS = 20;
const MAX_JSON_LD_CHARS = 200_000;
const MAX_MICRODATA = 50;
const MAX_TEXT = 400;

function pageLocale(doc: Document): string | null {
  const lang = doc.documentElement.lang.trim();
  return lang === "" ? null : lang;
}

function boundedText(el: Element): string {
  return (el.textContent ?? "").slice(0, MAX_TEXT);
}

/** The first element a rule-book selector matches; a broken selector finds nothing. */
function queryHint(doc: Document, selector: string | undefined): Element | null {
  if (selector === undefined) return null;
  try {
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}

function fromHints(doc: Document, hints: ContentPageHints | null, locale: string | null): PriceCandidate[] {
  if (hints === null) return [];
  const out: PriceCandidate[] = [];
  const currency = hints.currency ?? null;
  const cart = queryHint(doc, hints.cartTotal);
  if (cart !== null) {
    const read = priceFromHintText(boundedText(cart), "cart", currency, locale);
    if (read.ok) out.push(read.value);
  }
  const price = queryHint(doc, hints.price);
  if (price !== null) {
    const read = priceFromHintText(boundedText(price), "price", currency, locale);
    if (read.ok) out.push(read.value);
  }
  return out;
}

function fromJsonLd(doc: Document, locale: string | null): PriceCandidate[] {
  const blocks: unknown[] = [];
  const scripts = doc.querySelectorAll(JSON_LD);
  for (let i = 0; i < scripts.length && i < MAX_JSON_LD_BLOCKS; i++) {
    const text = scripts[i]?.textContent ?? "";
    if (text.length > MAX_JSON_LD_CHARS) continue;
    try {
      blocks.push(JSON.parse(text));
    } catch {
      // A broken block on the supplier's page is theirs to fix; the other sources still count.
    }
  }
  return pricesFromJsonLd(blocks, locale);
}

function microdataValue(el: Element): string {
  const content = el.getAttribute("content") ?? el.getAttribute("value");
  return (content ?? boundedText(el)).slice(0, MAX_TEXT);
}

function fromMicrodata(doc: Document, locale: string | null): PriceCandidate[] {
  const items: MicrodataPrice[] = [];
  const props = doc.querySelectorAll(MICRODATA_PRICE);
  for (let i = 0; i < props.length && i < MAX_MICRODATA; i++) {
    const el = props[i];
    if (el === undefined) continue;
    const scope = el.parentElement?.closest(MICRODATA_SCOPE) ?? null;
    const currencyEl = scope?.querySelector(MICRODATA_CURRENCY) ?? null;
    const value = microdataValue(el);
    for (const prop of (el.getAttribute("itemprop") ?? "").split(/\s+/)) {
      items.push({
        prop,
        value,
        itemType: scope?.getAttribute("itemtype") ?? null,
        currency: currencyEl === null ? null : microdataValue(currencyEl),
      });
    }
  }
  return pricesFromMicrodata(items, locale);
}

function fromOpenGraph(doc: Document, locale: string | null): PriceCandidate[] {
  const amount = doc.querySelector(OG_AMOUNT)?.getAttribute("content") ?? null;
  if (amount === null) return [];
  const currency = doc.querySelector(OG_CURRENCY)?.getAttribute("content") ?? null;
  const read = priceFromOpenGraph({ amount: amount.slice(0, MAX_TEXT), currency }, locale);
  return read.ok ? [read.value] : [];
}

/** What the page's structured data (JSON-LD, microdata, Open Graph) offers, read once per look. */
export function readStructuredPrices(doc: Document): PriceCandidate[] {
  const locale = pageLocale(doc);
  const candidates: PriceCandidate[] = [];
  // Each source in its own guard: a surprise in one never stops the others.
  for (const source of [fromJsonLd, fromMicrodata, fromOpenGraph]) {
    try {
      candidates.push(...source(doc, locale));
    } catch (error) {
      console.warn("Headroom: could not read a price source", error);
    }
  }
  return candidates;
}

/**
 * The price the page is about to charge, or null when it shows none: the rule book's page hints
 * (`hints`, once the background has sent them) read now, with the page's structured data.
 */
export function detectPrice(
  doc: Document,
  hints: ContentPageHints | null,
  structured: readonly PriceCandidate[] = readStructuredPrices(doc),
): DetectedPrice | null {
  let hinted: PriceCandidate[] = [];
  try {
    hinted = fromHints(doc, hints, pageLocale(doc));
  } catch (error) {
    console.warn("Headroom: could not read the page hints", error);
  }
  const chosen = choosePagePrice([...hinted, ...structured]);
  // Structured data without a currency: the rule book says which currency the site uses.
  if (chosen !== null && chosen.currency === null && hints?.currency !== undefined) {
    return { ...chosen, currency: hints.currency };
  }
  return chosen;
}

/** Selectors from the hints, for watching the page: changes under them can change the price. */
export function hintSelectors(hints: ContentPageHints | null): string[] {
  if (hints === null) return [];
  const out: string[] = [];
  for (const selector of [hints.cartTotal, hints.price]) {
    if (selector === undefined) continue;
    try {
      document.createDocumentFragment().querySelector(selector);
      out.push(selector);
    } catch {
      // An invalid selector in the rule book simply finds nothing.
    }
  }
  return out;
}
