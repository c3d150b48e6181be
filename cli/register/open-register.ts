import { open } from "node:fs/promises";
import { openCsvRegister } from "./csv-register";
import { RegisterError, type OpenOptions, type Register } from "./register";
import { openXlsxRegister } from "./xlsx-register";

/**
 * Opens a register file, whichever kind it is: an .xlsx workbook (a zip file, known by its first
 * bytes whatever its name), else CSV or tab-separated text. An old binary .xls workbook (or an
 * encrypted .xlsx, stored the same way) is refused with what to do.
 */
export async function openRegister(path: string, options: OpenOptions): Promise<Register> {
  const kind = await fileKind(path);
  if (kind === "ole") {
    throw new RegisterError(
      "the file is an Excel 97-2003 workbook (.xls) or a password-protected one, which Headroom does not read: save it as .xlsx (without a password) or as CSV UTF-8",
    );
  }
  if (kind === "zip") {
    if (options.delimiter !== undefined)
      throw new RegisterError("--delimiter is for CSV files; this file is an .xlsx workbook");
    return openXlsxRegister(path, options);
  }
  if (options.sheet !== undefined)
    throw new RegisterError("--sheet is for .xlsx workbooks; this file is text (CSV)");
  return openCsvRegister(path, options);
}

async function fileKind(path: string): Promise<"zip" | "ole" | "text"> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
      return "zip";
    if (bytesRead === 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1)
      return "ole";
    return "text";
  } finally {
    await handle.close();
  }
}
