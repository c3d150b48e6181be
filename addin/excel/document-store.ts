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

/** The XML document a part holds: the text as the element's content, escaped. */
export function wrapPart(namespace: string, text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
  return `<?xml version="1.0" encoding="UTF-8"?><headroom xmlns="${namespace}">${escaped}</headroom>`;
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

/** Reads the text stored under `namespace`, or null when the workbook has none. */
export async function readPart(context: Excel.RequestContext, namespace: string): Promise<string | null> {
  const part = context.workbook.customXmlParts.getByNamespace(namespace).getOnlyItemOrNullObject();
  await context.sync();
  if (part.isNullObject) return null;
  const xml = part.getXml();
  await context.sync();
  return unwrapPart(xml.value);
}

/** Stores `text` under `namespace`, replacing what was there; null removes it. */
export async function writePart(
  context: Excel.RequestContext,
  namespace: string,
  text: string | null,
): Promise<void> {
  const part = context.workbook.customXmlParts.getByNamespace(namespace).getOnlyItemOrNullObject();
  await context.sync();
  if (!part.isNullObject) part.delete();
  if (text !== null) context.workbook.customXmlParts.add(wrapPart(namespace, text));
  await context.sync();
}
