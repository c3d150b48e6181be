import type { TextEncoding } from "../../shared/csv/text-encoding";
import type { CommandOutput } from "../usage";

/** What is gathered before it is written: writes stay few and large, memory stays small. */
const FLUSH_CHARS = 1 << 16;

/**
 * Output gathered row by row and written in pieces of about 64 K characters, as text for people or
 * as data; data can be written in UTF-16 (for a register read in UTF-16). The row loop calls `add`
 * (no promise per row) and awaits `flushIfFull` now and then, which is where backpressure holds it.
 */
export class OutputBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly out: CommandOutput,
    private readonly kind: "text" | "data",
    private readonly encoding: TextEncoding = "utf-8",
  ) {}

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  get full(): boolean {
    return this.size >= FLUSH_CHARS;
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= FLUSH_CHARS) await this.flush();
  }

  /** Raw bytes (a byte-order mark), after what was added so far. */
  async bytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.out.data(bytes);
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (this.kind === "text") return this.out.text(text);
    if (this.encoding === "utf-8") return this.out.data(text);
    const bytes = Buffer.from(text, "utf16le");
    if (this.encoding === "utf-16be") bytes.swap16();
    return this.out.data(bytes);
  }
}
