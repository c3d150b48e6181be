/**
 * Text that travels inside the workbook: the column mapping and a copy of the rule book, so the file
 * checks on a colleague's machine. Kept in custom XML parts (one per namespace), not in
 * `Office.context.document.settings`: settings are capped at a few MB in total, must be saved with a
 * separate async call outside `Excel.run`, and a rule book of thousands of suppliers outgrows them;
 * a custom XML part is saved with the workbook, batched like any other request, and holds megabytes.
 */

/** Namespaces of Headroom's parts. */
export const PART_NAMESPACES = {
  ruleBook: "urn:headroom:rule-book:1",
  mapping: "urn:headroom:column-mapping:1",
} as const;

/**
 * The most a part may weigh, as the UTF-8 bytes of its XML in a JSON request: Excel on the web
 * refuses requests over 5 MB, and the request carries more than the XML.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const MAX_PART_BYTES = 4_500_000;

/** Text too large to store in the workbook in one request: nothing was changed. */
export class PartTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `it is ${(bytes / 1_000_000).toFixed(1)} MB and Excel takes at most ${(MAX_PART_BYTES / 1_000_000).toFixed(1)} MB in one request, so it was not stored; what the workbook held before is unchanged`,
    );
  }
}

/** What a part's text costs in the request: its XML as a JSON string, in UTF-8 bytes. */
export function partBytes(namespace: string, text: string): number {
  return new TextEncoder().encode(JSON.stringify(wrapPart(namespace, text, 0))).length;
}

/**
 * The XML document a part holds: the text as the element's content, escaped, and when it was saved
 * (ms since 1970), so that of two parts left by two co-authors the newest can be told.
 */
export function wrapPart(namespace: string, text: string, savedAt = Date.now()): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
  return `<?xml version="1.0" encoding="UTF-8"?><headroom xmlns="${namespace}" savedAt="${savedAt}">${escaped}</headroom>`;
}

/** When a part was saved (0 for parts from versions that did not say). */
export function savedAtOf(xml: string): number {
  const m = /<headroom\b[^>]*\ssavedAt="(\d+)"/.exec(xml);
  return m ? Number(m[1]) : 0;
}

/** The text back out of a part's XML, or null when the XML is not one of ours. */
export function unwrapPart(xml: string): string | null {
  const m = /<headroom\b[^>]*>([\s\S]*)<\/headroom>\s*$/.exec(xml);
  if (!m) return /<headroom\b[^>]*\/>\s*$/.test(xml) ? "" : null;
  return m[1]!.replace(/&#(\d+);|&#x([0-9a-f]+);|&(lt|gt|quot|apos|amp);/gi, (_, dec, hex, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
    return { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[name.toLowerCase()]!;
  });
}

/**
 * Reads the text stored under `namespace`, or null when the workbook has none. Every part of the
 * namespace is read, not only "the" one: when two co-authors each saved one, Excel keeps both and
 * `getOnlyItemOrNullObject` answers with a null object, which made the stored copy seem gone. Of
 * several, the newest by its `savedAt` wins (the later one in the collection on a tie).
 */
export async function readPart(context: Excel.RequestContext, namespace: string): Promise<string | null> {
  const parts = context.workbook.customXmlParts.getByNamespace(namespace);
  parts.load("items");
  await context.sync();
  if (parts.items.length === 0) return null;
  const xmls = parts.items.map((part) => part.getXml());
  await context.sync();
  let best: { text: string; savedAt: number } | null = null;
  for (const xml of xmls) {
    const text = unwrapPart(xml.value);
    if (text === null) continue;
    const savedAt = savedAtOf(xml.value);
    if (!best || savedAt >= best.savedAt) best = { text, savedAt };
  }
  return best?.text ?? null;
}

/**
 * Stores `text` under `namespace`, replacing every part there (duplicates left by co-authors
 * included); null removes them. Deleting and adding go in one request, so the workbook never holds
 * neither. Text too large for one request is refused before anything is touched.
 */
export async function writePart(
  context: Excel.RequestContext,
  namespace: string,
  text: string | null,
): Promise<void> {
  if (text !== null) {
    const bytes = partBytes(namespace, text);
    if (bytes > MAX_PART_BYTES) throw new PartTooLargeError(bytes);
  }
  const parts = context.workbook.customXmlParts.getByNamespace(namespace);
  parts.load("items");
  await context.sync();
  for (const part of parts.items) part.delete();
  if (text !== null) context.workbook.customXmlParts.add(wrapPart(namespace, text));
  await context.sync();
}
