import { describe, expect, it } from "vitest";
import { tokenize } from "../../../shared/terms/tokenize";

const brief = (input: string) => tokenize(input).map((t) => [t.kind, t.text, t.start, t.end]);

describe("tokenize", () => {
  it("keeps offsets into the original text", () => {
    expect(brief("  2%/10, Net-30 ")).toEqual([
      ["number", "2", 2, 3],
      ["percent", "%", 3, 4],
      ["slash", "/", 4, 5],
      ["number", "10", 5, 7],
      ["word", "net", 9, 12],
      ["number", "30", 13, 15],
    ]);
  });

  it("splits words glued to numbers", () => {
    expect(brief("net30 N30 30days 10EOM")).toEqual([
      ["word", "net", 0, 3],
      ["number", "30", 3, 5],
      ["word", "n", 6, 7],
      ["number", "30", 7, 9],
      ["number", "30", 10, 12],
      ["word", "days", 12, 16],
      ["number", "10", 17, 19],
      ["word", "eom", 19, 22],
    ]);
  });

  it("reads decimals, ordinals and dotted abbreviations; drops trailing dots", () => {
    expect(brief("1.5 15th E.O.M. Net 30.")).toEqual([
      ["number", "1.5", 0, 3],
      ["ordinal", "15th", 4, 8],
      ["word", "eom", 9, 14],
      ["word", "net", 16, 19],
      ["number", "30", 20, 22],
    ]);
    expect(tokenize("15th")[0]?.value).toBe(15);
  });

  it("keeps unknown runs whole so errors can point at them", () => {
    expect(brief("3O 30€ días")).toEqual([
      ["word", "3o", 0, 2],
      ["word", "30€", 3, 6],
      ["word", "días", 7, 11],
    ]);
  });

  it("returns nothing for blank or punctuation-only text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" \t, ; - ... ")).toEqual([]);
  });
});
