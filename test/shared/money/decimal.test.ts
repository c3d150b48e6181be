import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  divRound,
  divRoundSafe,
  formatDecimal,
  parseDecimal,
  type RoundingMode,
} from "../../../shared/money/decimal";

describe("parseDecimal", () => {
  it.each([
    ["0", 0n, 0],
    ["-0", 0n, 0],
    ["1.0850", 10850n, 4],
    ["-12.5", -125n, 1],
    ["250000.00", 25000000n, 2],
    ["007", 7n, 0],
    ["123456789012345678901234567890.5", 1234567890123456789012345678905n, 1],
  ])("%s", (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ ok: true, value: { units, scale } });
  });

  it.each([
    ["12,5", '"12,5" is not a decimal number: use a dot for decimals and no thousands separators'],
    ["1,234.50", '"1,234.50" is not a decimal number: use a dot for decimals and no thousands separators'],
    ["1.234.567", '"1.234.567" is not a decimal number: use a dot for decimals and no thousands separators'],
    ["1'234", `"1'234" is not a decimal number: use a dot for decimals and no thousands separators`],
    ["", '"" is not a decimal number: it is empty'],
    [" 12", '" 12" is not a decimal number: remove the spaces'],
    ["1 234", '"1 234" is not a decimal number: remove the spaces'],
    ["1e5", '"1e5" is not a decimal number: write the number out in full, without an exponent'],
    ["1.5E-3", '"1.5E-3" is not a decimal number: write the number out in full, without an exponent'],
    ["+12", '"+12" is not a decimal number: leave out the plus sign'],
    [".5", '".5" is not a decimal number: write a digit before the dot (e.g. 0.5)'],
    ["5.", '"5." is not a decimal number: write digits after the dot or leave out the dot'],
    [
      "abc",
      '"abc" is not a decimal number: expected digits with an optional leading minus and an optional dot, e.g. 1234.50',
    ],
    [
      "--1",
      '"--1" is not a decimal number: expected digits with an optional leading minus and an optional dot, e.g. 1234.50',
    ],
  ])("rejects %j", (text, message) => {
    expect(parseDecimal(text)).toEqual({ ok: false, error: message });
  });

  it("shortens very long input in the message", () => {
    const r = parseDecimal("x".repeat(500));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(200);
  });
});

describe("formatDecimal", () => {
  it.each([
    [0n, 0, "0"],
    [5n, 2, "0.05"],
    [-5n, 2, "-0.05"],
    [10850n, 4, "1.0850"],
    [-125n, 1, "-12.5"],
    [1234n, 0, "1234"],
  ])("%s / 10^%i → %s", (units, scale, text) => {
    expect(formatDecimal({ units, scale })).toBe(text);
  });

  it("round-trips with parseDecimal", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 20 }), (units, scale) => {
        const text = formatDecimal({ units, scale });
        expect(parseDecimal(text)).toEqual({ ok: true, value: { units, scale } });
      }),
    );
  });

  it("throws on a negative scale", () => {
    expect(() => formatDecimal({ units: 1n, scale: -1 })).toThrow(RangeError);
  });
});

describe("divRound", () => {
  // [numerator, denominator, half-away-from-zero, half-even]
  const table: [bigint, bigint, bigint, bigint][] = [
    [25n, 10n, 3n, 2n],
    [-25n, 10n, -3n, -2n],
    [35n, 10n, 4n, 4n],
    [-35n, 10n, -4n, -4n],
    [15n, 10n, 2n, 2n],
    [-15n, 10n, -2n, -2n],
    [5n, 10n, 1n, 0n],
    [-5n, 10n, -1n, 0n],
    [24n, 10n, 2n, 2n],
    [26n, 10n, 3n, 3n],
    [-24n, 10n, -2n, -2n],
    [-26n, 10n, -3n, -3n],
    [20n, 10n, 2n, 2n],
    [0n, 7n, 0n, 0n],
    [25n, -10n, -3n, -2n],
    [-25n, -10n, 3n, 2n],
    [1n, 3n, 0n, 0n],
    [2n, 3n, 1n, 1n],
    [-2n, 3n, -1n, -1n],
  ];
  it.each(table)("%s / %s → %s (half away), %s (half even)", (n, d, away, even) => {
    expect(divRound(n, d, "half-away-from-zero")).toBe(away);
    expect(divRound(n, d, "half-even")).toBe(even);
    expect(divRoundSafe(Number(n), Number(d), "half-away-from-zero")).toBe(Number(away));
    expect(divRoundSafe(Number(n), Number(d), "half-even")).toBe(Number(even));
  });

  it("agrees with the number twin on safe integers and never returns -0", () => {
    const modes: RoundingMode[] = ["half-away-from-zero", "half-even"];
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...modes),
        (n, d, mode) => {
          const fast = divRoundSafe(n, d, mode);
          expect(fast).toBe(Number(divRound(BigInt(n), BigInt(d), mode)));
          expect(Object.is(fast, -0)).toBe(false);
        },
      ),
    );
  });

  it("is exact far beyond 2^53", () => {
    const big = 10n ** 40n + 5n;
    expect(divRound(big, 10n, "half-away-from-zero")).toBe(10n ** 39n + 1n);
    expect(divRound(big, 10n, "half-even")).toBe(10n ** 39n);
  });

  it("throws on division by zero", () => {
    expect(() => divRound(1n, 0n, "half-even")).toThrow(RangeError);
    expect(() => divRoundSafe(1, 0, "half-even")).toThrow(RangeError);
  });
});
