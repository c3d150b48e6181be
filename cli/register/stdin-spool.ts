import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * A register given on standard input ("-") is copied to a temporary file first, streamed to disk,
 * then read as a file: a workbook cannot be unzipped from a pipe, and a date column whose first dates
 * read either way needs a second look at the rows after them (see `DateOrderRule`). Memory stays as
 * small as for a file; the copy is removed when the check ends.
 */
export async function spoolStdin(
  stdin: NodeJS.ReadableStream,
): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "headroom-stdin-"));
  const path = join(dir, "register");
  try {
    await pipeline(stdin, createWriteStream(path));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
