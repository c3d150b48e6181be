import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BLACK,
  contrastRatio,
  ensureContrast,
  mix,
  parseHexColor,
  softest,
  toHex,
  WHITE,
  type Rgb,
} from "../../../shared/color/contrast";

const rgb = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)) as fc.Arbitrary<Rgb>;

describe("WCAG contrast", () => {
  it("gives the ratios of the WCAG definition", () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // #767676 is the lightest grey that reaches AA on white.
    expect(contrastRatio(parseHexColor("#767676")!, WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseHexColor("#777777")!, WHITE)).toBeLessThan(4.5);
    // The old error text of the dark theme: #f3f2f1 on #fde7e9.
    expect(contrastRatio(parseHexColor("#f3f2f1")!, parseHexColor("#fde7e9")!)).toBeLessThan(1.2);
  });

  it("parses #rgb and #rrggbb only, and writes #rrggbb", () => {
    expect(parseHexColor("#0F6CBD")).toEqual([15, 108, 189]);
    expect(parseHexColor("#fff")).toEqual([255, 255, 255]);
    expect(parseHexColor("red")).toBeNull();
    expect(parseHexColor("#12345")).toBeNull();
    expect(toHex([15, 108, 189])).toBe("#0f6cbd");
  });

  it("keeps a colour that reaches the ratio and moves one that does not just far enough", () => {
    const blue: Rgb = [15, 108, 189];
    expect(ensureContrast(blue, [WHITE])).toEqual(blue);
    const fixed = ensureContrast(blue, [[31, 31, 31]]);
    expect(contrastRatio(fixed, [31, 31, 31])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(mix(fixed, blue, 0.1), [31, 31, 31])).toBeLessThan(4.6);
  });

  it("reaches 4.5:1 on any single background, and muted text stays at 4.5:1", () => {
    fc.assert(
      fc.property(rgb, rgb, (colour, bg) => {
        expect(contrastRatio(ensureContrast(colour, [bg]), bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(softest(colour, bg, [bg]), bg)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});
