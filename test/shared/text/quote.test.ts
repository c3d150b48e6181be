import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipText, MAX_SHOWN, quoteText, terminalSafe } from "../../../shared/text/quote";

describe("quoteText", () => {
  it("quotes short text as it is", () => {
    expect(quoteText("DELL INC.")).toBe('"DELL INC."');
  });

  it("shows at most 80 characters of a long value, then …", () => {
    const quoted = quoteText("x".repeat(5_000_000));
    expect(quoted).toBe(`"${"x".repeat(MAX_SHOWN)}…"`);
  });

  it("shows control characters and direction marks as escapes, so none reaches a terminal or a reader raw", () => {
    expect(quoteText("De\u001b[31mll")).toBe('"De\\u001b[31mll"');
    expect(quoteText("a\u009bb")).toBe('"a\\u009bb"');
    expect(quoteText("dell\u202Emoc.")).toBe('"dell\\u202emoc."');
  });

  it("never cuts a character made of two code units in half", () => {
    const text = "x".repeat(MAX_SHOWN - 1) + "😀😀";
    expect(quoteText(text)).toBe(`"${"x".repeat(MAX_SHOWN - 1)}…"`);
  });

  it("gives text that holds no control character and at most 80 characters of the value, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const quoted = quoteText(text);
        // eslint-disable-next-line no-control-regex -- what must never get through
        expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect((JSON.parse(quoted) as string).length).toBeLessThanOrEqual(MAX_SHOWN + 1);
      }),
    );
  });
});

describe("clipText and terminalSafe", () => {
  it("clipText removes control characters and clips", () => {
    expect(clipText("IT\u0007-HW\r\n")).toBe("IT-HW");
    expect(clipText("y".repeat(200))).toHaveLength(MAX_SHOWN + 1);
  });

  it("terminalSafe keeps tabs and line breaks and removes what would drive the terminal", () => {
    expect(terminalSafe("a\tb\nc\u001b[2Jd\u0007e\u009b31m\r")).toBe("a\tb\nc[2Jde31m");
  });
});
