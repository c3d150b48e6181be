import { err, ok, type Result } from "../result";
import { quoteText } from "../text/quote";

/** The delimiters registers use: comma, semicolon (where the comma is the decimal mark) and tab (Excel's "Text" and "Unicode Text"). */
export type Delimiter = "," | ";" | "\t";
export type LineEnding = "\r\n" | "\n" | "\r";

/** How a CSV file is written, so output can be written the same way. */
export type CsvDialect = { delimiter: Delimiter; lineEnding: LineEnding };

/** A delimiter in words, for what the CLI tells the user. */
export function delimiterName(d: Delimiter): string {
  return d === "," ? "comma" : d === ";" ? "semicolon" : "tab";
}

/** A line ending in words: "CRLF", "LF", "CR". */
export function lineEndingName(e: LineEnding): string {
  return e === "\r\n" ? "CRLF" : e === "\n" ? "LF" : "CR";
}

/** `--delimiter` as given: `,` `;` or `tab` (also `comma`, `semicolon`, `\t`). */
export function parseDelimiter(text: string): Result<Delimiter> {
  const t = text.toLowerCase();
  if (t === "," || t === "comma") return ok(",");
  if (t === ";" || t === "semicolon") return ok(";");
  if (t === "\t" || t === "\\t" || t === "tab") return ok("\t");
  return err(`${quoteText(text)} is not a delimiter Headroom reads: use , ; or tab`);
}

/**
 * The dialect of CSV text from its header line: the delimiter is whichever of comma, semicolon and
 * tab the header uses most outside quotes (comma when it has none), the line ending is the one that
 * ends the header. Blank lines before the header are passed over. Undefined while `text` does not
 * yet hold a whole header line (unless `atEnd`: then the text is the whole file).
 */
export function detectDialect(text: string, atEnd: boolean): CsvDialect | undefined {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      quoted = !quoted;
      content = true;
    } else if (quoted) continue;
    else if (c === 10 || c === 13) {
      if (c === 13 && i + 1 === text.length && !atEnd) return undefined; // "\r" may be the start of "\r\n"
      if (!content) continue;
      const lineEnding: LineEnding = c === 10 ? "\n" : text.charCodeAt(i + 1) === 10 ? "\r\n" : "\r";
      return { delimiter: pick(commas, semicolons, tabs), lineEnding };
    } else {
      content = true;
      if (c === 44) commas++;
      else if (c === 59) semicolons++;
      else if (c === 9) tabs++;
    }
  }
  return atEnd ? { delimiter: pick(commas, semicolons, tabs), lineEnding: "\n" } : undefined;
}

function pick(commas: number, semicolons: number, tabs: number): Delimiter {
  if (tabs > commas && tabs >= semicolons) return "\t";
  return semicolons > commas ? ";" : ",";
}
