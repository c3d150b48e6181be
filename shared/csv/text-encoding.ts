import { err, ok, type Result } from "../result";

/** The text encodings registers come in: UTF-8 ("CSV UTF-8"), and UTF-16 with a byte-order mark (Excel's "Unicode Text"). */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** How a file's text is encoded, and whether it starts with a byte-order mark (output keeps it). */
export type EncodingFound = { encoding: TextEncoding; bom: boolean };

/** The encoding in words, for what the CLI tells the user: "UTF-8 with BOM". */
export function encodingName({ encoding, bom }: EncodingFound): string {
  const name = encoding === "utf-8" ? "UTF-8" : encoding === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE";
  return bom ? `${name} with BOM` : name;
}

/**
 * The encoding of a file from its first bytes: a byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE;
 * without one the text is read as UTF-8. UTF-16 without a mark (NUL bytes between the letters) is
 * refused with what to do, never read as UTF-8 full of NUL characters. Give at least the first 4
 * bytes (more helps to recognise UTF-16 without a mark).
 */
export function sniffEncoding(head: Uint8Array): Result<EncodingFound> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return ok({ encoding: "utf-8", bom: true });
  if (head[0] === 0xff && head[1] === 0xfe) return ok({ encoding: "utf-16le", bom: true });
  if (head[0] === 0xfe && head[1] === 0xff) return ok({ encoding: "utf-16be", bom: true });
  const n = Math.min(head.length, 512);
  let nuls = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) nuls++;
  if (nuls > 0 && nuls * 4 >= n) {
    return err(
      'the file looks like UTF-16 text without a byte-order mark, which cannot be told apart from other encodings for certain: save it from Excel as "CSV UTF-8" or "Unicode Text"',
    );
  }
  return ok({ encoding: "utf-8", bom: false });
}

/** The bytes of `text` in `encoding` (UTF-16 in its byte order), for output in the input's encoding. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length * 2);
  const little = encoding === "utf-16le";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (little ? 0 : 1)] = c & 0xff;
    out[2 * i + (little ? 1 : 0)] = c >> 8;
  }
  return out;
}

/** The byte-order mark of an encoding. */
export function byteOrderMark(encoding: TextEncoding): Uint8Array {
  return encoding === "utf-8"
    ? Uint8Array.of(0xef, 0xbb, 0xbf)
    : encoding === "utf-16le"
      ? Uint8Array.of(0xff, 0xfe)
      : Uint8Array.of(0xfe, 0xff);
}
