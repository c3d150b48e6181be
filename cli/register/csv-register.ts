import { createReadStream } from "node:fs";
import { CsvTextReader, type CsvRecord } from "../../shared/csv/csv-reader";
import { isBlankLine } from "../../shared/csv/parse-csv";
import { sniffEncoding, type EncodingFound } from "../../shared/csv/text-encoding";
import { RegisterError, type OpenOptions, type Register, type RegisterRow } from "./register";

/** Bytes read at a time: large enough that per-chunk work is noise, small enough to stay light. */
const CHUNK_BYTES = 1 << 16;

/**
 * Opens a CSV register: finds the encoding from the first bytes (UTF-8, or UTF-16 with a byte-order
 * mark), decodes as it reads, and parses the text as it comes. The header is the first line with
 * something on it; lines with nothing on them are not rows (but count as lines).
 */
export async function openCsvRegister(path: string, options: OpenOptions): Promise<Register> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const sniffed = sniffEncoding(head);
  if (!sniffed.ok) {
    stream.destroy();
    throw new RegisterError(sniffed.error);
  }
  const encoding = sniffed.value;
  const records = csvRecords(head, first.done === true, chunks, encoding, options);
  // The header: the first record with something in it.
  let header: CsvRecord | undefined;
  let rest: CsvRecord[] = [];
  const preamble: CsvRecord[] = [];
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    const at = next.value.findIndex((r) => !isBlankLine(r.cells));
    preamble.push(...next.value.slice(0, at === -1 ? undefined : at));
    if (at === -1) continue;
    header = next.value[at];
    rest = next.value.slice(at + 1);
    break;
  }
  if (!header) {
    stream.destroy();
    throw new RegisterError("the file is empty: expected a header line and rows");
  }
  const dialect = records.dialect();
  async function* rows(): AsyncGenerator<RegisterRow[]> {
    try {
      if (rest.length > 0) yield rest;
      for (;;) {
        const next = await records.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      stream.destroy();
    }
  }
  return {
    format: { kind: "csv", encoding, dialect },
    header: header.cells.map((h) => h.trim()),
    headerRow: header,
    preamble,
    rows: rows(),
    close: () => stream.destroy(),
    where: "line",
  };
}

type Records = AsyncGenerator<CsvRecord[], void> & { dialect(): NonNullable<CsvTextReader["dialect"]> };

function csvRecords(
  head: Buffer,
  ended: boolean,
  chunks: AsyncIterator<Buffer>,
  encoding: EncodingFound,
  options: OpenOptions,
): Records {
  const reader = new CsvTextReader({ delimiter: options.delimiter, raw: options.raw });
  // The decoder drops the byte-order mark; `fatal` refuses bytes that are not text in the encoding.
  const decoder = new TextDecoder(encoding.encoding, { fatal: true });
  let bytesRead = 0;
  function decode(bytes: Buffer | undefined): string {
    try {
      const text = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
      bytesRead += bytes?.length ?? 0;
      return text;
    } catch {
      throw new RegisterError(
        `the file is not ${encoding.encoding === "utf-8" ? "UTF-8" : "UTF-16"} text (a byte that cannot be read near byte ${bytesRead.toLocaleString("en-US")}): save it from Excel as "CSV UTF-8" or "Unicode Text"`,
      );
    }
  }
  async function* generate(): AsyncGenerator<CsvRecord[], void> {
    let batch: CsvRecord[] = [];
    const add = (r: CsvRecord) => void batch.push(r);
    const take = (read: { ok: true } | { ok: false; error: string }) => {
      if (!read.ok) throw new RegisterError(read.error);
      const out = batch;
      batch = [];
      return out;
    };
    let bytes = head;
    let last = ended;
    for (;;) {
      const rows = take(reader.push(decode(bytes), add));
      if (rows.length > 0) yield rows;
      if (last) break;
      const next = await chunks.next();
      if (next.done) break;
      bytes = next.value;
      last = false;
    }
    const tail = reader.push(decode(undefined), add);
    if (!tail.ok) throw new RegisterError(tail.error);
    const rows = take(reader.end(add));
    if (rows.length > 0) yield rows;
  }
  const gen = generate() as Records;
  gen.dialect = () => reader.dialect!;
  return gen;
}
