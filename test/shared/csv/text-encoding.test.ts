import { describe, expect, it } from "vitest";
import { encodeText, encodingName, sniffEncoding } from "../../../shared/csv/text-encoding";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("the encoding of a register file", () => {
  it("is told by the byte-order mark: UTF-8, UTF-16 LE, UTF-16 BE", () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({
      ok: true,
      value: { encoding: "utf-8", bom: true },
    });
    expect(sniffEncoding(bytes(0xff, 0xfe, 0x61, 0))).toEqual({
      ok: true,
      value: { encoding: "utf-16le", bom: true },
    });
    expect(sniffEncoding(bytes(0xfe, 0xff, 0, 0x61))).toEqual({
      ok: true,
      value: { encoding: "utf-16be", bom: true },
    });
    expect(sniffEncoding(bytes(0x61, 0x2c, 0x62))).toEqual({
      ok: true,
      value: { encoding: "utf-8", bom: false },
    });
    expect(encodingName({ encoding: "utf-16le", bom: true })).toBe("UTF-16 LE with BOM");
  });

  it("refuses UTF-16 without a byte-order mark with what to do, never NUL characters", () => {
    const r = sniffEncoding(Buffer.from("Vendor\tAmount\r\nDell\t10\r\n", "utf16le"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/UTF-16 text without a byte-order mark.*"CSV UTF-8" or "Unicode Text"/);
    expect(r.error).not.toContain("\u0000");
  });

  it("writes text back in UTF-16 in either byte order", () => {
    expect([...encodeText("Aé", "utf-16le")]).toEqual([0x41, 0, 0xe9, 0]);
    expect([...encodeText("Aé", "utf-16be")]).toEqual([0, 0x41, 0, 0xe9]);
    expect([...encodeText("é", "utf-8")]).toEqual([0xc3, 0xa9]);
  });
});
